package compare

import (
	_ "embed"
	"html/template"
	"io"

	"github.com/ekatalog/ekatalog/catalog"
	"github.com/ekatalog/ekatalog/internal/report"
)

// Style is the style sheet of the self-contained HTML reports of compare
// and diff: no file, font or script is fetched.
//
//go:embed style.css
var Style template.CSS

//go:embed compare.html.tmpl
var compareHTML string

// Funcs are the template functions of the HTML reports in one language.
func Funcs(lang string) template.FuncMap {
	return template.FuncMap{
		"T":      func(en, da string) string { return report.T(lang, en, da) },
		"money":  func(x float64) string { return Money(lang, x) },
		"number": func(x float64, d int) string { return Number(lang, x, d) },
		"style":  func() template.CSS { return Style },
		"lang":   func() string { return lang },
	}
}

var compareTmpl = func(lang string) *template.Template {
	return template.Must(template.New("compare").Funcs(Funcs(lang)).Funcs(template.FuncMap{
		"sev":     func(s catalog.Severity) string { return report.SeverityLabel(s, lang) },
		"where":   func(f *Finding) string { return f.Where(lang) },
		"message": func(f *Finding) string { return f.Message(lang) },
		"pos":     func(d Deviation) string { return posWhere(d.Pos, d.Line, lang) },
		"verdict": func(r *Result) string { return r.Verdict(lang) },
	}).Parse(compareHTML))
}

// printHTML writes one self-contained page; html/template escapes every
// value taken from the files.
func printHTML(w io.Writer, r *Result, lang string) error {
	return compareTmpl(lang).Execute(w, r)
}
