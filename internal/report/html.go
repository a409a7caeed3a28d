package report

import (
	"bufio"
	_ "embed"
	"html/template"
	"io"
	"maps"
	"slices"
	"strconv"

	"github.com/ekatalog/ekatalog/catalog"
)

// The HTML report is one self-contained page: inline CSS, inline SVG, no
// script and no external asset, so it can be mailed to a supplier or opened
// from a file share. html/template escapes every piece of catalogue text.

//go:embed html.tmpl
var htmlTemplate string

var htmlTmpl = template.Must(template.New("report").Funcs(template.FuncMap{
	"add": func(a, b int) int { return a + b },
	"ctx": func(p htmlPage, r htmlReport) htmlCtx { return htmlCtx{Page: p, R: r} },
}).Parse(htmlTemplate))

// DefaultHTMLRows bounds the findings table of one report in the HTML page;
// the JSON report lists them all.
const DefaultHTMLRows = 2000

// htmlPage is what the template renders.
type htmlPage struct {
	Lang    string
	Title   string
	Reports []htmlReport
	Multi   bool
	L       htmlLabels
}

// htmlCtx is one report with the page it is on (for the labels).
type htmlCtx struct {
	Page htmlPage
	R    htmlReport
}

type htmlReport struct {
	ID        string
	File      string
	Format    string
	Profile   string
	Error     string
	Compliant bool
	Verdict   string
	// Output is the verdict on a conversion's written file; OutputFailed
	// marks it red.
	Output       string
	OutputFailed bool
	Summary      catalog.Summary
	Rules        []htmlRule
	Chart        *htmlChart
	Rows         []htmlFinding
	// More is how many findings the table leaves out (limits of the
	// report and of the page).
	More int
}

type htmlRule struct {
	Rule, Severity, SevClass, Example string
	Count                             int
}

type htmlFinding struct {
	Severity, SevClass, Rule, Where, Field, Value, Message string
	Line, Row                                              int
	Column                                                 string
}

// htmlChart is the field-completeness bar chart, laid out in Go so the
// template only places numbers.
type htmlChart struct {
	Width, Height int
	LabelWidth    int
	BarWidth      int
	Bars          []htmlBar
	Ticks         []htmlTick
}

type htmlBar struct {
	Label                 string
	Y, TextY              int
	PresentW, ValidW      int
	PresentPct, ValidPct  string
	PresentText, ValidTxt string
}

type htmlTick struct {
	X     int
	Label string
}

// htmlLabels are the page's words in the report's language.
type htmlLabels struct {
	Title, Overview, File, Format, Profile, Verdict, Lines, Errors, Warnings, Notes, LinesWithErrors,
	ReadError, PerRule, Rule, Severity, Count, Example, Completeness, CompletenessNote, Present, Valid,
	Findings, Line, Row, Column, Field, Value, Message, NoFindings, More, Generated string
}

func labels(lang string) htmlLabels {
	return htmlLabels{
		Title:            T(lang, "Catalogue compliance report", "Rapport over katalogets overholdelse"),
		Overview:         T(lang, "Overview", "Oversigt"),
		File:             T(lang, "File", "Fil"),
		Format:           T(lang, "Format", "Format"),
		Profile:          T(lang, "Profile", "Profil"),
		Verdict:          T(lang, "Result", "Resultat"),
		Lines:            T(lang, "Lines", "Linjer"),
		Errors:           T(lang, "Errors", "Fejl"),
		Warnings:         T(lang, "Warnings", "Advarsler"),
		Notes:            T(lang, "Notes", "Bemærkninger"),
		LinesWithErrors:  T(lang, "Lines with errors", "Linjer med fejl"),
		ReadError:        T(lang, "The file could not be read to the end", "Filen kunne ikke læses til ende"),
		PerRule:          T(lang, "Findings per rule", "Fund pr. regel"),
		Rule:             T(lang, "Rule", "Regel"),
		Severity:         T(lang, "Severity", "Alvor"),
		Count:            T(lang, "Count", "Antal"),
		Example:          T(lang, "First example", "Første eksempel"),
		Completeness:     T(lang, "Field completeness", "Udfyldelse af felter"),
		CompletenessNote: T(lang, "Share of all lines on which the field is filled in, and on which its value is valid.", "Andel af alle linjer, hvor feltet er udfyldt, og hvor værdien er gyldig."),
		Present:          T(lang, "filled in", "udfyldt"),
		Valid:            T(lang, "valid", "gyldig"),
		Findings:         T(lang, "Findings", "Fund"),
		Line:             T(lang, "Line", "Linje"),
		Row:              T(lang, "Row", "Række"),
		Column:           T(lang, "Column / XPath", "Kolonne / XPath"),
		Field:            T(lang, "Field", "Felt"),
		Value:            T(lang, "Value", "Værdi"),
		Message:          T(lang, "Message", "Besked"),
		NoFindings:       T(lang, "No findings.", "Ingen fund."),
		More:             T(lang, "more findings are not listed here; the JSON report (--format json) lists every finding kept.", "fund mere er ikke vist her; JSON-rapporten (--format json) viser alle gemte fund."),
		Generated:        T(lang, "Made by ekatalog", "Lavet af ekatalog"),
	}
}

func sevClass(s catalog.Severity) string { return s.String() }

// buildHTMLReport turns a report into the template's view of it.
func buildHTMLReport(r *catalog.Report, id int, o Options) htmlReport {
	lang := o.Lang
	maxRows := o.MaxHTMLRows
	if maxRows == 0 {
		maxRows = DefaultHTMLRows
	}
	hr := htmlReport{
		ID: "r" + strconv.Itoa(id), File: r.File, Format: r.Format, Profile: r.Profile, Error: r.Error,
		Compliant: r.Summary.Compliant, Summary: r.Summary,
		Verdict: T(lang, "COMPLIANT", "OVERHOLDER PROFILEN"),
	}
	if !hr.Compliant {
		hr.Verdict = T(lang, "NOT COMPLIANT", "OVERHOLDER IKKE PROFILEN")
	}
	hr.Output, hr.OutputFailed = OutputVerdict(r, lang), r.Output.Failed()
	for _, g := range ByRule(r) {
		ex := ""
		if len(g.Findings) > 0 {
			f := g.Findings[0]
			ex = f.Message(lang)
			if w := f.Where(lang); w != "" {
				ex = w + ": " + ex
			}
		}
		hr.Rules = append(hr.Rules, htmlRule{Rule: g.Rule, Severity: SeverityLabel(g.Severity, lang), SevClass: sevClass(g.Severity),
			Count: len(g.Findings) + r.Omitted[g.Rule], Example: ex})
	}
	// Rules whose every finding is beyond the report's limits.
	for _, rule := range slices.Sorted(maps.Keys(r.Omitted)) {
		if slices.ContainsFunc(hr.Rules, func(h htmlRule) bool { return h.Rule == rule }) {
			continue
		}
		sev := catalog.Warning
		if def := catalog.RuleByID(rule); def != nil {
			sev = def.Severity
		}
		hr.Rules = append(hr.Rules, htmlRule{Rule: rule, Severity: SeverityLabel(sev, lang), SevClass: sevClass(sev), Count: r.Omitted[rule]})
	}
	hr.Chart = completenessChart(r, lang)
	for i := range r.Findings {
		if i == maxRows {
			break
		}
		f := &r.Findings[i]
		hr.Rows = append(hr.Rows, htmlFinding{Severity: SeverityLabel(f.Severity, lang), SevClass: sevClass(f.Severity), Rule: f.RuleID(),
			Line: f.Line, Row: f.Pos.Row, Column: column(f), Field: f.Field, Value: f.Value, Message: f.Message(lang)})
	}
	hr.More = len(r.Findings) - len(hr.Rows)
	for _, n := range r.Omitted {
		hr.More += n
	}
	return hr
}

// completenessChart lays out one horizontal bar pair per tracked field:
// the share of lines where it is present, and where it is valid.
func completenessChart(r *catalog.Report, lang string) *htmlChart {
	if r.Summary.Lines == 0 || r.Tracked == 0 {
		return nil
	}
	const (
		labelW = 230
		barW   = 400
		rowH   = 26
		top    = 24
	)
	c := &htmlChart{LabelWidth: labelW, BarWidth: barW, Width: labelW + barW + 150}
	for _, p := range []int{0, 25, 50, 75, 100} {
		c.Ticks = append(c.Ticks, htmlTick{X: labelW + barW*p/100, Label: strconv.Itoa(p) + "%"})
	}
	y := top
	for f := range catalog.Fields {
		if !r.Tracked.Has(catalog.Field(f)) {
			continue
		}
		st := r.Fields[f]
		n := r.Summary.Lines
		b := htmlBar{
			Label: catalog.FieldLabel(catalog.Field(f).String(), lang), Y: y, TextY: y + 15,
			PresentW: barW * st.Present / n, ValidW: barW * st.Valid / n,
		}
		b.PresentPct = percent(st.Present, n, lang)
		b.ValidPct = percent(st.Valid, n, lang)
		c.Bars = append(c.Bars, b)
		y += rowH
	}
	c.Height = y + 8
	return c
}

// percent writes a share as people of the language do: "90.5%", "90,5 %".
func percent(part, whole int, lang string) string {
	s := catalog.DecimalComma(lang, strconv.FormatFloat(100*float64(part)/float64(whole), 'f', 1, 64))
	if lang == "da" {
		return s + "\u00a0%"
	}
	return s + "%"
}

func newPage(reps []*catalog.Report, o Options) htmlPage {
	p := htmlPage{Lang: o.Lang, L: labels(o.Lang), Multi: len(reps) > 1}
	if p.Lang == "" {
		p.Lang = "en"
	}
	p.Title = p.L.Title
	if len(reps) == 1 {
		p.Title += ": " + reps[0].File
	}
	for i, r := range reps {
		p.Reports = append(p.Reports, buildHTMLReport(r, i+1, o))
	}
	return p
}

// printHTML writes one page for all the reports, an overview first when
// there are several.
func printHTML(out io.Writer, reps []*catalog.Report, o Options) error {
	w := bufio.NewWriterSize(out, 64<<10)
	if err := htmlTmpl.ExecuteTemplate(w, "page", newPage(reps, o)); err != nil {
		return err
	}
	return w.Flush()
}

// HTMLPage writes the reports as one self-contained HTML page: what
// `--format html` prints, for callers such as the web service.
func HTMLPage(w io.Writer, reps []*catalog.Report, o Options) error { return printHTML(w, reps, o) }

// HTMLFragment writes one report as an HTML fragment (a <section> with its
// own <style>), for embedding in a page of the caller's.
func HTMLFragment(w io.Writer, r *catalog.Report, o Options) error {
	p := newPage([]*catalog.Report{r}, o)
	return htmlTmpl.ExecuteTemplate(w, "fragment", p)
}
