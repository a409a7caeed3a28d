package report

import (
	"bufio"
	"fmt"
	"io"

	"github.com/ekatalog/ekatalog/catalog"
	"github.com/ekatalog/ekatalog/internal/diff"
)

// printDiffText writes the counts, the price distribution and the changes.
func printDiffText(out io.Writer, r *diff.Result, o Options) error {
	w := bufio.NewWriter(out)
	lang := o.Lang
	maxTextLines := o.MaxPerRule
	if maxTextLines == 0 {
		maxTextLines = maxDiffTextLines
	}
	T := func(en, da string) string { return T(lang, en, da) }
	s := r.Summary
	fmt.Fprintf(w, "%s (%s) → %s (%s): %d %s, %d %s, %d %s, %d %s\n", r.Old, r.OldFormat, r.New, r.NewFormat,
		s.Added, T("added", "tilføjet"), s.Removed, T("removed", "fjernet"), s.Changed, T("changed", "ændret"),
		s.Same, T("unchanged", "uændret"))
	fmt.Fprintf(w, "  %s %d %s, %s %d %s; %d %s\n", T("old", "gammel"), s.OldLines, T("lines", "linjer"), T("new", "ny"),
		s.NewLines, T("lines", "linjer"), s.MatchedByGTIN, T("matched by GTIN (item number changed)", "fundet via EAN/GTIN (varenummer ændret)"))
	if r.Error != "" {
		fmt.Fprintf(w, "  %s: %s\n", T("the new version could not be read to the end", "den nye version kunne ikke læses til ende"), r.Error)
	}
	if fc := sortedFieldChanges(r); len(fc) > 0 {
		fmt.Fprintf(w, "  %s:", T("fields changed", "ændrede felter"))
		for i, c := range fc {
			if i > 0 {
				w.WriteString(",")
			}
			fmt.Fprintf(w, " %s %d", c.Field, c.N)
		}
		w.WriteString("\n")
	}
	p := r.Prices
	fmt.Fprintf(w, "  %s: %d %s, %d %s, %d %s\n", T("prices", "priser"), p.Changed, T("changed", "ændret"),
		p.Up, T("up", "op"), p.Down, T("down", "ned"))
	if p.Changed > 0 {
		fmt.Fprintf(w, "    %-6s", "")
		for _, b := range bucketLabels(lang) {
			fmt.Fprintf(w, " %8s", b)
		}
		for _, row := range []struct {
			label string
			n     []int
		}{{T("up", "op"), p.UpBuckets}, {T("down", "ned"), p.DownBuckets}} {
			fmt.Fprintf(w, "\n    %-6s", row.label)
			for _, n := range row.n {
				fmt.Fprintf(w, " %8d", n)
			}
		}
		w.WriteString("\n")
		fmt.Fprintf(w, "\n  %s\n", T("Largest price changes:", "Største prisændringer:"))
		for _, c := range p.Largest {
			o, n := priceOf(&c)
			fmt.Fprintf(w, "    %10s  %-14s %s → %s\n", priceChange(*c.PriceChange, lang), c.ItemID,
				fieldValue(diff.FieldChange{Numeric: true}, o, lang), fieldValue(diff.FieldChange{Numeric: true}, n, lang))
		}
	}
	lines := func(title string, ls []diff.Line, total int, format string) {
		if total == 0 {
			return
		}
		fmt.Fprintf(w, "\n  %s ×%d\n", title, total)
		for i, l := range ls {
			if i == maxTextLines {
				break
			}
			fmt.Fprintf(w, "    %s: %s  %s\n", lineWhere(format, l.Line, l.Row, lang), l.ItemID, l.Name)
		}
		if total > min(len(ls), maxTextLines) {
			fmt.Fprintf(w, "    … %d %s\n", total-min(len(ls), maxTextLines), T("more", "mere"))
		}
	}
	lines(T("ADDED", "TILFØJET"), r.Added, s.Added, r.NewFormat)
	lines(T("REMOVED", "FJERNET"), r.Removed, s.Removed, r.OldFormat)
	if s.Changed > 0 {
		fmt.Fprintf(w, "\n  %s ×%d\n", T("CHANGED", "ÆNDRET"), s.Changed)
		for i, c := range r.Changed {
			if i == maxTextLines {
				break
			}
			fmt.Fprintf(w, "    %s (%s → %s)\n", c.ItemID, lineWhere(r.OldFormat, c.OldLine, c.OldRow, lang), lineWhere(r.NewFormat, c.NewLine, c.NewRow, lang))
			for _, f := range c.Fields {
				fmt.Fprintf(w, "      %s: %s → %s", catalog.FieldLabel(f.Field, lang), fieldValue(f, f.Old, lang), fieldValue(f, f.New, lang))
				if f.Field == "price" && c.PriceChange != nil {
					fmt.Fprintf(w, "  (%s)", priceChange(*c.PriceChange, lang))
				}
				w.WriteString("\n")
			}
		}
		if s.Changed > min(len(r.Changed), maxTextLines) {
			fmt.Fprintf(w, "    … %d %s\n", s.Changed-min(len(r.Changed), maxTextLines), T("more", "mere"))
		}
	}
	if len(r.Problems) > 0 {
		fmt.Fprintf(w, "\n  %s ×%d\n", T("COULD NOT BE READ AS WRITTEN", "KUNNE IKKE LÆSES SOM SKREVET"), len(r.Problems)+r.Omitted["problems"])
		for i := range r.Problems {
			p := &r.Problems[i]
			fmt.Fprintf(w, "    %-8s %s %s: %s\n", SeverityLabel(p.Severity, lang), p.RuleID(), problemWhere(p, lang), p.Message(lang))
		}
	}
	if r.Identical() {
		fmt.Fprintf(w, "  %s\n", T("The two versions have the same lines.", "De to versioner har de samme linjer."))
	}
	return w.Flush()
}
