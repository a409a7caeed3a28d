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
	// Cap bounds the findings kept (Cap.Limits; the zero value keeps
	// DefaultLimits); Cap.Omitted counts, per rule, the findings that were
	// counted in the summary but not kept in Findings.
	Cap
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

// Cap keeps at most Limits of a result's findings per rule and in all,
// and counts the ones it leaves out, per rule, in Omitted. It is the one
// bound on findings of validate, convert, compare and diff: the counts a
// command reports stay exact whatever it keeps.
type Cap struct {
	// Limits bound the findings kept; the zero value keeps DefaultLimits.
	Limits Limits
	// Omitted counts, per rule (or kind), the findings counted but not
	// kept; nil when every finding was kept.
	Omitted map[string]int
	kept    map[string]int
	total   int
}

// Full reports whether a finding of the rule would only be counted, not
// kept; it counts nothing. A hot path asks it before it builds a finding.
func (c *Cap) Full(rule string) bool {
	lim := c.Limits
	if lim == (Limits{}) {
		lim = DefaultLimits
	}
	return (lim.PerRule >= 0 && c.kept[rule] >= lim.PerRule) || (lim.Total >= 0 && c.total >= lim.Total)
}

// Keep counts one finding of the rule and reports whether it is kept; one
// that is not is counted in Omitted.
func (c *Cap) Keep(rule string) bool {
	if c.Full(rule) {
		if c.Omitted == nil {
			c.Omitted = map[string]int{}
		}
		c.Omitted[rule]++
		return false
	}
	if c.kept == nil {
		c.kept = map[string]int{}
	}
	c.kept[rule]++
	c.total++
	return true
}

// Findings are the findings of a check that runs apart from a report (the
// check of a written file): every one counted by severity, those within
// the Cap kept in List.
type Findings struct {
	Cap
	List                    []Finding
	Errors, Warnings, Infos int
}

// Add counts a finding and keeps it within the limits.
func (fs *Findings) Add(f Finding) {
	switch f.Severity {
	case Error:
		fs.Errors++
	case Warning:
		fs.Warnings++
	default:
		fs.Infos++
	}
	if fs.Keep(f.RuleID()) {
		fs.List = append(fs.List, f)
	}
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
	if r.Keep(f.RuleID()) {
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
