package report_test

import (
	"bytes"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/ekatalog/ekatalog/catalog"
	"github.com/ekatalog/ekatalog/internal/compare"
	"github.com/ekatalog/ekatalog/internal/pipeline"
	"github.com/ekatalog/ekatalog/internal/report"
	"github.com/ekatalog/ekatalog/schemas"
	"github.com/ekatalog/ekatalog/testkit/golden"
	"github.com/xuri/excelize/v2"
)

const comparedata = "../../testdata/compare"

func runCompare(t *testing.T, agreement, catalogue string, o compare.Options) *compare.Result {
	t.Helper()
	a, err := compare.LoadAgreement(filepath.Join(comparedata, agreement), pipeline.Options{})
	if err != nil {
		t.Fatal(err)
	}
	res, err := compare.Compare(a, filepath.Join(comparedata, catalogue), pipeline.Options{}, o)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func printCompare(t *testing.T, r *compare.Result, format, lang string) []byte {
	t.Helper()
	p, err := report.For(report.Comparisons, format)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := p.Compare(&b, r, report.Options{Lang: lang}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestCompareGoldenReports: the seeded comparison in every text format and both
// languages, reviewed as files (-update rewrites them).
func TestCompareGoldenReports(t *testing.T) {
	res := runCompare(t, "agreement.csv", "katalog.csv", compare.Options{})
	for _, tc := range []struct{ format, lang, ext string }{
		{"text", "en", "txt"}, {"text", "da", "txt"}, {"json", "en", "json"}, {"html", "da", "html"}, {"html", "en", "html"},
	} {
		got := printCompare(t, res, tc.format, tc.lang)
		golden.Check(t, filepath.Join(comparedata, "golden", "katalog."+tc.lang+"."+tc.ext), got)
		if tc.format == "json" {
			if err := schemas.Check("compare.schema.json", got); err != nil {
				t.Errorf("the JSON report does not satisfy schemas/compare.schema.json: %v", err)
			}
		}
	}
}

// TestCompareAgreementFormatsAgree: the agreement as CSV and as an Excel workbook
// gives the same comparison, finding for finding.
func TestCompareAgreementFormatsAgree(t *testing.T) {
	a := runCompare(t, "agreement.csv", "katalog.csv", compare.Options{})
	b := runCompare(t, "agreement.xlsx", "katalog.csv", compare.Options{})
	if a.Summary != b.Summary {
		t.Errorf("summaries differ:\ncsv  %+v\nxlsx %+v", a.Summary, b.Summary)
	}
	for _, lang := range []string{"en", "da"} {
		ja := strings.ReplaceAll(string(printCompare(t, a, "json", lang)), "agreement.csv", "AGREEMENT")
		jb := strings.ReplaceAll(string(printCompare(t, b, "json", lang)), "agreement.xlsx", "AGREEMENT")
		jb = strings.Replace(jb, `"format":"xlsx"`, `"format":"csv"`, 1)
		if ja != jb {
			t.Errorf("%s: the JSON reports differ:\n%s\n---\n%s", lang, ja, jb)
		}
	}
}

// TestCompareHTMLEscapes: values from the files cannot inject markup.
func TestCompareHTMLEscapes(t *testing.T) {
	res := runCompare(t, "agreement.csv", "katalog.csv", compare.Options{})
	res.Findings[0].Item = `<script>alert(1)</script>`
	out := string(printCompare(t, res, "html", "en"))
	if strings.Contains(out, "<script>") || !strings.Contains(out, "&lt;script&gt;") {
		t.Error("an item number was not escaped in the HTML report")
	}
	if regexp.MustCompile(`(?i)(src|href)=`).MatchString(out) {
		t.Error("the HTML report refers to another file; it must be self-contained")
	}
}

// TestCompareXLSXReport: the workbook lists every finding, and a value that looks
// like a formula is a text cell, not a formula.
func TestCompareXLSXReport(t *testing.T) {
	res := runCompare(t, "agreement.csv", "katalog.csv", compare.Options{})
	res.Findings[0].Item = "=HYPERLINK(\"http://x\")"
	b := printCompare(t, res, "xlsx", "da")
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("Fund")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(res.Findings)+1 {
		t.Errorf("%d rows in Fund, want %d findings and a header", len(rows), len(res.Findings))
	}
	if rows[1][5] != res.Findings[0].Item {
		t.Errorf("item cell %q, want %q", rows[1][5], res.Findings[0].Item)
	}
	if formula, _ := f.GetCellFormula("Fund", "F2"); formula != "" {
		t.Errorf("a formula-looking value became a formula: %q", formula)
	}
	if sheets := f.GetSheetList(); len(sheets) != 3 || sheets[0] != "Oversigt" {
		t.Errorf("sheets %v", sheets)
	}
}

// TestCompareUnreadableRow: a catalogue row that could not be read (an unclosed
// quote swallows the rest of the file) is reported with the reader's rule,
// and the comparison does not conform.
func TestCompareUnreadableRow(t *testing.T) {
	res := runCompare(t, "agreement.csv", "katalog-broken.csv", compare.Options{})
	found := false
	for _, f := range res.Findings {
		if f.RuleID() == "READ-ROW-TOO-FEW-CELLS" && f.Source == catalog.SourceCatalogue && f.Pos.Row == 6 && f.Item == "A-105" {
			found = true
			if !strings.Contains(f.Message("da"), "rækken har 2 celler") {
				t.Errorf("Danish message: %q", f.Message("da"))
			}
		}
	}
	if !found || res.Summary.Conforming {
		t.Errorf("the unreadable row was passed over: conforming %v, findings %v", res.Summary.Conforming, res.Findings)
	}
	if err := schemas.Check("compare.schema.json", printCompare(t, res, "json", "en")); err != nil {
		t.Error(err)
	}
	if !strings.Contains(string(printCompare(t, res, "text", "en")), "READ-ROW-TOO-FEW-CELLS") {
		t.Error("the text report does not list the reader's finding")
	}
}
