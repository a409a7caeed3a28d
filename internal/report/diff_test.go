package report_test

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ekatalog/ekatalog/internal/diff"
	"github.com/ekatalog/ekatalog/internal/pipeline"
	"github.com/ekatalog/ekatalog/internal/report"
	"github.com/ekatalog/ekatalog/schemas"
	"github.com/ekatalog/ekatalog/testkit/golden"
)

const diffdata = "../../testdata/diff"

func runDiff(t *testing.T, oldName, newName string) *diff.Result {
	t.Helper()
	res, err := diff.Diff(filepath.Join(diffdata, oldName), filepath.Join(diffdata, newName), pipeline.Options{}, pipeline.Options{}, diff.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func printDiff(t *testing.T, r *diff.Result, format, lang string) []byte {
	t.Helper()
	p, err := report.For(report.Diffs, format)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := p.Diff(&b, r, report.Options{Lang: lang}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestDiffGoldenReports: the cross-format diff (old.xlsx and new.xml are
// made by the diff package's fixtures) in every format and both
// languages, reviewed as files (-update rewrites them); the JSON satisfies
// its schema, and the HTML escapes what the files say.
func TestDiffGoldenReports(t *testing.T) {
	r := runDiff(t, "old.xlsx", "new.xml")
	for _, tc := range []struct{ format, lang, ext string }{
		{"text", "en", "txt"}, {"text", "da", "txt"}, {"json", "en", "json"}, {"html", "da", "html"},
	} {
		got := printDiff(t, r, tc.format, tc.lang)
		golden.Check(t, filepath.Join(diffdata, "golden", "old-new."+tc.lang+"."+tc.ext), got)
		if tc.format == "json" {
			if err := schemas.Check("diff.schema.json", got); err != nil {
				t.Errorf("the JSON does not satisfy schemas/diff.schema.json: %v", err)
			}
		}
	}
	r.Added[0].Name = "<img src=x onerror=alert(1)>"
	if strings.Contains(string(printDiff(t, r, "html", "en")), "<img") {
		t.Error("a name was not escaped in the HTML report")
	}
}

// TestDiffUnreadableRow: a row that could not be read is listed under
// problems with the file it is in, in the shape of the compliance report's
// findings, and in Danish.
func TestDiffUnreadableRow(t *testing.T) {
	r := runDiff(t, "old-broken.csv", "old.csv")
	got := printDiff(t, r, "json", "da")
	if err := schemas.Check("diff.schema.json", got); err != nil {
		t.Error(err)
	}
	if !strings.Contains(string(got), `{"file":"old","finding":{"rule":"READ-ROW-TOO-FEW-CELLS"`) || !strings.Contains(string(got), "rækken har") {
		t.Errorf("the problem is missing: %s", got)
	}
	if text := string(printDiff(t, r, "text", "en")); !strings.Contains(text, "READ-ROW-TOO-FEW-CELLS old: line 4") {
		t.Errorf("the text report does not place the problem: %s", text)
	}
}

// TestDiffFormats: the one printer table serves diff in text, json and html
// and says plainly that xlsx does not.
func TestDiffFormats(t *testing.T) {
	if got := strings.Join(report.NamesFor(report.Diffs), ","); got != "text,json,html" {
		t.Errorf("diff formats %s", got)
	}
	if _, err := report.For(report.Diffs, "xlsx"); err == nil || !strings.Contains(err.Error(), "does not serve diff") {
		t.Errorf("xlsx for diff: %v", err)
	}
	if got := strings.Join(report.NamesFor(report.Comparisons), ","); got != "text,json,html,xlsx" {
		t.Errorf("compare formats %s", got)
	}
}
