package catalog

// Report is the compliance report of one input, as CONTRACT.md shapes it.
type Report struct {
	File    string
	Format  string
	Profile string
	// Error is set when the file could not be read at all, or not to the
	// end; such a report is never compliant.
	Error    string
	Summary  Summary
	Fields   [len(Fields)]FieldStat
	Findings []Finding
	// Tracked is the set of fields reported in the completeness table: the
	// fields the source supplies and those the profile asks for.
	Tracked FieldSet
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
	r.Summary.Compliant = r.Error == "" && r.Summary.Errors == 0 && r.Summary.Lines > 0
}
