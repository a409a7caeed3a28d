package formats

import (
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/ekatalog/ekatalog/catalog"
	"github.com/ekatalog/ekatalog/formats/bmecat"
	"github.com/ekatalog/ekatalog/formats/cif"
	"github.com/ekatalog/ekatalog/formats/cxml"
	"github.com/ekatalog/ekatalog/formats/jsoncat"
	"github.com/ekatalog/ekatalog/formats/tabout"
	"github.com/ekatalog/ekatalog/formats/ubl"
	"github.com/ekatalog/ekatalog/formats/ubl/peppol"
	"github.com/ekatalog/ekatalog/mappings"
)

// WriteOptions say how to write a target.
type WriteOptions struct {
	// Time is the document time of formats that carry one (cXML, CIF,
	// BMEcat) when the header has no issue date; zero means the clock.
	// With an issue date the output depends on the input only.
	Time time.Time
}

// FileWriteOptions gives formats that carry a document time (cXML, CIF,
// BMEcat) the input file's modification time for when its header has no
// issue date, so that converting the same file again gives the same bytes.
// Standard input ("-") gets the clock.
func FileWriteOptions(path string) WriteOptions {
	var wo WriteOptions
	if st, err := os.Stat(path); err == nil && path != "-" {
		wo.Time = st.ModTime().UTC().Truncate(time.Second)
	}
	return wo
}

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
	// Aliases are other names the target answers to.
	Aliases []string
	// Delta writes the target's update document (ekatalog diff --to): the
	// lines carry their action, add, update or delete. Nil: the target
	// has none. DeltaDoc says what the document is.
	Delta    func(w io.Writer, h catalog.Header, o WriteOptions) (Writer, error)
	DeltaDoc string
	// Profile is the built-in profile convert validates against when the
	// user names none: what the target's own validators demand ("" keeps
	// the input format's default).
	Profile string
	// Check, when set, returns the check that holds what the target's
	// writer writes to the target's rules, as it is written (see
	// OutputCheck); Rules names those rules ("" for a template's required
	// columns and code lists). A target without a check is checked by
	// nothing beyond its writer.
	Check func(h catalog.Header) OutputCheck
	Rules string
}

// OutputCheck checks a written file under its target's rules while it
// streams out: the pipeline tees every byte the writer writes into Write,
// tells Line of each line after the writer has had it, and calls Close
// after the writer's End (or when the conversion stops). Close returns the
// findings on the output: the rules' own IDs, Pos pointing into the output
// (XPath, or row and column), Line the source line that produced the
// finding (0 for the header). A check holds no more than a line of the
// output at a time. Close must be called once, whatever happened.
type OutputCheck interface {
	io.Writer
	Line(l *catalog.Line)
	// Close returns the findings on the written file: all counted, as
	// many kept as their Cap allows.
	Close() *catalog.Findings
}

// Checker is implemented by writers whose target needs some fields on every
// line. Missing returns the fields l lacks after the writer's own fallbacks
// (such as the header's currency); the pipeline reports them as
// TARGET-REQUIRED rather than letting the writer leave them blank silently.
type Checker interface {
	Missing(l *catalog.Line) catalog.FieldSet
}

// Dropper is implemented by writers that carry a field only in part (the
// UNSPSC code among a line's classifications): Dropped returns the fields of
// l that the target carries but not every value of which was written. The
// pipeline reports them with the fields the target has no place for
// (TARGET-DROPPED).
type Dropper interface {
	Dropped(l *catalog.Line) catalog.FieldSet
}

// Noter is implemented by writers that find, while writing, header values
// the target cannot hold as they stand (BMEcat's 20-character CATALOG_ID,
// its list of currencies): Findings returns what was cut, replaced or left
// out (TARGET-HEADER, TARGET-HEADER-DROPPED), and the pipeline adds it to
// the report once the document is written.
type Noter interface {
	Findings() []catalog.Finding
}

// PathDropper is implemented by writers that leave out source elements
// the target has no lawful place for (a UBL writer converting between
// PEPPOL and OIOUBL): DroppedPaths returns the paths left out of the header
// after Begin and of the line after Line. The pipeline reports them as
// TARGET-DROPPED with the path and the lines.
type PathDropper interface {
	DroppedPaths() []string
}

// newPeppolWriter writes PEPPOL BIS 3 with nothing outside the T19 data
// model.
func newPeppolWriter(w io.Writer, h catalog.Header, _ WriteOptions) (Writer, error) {
	wr, err := ubl.NewPeppolWriter(w, h)
	if err != nil {
		return nil, err
	}
	wr.SetModel(peppol.InModel)
	return wr, nil
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
		New:      func(w io.Writer, _ catalog.Header, _ WriteOptions) (Writer, error) { return jsoncat.NewWriter(w), nil },
		Delta:    func(w io.Writer, _ catalog.Header, _ WriteOptions) (Writer, error) { return jsoncat.NewWriter(w), nil },
		DeltaDoc: "canonical JSON, header action update, each line with its action (add, update, delete)",
	},
	{
		Name: "peppol-bis3", Description: "PEPPOL BIS Catalogue 3 (UBL 2.1 Catalogue, T19)", Extension: ".xml", Profile: "peppol-bis3",
		New: newPeppolWriter,
		// The update document is a Catalogue of line actions: the same writer.
		Delta:    newPeppolWriter,
		DeltaDoc: "a PEPPOL BIS 3 Catalogue with header ActionCode Update and line ActionCode Add, Update or Delete",
		Check:    func(catalog.Header) OutputCheck { return newUBLCheck("peppol-bis3") },
		Rules:    "PEPPOL BIS Catalogue 3 (T19 2026.5)",
	},
	{
		Name: "oioubl", Description: "OIOUBL 2.1 Catalogue (UBL 2.1, NemHandel)", Extension: ".xml", Profile: "oioubl",
		New: func(w io.Writer, h catalog.Header, _ WriteOptions) (Writer, error) { return ubl.NewOIOUBLWriter(w, h) },
		Delta: func(w io.Writer, h catalog.Header, _ WriteOptions) (Writer, error) {
			return ubl.NewOIOUBLDeltaWriter(w, h)
		},
		DeltaDoc: ubl.OIOUBLDeltaDoc,
		Check:    func(catalog.Header) OutputCheck { return newUBLCheck("oioubl") },
		Rules:    "OIOUBL 2.1 Catalogue (Schematron 1.17.2)",
	},
	{
		Name: "bmecat", Description: "BMEcat 2005 new catalogue (T_NEW_CATALOG)", Extension: ".xml", Carries: bmecat.Carries,
		New: func(w io.Writer, _ catalog.Header, o WriteOptions) (Writer, error) {
			return bmecat.NewWriter(w, o.Time), nil
		},
		Delta: func(w io.Writer, _ catalog.Header, o WriteOptions) (Writer, error) {
			return bmecat.NewUpdateWriter(w, o.Time), nil
		},
		DeltaDoc: "BMEcat 2005 T_UPDATE_PRODUCTS: PRODUCT mode new, update or delete",
	},
	{
		Name: "bmecat-1.2", Description: "BMEcat 1.2 new catalogue (T_NEW_CATALOG with ARTICLE), for importers that read 1.2", Extension: ".xml", Carries: bmecat.Carries12,
		New: func(w io.Writer, _ catalog.Header, o WriteOptions) (Writer, error) {
			return bmecat.NewWriter12(w, o.Time), nil
		},
		Delta: func(w io.Writer, _ catalog.Header, o WriteOptions) (Writer, error) {
			return bmecat.NewUpdateWriter12(w, o.Time), nil
		},
		DeltaDoc: "BMEcat 1.2 T_UPDATE_PRODUCTS: ARTICLE mode new, update or delete",
	},
	{
		Name: "cif", Description: "SAP Ariba CIF 3.0 catalogue (UNSPSC, UN units)", Extension: ".cif", Carries: cif.Carries,
		New: func(w io.Writer, _ catalog.Header, o WriteOptions) (Writer, error) {
			return cif.NewWriter(w, o.Time), nil
		},
		Delta: func(w io.Writer, _ catalog.Header, o WriteOptions) (Writer, error) {
			return cif.NewDeltaWriter(w, o.Time), nil
		},
		DeltaDoc: "a CIF 3.0 incremental load (LOADMODE: I): a row per added or changed item, the Delete field TRUE for a removed one",
	},
	{
		Name: "cxml", Description: "cXML 1.2.063 Index catalogue (IndexItemAdd/IndexItemDelete)", Extension: ".xml", Carries: cxml.Carries,
		New: func(w io.Writer, _ catalog.Header, o WriteOptions) (Writer, error) {
			return cxml.NewWriter(w, o.Time), nil
		},
		Delta: func(w io.Writer, _ catalog.Header, o WriteOptions) (Writer, error) {
			return cxml.NewWriter(w, o.Time), nil
		},
		DeltaDoc: "a cXML Index: IndexItemAdd for an added or changed item (an upsert), IndexItemDelete for a removed one",
	},
	builtinTemplate("csv-da", "csv"),
	builtinTemplate("csv-da-utf8"),
	builtinTemplate("csv-en"),
	builtinTemplate("xlsx-da", "xlsx"),
}

// DeltaTargetNames lists the targets that have an update document.
func DeltaTargetNames() string {
	var names []string
	for _, t := range Targets {
		if t.Delta != nil {
			names = append(names, t.Name)
		}
	}
	return strings.Join(names, ", ")
}

// builtinTemplate is the target of an embedded template
// (mappings/targets/NAME.json). The tests load every one, so a broken
// template fails them rather than the program.
func builtinTemplate(name string, aliases ...string) *Target {
	t, err := mappings.BuiltinTemplate(name)
	if err != nil {
		panic(err)
	}
	tg := TemplateTarget(t)
	tg.Aliases = aliases
	if len(aliases) > 0 {
		tg.Description += " (also: " + strings.Join(aliases, ", ") + ")"
	}
	return tg
}

// TemplateTarget is the target of a CSV or Excel import template.
func TemplateTarget(t *mappings.Template) *Target {
	return &Target{
		Name: t.Name, Description: t.Description, Extension: tabout.Extension(t), Carries: tabout.Carries(t),
		New: func(w io.Writer, _ catalog.Header, _ WriteOptions) (Writer, error) {
			return tabout.NewWriter(w, t), nil
		},
		Check: func(h catalog.Header) OutputCheck { return tabout.NewCheck(t, h) },
		// Rules "": the template's own required columns and code lists.
	}
}

// TargetByName returns the target with the name or alias. A name ending in
// .json is a template file of the user's own (schemas/target.schema.json),
// checked against the schema so that a problem is named by its JSON path.
func TargetByName(name string) (*Target, error) {
	for _, t := range Targets {
		if t.Name == name {
			return t, nil
		}
	}
	for _, t := range Targets {
		for _, a := range t.Aliases {
			if a == name {
				return t, nil
			}
		}
	}
	if strings.HasSuffix(strings.ToLower(name), ".json") {
		b, err := os.ReadFile(name)
		if err != nil {
			return nil, fmt.Errorf("target file %s: %w", name, unwrapPath(err))
		}
		t, err := mappings.ParseTemplate(name, b)
		if err != nil {
			return nil, err
		}
		return TemplateTarget(t), nil
	}
	var names []string
	for _, t := range Targets {
		names = append(names, t.Name)
	}
	return nil, fmt.Errorf("unknown target %q (known: %s, or a template file ending in .json)", name, strings.Join(names, ", "))
}

func unwrapPath(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		if os.IsNotExist(err) {
			return fmt.Errorf("no such file")
		}
		return pe.Err
	}
	return err
}
