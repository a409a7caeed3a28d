package pipeline

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/ekatalog/ekatalog/catalog"
	"github.com/ekatalog/ekatalog/testkit/golden"
)

// realworld returns ../shared/realworld, skipping when absent.
func realworld(t *testing.T) string {
	t.Helper()
	p := filepath.Join(filepath.Dir(golden.Shared(t, 2)), "realworld")
	if _, err := os.Stat(filepath.Join(p, "expected.json")); err != nil {
		t.Skipf("real-world catalogues not found at %s", p)
	}
	return p
}

// verdict is the official Schematron's verdict on a document: the distinct
// rule IDs it fired as fatal and as warning.
type verdict struct {
	Fatal   []string `json:"fatal"`
	Warning []string `json:"warning"`
}

type expectedDoc struct {
	Flavour string  `json:"flavour"`
	Peppol  verdict `json:"peppol"`
	OIOUBL  verdict `json:"oioubl"`
}

func readExpected(t *testing.T, dir string) map[string]expectedDoc {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "expected.json"))
	if err != nil {
		t.Fatal(err)
	}
	var e struct {
		Documents map[string]expectedDoc `json:"documents"`
	}
	if err := json.Unmarshal(b, &e); err != nil {
		t.Fatal(err)
	}
	if len(e.Documents) == 0 {
		t.Fatal("expected.json lists no documents")
	}
	return e.Documents
}

// officialVerdict is what ekatalog reports of the official rule sets: the
// distinct IDs of PEPPOL and OIOUBL rules, by severity.
func officialVerdict(rep *catalog.Report) verdict {
	var v verdict
	for _, f := range rep.Findings {
		if !strings.HasPrefix(f.RuleID(), "PEPPOL-") && !strings.HasPrefix(f.RuleID(), "F-") && !strings.HasPrefix(f.RuleID(), "W-") {
			continue
		}
		switch f.Severity {
		case catalog.Error:
			v.Fatal = append(v.Fatal, f.RuleID())
		default:
			v.Warning = append(v.Warning, f.RuleID())
		}
	}
	norm := func(s []string) []string {
		slices.Sort(s)
		return slices.Compact(s)
	}
	v.Fatal, v.Warning = norm(v.Fatal), norm(v.Warning)
	return v
}

func sameVerdict(a, b verdict) bool {
	n := func(s []string) []string {
		if s == nil {
			return []string{}
		}
		return s
	}
	return slices.Equal(n(a.Fatal), n(b.Fatal)) && slices.Equal(n(a.Warning), n(b.Warning))
}

// TestOfficialParity: under --profile peppol-bis3 and --profile oioubl,
// every real UBL catalogue gets exactly the rule IDs the official
// Schematron (T19 2026.5, OIOUBL Catalogue 1.17.2) fired on it, whatever
// flavour the document declares.
func TestOfficialParity(t *testing.T) {
	dir := realworld(t)
	docs := readExpected(t, dir)
	names := make([]string, 0, len(docs))
	for n := range docs {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, profile := range []string{"peppol-bis3", "oioubl"} {
		p, err := catalog.BuiltinProfile(profile)
		if err != nil {
			t.Fatal(err)
		}
		for _, name := range names {
			want := docs[name].Peppol
			if profile == "oioubl" {
				want = docs[name].OIOUBL
			}
			rep, err := Run(filepath.Join(dir, name), Options{Profile: p, Sequential: true})
			if err != nil {
				t.Errorf("%s under %s: %v", name, profile, err)
				continue
			}
			if got := officialVerdict(rep); !sameVerdict(got, want) {
				t.Errorf("%s under %s:\n got %+v\nwant %+v", name, profile, got, want)
			}
		}
	}
}
