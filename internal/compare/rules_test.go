package compare

import (
	"bytes"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/ekatalog/ekatalog/catalog"
)

// TestRuleTable: every rule has both languages with the same arguments, and
// the JSON schema lists every rule ID.
func TestRuleTable(t *testing.T) {
	schema, err := os.ReadFile("../../schemas/compare.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	verbs := regexp.MustCompile(`%[sqd]`)
	for _, r := range Rules {
		if r.En == "" || r.Da == "" {
			t.Errorf("%s: a message is missing", r.ID)
		}
		if e, d := verbs.FindAllString(r.En, -1), verbs.FindAllString(r.Da, -1); strings.Join(e, "") != strings.Join(d, "") {
			t.Errorf("%s: English %v and Danish %v take different arguments", r.ID, e, d)
		}
		if !bytes.Contains(schema, []byte(`"`+r.ID+`"`)) {
			t.Errorf("%s is not in schemas/compare.schema.json", r.ID)
		}
	}
}

// TestCatalogueFormatsAgree: the seeded catalogue as PEPPOL UBL (made with
// `ekatalog convert testdata/compare/katalog.csv --to peppol-bis3 --header
// testdata/ubl/header-peppol.json -o testdata/compare/katalog.xml`) gives
// the same findings on the same lines as the CSV, placed by XPath.
func TestCatalogueFormatsAgree(t *testing.T) {
	a := run(t, "agreement.csv", "katalog.csv", Options{})
	b := run(t, "agreement.csv", "katalog.xml", Options{})
	if a.Summary != b.Summary {
		t.Errorf("summaries differ:\ncsv %+v\nubl %+v", a.Summary, b.Summary)
	}
	key := func(f catalog.Finding) string {
		return f.Source + " " + f.RuleID() + " " + f.Item + " " + strconv.Itoa(f.Line)
	}
	if len(a.Findings) != len(b.Findings) {
		t.Fatalf("%d findings from the CSV, %d from the UBL", len(a.Findings), len(b.Findings))
	}
	for i := range a.Findings {
		if ka, kb := key(a.Findings[i]), key(b.Findings[i]); ka != kb {
			t.Errorf("finding %d: csv %s, ubl %s", i, ka, kb)
		}
		if f := b.Findings[i]; f.Source == SourceCatalogue && f.Pos.XPath == "" {
			t.Errorf("%s on a UBL line has no XPath", key(f))
		}
	}
}
