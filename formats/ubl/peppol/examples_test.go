package peppol_test

import (
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ekatalog/ekatalog/catalog"
	"github.com/ekatalog/ekatalog/formats/ubl/peppol"
	"github.com/ekatalog/ekatalog/internal/pipeline"
)

// TestExamplesNoFailure: the official verdict on every T19 example is 0
// failed asserts, warnings included; the checker agrees, and the whole
// pipeline under the default profile (peppol-bis3, picked from the
// document) finds no error.
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
			rep, err := pipeline.Run(f, pipeline.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if rep.Profile != "peppol-bis3" {
				t.Errorf("profile %q, want peppol-bis3", rep.Profile)
			}
			for _, x := range rep.Findings {
				if x.Severity == catalog.Error {
					t.Errorf("error %s at %s: %s", x.RuleID(), x.Where("en"), x.Message("en"))
				}
			}
			if !rep.Summary.Compliant {
				t.Errorf("not compliant: %+v %s", rep.Summary, rep.Error)
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

// TestPlainUBL: a catalogue whose CustomizationID and ProfileID are not
// PEPPOL's is read as plain UBL, held to the format's default profile
// peppol-bis3, and the official rules say why it is not a PEPPOL catalogue.
func TestPlainUBL(t *testing.T) {
	doc := string(readFile(t, needBIS3(t, "examples/Catalogue_Example.xml")))
	doc = strings.Replace(doc, "trns:catalogue:3", "trns:catalog:3", 1)
	doc = strings.Replace(doc, "bis:catalogue_only:3", "bis:catalog_only:3", 1)
	f := filepath.Join(t.TempDir(), "plain.xml")
	if err := os.WriteFile(f, []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	rep, err := pipeline.Run(f, pipeline.Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]int{}
	for _, x := range rep.Findings {
		if strings.HasPrefix(x.RuleID(), "PEPPOL-") {
			got[x.RuleID()]++
		}
	}
	if want := map[string]int{"PEPPOL-T19-R017": 1, "PEPPOL-T19-R018": 1}; !maps.Equal(got, want) || rep.Profile != "peppol-bis3" {
		t.Errorf("profile %s, fired %v, want %v", rep.Profile, got, want)
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
