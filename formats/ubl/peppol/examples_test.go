package peppol_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/ekatalog/ekatalog/catalog"
	"github.com/ekatalog/ekatalog/formats/ubl/peppol"
)

// TestExamplesNoFailure: the official verdict on every T19 example is 0
// failed asserts, warnings included, and the checker agrees (that the whole
// pipeline finds no error in them is internal/pipeline's
// TestPeppolExamplesNoError).
func TestExamplesNoFailure(t *testing.T) {
	for _, f := range examples(t) {
		t.Run(filepath.Base(f), func(t *testing.T) {
			fs, err := runChecker(readFile(t, f))
			if err != nil {
				t.Fatal(err)
			}
			for _, x := range fs {
				t.Errorf("%s %s at %s (value %q)", x.Severity, x.RuleID(), x.Pos.XPath, x.Value)
			}
		})
	}
}

// TestRuleTable: every rule the checker can fire is in the catalogue with
// both languages, and the table holds the 2026.5 release's 236 asserts.
func TestRuleTable(t *testing.T) {
	n := 0
	for _, r := range peppol.Rules {
		if !strings.HasPrefix(r.ID, "PEPPOL-") {
			continue
		}
		n++
		if r.En == "" || r.Da == "" || r.En == r.Da {
			t.Errorf("%s: messages %q / %q", r.ID, r.En, r.Da)
		}
		if strings.HasPrefix(r.En, "[") {
			t.Errorf("%s: the message keeps its ID prefix: %q", r.ID, r.En)
		}
	}
	if n != 236 {
		t.Errorf("%d PEPPOL rules, want the 236 asserts of PEPPOLBIS-T19-2026.5", n)
	}
	for id, sev := range map[string]catalog.Severity{
		"PEPPOL-T19-R012": catalog.Error, "PEPPOL-COMMON-R003": catalog.Warning,
		"PEPPOL-COMMON-R044": catalog.Warning, "PEPPOL-T19-B17701": catalog.Error,
	} {
		if r := peppolRule(id); r == nil || r.Severity != sev {
			t.Errorf("%s: %+v, want severity %v", id, r, sev)
		}
	}
	if r := peppolRule("PEPPOL-T19-B17701"); r.Field != "name" || r.Da != "Elementet 'cbc:Name' skal angives." {
		t.Errorf("B17701: %+v", r)
	}
}

// peppolRule is the PEPPOL rule of the ID, or nil.
func peppolRule(id string) *catalog.Rule {
	for _, r := range peppol.Rules {
		if r.ID == id {
			return r
		}
	}
	return nil
}
