package compare

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/ekatalog/ekatalog/testkit/golden"
	"github.com/xuri/excelize/v2"
)

// TestAgreementWorkbook keeps testdata/compare/agreement.xlsx the same
// agreement as agreement.csv, with prices as number cells and GTINs as
// text, as Excel users keep them; -update rewrites it.
func TestAgreementWorkbook(t *testing.T) {
	path := filepath.Join(testdata, "agreement.xlsx")
	if !golden.Updating() {
		if _, err := os.Stat(path); err != nil {
			t.Fatalf("%v (run with -update to create it)", err)
		}
		return
	}
	b, err := os.ReadFile(filepath.Join(testdata, "agreement.csv"))
	if err != nil {
		t.Fatal(err)
	}
	x := excelize.NewFile()
	defer x.Close()
	sheet := "Aftale"
	x.SetSheetName("Sheet1", sheet)
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	header := strings.Split(lines[0], ";")
	for r, line := range lines {
		for c, v := range strings.Split(line, ";") {
			cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
			numeric := r > 0 && v != "" && header[c] != "EAN" && header[c] != "Varenummer"
			if f, err := strconv.ParseFloat(strings.ReplaceAll(v, ",", "."), 64); numeric && err == nil {
				x.SetCellFloat(sheet, cell, f, -1, 64)
			} else if v != "" {
				x.SetCellStr(sheet, cell, v)
			}
		}
	}
	if err := x.SaveAs(path); err != nil {
		t.Fatal(err)
	}
}
