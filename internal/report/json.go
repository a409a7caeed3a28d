package report

import (
	"bufio"
	"encoding/json"
	"io"

	"github.com/ekatalog/ekatalog/catalog"
)

type jsonSummary struct {
	Lines           int  `json:"lines"`
	Errors          int  `json:"errors"`
	Warnings        int  `json:"warnings"`
	Infos           int  `json:"infos"`
	LinesWithErrors int  `json:"linesWithErrors"`
	Compliant       bool `json:"compliant"`
}

type jsonFieldStat struct {
	Present int `json:"present"`
	Valid   int `json:"valid"`
}

// jsonWhere is where a finding, line or deviation sits, in every JSON
// shape: the line ordinal, and the row and column or the XPath, null when
// not known.
type jsonWhere struct {
	Line   int     `json:"line"`
	Row    *int    `json:"row"`
	Column any     `json:"column"`
	XPath  *string `json:"xpath"`
}

func whereJSON(line int, p catalog.Pos) jsonWhere {
	w := jsonWhere{Line: line, Row: nilIfZero(p.Row), XPath: nilIfZero(p.XPath)}
	switch {
	case p.ColName != "":
		w.Column = p.ColName
	case p.Col > 0:
		w.Column = p.Col
	}
	return w
}

type jsonFinding struct {
	Rule     string `json:"rule"`
	Severity string `json:"severity"`
	Message  string `json:"message"`
	jsonWhere
	Field *string `json:"field"`
	Value *string `json:"value"`
	// Output marks a finding on the written file (a conversion's check of
	// its output): xpath, row and column point into the output, line is
	// the source line that produced it.
	Output bool `json:"output,omitempty"`
}

// nilIfZero is a JSON null for a zero value.
func nilIfZero[T comparable](v T) *T {
	var zero T
	if v == zero {
		return nil
	}
	return &v
}

// jsonOutput is the verdict on the written file of a conversion.
type jsonOutput struct {
	Target   string `json:"target"`
	Rules    string `json:"rules"`
	Passed   bool   `json:"passed"`
	Errors   int    `json:"errors"`
	Warnings int    `json:"warnings"`
	Verdict  string `json:"verdict"`
}

// FindingJSON is the JSON object of one finding of a validation report.
func FindingJSON(f *catalog.Finding, lang string) any {
	return jsonFinding{Rule: f.RuleID(), Severity: f.Severity.String(), Message: f.Message(lang), jsonWhere: whereJSON(f.Line, f.Pos),
		Field: nilIfZero(f.Field), Value: nilIfZero(f.Value), Output: f.Output}
}

// writeReportJSON streams one report: the findings are encoded one by one,
// so a report with a million findings is never built as one value.
func writeReportJSON(w *bufio.Writer, r *catalog.Report, lang string) error {
	head := struct {
		File    string                   `json:"file"`
		Format  string                   `json:"format"`
		Profile string                   `json:"profile"`
		Error   string                   `json:"error,omitempty"`
		Summary jsonSummary              `json:"summary"`
		Fields  map[string]jsonFieldStat `json:"fields"`
		// Omitted counts, per rule, findings beyond the report's limits:
		// counted in the summary, not listed.
		Omitted map[string]int `json:"omitted,omitempty"`
		Output  *jsonOutput    `json:"output,omitempty"`
	}{File: r.File, Format: r.Format, Profile: r.Profile, Error: r.Error,
		Summary: jsonSummary(r.Summary), Fields: map[string]jsonFieldStat{}, Omitted: r.Omitted}
	if o := r.Output; o != nil {
		rules := o.Rules
		if rules == "" {
			rules = "template " + o.Target + ": required columns and code lists"
		}
		head.Output = &jsonOutput{Target: o.Target, Rules: rules, Passed: !o.Failed(), Errors: o.Errors, Warnings: o.Warnings,
			Verdict: OutputVerdict(r, lang)}
	}
	for f := range catalog.Fields {
		if r.Tracked.Has(catalog.Field(f)) {
			head.Fields[catalog.Field(f).String()] = jsonFieldStat(r.Fields[f])
		}
	}
	return writeWithList(w, head, "findings", len(r.Findings), func(i int) any { return FindingJSON(&r.Findings[i], lang) })
}

// writeWithList writes head, a JSON object, with one more member last: the
// list key of n items, item(i) each, written one per line as they come,
// so that a long list is never one value in memory.
func writeWithList(w *bufio.Writer, head any, key string, n int, item func(i int) any) error {
	b, err := json.Marshal(head)
	if err != nil {
		return err
	}
	w.Write(b[:len(b)-1])
	w.WriteString(`,"` + key + `":[`)
	for i := range n {
		if i > 0 {
			w.WriteByte(',')
		}
		w.WriteString("\n  ")
		b, err := json.Marshal(item(i))
		if err != nil {
			return err
		}
		w.Write(b)
	}
	_, err = w.WriteString("\n]}")
	return err
}

// printJSON writes one object for one report, an array for several.
func printJSON(out io.Writer, reps []*catalog.Report, o Options) error {
	w := bufio.NewWriterSize(out, 64<<10)
	if len(reps) != 1 {
		w.WriteString("[")
	}
	for i, r := range reps {
		if i > 0 {
			w.WriteString(",\n")
		}
		if err := writeReportJSON(w, r, o.Lang); err != nil {
			return err
		}
	}
	if len(reps) != 1 {
		w.WriteString("]")
	}
	w.WriteString("\n")
	return w.Flush()
}
