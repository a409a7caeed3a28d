package formats_test

import (
	"testing"

	"github.com/ekatalog/ekatalog/formats"
	"github.com/ekatalog/ekatalog/formats/internal/writertest"
)

// TestTargetsTable: names and aliases are unique and every target has what
// convert and batch need.
func TestTargetsTable(t *testing.T) {
	seen := map[string]bool{}
	for _, tg := range formats.Targets {
		for _, n := range append([]string{tg.Name}, tg.Aliases...) {
			if seen[n] {
				t.Errorf("target name %q is used twice", n)
			}
			seen[n] = true
		}
		if tg.Description == "" || tg.Extension == "" || tg.Extension[0] != '.' || tg.New == nil {
			t.Errorf("target %s: description %q, extension %q", tg.Name, tg.Description, tg.Extension)
		}
	}
}

// TestEveryTargetConverts: a compliant catalogue with a full header
// converts to every target without an error-level finding.
func TestEveryTargetConverts(t *testing.T) {
	for _, tg := range formats.Targets {
		t.Run(tg.Name, func(t *testing.T) {
			out, rep := writertest.Convert(t, "testdata/csv/katalog-da.csv", tg, writertest.Header(t), formats.WriteOptions{})
			if len(out) == 0 {
				t.Error("no output")
			}
			if rep.Summary.Errors != 0 || !rep.Summary.Compliant {
				t.Errorf("%d errors: %v", rep.Summary.Errors, writertest.Rules(rep))
			}
		})
	}
}
