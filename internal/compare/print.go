package compare

import (
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/ekatalog/ekatalog/catalog"
	"github.com/ekatalog/ekatalog/internal/report"
)

// Printer writes a result (R: a comparison, a diff) in one format.
type Printer[R any] struct {
	Name        string
	Description string
	Print       func(w io.Writer, r R, lang string) error
}

// PrinterList is the table of a command's report formats.
type PrinterList[R any] []*Printer[R]

// ByName returns the printer of a format.
func (ps PrinterList[R]) ByName(name string) (*Printer[R], error) {
	for _, p := range ps {
		if p.Name == name {
			return p, nil
		}
	}
	return nil, fmt.Errorf("unknown report format %q (known: %s)", name, strings.Join(ps.Names(), ", "))
}

// Names lists the report formats.
func (ps PrinterList[R]) Names() []string {
	var n []string
	for _, p := range ps {
		n = append(n, p.Name)
	}
	return n
}

// Printers lists the report formats of compare.
var Printers = PrinterList[*Result]{
	{"text", "a summary, the largest deviations and the findings grouped by rule, for the terminal", printText},
	{"json", "every finding and the summary as JSON (schemas/compare.schema.json)", printJSON},
	{"html", "a self-contained web page for people", printHTML},
	{"xlsx", "an Excel workbook: summary, largest deviations, findings", printXLSX},
}

// PrinterByName returns the printer of a format.
func PrinterByName(name string) (*Printer[*Result], error) { return Printers.ByName(name) }

// PrinterNames lists the report formats.
func PrinterNames() []string { return Printers.Names() }

// Group is the findings of one rule.
type Group struct {
	Rule     *catalog.Rule
	Findings []*Finding
	Total    int // with the omitted ones
}

// Groups returns the findings by rule in the order of Rules: most severe
// first.
func (r *Result) Groups() []*Group {
	by := map[string]*Group{}
	for i := range r.Findings {
		f := &r.Findings[i]
		g := by[f.RuleID()]
		if g == nil {
			g = &Group{Rule: ruleOf(f.RuleID())}
			by[f.RuleID()] = g
		}
		g.Findings = append(g.Findings, f)
		g.Total++
	}
	for rule, n := range r.Omitted {
		if g := by[rule]; g != nil {
			g.Total += n
		} else {
			by[rule] = &Group{Rule: ruleOf(rule), Total: n}
		}
	}
	var gs []*Group
	for i := range Rules {
		if g := by[Rules[i].ID]; g != nil {
			gs = append(gs, g)
			delete(by, Rules[i].ID)
		}
	}
	for _, id := range slices.Sorted(maps.Keys(by)) { // the readers' findings
		gs = append(gs, by[id])
	}
	slices.SortStableFunc(gs, func(a, b *Group) int { return int(b.Rule.Severity) - int(a.Rule.Severity) })
	return gs
}

// Where says where a finding sits, naming the agreement for its findings.
func (f *Finding) Where(lang string) string {
	w := f.Finding.Where(lang)
	if f.Source == SourceAgreement {
		prefix := report.T(lang, "agreement", "aftalen")
		if w == "" {
			return prefix
		}
		return prefix + " " + w
	}
	return w
}

// Number writes x with the decimals, with a decimal comma in Danish.
func Number(lang string, x float64, decimals int) string {
	s := strconv.FormatFloat(x, 'f', decimals, 64)
	if lang == "da" {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

// Money writes a price as num does, with a decimal comma in Danish.
func Money(lang string, x float64) string {
	s := num(x)
	if lang == "da" {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

// Verdict is the one-word outcome of a result.
func (r *Result) Verdict(lang string) string {
	if r.Summary.Conforming {
		return report.T(lang, "CONFORMS TO THE AGREEMENT", "OVERHOLDER AFTALEN")
	}
	return report.T(lang, "DEVIATES FROM THE AGREEMENT", "AFVIGER FRA AFTALEN")
}

// posWhere says where a deviation's price sits.
func posWhere(p catalog.Pos, line int, lang string) string {
	f := catalog.Finding{Line: line, Pos: p}
	return f.Where(lang)
}
