package compare

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/ekatalog/ekatalog/schemas"
	"github.com/ekatalog/ekatalog/testkit/golden"
	"github.com/xuri/excelize/v2"
)

func print(t *testing.T, r *Result, format, lang string) []byte {
	t.Helper()
	p, err := PrinterByName(format)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := p.Print(&b, r, lang); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestGoldenReports: the seeded comparison in every text format and both
// languages, reviewed as files (-update rewrites them).
func TestGoldenReports(t *testing.T) {
	res := run(t, "agreement.csv", "katalog.csv", Options{})
	for _, tc := range []struct{ format, lang, ext string }{
		{"text", "en", "txt"}, {"text", "da", "txt"}, {"json", "en", "json"}, {"html", "da", "html"}, {"html", "en", "html"},
	} {
		got := print(t, res, tc.format, tc.lang)
		golden.Check(t, filepath.Join(testdata, "golden", "katalog."+tc.lang+"."+tc.ext), got)
		if tc.format == "json" {
			if err := schemas.Check("compare.schema.json", got); err != nil {
				t.Errorf("the JSON report does not satisfy schemas/compare.schema.json: %v", err)
			}
		}
	}
}

// TestAgreementFormatsAgree: the agreement as CSV and as an Excel workbook
// gives the same comparison, finding for finding.
func TestAgreementFormatsAgree(t *testing.T) {
	a := run(t, "agreement.csv", "katalog.csv", Options{})
	b := run(t, "agreement.xlsx", "katalog.csv", Options{})
	if a.Summary != b.Summary {
		t.Errorf("summaries differ:\ncsv  %+v\nxlsx %+v", a.Summary, b.Summary)
	}
	for _, lang := range []string{"en", "da"} {
		ja := strings.ReplaceAll(string(print(t, a, "json", lang)), "agreement.csv", "AGREEMENT")
		jb := strings.ReplaceAll(string(print(t, b, "json", lang)), "agreement.xlsx", "AGREEMENT")
		jb = strings.Replace(jb, `"format":"xlsx"`, `"format":"csv"`, 1)
		if ja != jb {
			t.Errorf("%s: the JSON reports differ:\n%s\n---\n%s", lang, ja, jb)
		}
	}
}

// TestHTMLEscapes: values from the files cannot inject markup.
func TestHTMLEscapes(t *testing.T) {
	res := run(t, "agreement.csv", "katalog.csv", Options{})
	res.Findings[0].ItemID = `<script>alert(1)</script>`
	out := string(print(t, res, "html", "en"))
	if strings.Contains(out, "<script>") || !strings.Contains(out, "&lt;script&gt;") {
		t.Error("an item number was not escaped in the HTML report")
	}
	if regexp.MustCompile(`(?i)(src|href)=`).MatchString(out) {
		t.Error("the HTML report refers to another file; it must be self-contained")
	}
}

// TestXLSXReport: the workbook lists every finding, and a value that looks
// like a formula is a text cell, not a formula.
func TestXLSXReport(t *testing.T) {
	res := run(t, "agreement.csv", "katalog.csv", Options{})
	res.Findings[0].ItemID = "=HYPERLINK(\"http://x\")"
	b := print(t, res, "xlsx", "da")
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
	if rows[1][5] != res.Findings[0].ItemID {
		t.Errorf("item cell %q, want %q", rows[1][5], res.Findings[0].ItemID)
	}
	if formula, _ := f.GetCellFormula("Fund", "F2"); formula != "" {
		t.Errorf("a formula-looking value became a formula: %q", formula)
	}
	if sheets := f.GetSheetList(); len(sheets) != 3 || sheets[0] != "Oversigt" {
		t.Errorf("sheets %v", sheets)
	}
}

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
	key := func(f Finding) string {
		return f.Source + " " + f.RuleID() + " " + f.ItemID + " " + strconv.Itoa(f.Line)
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

// TestUnreadableRow: a catalogue row that could not be read (an unclosed
// quote swallows the rest of the file) is reported with the reader's rule,
// and the comparison does not conform.
func TestUnreadableRow(t *testing.T) {
	res := run(t, "agreement.csv", "katalog-broken.csv", Options{})
	found := false
	for _, f := range res.Findings {
		if f.RuleID() == "READ-ROW-TOO-FEW-CELLS" && f.Source == SourceCatalogue && f.Pos.Row == 6 && f.ItemID == "A-105" {
			found = true
			if !strings.Contains(f.Message("da"), "rækken har 2 celler") {
				t.Errorf("Danish message: %q", f.Message("da"))
			}
		}
	}
	if !found || res.Summary.Conforming {
		t.Errorf("the unreadable row was passed over: conforming %v, findings %v", res.Summary.Conforming, rows(res))
	}
	if err := schemas.Check("compare.schema.json", print(t, res, "json", "en")); err != nil {
		t.Error(err)
	}
	if !strings.Contains(string(print(t, res, "text", "en")), "READ-ROW-TOO-FEW-CELLS") {
		t.Error("the text report does not list the reader's finding")
	}
}
