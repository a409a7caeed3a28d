package formats

import (
	"fmt"
	"io"

	"github.com/ekatalog/ekatalog/catalog"
	"github.com/ekatalog/ekatalog/formats/jsoncat"
	"github.com/ekatalog/ekatalog/formats/ubl"
)

// WriteOptions say how to write a target.
type WriteOptions struct{}

// Target is an output format of convert and batch.
type Target struct {
	Name        string
	Description string
	Extension   string
	New         func(w io.Writer, h catalog.Header, o WriteOptions) (Writer, error)
	// Carries is the set of line fields the format has a place for; the
	// pipeline reports every other field a line has (nothing is lost
	// silently). Zero means all fields.
	Carries catalog.FieldSet
}

// Checker is implemented by writers whose target needs some fields on every
// line. Missing returns the fields l lacks after the writer's own fallbacks
// (such as the header's currency); the pipeline reports them as
// TARGET-REQUIRED rather than letting the writer leave them blank silently.
type Checker interface {
	Missing(l *catalog.Line) catalog.FieldSet
}

// AllFields is the set of every canonical line field.
const AllFields = ^catalog.FieldSet(0)

// Fields returns the set of the given fields.
func Fields(fs ...catalog.Field) catalog.FieldSet {
	var s catalog.FieldSet
	for _, f := range fs {
		s.Add(f)
	}
	return s
}

// Targets lists the output formats.
var Targets = []*Target{
	{
		Name: "json", Description: "ekatalog canonical catalogue JSON (schemas/catalogue.schema.json)", Extension: ".json",
		New: func(w io.Writer, _ catalog.Header, _ WriteOptions) (Writer, error) { return jsoncat.NewWriter(w), nil },
	},
	{
		Name: "peppol-bis3", Description: "PEPPOL BIS Catalogue 3 (UBL 2.1 Catalogue, T19)", Extension: ".xml",
		New: func(w io.Writer, h catalog.Header, _ WriteOptions) (Writer, error) { return ubl.NewPeppolWriter(w, h) },
	},
	{
		Name: "oioubl", Description: "OIOUBL 2.1 Catalogue (UBL 2.1, NemHandel)", Extension: ".xml",
		New: func(w io.Writer, h catalog.Header, _ WriteOptions) (Writer, error) { return ubl.NewOIOUBLWriter(w, h) },
	},
}

// TargetByName returns the target with the name.
func TargetByName(name string) (*Target, error) {
	for _, t := range Targets {
		if t.Name == name {
			return t, nil
		}
	}
	var names []string
	for _, t := range Targets {
		names = append(names, t.Name)
	}
	return nil, fmt.Errorf("unknown target %q (known: %v)", name, names)
}
