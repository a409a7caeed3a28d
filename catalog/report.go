package catalog

// Report is the compliance report of one input, as the published contract
// shapes it (schemas/report.schema.json).
type Report struct {
	File    string
	Format  string
	Profile string
	// Layout is how the source's rows were read; nil for a format
	// without rows and columns (XML, JSON). Reports that give the
	// supplier's own rows back read them again as it says.
	Layout *Layout
	// Error is set when the file could not be read at all, or not to the
	// end; such a report is never compliant.
	Error    string
	Summary  Summary
	Fields   [len(Fields)]FieldStat
	Findings []Finding
	// Tracked is the set of fields reported in the completeness table: the
	// fields the source supplies and those the profile asks for.
	Tracked FieldSet
	// Omitted counts, per rule, the findings that were counted in the
	// summary but not kept in Findings (see Limits).
	Omitted map[string]int
	// Limits bound the findings kept; the zero value keeps DefaultLimits.
	Limits Limits
	kept   map[string]int
	// Output is the check of the file a conversion wrote under its
	// target's rules; nil when nothing was written or the target declares
	// no check.
	Output *OutputCheck
}

// OutputCheck is the verdict on a written file: checked under its
// target's rules as it streamed out. Its findings are in Report.Findings
// with Finding.Output set, and count in the summary.
type OutputCheck struct {
	// Target is the target's name; Rules says what the file was held to.
	Target, Rules string
	// Errors and Warnings count the findings on the written file.
	Errors, Warnings int
}

// Failed reports whether the written file breaks its target's rules.
func (o *OutputCheck) Failed() bool { return o != nil && o.Errors > 0 }

// Limits bound how many findings a report keeps in memory. A million-line
// catalogue without images would otherwise carry a million identical
// warnings; the counts stay exact and the report says how many it left out.
type Limits struct {
	PerRule int // findings kept per rule; < 0 keeps all
	Total   int // findings kept in all; < 0 keeps all
}

// DefaultLimits keep enough to fix a catalogue from, in flat memory.
var DefaultLimits = Limits{PerRule: 5000, Total: 100000}

// keep reports whether a finding of the rule is kept, or only counted.
func (r *Report) keep(rule string) bool {
	lim := r.Limits
	if lim == (Limits{}) {
		lim = DefaultLimits
	}
	if r.kept == nil {
		r.kept = map[string]int{}
	}
	if (lim.PerRule >= 0 && r.kept[rule] >= lim.PerRule) || (lim.Total >= 0 && len(r.Findings) >= lim.Total) {
		if r.Omitted == nil {
			r.Omitted = map[string]int{}
		}
		r.Omitted[rule]++
		return false
	}
	r.kept[rule]++
	return true
}

// Add records a finding: it is counted, and kept within the limits.
func (r *Report) Add(f Finding) {
	switch f.Severity {
	case Error:
		r.Summary.Errors++
	case Warning:
		r.Summary.Warnings++
	default:
		r.Summary.Infos++
	}
	if r.keep(f.RuleID()) {
		r.Findings = append(r.Findings, f)
	}
}

// Summary counts a report's findings.
type Summary struct {
	Lines           int
	Errors          int
	Warnings        int
	Infos           int
	LinesWithErrors int
	Compliant       bool
}

// FieldStat is a field's completeness: on how many lines it is present, and
// on how many of those its value passed every check.
type FieldStat struct {
	Present int
	Valid   int
}

// Finish decides compliance: read to the end, at least one line, no error.
func (r *Report) Finish() {
	r.Summary.Compliant = r.Error == "" && r.Summary.Errors == 0 && r.Summary.Lines > 0 && !r.Output.Failed()
}
