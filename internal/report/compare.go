package report

import (
	"maps"
	"math"
	"slices"
	"strconv"

	"github.com/ekatalog/ekatalog/catalog"
	"github.com/ekatalog/ekatalog/internal/compare"
)

// The reports of a comparison (compare): its printers are Printer.Compare
// in Printers; this file holds what they share.

// compareGroup is the findings of one rule of a comparison.
type compareGroup struct {
	Rule     *catalog.Rule
	Findings []*catalog.Finding
	Total    int // with the omitted ones
}

// compareGroups returns a comparison's findings by rule in the order of
// compare.Rules: most severe first, then the readers' findings by ID.
func compareGroups(r *compare.Result) []*compareGroup {
	by := map[string]*compareGroup{}
	for i := range r.Findings {
		f := &r.Findings[i]
		g := by[f.RuleID()]
		if g == nil {
			g = &compareGroup{Rule: f.Rule}
			by[f.RuleID()] = g
		}
		g.Findings = append(g.Findings, f)
		g.Total++
	}
	for rule, n := range r.Omitted {
		if g := by[rule]; g != nil {
			g.Total += n
		} else {
			by[rule] = &compareGroup{Rule: compare.RuleOf(rule), Total: n}
		}
	}
	var gs []*compareGroup
	for i := range compare.Rules {
		if g := by[compare.Rules[i].ID]; g != nil {
			gs = append(gs, g)
			delete(by, compare.Rules[i].ID)
		}
	}
	for _, id := range slices.Sorted(maps.Keys(by)) { // the readers' findings
		gs = append(gs, by[id])
	}
	slices.SortStableFunc(gs, func(a, b *compareGroup) int { return int(b.Rule.Severity) - int(a.Rule.Severity) })
	return gs
}

// compareWhere says where a finding of a comparison sits, naming the
// agreement for its findings.
func compareWhere(f *catalog.Finding, lang string) string {
	w := f.Where(lang)
	if f.Source == catalog.SourceAgreement {
		prefix := T(lang, "agreement", "aftalen")
		if w == "" {
			return prefix
		}
		return prefix + " " + w
	}
	return w
}

// Number writes x with the decimals, with a decimal comma in Danish.
func Number(lang string, x float64, decimals int) string {
	return catalog.DecimalComma(lang, strconv.FormatFloat(x, 'f', decimals, 64))
}

// money writes a price as compare's messages do, with a decimal comma in
// Danish.
func money(lang string, x float64) string { return catalog.DecimalComma(lang, compare.PriceText(x)) }

// round drops the binary noise of computed numbers (0.30000000000000004)
// from JSON: prices to 6 decimals, percentages to 4.
func round(x float64, decimals int) float64 {
	p := math.Pow(10, float64(decimals))
	return math.Round(x*p) / p
}

// compareVerdict is the one-word outcome of a comparison.
func compareVerdict(r *compare.Result, lang string) string {
	if r.Summary.Conforming {
		return T(lang, "CONFORMS TO THE AGREEMENT", "OVERHOLDER AFTALEN")
	}
	return T(lang, "DEVIATES FROM THE AGREEMENT", "AFVIGER FRA AFTALEN")
}

// posWhere says where a deviation's price sits.
func posWhere(p catalog.Pos, line int, lang string) string {
	f := catalog.Finding{Line: line, Pos: p}
	return f.Where(lang)
}
