package catalog

import (
	"maps"
	"testing"
)

// TestCap: findings are kept up to the limit per rule and in all, every
// one is counted, and the ones left out are counted per rule.
func TestCap(t *testing.T) {
	c := Cap{Limits: Limits{PerRule: 2, Total: 3}}
	var kept []string
	for _, rule := range []string{"A", "A", "A", "B", "B", "C", "A"} {
		full := c.Full(rule)
		if c.Keep(rule) == full {
			t.Fatalf("%s: Full said %v, Keep disagrees", rule, full)
		}
		if !full {
			kept = append(kept, rule)
		}
	}
	if got := len(kept); got != 3 || kept[0] != "A" || kept[1] != "A" || kept[2] != "B" {
		t.Errorf("kept %v, want A A B", kept)
	}
	if want := map[string]int{"A": 2, "B": 1, "C": 1}; !maps.Equal(c.Omitted, want) {
		t.Errorf("omitted %v, want %v", c.Omitted, want)
	}
	var none Cap // the zero value keeps DefaultLimits
	for range DefaultLimits.PerRule {
		if !none.Keep("X") {
			t.Fatal("the zero Cap keeps fewer than DefaultLimits.PerRule")
		}
	}
	if none.Keep("X") || none.Omitted["X"] != 1 {
		t.Errorf("the zero Cap keeps more than DefaultLimits.PerRule: omitted %v", none.Omitted)
	}
	all := Cap{Limits: Limits{PerRule: -1, Total: -1}}
	for range 10 * DefaultLimits.PerRule {
		if !all.Keep("X") {
			t.Fatal("negative limits keep all")
		}
	}
}

// TestMessageNumbers: the arguments marked as numbers take a decimal comma
// in Danish, the others stay as written.
func TestMessageNumbers(t *testing.T) {
	r := &Rule{ID: "T", En: "%s at %s per %s", Da: "%s til %s pr. %s"}
	f := Finding{Rule: r, Args: []string{"A.1", "2.50", "1.5"}, Nums: 0b110}
	if got := f.Message("da"); got != "A.1 til 2,50 pr. 1,5" {
		t.Errorf("da: %q", got)
	}
	if got := f.Message("en"); got != "A.1 at 2.50 per 1.5" {
		t.Errorf("en: %q", got)
	}
	f.Rule = nil
	if got := f.Message("en"); got != "" {
		t.Errorf("without a rule: %q", got)
	}
}

// TestOutputFindingsCounted: the check of a written file keeps its findings
// within its Cap, and the report counts every one of them, kept or not.
func TestOutputFindingsCounted(t *testing.T) {
	found := &Findings{Cap: Cap{Limits: Limits{PerRule: 2, Total: -1}}}
	for i := range 5 {
		found.Add(Finding{Rule: RuleOutputCode, Severity: Error, Line: i + 1})
	}
	found.Add(Finding{Rule: RuleOutputRequired, Severity: Warning, Line: 9})
	if len(found.List) != 3 || found.Errors != 5 || found.Warnings != 1 || found.Omitted[RuleOutputCode.ID] != 3 {
		t.Fatalf("kept %d, counted %d errors %d warnings, omitted %v", len(found.List), found.Errors, found.Warnings, found.Omitted)
	}
	p, err := BuiltinProfile("minimal")
	if err != nil {
		t.Fatal(err)
	}
	rep := &Report{}
	v := NewValidator(p, Header{}, ^FieldSet(0), nil, rep)
	v.Output(OutputCheck{Target: "t"}, found)
	if rep.Output.Errors != 5 || rep.Output.Warnings != 1 {
		t.Errorf("output check counts %d errors, %d warnings", rep.Output.Errors, rep.Output.Warnings)
	}
	if rep.Summary.Errors != 5 || rep.Summary.Warnings != 1 || len(rep.Findings) != 3 || rep.Omitted[RuleOutputCode.ID] != 3 {
		t.Errorf("summary %+v, %d findings kept, omitted %v", rep.Summary, len(rep.Findings), rep.Omitted)
	}
	for _, f := range rep.Findings {
		if !f.Output {
			t.Errorf("%s on line %d is not marked as on the output", f.RuleID(), f.Line)
		}
	}
}
