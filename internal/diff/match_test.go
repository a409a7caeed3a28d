package diff

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/ekatalog/ekatalog/internal/source"
)

// TestGTINMatchesAcrossPadding: lines without an item number are matched
// by GTIN as compare matches them (catalog.GTINKey): a GTIN-13 in the old
// version and the same number as a GTIN-14 in the new one are one item,
// not a line removed and one added. A deliberate change of issue 12: diff
// compared the text of the GTIN, compare its number.
func TestGTINMatchesAcrossPadding(t *testing.T) {
	dir := t.TempDir()
	oldPath, newPath := filepath.Join(dir, "old.csv"), filepath.Join(dir, "new.csv")
	write := func(p, text string) {
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(oldPath, "EAN;Varenavn;Enhed;Pris;Valuta\n5790001000011;Kuglepen;stk;4,50;DKK\n5790001000028;Papir;pk;10,00;DKK\n")
	write(newPath, "EAN;Varenavn;Enhed;Pris;Valuta\n05790001000011;Kuglepen;stk;4,75;DKK\n5790001000028;Papir;pk;10,00;DKK\n")
	res, err := Diff(oldPath, newPath, source.Options{}, source.Options{}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	s := res.Summary
	if s.Added != 0 || s.Removed != 0 || s.Changed != 1 || s.Same != 1 || s.MatchedByGTIN != 2 {
		t.Fatalf("summary %+v", s)
	}
	if c := res.Changed[0]; c.OldLine != 1 || c.NewLine != 1 || c.PriceChange == nil {
		t.Errorf("change %+v", c)
	}
}
