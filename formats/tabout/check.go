package tabout

import (
	"github.com/ekatalog/ekatalog/catalog"
	"github.com/ekatalog/ekatalog/catalog/check"
	"github.com/ekatalog/ekatalog/mappings"
)

// Check holds a template's file to the template's rules as it is written:
// every required column has a value on every row (OUTPUT-REQUIRED), and
// the columns that take codes hold codes (OUTPUT-CODE): units spelled in
// the template's unit style, ISO 4217 currencies, ISO 3166 countries. It
// looks at the cells the writer writes for each line, computed by the same
// compiled columns; it keeps no more than its findings.
type Check struct {
	t     *mappings.Template
	cols  []column
	h     catalog.Header
	row   int // the output row of the next line (the header row is 1)
	found catalog.Findings
}

// NewCheck returns the check of the file a template's writer writes for
// a catalogue with the header.
func NewCheck(t *mappings.Template, h catalog.Header) *Check {
	c := &Check{t: t, h: h, row: 1}
	c.cols = compile(t, &c.h)
	return c
}

// Write takes the written bytes; the check works on the cells (Line).
func (c *Check) Write(p []byte) (int, error) { return len(p), nil }

// Line checks the row written for l.
func (c *Check) Line(l *catalog.Line) {
	c.row++
	for i, col := range c.cols {
		v := col.get(l)
		pos := catalog.Pos{Row: c.row, Col: i + 1}
		if c.t.Format == "xlsx" {
			pos.ColName = catalog.ColumnLetter(i + 1)
		}
		field := ""
		if col.field != catalog.FieldNone {
			field = col.field.String()
		}
		if col.required && !v.num && v.s == "" {
			c.add(catalog.Finding{Rule: catalog.RuleOutputRequired, Severity: catalog.Error, Line: l.Src.Line, Pos: pos, Field: field,
				Args: []string{col.header, c.t.Name}})
			continue
		}
		if v.num || v.s == "" {
			continue
		}
		ok := true
		switch col.field {
		case catalog.FieldUnit, catalog.FieldContentUnit:
			ok = !l.Bad.Has(col.field) // a unit the vocabulary does not know is written as the supplier wrote it
		case catalog.FieldCurrency:
			ok = check.Currency(v.s)
		case catalog.FieldOriginCountry:
			ok = check.Country(v.s)
		}
		if !ok {
			c.add(catalog.Finding{Rule: catalog.RuleOutputCode, Severity: catalog.Error, Line: l.Src.Line, Pos: pos, Field: field, Value: v.s,
				Args: []string{v.s, col.header, c.t.Name}})
		}
	}
}

func (c *Check) add(f catalog.Finding) { c.found.Add(f) }

// Close returns the findings on the written file.
func (c *Check) Close() *catalog.Findings { return &c.found }
