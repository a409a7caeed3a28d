package delta

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/ekatalog/ekatalog/formats"
	"github.com/ekatalog/ekatalog/internal/source"
)

// TestGTINMatchesAcrossPadding: an update finds a line without an item
// number by its GTIN as compare and diff do (catalog.GTINKey), so a GTIN-13
// written as a GTIN-14 in the new version is a change of one item, not a
// delete and an add (a deliberate change of issue 12).
func TestGTINMatchesAcrossPadding(t *testing.T) {
	dir := t.TempDir()
	oldPath, newPath := filepath.Join(dir, "old.csv"), filepath.Join(dir, "new.csv")
	for p, text := range map[string]string{
		oldPath: "EAN;Varenavn;Enhed;Pris;Valuta\n5790001000011;Kuglepen;stk;4,50;DKK\n5790001000028;Papir;pk;10,00;DKK\n",
		newPath: "EAN;Varenavn;Enhed;Pris;Valuta\n05790001000011;Kuglepen;stk;4,75;DKK\n5790001000028;Papir;pk;10,00;DKK\n",
	} {
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	tg, err := formats.TargetByName("json")
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	sum, err := DiffFiles(oldPath, newPath, source.Options{}, source.Options{}, tg, &out, formats.WriteOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Added != 0 || sum.Removed != 0 || sum.Changed != 1 || sum.Same != 1 {
		t.Errorf("summary %+v\n%s", sum, out.String())
	}
}
