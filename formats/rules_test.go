package formats

import (
	"strings"
	"testing"
)

// TestEveryRule: every rule, ekatalog's and the published sets', has one
// ID across them all and both languages with the same arguments.
func TestEveryRule(t *testing.T) {
	seen := map[string]bool{}
	all := AllRules()
	for _, r := range all {
		if seen[r.ID] {
			t.Errorf("rule %s is listed twice", r.ID)
		}
		seen[r.ID] = true
		if r.En == "" || r.Da == "" {
			t.Errorf("rule %s lacks a message in English or Danish", r.ID)
		}
		if strings.Count(r.En, "%") != strings.Count(r.Da, "%") {
			t.Errorf("rule %s: the English and Danish templates take different arguments", r.ID)
		}
		if RuleByID(r.ID) != r {
			t.Errorf("rule %s: RuleByID finds another value", r.ID)
		}
	}
	if len(all) < 500 {
		t.Errorf("only %d rules", len(all))
	}
	if RuleByID("PEPPOL-T19-R012") == nil || RuleByID("F-CAT203") == nil || RuleByID("GTIN-FORMAT") == nil {
		t.Error("a rule set is missing from RuleSets")
	}
}

// TestProfileNamesPublishedRule: a profile may set the severity of a
// published rule, and a misspelt one is refused.
func TestProfileNamesPublishedRule(t *testing.T) {
	p, err := ParseProfile("p.json", []byte(`{"name":"x","extends":"peppol-bis3","rules":{"PEPPOL-COMMON-R003":"off","GTIN-RESTRICTED":"error"}}`))
	if err != nil {
		t.Fatal(err)
	}
	if !p.Off["PEPPOL-COMMON-R003"] {
		t.Error("PEPPOL-COMMON-R003 is not off")
	}
	if _, err := ParseProfile("p.json", []byte(`{"name":"x","rules":{"PEPPOL-COMMON-R999":"off"}}`)); err == nil || !strings.Contains(err.Error(), "/rules/PEPPOL-COMMON-R999") {
		t.Errorf("a misspelt rule: %v", err)
	}
}
