package report

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/ekatalog/ekatalog/catalog"
	"github.com/ekatalog/ekatalog/formats"
	"github.com/ekatalog/ekatalog/internal/compare"
	"github.com/ekatalog/ekatalog/internal/diff"
)

// Printer is one report format: text, JSON, HTML or XLSX. It writes every
// kind of result the commands make: validation reports (validate, convert,
// batch, the server), comparisons (compare) and diffs (diff). A print
// function is nil where the format does not serve that kind; For says so.
type Printer struct {
	Name string
	// Description says what the format writes for validation reports.
	Description string
	Extension   string
	// Print writes validation reports: one or more catalogues' reports.
	Print func(w io.Writer, reps []*catalog.Report, o Options) error
	// Compare writes a comparison with an agreement.
	Compare func(w io.Writer, r *compare.Result, o Options) error
	// Diff writes what changed between two versions of a catalogue.
	Diff func(w io.Writer, r *diff.Result, o Options) error
	// Binary printers are not for a terminal.
	Binary bool
}

// Kind is a kind of result a printer writes.
type Kind uint8

// The kinds of results.
const (
	Reports     Kind = iota // validation reports: Printer.Print
	Comparisons             // Printer.Compare
	Diffs                   // Printer.Diff
)

var kindNames = [...]string{Reports: "validation reports", Comparisons: "compare", Diffs: "diff"}

func (k Kind) String() string { return kindNames[k] }

// Serves reports whether the printer writes results of the kind.
func (p *Printer) Serves(k Kind) bool {
	switch k {
	case Comparisons:
		return p.Compare != nil
	case Diffs:
		return p.Diff != nil
	}
	return p.Print != nil
}

// Options for printing.
type Options struct {
	Lang string // "en" or "da"
	// MaxPerRule bounds the example findings a text report lists per rule
	// (or, for a diff, the lines per kind); 0 lists 5 per rule of a
	// validation report, 20 of a comparison, 50 lines of a diff.
	MaxPerRule int
	// MaxHTMLRows bounds the findings table of each report in the HTML
	// page; 0 means DefaultHTMLRows.
	MaxHTMLRows int
	// Inputs says where the inputs of the reports can be read again, so
	// that the xlsx report can give the supplier's own rows back: the
	// path of the file a report's File names, "" when it is not at hand.
	// nil lists the findings only. See AsNamed and At.
	Inputs func(file string) string
	// Limits bound what reading an input again may make its format hold,
	// as they bound the read that made the report.
	Limits formats.Limits
}

// AsNamed finds every input where its report names it: the files of the
// command line ("-" is standard input, which cannot be read again).
func AsNamed(file string) string { return file }

// At finds the inputs at the paths given for their reports' names (the
// web service keeps uploads in temporary files under other names); no
// other input is at hand.
func At(paths map[string]string) func(file string) string {
	return func(file string) string { return paths[file] }
}

// Printers lists the report formats: the one printer table of every
// command, in the order help texts list them.
var Printers = []*Printer{
	{Name: "text", Description: "a summary grouped by rule, for the terminal", Extension: ".txt",
		Print: printText, Compare: printCompareText, Diff: printDiffText},
	{Name: "json", Description: "the JSON report (schemas/report.schema.json)", Extension: ".json",
		Print: printJSON, Compare: printCompareJSON, Diff: printDiffJSON},
	{Name: "html", Description: "one self-contained HTML page: summary, findings per rule, completeness chart, findings table", Extension: ".html",
		Print: printHTML, Compare: printCompareHTML, Diff: printDiffHTML},
	{Name: "xlsx", Description: "an Excel workbook: the supplier's own rows with offending cells marked and commented, and a findings sheet", Extension: ".xlsx",
		Print: printXLSX, Compare: printCompareXLSX, Binary: true},
}

// ByName returns the printer of a format.
func ByName(name string) (*Printer, error) { return For(Reports, name) }

// Names lists the report formats of validation reports.
func Names() []string { return NamesFor(Reports) }

// For returns the printer of a format for results of the kind.
func For(k Kind, name string) (*Printer, error) {
	for _, p := range Printers {
		if p.Name == name {
			if !p.Serves(k) {
				return nil, fmt.Errorf("report format %q does not serve %s (known: %s)", name, k, strings.Join(NamesFor(k), ", "))
			}
			return p, nil
		}
	}
	if k == Reports {
		return nil, fmt.Errorf("unknown report format %q (known: %v)", name, NamesFor(k))
	}
	return nil, fmt.Errorf("unknown report format %q (known: %s)", name, strings.Join(NamesFor(k), ", "))
}

// NamesFor lists the report formats that serve results of the kind.
func NamesFor(k Kind) []string {
	var n []string
	for _, p := range Printers {
		if p.Serves(k) {
			n = append(n, p.Name)
		}
	}
	return n
}

// Group is the findings of one rule.
type Group struct {
	Rule     string
	Severity catalog.Severity
	Findings []*catalog.Finding
}

// ByRule groups a report's findings by rule, most severe and most frequent
// first.
func ByRule(r *catalog.Report) []*Group {
	idx := map[string]*Group{}
	var groups []*Group
	for i := range r.Findings {
		f := &r.Findings[i]
		g := idx[f.RuleID()]
		if g == nil {
			g = &Group{Rule: f.RuleID(), Severity: f.Severity}
			idx[f.RuleID()] = g
			groups = append(groups, g)
		}
		g.Severity = max(g.Severity, f.Severity)
		g.Findings = append(g.Findings, f)
	}
	slices.SortStableFunc(groups, func(a, b *Group) int {
		if a.Severity != b.Severity {
			return int(b.Severity) - int(a.Severity)
		}
		return len(b.Findings) - len(a.Findings)
	})
	return groups
}

// T picks the text of a language.
func T(lang, en, da string) string {
	if lang == "da" {
		return da
	}
	return en
}

// OutputVerdict says in plain words whether the file a conversion wrote
// passes its target's rules; "" when the output was not checked.
func OutputVerdict(r *catalog.Report, lang string) string {
	o := r.Output
	if o == nil {
		return ""
	}
	rules := o.Rules
	if rules == "" {
		rules = T(lang, "the template's required columns and code lists", "skabelonens påkrævede kolonner og kodelister")
	}
	if o.Failed() {
		return fmt.Sprintf(T(lang,
			"THE WRITTEN FILE FAILS ITS TARGET'S RULES: %d errors under %s (target %s); the import will be rejected until they are fixed",
			"DEN SKREVNE FIL OVERHOLDER IKKE MÅLFORMATETS REGLER: %d fejl efter %s (målformat %s); importen vil blive afvist, til de er rettet"),
			o.Errors, rules, o.Target)
	}
	return fmt.Sprintf(T(lang, "the written file passes %s (target %s)", "den skrevne fil overholder %s (målformat %s)"), rules, o.Target)
}
