package report

import (
	"bufio"
	"fmt"
	"io"

	"github.com/ekatalog/ekatalog/internal/compare"
)

// maxCompareTextPerRule bounds the findings the text report of a
// comparison lists per rule; the other formats list every finding kept.
const maxCompareTextPerRule = 20

// printCompareText writes the verdict, the summary, the largest deviations
// and the findings grouped by rule.
func printCompareText(out io.Writer, r *compare.Result, o Options) error {
	w := bufio.NewWriter(out)
	lang := o.Lang
	maxTextPerRule := o.MaxPerRule
	if maxTextPerRule == 0 {
		maxTextPerRule = maxCompareTextPerRule
	}
	T := func(en, da string) string { return T(lang, en, da) }
	s := r.Summary
	fmt.Fprintf(w, "%s (%s) %s %s (%s): %s\n", r.Catalogue, r.CatalogueFormat, T("against", "mod"), r.Agreement, r.AgreementFormat, compareVerdict(r, lang))
	fmt.Fprintf(w, "  %s: %d %s, %d %s (%d %s), %d %s\n", T("catalogue", "katalog"), s.CatalogueLines, T("lines", "linjer"),
		s.Matched, T("matched", "fundet på aftalen"), s.MatchedByGTIN, T("by GTIN only", "kun via EAN/GTIN"),
		s.NotOnAgreement, T("not on the agreement", "ikke på aftalen"))
	fmt.Fprintf(w, "  %s: %d %s, %d %s (%s %% %s)\n", T("agreement", "aftale"), s.AgreementItems, T("items", "varer"),
		s.AgreementFound, T("in the catalogue", "i kataloget"), Number(lang, s.Coverage, 1), T("coverage", "dækning"))
	fmt.Fprintf(w, "  %s: %d %s, %d %s (%d %s), %d %s, %d %s; %d %s\n", T("prices", "priser"), s.PriceChecked, T("checked", "kontrolleret"),
		s.Above, T("above", "over"), s.AboveMax, T("above the maximum price", "over maksimalprisen"),
		s.WithinTolerance, T("within the tolerance", "inden for tolerancen"), s.Below, T("below", "under"),
		s.UnitMismatch, T("not comparable (unit)", "kan ikke sammenlignes (enhed)"))
	fmt.Fprintf(w, "  %d %s, %d %s, %d %s; %s %s %%\n", s.Errors, T("errors", "fejl"), s.Warnings, T("warnings", "advarsler"),
		s.Infos, T("notes", "bemærkninger"), T("tolerance", "tolerance"), Number(lang, r.Tolerance, 2))
	if r.Error != "" {
		fmt.Fprintf(w, "  %s: %s\n", T("could not be read to the end", "kunne ikke læses til ende"), r.Error)
	}
	if len(r.Top) > 0 {
		fmt.Fprintf(w, "\n  %s\n", T("Largest deviations above the agreed price:", "Største afvigelser over aftaleprisen:"))
		for _, d := range r.Top {
			fmt.Fprintf(w, "    %9s %%  %-14s %-22s %s %s %s %s\n", "+"+Number(lang, d.Percent, 2), d.ItemID, posWhere(d.Pos, d.Line, lang),
				money(lang, d.Price), T("against", "mod"), money(lang, d.Agreed), T("per", "pr.")+" "+d.Per)
		}
	}
	for _, g := range compareGroups(r) {
		fmt.Fprintf(w, "\n  %-9s %s  ×%d\n", SeverityLabel(g.Rule.Severity, lang), g.Rule.ID, g.Total)
		for j, f := range g.Findings {
			if j == maxTextPerRule {
				fmt.Fprintf(w, "            … %d %s\n", g.Total-maxTextPerRule, T("more", "mere"))
				break
			}
			where := compareWhere(f, lang)
			if where != "" {
				where += ": "
			}
			fmt.Fprintf(w, "            %s%s\n", where, f.Message(lang))
		}
		if len(g.Findings) < g.Total && len(g.Findings) < maxTextPerRule {
			fmt.Fprintf(w, "            … %d %s\n", g.Total-len(g.Findings), T("more, counted but not listed", "mere, talt med men ikke vist"))
		}
	}
	return w.Flush()
}
