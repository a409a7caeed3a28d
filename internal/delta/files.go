package delta

import (
	"fmt"
	"io"

	"github.com/ekatalog/ekatalog/catalog"
	"github.com/ekatalog/ekatalog/formats"
	"github.com/ekatalog/ekatalog/internal/source"
)

// open opens an input; its source has the --header data merged over
// the input's own header.
func open(name string, po source.Options) (*source.Source, Source, error) {
	src, err := source.Open(name, po)
	if err != nil {
		return nil, nil, err
	}
	h := src.Header()
	lang := ""
	if uc, ok := src.Reader.(catalog.UnitContext); ok {
		lang = uc.UnitLanguage()
	}
	return src, headerOver{Source: src.Reader, h: h, lang: lang}, nil
}

// headerOver is a source with another header whose lines are normalised;
// Unwrap gives the reader,
// whose kind (UBL document, BMEcat transaction, cXML, CIF) partialOf and
// Apply look at.
type headerOver struct {
	Source
	h    catalog.Header
	lang string // the language of the file's headers, for unit words
}

func (s headerOver) Header() catalog.Header { return s.h }

// Next reads a line and makes its action and units canonical, as
// validation does before convert writes a line (catalog.Normalize).
func (s headerOver) Next(l *catalog.Line) error {
	if err := s.Source.Next(l); err != nil {
		return err
	}
	catalog.Normalize(l, s.lang)
	return nil
}

// Unwrap returns the reader under the header.
func (s headerOver) Unwrap() Source { return s.Source }

// TargetWriter returns the begin function of Changes and Apply for a
// target: its update document writer (Target.Delta) for an update, its
// ordinary writer for a whole catalogue.
func TargetWriter(t *formats.Target, w io.Writer, o formats.WriteOptions, update bool) (func(catalog.Header) (formats.Writer, error), error) {
	if !update {
		return func(h catalog.Header) (formats.Writer, error) { return t.New(w, h, o) }, nil
	}
	if t.Delta == nil {
		return nil, fmt.Errorf("the target %s has no update document (targets with one: %s)", t.Name, formats.DeltaTargetNames())
	}
	return func(h catalog.Header) (formats.Writer, error) { return t.Delta(w, h, o) }, nil
}

// DiffFiles reads OLD and NEW (as diff does: OLD held, NEW streamed) and
// writes the changes to out as the target's update document.
func DiffFiles(oldName, newName string, oo, no source.Options, t *formats.Target, out io.Writer, wo formats.WriteOptions) (Summary, error) {
	begin, err := TargetWriter(t, out, wo, true)
	if err != nil {
		return Summary{}, err
	}
	old, os, err := open(oldName, oo)
	if err != nil {
		return Summary{}, err
	}
	defer old.Close()
	nw, ns, err := open(newName, no)
	if err != nil {
		return Summary{}, err
	}
	defer nw.Close()
	return Changes(old.Name, os, nw.Name, ns, begin, Options{Carries: t.Carries, SizeHint: sizeHint(old), Target: t})
}

// ApplyFiles applies the update files to BASE in order and writes the
// whole catalogue to out in the target's format.
func ApplyFiles(baseName string, updates []string, bo, uo source.Options, t *formats.Target, out io.Writer, wo formats.WriteOptions) (ApplySummary, []catalog.Finding, error) {
	begin, _ := TargetWriter(t, out, wo, false)
	base, bs, err := open(baseName, bo)
	if err != nil {
		return ApplySummary{}, nil, err
	}
	defer base.Close()
	var us []Update
	for _, name := range updates {
		u, us1, err := open(name, uo)
		if err != nil {
			return ApplySummary{}, nil, err
		}
		defer u.Close()
		us = append(us, Update{Name: u.Name, Source: us1})
	}
	return Apply(base.Name, bs, us, begin, ApplyOptions{SizeHint: sizeHint(base), Target: t})
}

// sizeHint guesses the bytes the records of a file take, so that the
// arena is allocated once (pages never written cost no memory): twice the
// file's size for text, more for a compressed workbook.
func sizeHint(src *source.Source) int {
	n := src.Size * 2 // a record, all fields with their lengths, runs longer than the text
	if src.Format.Resident {
		n *= 8
	}
	return int(min(n, 1<<30))
}
