package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/ekatalog/ekatalog/catalog"
)

// printText writes a summary per file, then the findings grouped by rule
// with counts and the first places of each, then field completeness.
func printText(out io.Writer, reps []*catalog.Report, o Options) error {
	w := bufio.NewWriter(out)
	lang := o.Lang
	maxPer := o.MaxPerRule
	if maxPer == 0 {
		maxPer = 5
	}
	for i, r := range reps {
		if i > 0 {
			w.WriteString("\n")
		}
		verdict := T(lang, "COMPLIANT", "OVERHOLDER PROFILEN")
		if !r.Summary.Compliant {
			verdict = T(lang, "NOT COMPLIANT", "OVERHOLDER IKKE PROFILEN")
		}
		if r.Format == "" && r.Error != "" {
			// Not even opened: one line says it all.
			fmt.Fprintf(w, "%s: %s: %s: %s\n", r.File, verdict, T(lang, "could not be read", "kunne ikke læses"), strings.TrimPrefix(r.Error, r.File+": "))
			continue
		}
		fmt.Fprintf(w, "%s (%s, %s %s): %s\n", r.File, r.Format, T(lang, "profile", "profil"), r.Profile, verdict)
		s := r.Summary
		fmt.Fprintf(w, "  %d %s, %d %s, %d %s, %d %s; %d %s\n", s.Lines, T(lang, "lines", "linjer"),
			s.Errors, T(lang, "errors", "fejl"), s.Warnings, T(lang, "warnings", "advarsler"),
			s.Infos, T(lang, "notes", "bemærkninger"), s.LinesWithErrors, T(lang, "lines with errors", "linjer med fejl"))
		if r.Error != "" {
			fmt.Fprintf(w, "  %s: %s\n", T(lang, "could not be read to the end", "kunne ikke læses til ende"), r.Error)
		}
		if v := OutputVerdict(r, lang); v != "" {
			fmt.Fprintf(w, "  %s\n", v)
		}
		for _, g := range ByRule(r) {
			total := len(g.Findings) + r.Omitted[g.Rule]
			fmt.Fprintf(w, "\n  %-9s %s  ×%d\n", SeverityLabel(g.Severity, lang), g.Rule, total)
			for j, f := range g.Findings {
				if j == maxPer {
					fmt.Fprintf(w, "            … %d %s\n", total-maxPer, T(lang, "more", "mere"))
					break
				}
				where := f.Where(lang)
				if where != "" {
					where += ": "
				}
				fmt.Fprintf(w, "            %s%s\n", where, f.Message(lang))
			}
		}
		printCompleteness(w, r, lang)
	}
	return w.Flush()
}

// SeverityLabel names a severity for people.
func SeverityLabel(s catalog.Severity, lang string) string {
	switch s {
	case catalog.Error:
		return T(lang, "ERROR", "FEJL")
	case catalog.Warning:
		return T(lang, "WARNING", "ADVARSEL")
	}
	return T(lang, "INFO", "INFO")
}

func printCompleteness(w *bufio.Writer, r *catalog.Report, lang string) {
	if r.Summary.Lines == 0 || r.Tracked == 0 {
		return
	}
	fmt.Fprintf(w, "\n  %s\n", T(lang, "Field completeness (present / valid of all lines):", "Udfyldelse af felter (udfyldt / gyldig af alle linjer):"))
	for f := range catalog.Fields {
		if !r.Tracked.Has(catalog.Field(f)) {
			continue
		}
		st := r.Fields[f]
		fmt.Fprintf(w, "    %-24s %5.1f%% / %5.1f%%\n", catalog.Field(f).String(),
			100*float64(st.Present)/float64(r.Summary.Lines), 100*float64(st.Valid)/float64(r.Summary.Lines))
	}
}
