package diff

import (
	"fmt"
	"strings"

	"github.com/ekatalog/ekatalog/catalog"
	"github.com/ekatalog/ekatalog/internal/compare"
	"github.com/ekatalog/ekatalog/internal/report"
)

// Printers lists the report formats of diff.
var Printers = compare.PrinterList[*Result]{
	{Name: "text", Description: "counts, the price distribution and every change, for the terminal", Print: printText},
	{Name: "json", Description: "the same as JSON (schemas/diff.schema.json)", Print: printJSON},
	{Name: "html", Description: "a self-contained web page for people", Print: printHTML},
}

// PrinterByName returns the printer of a format.
func PrinterByName(name string) (*compare.Printer[*Result], error) { return Printers.ByName(name) }

// PrinterNames lists the report formats.
func PrinterNames() []string { return Printers.Names() }

// Identical reports whether the versions have the same lines, and both
// were read without error.
func (r *Result) Identical() bool {
	s := r.Summary
	if r.Error != "" || s.Added != 0 || s.Removed != 0 || s.Changed != 0 {
		return false
	}
	for _, p := range r.Problems {
		if p.Severity == catalog.Error {
			return false
		}
	}
	return r.Omitted["problems"] == 0
}

// Where says where a reading problem is: "old: row 7, column C".
func (p *Problem) Where(r *Result, lang string) string {
	file := report.T(lang, "new", "ny")
	if p.File == "old" {
		file = report.T(lang, "old", "gammel")
	}
	if w := p.Finding.Where(lang); w != "" {
		return file + ": " + w
	}
	return file
}

// FieldLabel is a field's name for people in the language.
func FieldLabel(name, lang string) string { return catalog.FieldLabel(name, lang) }

// BucketLabels name the size classes of price changes: "≤ 1 %", …, "> 25 %".
func BucketLabels(lang string) []string {
	var out []string
	for _, b := range Buckets {
		out = append(out, "≤ "+num(lang, b)+" %")
	}
	return append(out, "> "+num(lang, Buckets[len(Buckets)-1])+" %")
}

func num(lang string, x float64) string {
	s := fmt.Sprint(x)
	if lang == "da" {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

// Value shows a field value: numbers with a decimal comma in Danish, an
// empty value as "—".
func (f FieldChange) Value(v, lang string) string {
	if v == "" {
		return "—"
	}
	if f.Numeric && lang == "da" {
		return strings.Replace(v, ".", ",", 1)
	}
	return v
}
