package diff

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"

	"github.com/ekatalog/ekatalog/internal/compare"
	"github.com/ekatalog/ekatalog/internal/report"
)

// maxTextLines bounds the lines the text report lists per kind.
const maxTextLines = 50

// where says where a line is in its file: "row 7" in a workbook, "line 7"
// in a CSV file, the element's path in XML, "#7" otherwise.
func where(format string, line, row int, lang string) string {
	switch {
	case row > 0 && format == "xlsx":
		return report.T(lang, "row ", "række ") + strconv.Itoa(row)
	case row > 0:
		return report.T(lang, "line ", "linje ") + strconv.Itoa(row)
	case format == "ubl":
		return "/Catalogue/CatalogueLine[" + strconv.Itoa(line) + "]"
	}
	return "#" + strconv.Itoa(line)
}

// Percent writes a price change: "+5.00 %", "n/a" when the old price was 0.
func Percent(p float64, lang string) string {
	if math.IsNaN(p) {
		return report.T(lang, "n/a", "i.a.")
	}
	s := compare.Number(lang, p, 2) + " %"
	if p > 0 {
		s = "+" + s
	}
	return s
}

// PriceOf returns a change's old and new price as text.
func (c *Change) PriceOf() (old, new string) {
	for _, f := range c.Fields {
		if f.Field == "price" {
			return f.Old, f.New
		}
	}
	return "", ""
}

// SortedFieldChanges returns the per-field counts, most changed first.
func (r *Result) SortedFieldChanges() []FieldCount {
	var out []FieldCount
	for f, n := range r.Summary.FieldChanges {
		out = append(out, FieldCount{f, n})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].N != out[j].N {
			return out[i].N > out[j].N
		}
		return out[i].Field < out[j].Field
	})
	return out
}

// FieldCount is how many changed lines changed a field.
type FieldCount struct {
	Field string
	N     int
}

func printText(out io.Writer, r *Result, lang string) error {
	w := bufio.NewWriter(out)
	T := func(en, da string) string { return report.T(lang, en, da) }
	s := r.Summary
	fmt.Fprintf(w, "%s (%s) → %s (%s): %d %s, %d %s, %d %s, %d %s\n", r.Old, r.OldFormat, r.New, r.NewFormat,
		s.Added, T("added", "tilføjet"), s.Removed, T("removed", "fjernet"), s.Changed, T("changed", "ændret"),
		s.Same, T("unchanged", "uændret"))
	fmt.Fprintf(w, "  %s %d %s, %s %d %s; %d %s\n", T("old", "gammel"), s.OldLines, T("lines", "linjer"), T("new", "ny"),
		s.NewLines, T("lines", "linjer"), s.MatchedByGTIN, T("matched by GTIN (item number changed)", "fundet via EAN/GTIN (varenummer ændret)"))
	if r.Error != "" {
		fmt.Fprintf(w, "  %s: %s\n", T("the new version could not be read to the end", "den nye version kunne ikke læses til ende"), r.Error)
	}
	if fc := r.SortedFieldChanges(); len(fc) > 0 {
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
		for _, b := range BucketLabels(lang) {
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
			o, n := c.PriceOf()
			fmt.Fprintf(w, "    %10s  %-14s %s → %s\n", Percent(*c.PriceChange, lang), c.ItemID,
				FieldChange{Numeric: true}.Value(o, lang), FieldChange{Numeric: true}.Value(n, lang))
		}
	}
	lines := func(title string, ls []Line, total int, format string) {
		if total == 0 {
			return
		}
		fmt.Fprintf(w, "\n  %s ×%d\n", title, total)
		for i, l := range ls {
			if i == maxTextLines {
				break
			}
			fmt.Fprintf(w, "    %s: %s  %s\n", where(format, l.Line, l.Row, lang), l.ItemID, l.Name)
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
			fmt.Fprintf(w, "    %s (%s → %s)\n", c.ItemID, where(r.OldFormat, c.OldLine, c.OldRow, lang), where(r.NewFormat, c.NewLine, c.NewRow, lang))
			for _, f := range c.Fields {
				fmt.Fprintf(w, "      %s: %s → %s", FieldLabel(f.Field, lang), f.Value(f.Old, lang), f.Value(f.New, lang))
				if f.Field == "price" && c.PriceChange != nil {
					fmt.Fprintf(w, "  (%s)", Percent(*c.PriceChange, lang))
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
			fmt.Fprintf(w, "    %-8s %s %s: %s\n", report.SeverityLabel(p.Severity, lang), p.RuleID(), p.Where(r, lang), p.Message(lang))
		}
	}
	if r.Identical() {
		fmt.Fprintf(w, "  %s\n", T("The two versions have the same lines.", "De to versioner har de samme linjer."))
	}
	return w.Flush()
}
