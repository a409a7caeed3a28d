package compare

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

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
func expectations(t *testing.T, path string) []string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var want []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if line := sc.Text(); line != "" && !strings.HasPrefix(line, "#") {
			want = append(want, line)
		}
	}
	return want
}

func rows(res *Result) []string {
	var got []string
	for _, f := range res.Findings {
		got = append(got, fmt.Sprintf("%s\t%d\t%d\t%s\t%s\t%s", f.Source, f.Line, f.Pos.Row, f.Field, f.ItemID, f.Rule))
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
				t.Logf("%s %s", f.Rule, f.Message("en"))
			}
		})
	}
}
