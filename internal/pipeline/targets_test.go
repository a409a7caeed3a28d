package pipeline_test

// End-to-end tests of the targets (read → validate → write → check), moved
// here from formats/ and formats/tabout: the writers' own tests there read
// canonical fixtures and do not run the pipeline.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/ekatalog/ekatalog/catalog"
	"github.com/ekatalog/ekatalog/formats"
	"github.com/ekatalog/ekatalog/internal/pipeline"
)

// targetHeader reads testdata/targets/header.json, the header a CSV lacks.
func targetHeader(t *testing.T) *catalog.Header {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(repoRoot, "testdata", "targets", "header.json"))
	if err != nil {
		t.Fatal(err)
	}
	var h catalog.Header
	if err := json.Unmarshal(b, &h); err != nil {
		t.Fatal(err)
	}
	return &h
}

// convertAs runs `ekatalog convert FILE --to TARGET [--header H]` through
// the pipeline, the output checked under the target's rules as it is
// written, and returns the output and the report.
func convertAs(t *testing.T, file string, tg *formats.Target, h *catalog.Header) ([]byte, *catalog.Report) {
	t.Helper()
	var out bytes.Buffer
	rep, err := pipeline.Run(file, pipeline.Options{Header: h, Target: tg,
		Writer: func(h catalog.Header, tee func(io.Writer) io.Writer) (formats.Writer, error) {
			return tg.New(tee(&out), h, formats.WriteOptions{})
		}})
	if err != nil {
		t.Fatalf("%s --to %s: %v", file, tg.Name, err)
	}
	return out.Bytes(), rep
}

// TestEveryTargetConverts: a compliant catalogue with a full header
// converts to every target without an error-level finding, and the report
// calls it compliant.
func TestEveryTargetConverts(t *testing.T) {
	for _, tg := range formats.Targets {
		t.Run(tg.Name, func(t *testing.T) {
			out, rep := convertAs(t, filepath.Join(repoRoot, "testdata", "csv", "katalog-da.csv"), tg, targetHeader(t))
			if len(out) == 0 {
				t.Error("no output")
			}
			if rep.Summary.Errors != 0 || !rep.Summary.Compliant {
				var rules []string
				for _, f := range rep.Findings {
					rules = append(rules, f.RuleID()+" "+f.Field)
				}
				t.Errorf("%d errors: %v", rep.Summary.Errors, rules)
			}
		})
	}
}

// TestTaboutRoundTrip: the csv-da output reads in again as the same
// catalogue (both sides written as csv-en: the same lines, the same values).
func TestTaboutRoundTrip(t *testing.T) {
	csvDA, err := formats.TargetByName("csv-da")
	if err != nil {
		t.Fatal(err)
	}
	input := filepath.Join(repoRoot, "testdata", "csv", "katalog-da.csv")
	out, _ := convertAs(t, input, csvDA, targetHeader(t))
	p := filepath.Join(t.TempDir(), "out.csv")
	if err := os.WriteFile(p, out, 0o644); err != nil {
		t.Fatal(err)
	}
	csvEN, err := formats.TargetByName("csv-en")
	if err != nil {
		t.Fatal(err)
	}
	canonical := func(path string) string {
		out, rep := convertAs(t, path, csvEN, nil)
		return fmt.Sprint(rep.Summary.Lines) + "\n" + string(out)
	}
	if got, want := canonical(p), canonical(input); got != want {
		t.Errorf("read back differently:\n%s\nwant\n%s", got, want)
	}
}

// TestTaboutOutputVerdict: the file a template writes is held to the
// template's required columns and code lists as it is written: an empty
// required cell is OUTPUT-REQUIRED, a currency or unit that is no code
// (the unit word the validator could not resolve) OUTPUT-CODE, each at the
// output's row and column with the source line; the report's verdict on
// the output fails and the catalogue is not compliant.
func TestTaboutOutputVerdict(t *testing.T) {
	tg, err := formats.TargetByName("csv-da")
	if err != nil {
		t.Fatal(err)
	}
	_, rep := convertAs(t, filepath.Join(repoRoot, "testdata", "demo", "katalog.csv"), tg, nil)
	type at struct {
		rule     string
		line     int
		row, col int
		value    string
	}
	var got []at
	for _, f := range rep.Findings {
		if f.Output {
			got = append(got, at{f.RuleID(), f.Line, f.Pos.Row, f.Pos.Col, f.Value})
		}
	}
	want := []at{{"OUTPUT-CODE", 4, 5, 15, "DKR"}, {"OUTPUT-REQUIRED", 8, 9, 2, ""}, {"OUTPUT-CODE", 10, 11, 9, "blister"}}
	if !slices.Equal(got, want) {
		t.Errorf("findings on the output:\n got %v\nwant %v", got, want)
	}
	if rep.Output == nil || !rep.Output.Failed() || rep.Output.Errors != 3 || rep.Summary.Compliant {
		t.Errorf("verdict on the output: %+v", rep.Output)
	}
}
