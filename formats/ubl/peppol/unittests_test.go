package peppol_test

import (
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/ekatalog/ekatalog/catalog"
)

var (
	reTest   = regexp.MustCompile(`(?s)<test\b[^>]*>(.*?)</test>`)
	reExpect = regexp.MustCompile(`<(success|error|warning)(?:\s+number="(\d+)")?\s*>\s*([A-Z0-9-]+)\s*</(?:success|error|warning)>`)
	reDoc    = regexp.MustCompile(`(?s)<(Catalogue|Order)\b.*</(?:Catalogue|Order)>`)
)

// TestOfficialUnitTests runs the vefa unit tests of the PEPPOL BIS
// repository: for each test, the rule in its scope passes (<success>) or
// fails with the flag (<error> fatal, <warning> warning) and, where the
// test says, the number of times its <assert> expects. unit-common uses
// Order roots, as the COMMON rules are shared by all documents: those
// trees are read as Catalogues (root renamed) and only the COMMON rule in
// scope is counted. R048 (scheme 9906) is not in the 2026.5 release.
func TestOfficialUnitTests(t *testing.T) {
	var total, held, obsolete int
	for _, sub := range []string{"unit-tests/unit-catalogue", "unit-tests/unit-common"} {
		dir := needBIS3(t, sub)
		files, err := filepath.Glob(filepath.Join(dir, "*.xml"))
		if err != nil || len(files) == 0 {
			t.Fatalf("no unit tests in %s: %v", dir, err)
		}
		for _, file := range files {
			src := string(readFile(t, file))
			tests := reTest.FindAllStringSubmatch(src, -1)
			if len(tests) == 0 {
				t.Fatalf("%s: no tests", file)
			}
			for i, tm := range tests {
				where := filepath.Base(file) + " test " + strconv.Itoa(i+1)
				doc := reDoc.FindString(tm[1])
				if doc == "" {
					t.Fatalf("%s: no document", where)
				}
				if strings.HasPrefix(doc, "<Order") {
					doc = "<Catalogue" + strings.TrimPrefix(doc, "<Order")
					doc = strings.TrimSuffix(doc, "</Order>") + "</Catalogue>"
					doc = strings.Replace(doc, "xsd:Order-2", "xsd:Catalogue-2", 1)
				}
				fs, err := runChecker([]byte(doc))
				if err != nil {
					t.Fatalf("%s: %v", where, err)
				}
				got := map[string][]catalog.Finding{}
				for _, f := range fs {
					got[f.RuleID()] = append(got[f.RuleID()], f)
				}
				for _, e := range reExpect.FindAllStringSubmatch(tm[1], -1) {
					kind, rule := e[1], e[3]
					number, _ := strconv.Atoi(e[2])
					total++
					r := peppolRule(rule)
					if r == nil {
						obsolete++
						t.Logf("%s: %s %s: not a rule of the 2026.5 release", where, kind, rule)
						continue
					}
					fired := got[rule]
					var ok bool
					switch kind {
					case "success":
						ok = len(fired) == 0
					case "error", "warning":
						want := catalog.Error
						if kind == "warning" {
							want = catalog.Warning
						}
						ok = r.Severity == want && (number == 0 && len(fired) > 0 || number > 0 && len(fired) == number)
						for _, f := range fired {
							if f.Pos.XPath == "" || f.Severity != want {
								ok = false
							}
						}
					}
					if ok {
						held++
					} else {
						t.Errorf("%s: want %s %s (number %d), the rule fired %d times: %+v", where, kind, rule, number, len(fired), fired)
					}
				}
			}
		}
	}
	t.Logf("%d of %d expectations hold; %d name rules not in 2026.5", held, total, obsolete)
	if total < 60 {
		t.Errorf("only %d expectations read", total)
	}
}
