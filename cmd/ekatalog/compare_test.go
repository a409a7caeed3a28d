package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ekatalog/ekatalog/testkit/golden"
	"github.com/xuri/excelize/v2"
)

const (
	cmpData   = "../../testdata/compare/"
	diffData  = "../../testdata/diff/"
	agreement = cmpData + "agreement.csv"
)

// TestCompareGolden runs compare and diff end to end; the whole output is
// reviewed as a file (-update rewrites it).
func TestCompareGolden(t *testing.T) {
	tests := []goldenRun{
		{"compare-en", []string{"compare", "--agreement", agreement, cmpData + "katalog.csv"}, 1},
		{"compare-da-xlsx-agreement", []string{"compare", "--lang", "da", "--agreement", cmpData + "agreement.xlsx", cmpData + "katalog.csv"}, 1},
		{"compare-ok", []string{"compare", "--agreement", agreement, cmpData + "katalog-ok.csv"}, 0},
		{"compare-json", []string{"compare", "--format", "json", "--agreement", agreement, cmpData + "katalog.csv"}, 1},
	}
	goldenRuns(t, cmpData, tests)
}

// TestCompareTolerance: --tolerance lifts the small deviations, and an
// item's own tolerance column still wins over it.
func TestCompareTolerance(t *testing.T) {
	code, out, _ := cli(t, "", "compare", "--format", "json", "--tolerance", "5.5", "--agreement", agreement, cmpData+"katalog.csv")
	if code != 1 {
		t.Errorf("exit %d, want 1 (items off the agreement remain)", code)
	}
	var rep struct {
		Findings []struct{ Rule, ItemID string }
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	var above []string
	for _, f := range rep.Findings {
		if f.Rule == "PRICE-ABOVE-AGREEMENT" || f.Rule == "PRICE-ABOVE-MAX" {
			above = append(above, f.ItemID)
		}
	}
	// A-104 is 6 % above with a tolerance of 2 % of its own; A-105 is
	// above its maximum price. A-101 (5 %), A-102 and A-108 are within 5.5 %.
	if strings.Join(above, " ") != "A-104 A-105" {
		t.Errorf("above the agreement with --tolerance 5.5: %v, want A-104 A-105", above)
	}
}

func TestCompareWorkbookOutput(t *testing.T) {
	path := filepath.Join(t.TempDir(), "afvigelser.xlsx")
	code, out, errOut := cli(t, "", "compare", "--format", "xlsx", "--lang", "da", "-o", path, "--agreement", agreement, cmpData+"katalog.csv")
	if code != 1 || out != "" {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, _ := f.GetRows("Fund")
	if len(rows) != 16 { // 15 findings and the header
		t.Errorf("%d rows on the findings sheet, want 16", len(rows))
	}
}

func TestCompareUsage(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"compare", cmpData + "katalog.csv"}, `"agreement" not set`},
		{[]string{"compare", "--agreement", agreement}, "accepts 1 arg"},
		{[]string{"compare", "--lang", "fr", "--agreement", agreement, cmpData + "katalog.csv"}, "--lang"},
		{[]string{"compare", "--format", "pdf", "--agreement", agreement, cmpData + "katalog.csv"}, "unknown report format"},
		{[]string{"compare", "--format", "xlsx", "--agreement", agreement, cmpData + "katalog.csv"}, "-o FILE.xlsx"},
		{[]string{"compare", "--tolerance", "-1", "--agreement", agreement, cmpData + "katalog.csv"}, "negative"},
		{[]string{"compare", "--agreement", cmpData + "nope.csv", cmpData + "katalog.csv"}, "nope.csv"},
		{[]string{"compare", "--agreement", "../../testdata/broken/random.bin", cmpData + "katalog.csv"}, "random.bin"},
		{[]string{"compare", "--agreement", agreement, cmpData + "nope.csv"}, "nope.csv"},
	}
	for _, tc := range tests {
		code, out, errOut := cli(t, "", tc.args...)
		if code != 2 || !strings.Contains(errOut, tc.want) {
			t.Errorf("%v: exit %d, stderr %q; want 2 and %q", tc.args, code, errOut, tc.want)
		}
		if out != "" {
			t.Errorf("%v: a usage error printed a report: %q", tc.args, out)
		}
	}
}

func TestCompareHelp(t *testing.T) {
	code, out, _ := cli(t, "", "compare", "--help")
	if code != 0 || !strings.Contains(out, "Maks. pris") || !strings.Contains(out, "Examples:") {
		t.Errorf("help: exit %d\n%s", code, out)
	}
	if _, err := os.Stat(cmpData + "katalog-ok.csv"); err != nil {
		t.Fatal(err)
	}
}

func TestDiffGolden(t *testing.T) {
	tests := []goldenRun{
		{"diff-csv", []string{"diff", diffData + "old.csv", diffData + "new.csv"}, 1},
		{"diff-xlsx-ubl-da", []string{"diff", "--lang", "da", diffData + "old.xlsx", diffData + "new.xml"}, 1},
		{"diff-json", []string{"diff", "--format", "json", diffData + "old.xlsx", diffData + "new.xml"}, 1},
		{"diff-same", []string{"diff", diffData + "old.csv", diffData + "old.xlsx"}, 0},
	}
	goldenRuns(t, diffData, tests)
}

func TestDiffUsage(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"diff", diffData + "old.csv"}, "accepts 2 arg"},
		{[]string{"diff", "--format", "xlsx", diffData + "old.csv", diffData + "new.csv"}, "unknown report format"},
		{[]string{"diff", "-", "-"}, "only one"},
		{[]string{"diff", diffData + "nope.csv", diffData + "new.csv"}, "nope.csv"},
		{[]string{"diff", diffData + "old.csv", "../../testdata/broken/empty.csv"}, "empty.csv"},
	}
	for _, tc := range tests {
		code, out, errOut := cli(t, "", tc.args...)
		if code != 2 || !strings.Contains(errOut, tc.want) {
			t.Errorf("%v: exit %d, stderr %q; want 2 and %q", tc.args, code, errOut, tc.want)
		}
		if out != "" {
			t.Errorf("%v: a usage error printed a report: %q", tc.args, out)
		}
	}
}

// goldenRun is a command whose whole output is reviewed as a file.
type goldenRun struct {
	name string
	args []string
	code int
}

func goldenRuns(t *testing.T, dir string, tests []goldenRun) {
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := cli(t, "", tc.args...)
			if code != tc.code {
				t.Errorf("exit %d, want %d; stderr: %s", code, tc.code, errOut)
			}
			golden.Check(t, filepath.Join(dir, "golden", "cli-"+tc.name+".txt"), []byte(out))
		})
	}
}
