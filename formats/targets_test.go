package formats_test

import (
	"testing"

	"github.com/ekatalog/ekatalog/catalog"
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

// TestEveryTargetWrites: every target writes the lines of a compliant
// catalogue with a full header without an error-level finding, from the
// writer or from the target's check of what it wrote. (That convert calls
// the same catalogue compliant in every target is internal/pipeline's
// TestEveryTargetConverts.)
func TestEveryTargetWrites(t *testing.T) {
	for _, tg := range formats.Targets {
		t.Run(tg.Name, func(t *testing.T) {
			out, rep := writertest.Convert(t, "testdata/canonical/csv-katalog-da.json", tg, writertest.Header(t), formats.WriteOptions{})
			if len(out) == 0 {
				t.Error("no output")
			}
			for _, f := range append(rep.Findings, rep.Errors()...) {
				if f.Severity == catalog.Error {
					t.Errorf("%s %s: %s", f.RuleID(), f.Field, f.Message("en"))
				}
			}
		})
	}
}
