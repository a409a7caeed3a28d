package report

import (
	_ "embed"
	"html/template"
	"io"

	"github.com/ekatalog/ekatalog/catalog"
	"github.com/ekatalog/ekatalog/internal/compare"
)

// resultStyle is the style sheet of the self-contained HTML reports of
// compare and diff: no file, font or script is fetched.
//
//go:embed style.css
var resultStyle template.CSS

//go:embed compare.html.tmpl
var compareHTML string

// resultFuncs are the template functions of the HTML reports of compare
// and diff in one language.
func resultFuncs(lang string) template.FuncMap {
	return template.FuncMap{
		"T":      func(en, da string) string { return T(lang, en, da) },
		"money":  func(x float64) string { return money(lang, x) },
		"number": func(x float64, d int) string { return Number(lang, x, d) },
		"style":  func() template.CSS { return resultStyle },
		"lang":   func() string { return lang },
		"sev":    func(s catalog.Severity) string { return SeverityLabel(s, lang) },
	}
}

var compareTmpl = func(lang string) *template.Template {
	return template.Must(template.New("compare").Funcs(resultFuncs(lang)).Funcs(template.FuncMap{
		"groups":  compareGroups,
		"where":   func(f *catalog.Finding) string { return compareWhere(f, lang) },
		"message": func(f *catalog.Finding) string { return f.Message(lang) },
		"pos":     func(d compare.Deviation) string { return posWhere(d.Pos, d.Line, lang) },
		"verdict": func(r *compare.Result) string { return compareVerdict(r, lang) },
	}).Parse(compareHTML))
}

// printCompareHTML writes one self-contained page; html/template escapes
// every value taken from the files.
func printCompareHTML(w io.Writer, r *compare.Result, o Options) error {
	return compareTmpl(o.Lang).Execute(w, r)
}
