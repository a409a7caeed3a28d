package pipeline

import (
	"bytes"
	"github.com/ekatalog/ekatalog/testkit/golden"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/ekatalog/ekatalog/catalog"
	"github.com/ekatalog/ekatalog/formats"
	"github.com/ekatalog/ekatalog/formats/jsoncat"
	"github.com/ekatalog/ekatalog/schemas"
)

// expectation is one seeded defect: the error-level finding it must give.
type expectation struct {
	line, row   int
	field, rule string
}

func readExpectations(t *testing.T, path string) []expectation {
	var out []expectation
	for _, p := range golden.Table(t, path) {
		line, _ := strconv.Atoi(p[0])
		row, _ := strconv.Atoi(p[1])
		out = append(out, expectation{line, row, p[2], p[3]})
	}
	return out
}

// checkDefects: exactly one error-level finding per seeded defect, on the
// defect's row with its canonical field, and none on any clean line.
func checkDefects(t *testing.T, rep *catalog.Report, want []expectation) {
	t.Helper()
	byLine := map[int][]catalog.Finding{}
	for _, f := range rep.Findings {
		if f.Severity == catalog.Error {
			byLine[f.Line] = append(byLine[f.Line], f)
		}
	}
	seen := map[int]bool{}
	for _, w := range want {
		seen[w.line] = true
		got := byLine[w.line]
		if len(got) != 1 {
			t.Errorf("line %d: %d error findings, want exactly 1 (%s on %s): %+v", w.line, len(got), w.rule, w.field, got)
			continue
		}
		if f := got[0]; f.RuleID() != w.rule || f.Field != w.field || f.Pos.Row != w.row {
			t.Errorf("line %d: got %s on %s at row %d, want %s on %s at row %d", w.line, f.RuleID(), f.Field, f.Pos.Row, w.rule, w.field, w.row)
		}
	}
	for line, fs := range byLine {
		if !seen[line] {
			t.Errorf("clean line %d has errors: %+v", line, fs)
		}
	}
}

func TestSeededDefectsCSV(t *testing.T) {
	want := readExpectations(t, "../../testdata/defects/defects-da.expect.tsv")
	rep, err := Run("../../testdata/defects/defects-da.csv", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Summary.Compliant || rep.Profile != "dk-ehandel" || rep.Summary.Lines != 30 {
		t.Errorf("summary %+v profile %s", rep.Summary, rep.Profile)
	}
	checkDefects(t, rep, want)
}

// testCatalogues are every readable test catalogue in testdata.
func testCatalogues(t *testing.T) []string {
	var files []string
	for _, pattern := range []string{"../../testdata/csv/*", "../../testdata/demo/*", "../../testdata/defects/*.csv", "../../testdata/xlsx/*.xlsx", "../../testdata/ubl/*.xml"} {
		m, _ := filepath.Glob(pattern)
		files = append(files, m...)
	}
	if len(files) < 5 {
		t.Fatalf("test catalogues missing: %v", files)
	}
	return files
}

// TestCanonicalJSONMatchesSchema validates the canonical JSON of every test
// catalogue against schemas/catalogue.schema.json (its JSON report is
// checked against schemas/report.schema.json in package report, which
// imports this one).
func TestCanonicalJSONMatchesSchema(t *testing.T) {
	for _, f := range testCatalogues(t) {
		var out bytes.Buffer
		opts := Options{Writer: func(h catalog.Header, tee func(io.Writer) io.Writer) (formats.Writer, error) {
			return jsoncat.NewWriter(&out), nil
		}}
		if _, err := Run(f, opts); err != nil {
			t.Errorf("%s: %v", f, err)
			continue
		}
		if err := schemas.Check(schemas.Catalogue, out.Bytes()); err != nil {
			t.Errorf("%s: canonical JSON breaks the schema: %v", f, err)
		}
	}
}

// TestJSONRoundTrip: canonical JSON read back gives the same JSON.
func TestJSONRoundTrip(t *testing.T) {
	for _, f := range testCatalogues(t) {
		first := convertJSON(t, f)
		tmp := filepath.Join(t.TempDir(), "c.json")
		os.WriteFile(tmp, first, 0o644)
		if second := convertJSON(t, tmp); !bytes.Equal(first, second) {
			t.Errorf("%s: JSON → JSON is not the identity", f)
		}
	}
}

func convertJSON(t *testing.T, f string) []byte {
	var out bytes.Buffer
	_, err := Run(f, Options{Writer: func(h catalog.Header, tee func(io.Writer) io.Writer) (formats.Writer, error) {
		return jsoncat.NewWriter(&out), nil
	}})
	if err != nil {
		t.Fatalf("%s: %v", f, err)
	}
	return out.Bytes()
}

func TestUnreadableInputsNameTheFile(t *testing.T) {
	files, _ := filepath.Glob("../../testdata/broken/*")
	files = append(files, "../../testdata/does-not-exist.csv", "../../testdata")
	for _, f := range files {
		if strings.HasSuffix(f, "ragged.csv") {
			continue
		}
		_, err := Run(f, Options{})
		if err == nil {
			t.Errorf("%s: read without error", f)
			continue
		}
		if !strings.Contains(err.Error(), f) || strings.Contains(err.Error(), "\n") {
			t.Errorf("%s: error is not one line naming the file: %q", f, err)
		}
	}
}
