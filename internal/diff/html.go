package diff

import (
	_ "embed"
	"html/template"
	"io"

	"github.com/ekatalog/ekatalog/catalog"
	"github.com/ekatalog/ekatalog/internal/compare"
	"github.com/ekatalog/ekatalog/internal/report"
)

//go:embed diff.html.tmpl
var diffHTML string

// printHTML writes one self-contained page with the style of compare's;
// html/template escapes every value taken from the files.
func printHTML(w io.Writer, r *Result, lang string) error {
	t, err := template.New("diff").Funcs(compare.Funcs(lang)).Funcs(template.FuncMap{
		"whereOld": func(line, row int) string { return where(r.OldFormat, line, row, lang) },
		"whereNew": func(line, row int) string { return where(r.NewFormat, line, row, lang) },
		"label":    func(f string) string { return FieldLabel(f, lang) },
		"value":    func(f FieldChange, v string) string { return f.Value(v, lang) },
		"percent":  func(p *float64) string { return Percent(*p, lang) },
		"buckets":  func() []string { return BucketLabels(lang) },
		"sev":      func(s catalog.Severity) string { return report.SeverityLabel(s, lang) },
		"problem":  func(p Problem) []string { return []string{p.Where(r, lang), p.Message(lang)} },
		"price": func(c Change) []string {
			o, n := c.PriceOf()
			return []string{FieldChange{Numeric: true}.Value(o, lang), FieldChange{Numeric: true}.Value(n, lang)}
		},
	}).Parse(diffHTML)
	if err != nil {
		return err
	}
	return t.Execute(w, r)
}
