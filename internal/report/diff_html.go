package report

import (
	_ "embed"
	"html/template"
	"io"

	"github.com/ekatalog/ekatalog/catalog"
	"github.com/ekatalog/ekatalog/internal/diff"
)

//go:embed diff.html.tmpl
var diffHTML string

// printDiffHTML writes one self-contained page with the style of
// compare's; html/template escapes every value taken from the files.
func printDiffHTML(w io.Writer, r *diff.Result, o Options) error {
	lang := o.Lang
	t, err := template.New("diff").Funcs(resultFuncs(lang)).Funcs(template.FuncMap{
		"whereOld":     func(line, row int) string { return lineWhere(r.OldFormat, line, row, lang) },
		"whereNew":     func(line, row int) string { return lineWhere(r.NewFormat, line, row, lang) },
		"label":        func(f string) string { return catalog.FieldLabel(f, lang) },
		"value":        func(f diff.FieldChange, v string) string { return fieldValue(f, v, lang) },
		"percent":      func(p *float64) string { return priceChange(*p, lang) },
		"buckets":      func() []string { return bucketLabels(lang) },
		"fieldChanges": sortedFieldChanges,
		"problem":      func(p catalog.Finding) []string { return []string{problemWhere(&p, lang), p.Message(lang)} },
		"price": func(c diff.Change) []string {
			o, n := priceOf(&c)
			return []string{fieldValue(diff.FieldChange{Numeric: true}, o, lang), fieldValue(diff.FieldChange{Numeric: true}, n, lang)}
		},
	}).Parse(diffHTML)
	if err != nil {
		return err
	}
	return t.Execute(w, r)
}
