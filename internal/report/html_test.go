package report_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ekatalog/ekatalog/catalog"
	"github.com/ekatalog/ekatalog/internal/pipeline"
	"github.com/ekatalog/ekatalog/internal/report"
	"github.com/ekatalog/ekatalog/testkit/golden"
)

const demo = "../../testdata/demo/katalog.csv"

func run(t testing.TB, file string, o pipeline.Options) *catalog.Report {
	t.Helper()
	r, err := pipeline.Run(file, o)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func print(t testing.TB, format string, reps []*catalog.Report, o report.Options) []byte {
	t.Helper()
	p, err := report.ByName(format)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := p.Print(&b, reps, o); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestHTMLGolden: the demo catalogue's page in both languages; review the
// diff after -update.
func TestHTMLGolden(t *testing.T) {
	rep := run(t, demo, pipeline.Options{})
	for _, lang := range []string{"en", "da"} {
		got := print(t, "html", []*catalog.Report{rep}, report.Options{Lang: lang})
		golden.Check(t, "../../testdata/golden/report/katalog."+lang+".html", got)
	}
}

// TestHTMLSelfContained: no script, no external reference, one page.
func TestHTMLSelfContained(t *testing.T) {
	rep := run(t, demo, pipeline.Options{})
	page := string(print(t, "html", []*catalog.Report{rep}, report.Options{Lang: "da"}))
	for _, bad := range []string{"<script", "<link", "src=", "@import", "url("} {
		if strings.Contains(page, bad) {
			t.Errorf("the page contains %q: it must need nothing outside itself", bad)
		}
	}
	for _, want := range []string{`<html lang="da">`, "<svg", "<style>", "GTIN-CHECK-DIGIT", "Fund pr. regel",
		"Udfyldelse af felter", "OVERHOLDER IKKE PROFILEN", "<td class=\"num\">5</td><td>4</td>"} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
}

// writeFile writes a file in a test's temporary folder.
func writeFile(t testing.TB, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

const hostileHeader = "Varenummer;Varenavn;Enhed;Pris;Valuta;UNSPSC\n"

// TestHTMLEscapes: a product name that is markup is shown as text.
func TestHTMLEscapes(t *testing.T) {
	dir := t.TempDir()
	file := writeFile(t, dir, "hostile.csv", hostileHeader+
		"V-1;<script>alert(1)</script>;stk;10,00;DKK;44121704\n"+
		"V-2;\"<img src=x onerror=alert(2)>\";stk;10,00;DKK;44121704\n")
	// A short maximum length makes the validator quote the name.
	prof, err := catalog.ParseProfile("short.json", []byte(`{"name":"short","extends":"dk-ehandel","fields":{"name":{"use":"mandatory","maxLength":5}}}`))
	if err != nil {
		t.Fatal(err)
	}
	rep := run(t, file, pipeline.Options{Profile: prof})
	quoted := false
	for _, f := range rep.Findings {
		quoted = quoted || f.Value == "<script>alert(1)</script>"
	}
	if !quoted {
		t.Fatalf("no finding carries the name; findings: %+v", rep.Findings)
	}
	page := string(print(t, "html", []*catalog.Report{rep}, report.Options{Lang: "en"}))
	if strings.Contains(page, "<script") || strings.Contains(page, "<img") {
		t.Error("catalogue text reached the page as markup")
	}
	if !strings.Contains(page, "&lt;script&gt;alert(1)&lt;/script&gt;") {
		t.Error("the name is not on the page, escaped")
	}
	if !strings.Contains(page, "&lt;img src=x onerror=alert(2)&gt;") {
		t.Error("the second name is not on the page, escaped")
	}
}

// TestHTMLSeveral: several inputs, one page with an overview that links to
// each report.
func TestHTMLSeveral(t *testing.T) {
	a := run(t, demo, pipeline.Options{})
	b := run(t, "../../testdata/csv/katalog-da.csv", pipeline.Options{})
	page := string(print(t, "html", []*catalog.Report{a, b}, report.Options{Lang: "en"}))
	for _, want := range []string{"<h2>Overview</h2>", `href="#r1"`, `href="#r2"`, `id="r1"`, `id="r2"`,
		"katalog-da.csv", "COMPLIANT", "NOT COMPLIANT"} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
	if n := strings.Count(page, "<html"); n != 1 {
		t.Errorf("%d html elements, want 1", n)
	}
}

// TestHTMLFragment: one report for embedding: no document around it.
func TestHTMLFragment(t *testing.T) {
	rep := run(t, demo, pipeline.Options{})
	var b bytes.Buffer
	if err := report.HTMLFragment(&b, rep, report.Options{Lang: "da"}); err != nil {
		t.Fatal(err)
	}
	s := b.String()
	if strings.Contains(s, "<html") || strings.Contains(s, "<body") {
		t.Error("a fragment must not be a document")
	}
	if !strings.HasPrefix(s, `<div class="ekatalog">`) || !strings.Contains(s, `<section class="report" id="r1">`) {
		t.Errorf("not the fragment expected: %.200s", s)
	}
}

// TestHTMLRowLimit: a long findings table is cut, and says by how much.
func TestHTMLRowLimit(t *testing.T) {
	rep := run(t, demo, pipeline.Options{})
	page := string(print(t, "html", []*catalog.Report{rep}, report.Options{Lang: "en", MaxHTMLRows: 3}))
	n := strings.Count(page, "<tr class=") - len(report.ByRule(rep))
	if n != 3 {
		t.Errorf("%d finding rows, want 3", n)
	}
	if want := "8 more findings are not listed here"; !strings.Contains(page, want) {
		t.Errorf("the page does not say %q", want)
	}
}

// TestHTMLOmitted: findings beyond the report's limits still count, also
// for a rule none of whose findings were kept.
func TestHTMLOmitted(t *testing.T) {
	rep := &catalog.Report{File: "stor.csv", Format: "csv", Profile: "dk-ehandel", Cap: catalog.Cap{Limits: catalog.Limits{PerRule: 1, Total: 2}}}
	for i := range 3 {
		rep.Add(catalog.Finding{Rule: catalog.RulePriceNegative, Severity: catalog.Error, Line: i + 1, Field: "price", Value: "-1", Args: []string{"-1"}})
	}
	rep.Add(catalog.Finding{Rule: catalog.RuleGTINCheckDigit, Severity: catalog.Error, Line: 4, Field: "gtin", Value: "1", Args: []string{"1", "2"}})
	rep.Add(catalog.Finding{Rule: catalog.RuleCurrencyCode, Severity: catalog.Error, Line: 5, Field: "currency", Value: "X", Args: []string{"X"}})
	rep.Summary.Lines = 5
	rep.Finish()
	if rep.Omitted["CURRENCY-CODE"] != 1 || len(rep.Findings) != 2 {
		t.Fatalf("omitted %v, kept %d", rep.Omitted, len(rep.Findings))
	}
	page := string(print(t, "html", []*catalog.Report{rep}, report.Options{Lang: "en"}))
	for _, want := range []string{
		`<code>PRICE-NEGATIVE</code></td><td class="num">3</td>`,
		`<code>CURRENCY-CODE</code></td><td class="num">1</td>`,
		"3 more findings are not listed here",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
}
