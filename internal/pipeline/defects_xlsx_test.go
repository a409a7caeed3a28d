package pipeline

import (
	stdcsv "encoding/csv"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"
)

// defectsWorkbook writes the seeded-defect catalogue as a workbook the way
// a supplier's Excel holds it: the same title, blank and header rows, so
// the sheet rows equal the CSV lines, numbers stored as numbers where the
// cell is one, GTINs and everything else as text.
func defectsWorkbook(t *testing.T, csvPath string) string {
	t.Helper()
	f, err := os.Open(csvPath)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := stdcsv.NewReader(charmap.Windows1252.NewDecoder().Reader(f))
	r.Comma, r.FieldsPerRecord = ';', -1
	numeric := map[string]bool{"Antal pr. enhed": true, "Pris": true, "Moms %": true}
	var header []string
	x := excelize.NewFile()
	defer x.Close()
	sheet := x.GetSheetName(0)
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		row, _ := r.FieldPos(0) // the sheet row is the file line: blank rows stay blank
		if len(rec) > 0 && rec[0] == "Varenummer" {
			header = rec
		}
		for j, cell := range rec {
			name, _ := excelize.CoordinatesToCellName(j+1, row)
			var v any = cell
			if header != nil && rec[0] != "Varenummer" && j < len(header) && numeric[header[j]] {
				if n, err := strconv.ParseFloat(strings.ReplaceAll(cell, ",", "."), 64); err == nil {
					v = n
				}
			}
			if err := x.SetCellValue(sheet, name, v); err != nil {
				t.Fatal(err)
			}
		}
	}
	out := filepath.Join(t.TempDir(), "defects-da.xlsx")
	if err := x.SaveAs(out); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestSeededDefectsXLSX: the same defects as an Excel workbook give the same
// findings on the same rows.
func TestSeededDefectsXLSX(t *testing.T) {
	want := readExpectations(t, "../../testdata/defects/defects-da.expect.tsv")
	rep, err := Run(defectsWorkbook(t, "../../testdata/defects/defects-da.csv"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Summary.Compliant || rep.Profile != "dk-ehandel" || rep.Summary.Lines != 30 || rep.Format != "xlsx" {
		t.Errorf("summary %+v profile %s format %s", rep.Summary, rep.Profile, rep.Format)
	}
	checkDefects(t, rep, want)
}
