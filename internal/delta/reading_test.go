package delta

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/ekatalog/ekatalog/catalog"
	"github.com/ekatalog/ekatalog/formats"
	"github.com/ekatalog/ekatalog/internal/source"
)

// TestReadingFindingsTravel: a cell that could not be read as written goes
// into an update document (and into an applied catalogue) as what was made
// of it, and the result says so with the file and the cell, so that the
// command does not report a clean run.
func TestReadingFindingsTravel(t *testing.T) {
	dir := t.TempDir()
	oldPath, newPath := filepath.Join(dir, "old.csv"), filepath.Join(dir, "new.csv")
	for p, text := range map[string]string{
		oldPath: "Varenummer;Varenavn;Enhed;Pris;Valuta\nA-1;Kuglepen;stk;4,50;DKK\nA-2;Papir;pk;10,00;DKK\n",
		newPath: "Varenummer;Varenavn;Enhed;Pris;Valuta\nA-1;Kuglepen;stk;4,5x;DKK\nA-2;Papir;pk;11,00;DKK\n",
	} {
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	tg, err := formats.TargetByName("json")
	if err != nil {
		t.Fatal(err)
	}
	check := func(what string, fs []catalog.Finding) {
		t.Helper()
		var got []catalog.Finding
		for _, f := range fs {
			if f.Rule == catalog.RuleReadNotNumber {
				got = append(got, f)
			}
		}
		if len(got) != 1 {
			t.Fatalf("%s: %d READ-NOT-NUMBER findings in %+v", what, len(got), fs)
		}
		if f := got[0]; f.Source != newPath || f.Line != 1 || f.Pos.Row != 2 || f.Pos.Col != 4 || f.Value != "4,5x" {
			t.Errorf("%s: the finding is at %s %d %+v, value %q", what, f.Source, f.Line, f.Pos, f.Value)
		}
	}
	var out bytes.Buffer
	sum, err := DiffFiles(oldPath, newPath, source.Options{}, source.Options{}, tg, &out, formats.WriteOptions{})
	if err != nil {
		t.Fatal(err)
	}
	check("diff --to", sum.Findings)
	out.Reset()
	_, fs, err := ApplyFiles(oldPath, []string{newPath}, source.Options{}, source.Options{}, tg, &out, formats.WriteOptions{})
	if err != nil {
		t.Fatal(err)
	}
	check("apply", fs)
}
