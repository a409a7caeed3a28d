package compare

import (
	"fmt"
	"github.com/ekatalog/ekatalog/testkit/golden"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/ekatalog/ekatalog/catalog"
	"github.com/ekatalog/ekatalog/internal/pipeline"
)

const testdata = "../../testdata/compare"

func run(t *testing.T, agreement, catalogue string, o Options) *Result {
	t.Helper()
	a, err := LoadAgreement(filepath.Join(testdata, agreement), pipeline.Options{})
	if err != nil {
		t.Fatal(err)
	}
	res, err := Compare(a, filepath.Join(testdata, catalogue), pipeline.Options{}, o)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// expectations reads a table of source, line, row, field, item ID and rule.
func expectations(t *testing.T, path string) []string { return golden.Lines(t, path) }

func rows(res *Result) []string {
	var got []string
	for _, f := range res.Findings {
		got = append(got, fmt.Sprintf("%s\t%d\t%d\t%s\t%s\t%s", f.Source, f.Line, f.Pos.Row, f.Field, f.Item, f.RuleID()))
	}
	return got
}

// TestSeededDeviations: exactly one finding per seeded deviation, of the
// right kind, on the right line, and none on the conforming lines.
func TestSeededDeviations(t *testing.T) {
	for _, agreement := range []string{"agreement.csv", "agreement.xlsx"} {
		t.Run(agreement, func(t *testing.T) {
			res := run(t, agreement, "katalog.csv", Options{})
			want := expectations(t, filepath.Join(testdata, "katalog.expect.tsv"))
			got := rows(res)
			for _, w := range want {
				if !slices.Contains(got, w) {
					t.Errorf("missing finding: %s", w)
				}
			}
			for _, g := range got {
				if !slices.Contains(want, g) {
					t.Errorf("unexpected finding: %s", g)
				}
			}
			for _, f := range res.Findings {
				t.Logf("%s %s", f.RuleID(), f.Message("en"))
			}
		})
	}
}

// TestAgreementIssues: what is wrong with the agreement file itself is
// reported on the agreement's rows, and the English headers "Max price"
// and "Tolerance" are read.
func TestAgreementIssues(t *testing.T) {
	a, err := LoadAgreement(filepath.Join(testdata, "agreement-issues.csv"), pipeline.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range a.findings {
		got = append(got, fmt.Sprintf("%d %s %s", f.Pos.Row, f.RuleID(), f.Item))
	}
	want := []string{"3 AGREEMENT-NO-PRICE B-2", "4 AGREEMENT-DUPLICATE B-1", "5 AGREEMENT-NO-ITEM ", "6 AGREEMENT-BAD-VALUE B-3"}
	if !slices.Equal(got, want) {
		t.Errorf("got %q\nwant %q", got, want)
	}
	if a.Len() != 4 {
		t.Errorf("%d items, want 4 (B-1, B-2, B-3, B-4)", a.Len())
	}
	i, _ := a.byID.Get("B-1")
	if it := a.items[i]; it.max != 12 || it.price != 10 {
		t.Errorf("B-1: max %v, price %v; want 12 and the first line's 10", it.max, it.price)
	}
	i, _ = a.byID.Get("B-4")
	if it := a.items[i]; it.tolerance != 5 {
		t.Errorf("B-4: tolerance %v, want 5 (from \"5%%\")", it.tolerance)
	}
}

func TestParseLoose(t *testing.T) {
	for in, want := range map[string]float64{"5": 5, "5%": 5, "2,5 %": 2.5, "1.234,50": 1234.5, "1,234.50": 1234.5, "12.00": 12} {
		if got, ok := parseLoose(in); !ok || got != want {
			t.Errorf("%q: %v %v, want %v", in, got, ok, want)
		}
	}
}

type noLocator struct{}

func (noLocator) Locate(*catalog.Line, catalog.Field) catalog.Pos { return catalog.Pos{} }

// TestLineDoesNotAllocate: a catalogue line costs no allocation, matched or
// not, once its findings are only counted.
func TestLineDoesNotAllocate(t *testing.T) {
	a, err := LoadAgreement(filepath.Join(testdata, "agreement.csv"), pipeline.Options{})
	if err != nil {
		t.Fatal(err)
	}
	c := newComparer(a, noLocator{}, "DKK", Options{Limits: catalog.Limits{PerRule: 0, Total: -1}})
	lines := []catalog.Line{
		{SellerItemID: "A-100", GTIN: "5790000001002", Unit: "stk", Price: catalog.N(12.5)},
		{SellerItemID: "A-108", Unit: "XBX", PackQuantity: catalog.N(10), Price: catalog.N(98)},
		{SellerItemID: "N-1", GTIN: "5790000009999", Unit: "stk", Price: catalog.N(1)},
		{SellerItemID: "A-106", Unit: "stk", Price: catalog.N(27)},
	}
	for i := range lines { // the first pass fills the unit cache and the top list
		c.line(&lines[i])
	}
	if n := testing.AllocsPerRun(100, func() {
		for i := range lines {
			c.line(&lines[i])
		}
	}); n != 0 {
		t.Errorf("%v allocations per pass of %d lines", n, len(lines))
	}
	if s := c.res.Summary; s.Above == 0 || s.NotOnAgreement == 0 || s.Below == 0 || len(c.res.Findings) != 0 {
		t.Errorf("the lines were not compared as meant: %+v, %d findings kept", s, len(c.res.Findings))
	}
}

// TestMatchByGTIN14: a GTIN written as GTIN-14 (a leading zero) is the
// agreement's GTIN-13, and surrounding space in an item number is no
// difference.
func TestMatchByGTIN14(t *testing.T) {
	a, err := LoadAgreement(filepath.Join(testdata, "agreement.csv"), pipeline.Options{})
	if err != nil {
		t.Fatal(err)
	}
	c := newComparer(a, noLocator{}, "DKK", Options{})
	c.line(&catalog.Line{GTIN: "05790000001002", Unit: "stk", Price: catalog.N(12.5)})
	c.line(&catalog.Line{SellerItemID: " A-101 ", GTIN: "05790000001019", Unit: "stk", Price: catalog.N(20)})
	if s := c.res.Summary; s.Matched != 2 || s.MatchedByGTIN != 1 || len(c.res.Findings) != 0 {
		t.Errorf("%+v, findings %v", s, rows(c.res))
	}
}

// TestEmptyCatalogue: a catalogue without lines does not conform to any
// agreement.
func TestEmptyCatalogue(t *testing.T) {
	path := filepath.Join(t.TempDir(), "tom.csv")
	if err := os.WriteFile(path, []byte("Varenummer;EAN;Pris\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	a, err := LoadAgreement(filepath.Join(testdata, "agreement.csv"), pipeline.Options{})
	if err != nil {
		t.Fatal(err)
	}
	res, err := Compare(a, path, pipeline.Options{}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Summary.Conforming || res.Summary.Errors != 1 || res.Findings[0].RuleID() != "READ-NO-LINES" {
		t.Errorf("%+v\n%v", res.Summary, rows(res))
	}
}
