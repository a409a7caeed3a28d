package xlsx

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"errors"
	"github.com/ekatalog/ekatalog/testkit/golden"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ekatalog/ekatalog/catalog"
	"github.com/ekatalog/ekatalog/formats/csv"
	"github.com/ekatalog/ekatalog/formats/jsoncat"
	"github.com/ekatalog/ekatalog/mappings"
	"github.com/ekatalog/ekatalog/testkit/synth"
	"github.com/xuri/excelize/v2"
)

// synthXLSX returns n synthetic items as a workbook.
func synthXLSX(t testing.TB, first, n int, o synth.XLSXOptions) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := synth.WriteXLSX(&b, first, n, o); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// workbook builds a workbook with excelize: fn fills it.
func workbook(t testing.TB, fn func(f *excelize.File)) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	fn(f)
	var b bytes.Buffer
	if _, err := f.WriteTo(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// must fails the test on an excelize error while building a workbook.
func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// setRows writes rows from row 1 of sheet; a nil row is left empty.
func setRows(t testing.TB, f *excelize.File, sheet string, rows ...[]any) {
	t.Helper()
	for i, r := range rows {
		if r == nil {
			continue
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		must(t, f.SetSheetRow(sheet, cell, &r))
	}
}

// readLines reads every line of a workbook.
func readLines(t testing.TB, data []byte, o Options) ([]*catalog.Line, *Reader) {
	t.Helper()
	rd, err := Open(bytes.NewReader(data), o)
	if err != nil {
		t.Fatal(err)
	}
	var lines []*catalog.Line
	var l catalog.Line
	for {
		err := rd.Next(&l)
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		lines = append(lines, l.Clone())
	}
	return lines, rd
}

func lineJSON(l *catalog.Line) string {
	c := l.Clone()
	c.Src = catalog.Src{}
	return string(jsoncat.AppendLine(nil, c))
}

// The same items as a workbook (title and blank row above the header, text
// and numeric cells) and as the Danish CSV export read to the same lines.
func TestRoundTripCSV(t *testing.T) {
	const n = 300
	var csvData bytes.Buffer
	if err := synth.WriteCSV(&csvData, 0, n, synth.Danish); err != nil {
		t.Fatal(err)
	}
	cr, err := csv.Open(&csvData, csv.Options{Name: "katalog.csv"})
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	var l catalog.Line
	for {
		if err := cr.Next(&l); err == io.EOF {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		want = append(want, lineJSON(&l))
	}
	for _, tc := range []struct {
		name string
		o    synth.XLSXOptions
	}{
		{"inline strings", synth.XLSXOptions{Title: "Prisliste 2026 – Kontorartikler"}},
		{"shared strings", synth.XLSXOptions{Title: "Prisliste 2026 – Kontorartikler", SharedStrings: true}},
		{"numbers as text", synth.XLSXOptions{NumbersAsText: true}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			lines, rd := readLines(t, synthXLSX(t, 0, n, tc.o), Options{Name: "katalog.xlsx"})
			if len(lines) != len(want) {
				t.Fatalf("%d lines, CSV has %d", len(lines), len(want))
			}
			for i, l := range lines {
				if got := lineJSON(l); got != want[i] {
					t.Fatalf("line %d:\n xlsx %s\n csv  %s", i+1, got, want[i])
				}
			}
			headerRow := 1
			if tc.o.Title != "" {
				headerRow = 3
			}
			if rd.Plan().HeaderRow != headerRow || lines[0].Src.Row != headerRow+1 || lines[0].Src.Line != 1 {
				t.Errorf("header row %d, first line at row %d (#%d)", rd.Plan().HeaderRow, lines[0].Src.Row, lines[0].Src.Line)
			}
			it := synth.At(2)
			if l := lines[2]; l.Name != it.Name || !strings.ContainsAny(l.Name, "æøå") || l.GTIN != it.GTIN || l.Price.V != it.Price {
				t.Errorf("line 3 = %q %q %v, want %q %q %v", l.Name, l.GTIN, l.Price.V, it.Name, it.GTIN, it.Price)
			}
		})
	}
}

// goldens are committed workbooks and the lines and findings read from them.
var goldens = []struct {
	file  string
	build func(t testing.TB) []byte
	opts  Options
}{
	{"katalog.xlsx", func(t testing.TB) []byte {
		return synthXLSX(t, 0, 20, synth.XLSXOptions{Sheet: "Prisliste", SharedStrings: true, Dates: true,
			DateFormat: "dd-mm-yyyy", Title: "Prisliste 2026 – Kontorartikler (alle priser ekskl. moms)"})
	}, Options{}},
	{"katalog-tal.xlsx", func(t testing.TB) []byte {
		return synthXLSX(t, 40, 10, synth.XLSXOptions{GTINAsNumber: true, NumbersAsText: true})
	}, Options{}},
	{"katalog-skjult.xlsx", buildEdgeWorkbook, Options{}},
	{"prislista-sv.xlsx", buildSwedishWorkbook, Options{}},
}

// buildSwedishWorkbook is a Swedish supplier's price list: a title row,
// then a Swedish header row, read without a mapping file.
func buildSwedishWorkbook(t testing.TB) []byte {
	return workbook(t, func(f *excelize.File) {
		must(t, f.SetSheetName("Sheet1", "Prislista"))
		setRows(t, f, "Prislista",
			[]any{"Prislista 2026 – Kontorsmaterial (priser exkl. moms)"},
			nil,
			[]any{"Artikelnummer", "Benämning", "Beskrivning", "EAN-kod", "Enhet", "Pris exkl. moms", "Valuta", "Moms", "Tillverkare", "Varumärke", "Leveranstid (dagar)", "Giltig från"},
			[]any{"S-100", "Kulspetspenna blå", "Kulspetspenna med klips, blått bläck", "5701234567899", "st", 4.9, "SEK", "25 %", "Pennfabriken AB", "Skriv", int64(3), "2026-01-01"},
			[]any{"S-101", "Kopieringspapper A4", "80 g, 500 ark", "4006381333931", "förp", "59,00 kr", "SEK", 0.25, "Nordiskt Papper AB", "Nordpapp", int64(5), "2026-01-01"},
			[]any{"S-102", "Häftapparat", "För upp till 20 ark", "", "st", "129,50", "SEK", "25%", "Kontorsverk AB", "", int64(10), "2026-01-01"},
		)
		// The VAT rate of the second item is a number shown as 25 %.
		pct, err := f.NewStyle(&excelize.Style{NumFmt: 9})
		must(t, err)
		must(t, f.SetCellStyle("Prislista", "H5", "H5", pct))
	})
}

// buildEdgeWorkbook is what suppliers' workbooks do that a synthetic one
// does not: a hidden instructions sheet first, blank and short rows,
// GTINs stored as numbers that lost digits, dates in several formats, a
// price typed as text and one that is no number.
func buildEdgeWorkbook(t testing.TB) []byte {
	return workbook(t, func(f *excelize.File) {
		must(t, f.SetSheetName("Sheet1", "Vejledning"))
		setRows(t, f, "Vejledning", []any{"Varenummer", "Varenavn", "Pris"}, []any{"Udfyld fanen Priser"})
		_, err := f.NewSheet("Priser")
		must(t, err)
		// excelize hides no sheet while its tab is the selected one.
		f.SetActiveSheet(1)
		must(t, f.SetSheetVisible("Vejledning", false))
		setRows(t, f, "Priser",
			[]any{"Prisliste – Rengøring"},
			nil,
			[]any{"Varenummer", "Varenavn", "EAN", "Pris", "Gyldig fra", "Gyldig til", "Bemærkning"},
			[]any{"R-1", "Gulvsæbe", int64(5701234567892), 49.5, time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC), "31-12-2026"},
			[]any{"R-2", "Skurecreme", int64(1234567890128), "12,50"},
			nil,
			[]any{"R-3", "Håndsprit", int64(76543210), "1.234,50", 46054},
			[]any{"R-4", "Klude", 5.70123456789012e16, "tolv"},
			[]any{"R-5", "Svampe", "05701234567892", 0.1 + 0.2, nil, nil, "ok"},
			[]any{"R-6", "Tape", int64(12345678905), 15},
		)
		ymd, dmy := "yyyy-mm-dd", "d. mmmm yyyy"
		s1, err := f.NewStyle(&excelize.Style{CustomNumFmt: &ymd})
		must(t, err)
		s2, err := f.NewStyle(&excelize.Style{CustomNumFmt: &dmy})
		must(t, err)
		must(t, f.SetCellStyle("Priser", "E4", "E4", s1))
		must(t, f.SetCellStyle("Priser", "E7", "E7", s2))
	})
}

type goldenFile struct {
	Sheet     string          `json:"sheet"`
	HeaderRow int             `json:"headerRow"`
	Decimal   string          `json:"decimal"`
	Findings  []goldenFinding `json:"findings,omitempty"`
	Lines     []goldenLine    `json:"lines"`
}

type goldenLine struct {
	Line     int             `json:"line"`
	Row      int             `json:"row"`
	Data     json.RawMessage `json:"data"`
	Findings []goldenFinding `json:"findings,omitempty"`
}

type goldenFinding struct {
	Rule     string   `json:"rule"`
	Severity string   `json:"severity"`
	Line     int      `json:"line,omitempty"`
	Where    string   `json:"where,omitempty"`
	Field    string   `json:"field,omitempty"`
	Value    string   `json:"value,omitempty"`
	Args     []string `json:"args,omitempty"`
}

func goldenFindings(fs []catalog.Finding) []goldenFinding {
	var out []goldenFinding
	for _, f := range fs {
		out = append(out, goldenFinding{Rule: f.RuleID(), Severity: f.Severity.String(), Line: f.Line, Where: f.Where("en"),
			Field: f.Field, Value: f.Value, Args: f.Args})
	}
	return out
}

// TestGolden reads the committed workbooks; go test ./formats/xlsx -update
// writes them anew from synth and rewrites the expected output.
func TestGolden(t *testing.T) {
	dir := filepath.Join("..", "..", "testdata", "xlsx")
	for _, g := range goldens {
		t.Run(g.file, func(t *testing.T) {
			path := filepath.Join(dir, g.file)
			goldenPath := strings.TrimSuffix(path, ".xlsx") + ".golden.json"
			if golden.Updating() {
				if err := os.MkdirAll(dir, 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, g.build(t), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./formats/xlsx -update)", err)
			}
			o := g.opts
			o.Name = g.file
			lines, rd := readLines(t, data, o)
			out := goldenFile{Sheet: rd.Sheet(), HeaderRow: rd.Plan().HeaderRow, Decimal: string(rd.Plan().Decimal),
				Findings: goldenFindings(rd.Findings())}
			for _, l := range lines {
				out.Lines = append(out.Lines, goldenLine{Line: l.Src.Line, Row: l.Src.Row,
					Data: jsoncat.AppendLine(nil, l), Findings: goldenFindings(l.Findings)})
			}
			got, err := json.MarshalIndent(out, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			if golden.Updating() {
				if err := os.WriteFile(goldenPath, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(goldenPath)
			if err != nil {
				t.Fatalf("%v (run go test ./formats/xlsx -update)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs from %s; run go test ./formats/xlsx -update and review the diff\n%s", g.file, goldenPath, got)
			}
		})
	}
}

func findingsOf(lines []*catalog.Line, rule string) []catalog.Finding {
	var out []catalog.Finding
	for _, l := range lines {
		for _, f := range l.Findings {
			if f.RuleID() == rule {
				out = append(out, f)
			}
		}
	}
	return out
}

func TestGTINStoredAsNumber(t *testing.T) {
	header := []any{"Varenummer", "Varenavn", "EAN"}
	data := workbook(t, func(f *excelize.File) {
		setRows(t, f, "Sheet1", header,
			[]any{"A", "exact GTIN-13", int64(5701234567892)},
			[]any{"B", "GTIN-14 that began with 0", int64(5701234567892)},
			[]any{"C", "GTIN-14", int64(15701234567899)},
			[]any{"D", "17 digits stored exactly", int64(12345678901234567)},
			[]any{"E", "scientific, digits lost", 5.70123456789012e16},
			[]any{"F", "text", "05701234567892"},
			[]any{"G", "typed as a number, written by Excel as 5.70123456789E+12", nil},
		)
		// Excel shows a long number in a narrow General column as
		// 5,70123E+12; a sheet pasted from such a view stores the text.
		must(t, f.SetCellStr("Sheet1", "C8", "5.70123456789E+12"))
	})
	lines, _ := readLines(t, data, Options{Name: "gtin.xlsx"})
	wantGTIN := []string{"5701234567892", "5701234567892", "15701234567899", "12345678901234567", "5.70123456789012E+16", "05701234567892", "5701234567890"}
	for i, l := range lines {
		if l.GTIN != wantGTIN[i] && !(i == 4 && strings.HasPrefix(l.GTIN, "57012345678901")) {
			t.Errorf("line %d (%s): GTIN %q, want %q", i+1, l.Name, l.GTIN, wantGTIN[i])
		}
	}
	prec := findingsOf(lines, "READ-GTIN-PRECISION")
	var precLines []int
	for _, f := range prec {
		precLines = append(precLines, f.Line)
		if f.Pos.ColName != "C" || f.Pos.Row != f.Line+1 {
			t.Errorf("precision finding at %+v", f.Pos)
		}
	}
	if len(precLines) != 3 || precLines[0] != 4 || precLines[1] != 5 || precLines[2] != 7 {
		t.Errorf("READ-GTIN-PRECISION on lines %v, want [4 5 7]", precLines)
	}
	num := findingsOf(lines, "READ-GTIN-NUMBER")
	if len(num) != 2 || num[0].Line != 1 || num[1].Line != 2 || num[0].Severity != catalog.Warning ||
		num[0].Pos != (catalog.Pos{Row: 2, Col: 3, ColName: "C"}) || num[0].Value != "5701234567892" {
		t.Errorf("READ-GTIN-NUMBER findings: %+v", num)
	}
	for _, i := range []int{2, 5} {
		if len(lines[i].Findings) != 0 {
			t.Errorf("line %d: unexpected findings %+v", i+1, lines[i].Findings)
		}
	}
}

// In a column of GTIN-13s stored as numbers, a GTIN-13 or GTIN-8 is what
// it says; a length no GTIN has, or a GTIN-12 among GTIN-13s, is suspect.
func TestGTINNumberColumnOfGTIN13(t *testing.T) {
	data := workbook(t, func(f *excelize.File) {
		setRows(t, f, "Sheet1", []any{"Varenummer", "EAN"},
			[]any{"A", int64(5701234567892)}, []any{"B", int64(5701234567908)}, []any{"C", int64(76543210)},
			[]any{"D", int64(12345678905)}, []any{"E", int64(123456789012)})
	})
	lines, _ := readLines(t, data, Options{Name: "ean13.xlsx"})
	num := findingsOf(lines, "READ-GTIN-NUMBER")
	if len(num) != 2 || num[0].Value != "12345678905" || num[0].Where("en") != "row 5, column B" || num[1].Line != 5 {
		t.Errorf("READ-GTIN-NUMBER: %+v", num)
	}
}

func TestDates(t *testing.T) {
	data := workbook(t, func(f *excelize.File) {
		setRows(t, f, "Sheet1", []any{"Varenummer", "Gyldig fra", "Gyldig til"},
			[]any{"builtin 14", 46054, 46387},
			[]any{"custom dd-mm-yyyy", 46054, 46387.75},
			[]any{"long Danish", 46054, "31-12-2026"},
			[]any{"time only", 0.5, nil},
			[]any{"General number", 46054, nil},
			[]any{"text", "2026-02-01", "1.2.2026"},
		)
		styles := map[string]*excelize.Style{"B2:C2": {NumFmt: 14}, "B3:C3": {CustomNumFmt: ptr("dd-mm-yyyy hh:mm")},
			"B4:B4": {CustomNumFmt: ptr(`[$-406]d. mmmm yyyy;@`)}, "B5:B5": {CustomNumFmt: ptr("hh:mm")}}
		for rng, st := range styles {
			id, err := f.NewStyle(st)
			must(t, err)
			from, to, _ := strings.Cut(rng, ":")
			must(t, f.SetCellStyle("Sheet1", from, to, id))
		}
	})
	lines, _ := readLines(t, data, Options{Name: "dates.xlsx"})
	want := [][2]string{{"2026-02-01", "2026-12-31"}, {"2026-02-01", "2026-12-31"}, {"2026-02-01", "2026-12-31"},
		{"", ""}, {"", ""}, {"2026-02-01", "2026-02-01"}}
	for i, l := range lines {
		if l.ValidFrom != want[i][0] || l.ValidTo != want[i][1] {
			t.Errorf("%s: %q %q, want %q %q", l.SellerItemID, l.ValidFrom, l.ValidTo, want[i][0], want[i][1])
		}
	}
	// A number that is not formatted as a date is not taken for one.
	bad := findingsOf(lines, "READ-NOT-DATE")
	if len(bad) != 2 || bad[0].Value != "0.5" || bad[1].Value != "46054" || bad[1].Pos.ColName != "B" {
		t.Errorf("READ-NOT-DATE: %+v", bad)
	}
}

func ptr[T any](v T) *T { return &v }

func TestDate1904(t *testing.T) {
	data := workbook(t, func(f *excelize.File) {
		must(t, f.SetWorkbookProps(&excelize.WorkbookPropsOptions{Date1904: ptr(true)}))
		setRows(t, f, "Sheet1", []any{"Varenummer", "Gyldig fra"}, []any{"A", 44592})
		id, err := f.NewStyle(&excelize.Style{NumFmt: 14})
		must(t, err)
		must(t, f.SetCellStyle("Sheet1", "B2", "B2", id))
	})
	lines, _ := readLines(t, data, Options{Name: "1904.xlsx"})
	if lines[0].ValidFrom != "2026-02-01" {
		t.Errorf("1904 date system: %q", lines[0].ValidFrom)
	}
}

func TestNumbersTypedAsText(t *testing.T) {
	for _, tc := range []struct {
		name   string
		prices []any
		dec    byte
		want   []float64
	}{
		{"decimal comma", []any{"12,50", "1.234,50", 7, "0,95"}, ',', []float64{12.5, 1234.5, 7, 0.95}},
		{"decimal point", []any{"12.50", "1,234.50", 7, "0.95"}, '.', []float64{12.5, 1234.5, 7, 0.95}},
		{"no text numbers: Danish", []any{12.5, 7}, ',', []float64{12.5, 7}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data := workbook(t, func(f *excelize.File) {
				rows := [][]any{{"Varenummer", "Pris", "Antal pr. enhed"}}
				for i, p := range tc.prices {
					rows = append(rows, []any{i, p, "1"})
				}
				setRows(t, f, "Sheet1", rows...)
			})
			lines, rd := readLines(t, data, Options{Name: "tal.xlsx"})
			if rd.Plan().Decimal != tc.dec {
				t.Errorf("decimal %q, want %q", rd.Plan().Decimal, tc.dec)
			}
			for i, l := range lines {
				if !l.Price.Valid || l.Price.V != tc.want[i] || len(l.Findings) > 0 {
					t.Errorf("line %d: price %+v, findings %+v; want %v", i+1, l.Price, l.Findings, tc.want[i])
				}
			}
		})
	}
}

func TestRowsAndPositions(t *testing.T) {
	data := workbook(t, func(f *excelize.File) {
		setRows(t, f, "Sheet1",
			[]any{"Katalog"},
			[]any{"Leverandør: Ølstykke Plast"},
			nil,
			[]any{"Varenummer", "Varenavn", "Pris", "Moms %"},
			[]any{"A", "short row"},
			nil, nil,
			[]any{"B", "bad price", "abc", 25},
			[]any{"C", "cells past the header", 1, 25, "x", nil, "y"},
		)
	})
	lines, rd := readLines(t, data, Options{Name: "rows.xlsx"})
	if rd.Plan().HeaderRow != 4 || len(lines) != 3 {
		t.Fatalf("header on row %d, %d lines", rd.Plan().HeaderRow, len(lines))
	}
	for i, want := range []catalog.Src{{Line: 1, Row: 5}, {Line: 2, Row: 8}, {Line: 3, Row: 9}} {
		if lines[i].Src != want {
			t.Errorf("line %d at %+v, want %+v", i+1, lines[i].Src, want)
		}
	}
	if len(lines[0].Findings) != 0 {
		t.Errorf("a short row is no finding in a sheet: %+v", lines[0].Findings)
	}
	if f := lines[1].Findings; len(f) != 1 || f[0].RuleID() != "READ-NOT-NUMBER" || f[0].Where("en") != "row 8, column C" {
		t.Errorf("bad price: %+v", f)
	}
	if f := lines[2].Findings; len(f) != 1 || f[0].RuleID() != "READ-ROW-TOO-MANY-CELLS" {
		t.Errorf("cells past the header: %+v", f)
	}
	if pos := rd.Locate(lines[1], catalog.FieldPrice); pos.ColName != "C" || pos.Row != 8 {
		t.Errorf("Locate price: %+v", pos)
	}
}

// twoSheets has a hidden sheet of look-up lists before the price list, and
// a third sheet with English headers.
func twoSheets(t testing.TB, hideFirst string) []byte {
	return workbook(t, func(f *excelize.File) {
		must(t, f.SetSheetName("Sheet1", "Lister"))
		setRows(t, f, "Lister", []any{"Varenummer", "Enhed"}, []any{"liste", "stk"})
		for _, name := range []string{"Priser", "English"} {
			_, err := f.NewSheet(name)
			must(t, err)
		}
		setRows(t, f, "Priser", []any{"Varenummer", "Varenavn"}, []any{"P-1", "Kuglepen"})
		setRows(t, f, "English", []any{"Item number", "Item name"}, []any{"E-1", "Pen"}, []any{"E-2", "Pencil"})
		f.SetActiveSheet(1)
		switch hideFirst {
		case "hidden":
			must(t, f.SetSheetVisible("Lister", false))
		case "veryHidden":
			must(t, f.SetSheetVisible("Lister", false, true))
		}
	})
}

func TestSheetChoice(t *testing.T) {
	for _, tc := range []struct {
		name, hide, sheet, mappingSheet, want string
	}{
		{"first visible", "", "", "", "Lister"},
		{"hidden first sheet", "hidden", "", "", "Priser"},
		{"very hidden first sheet", "veryHidden", "", "", "Priser"},
		{"--sheet", "hidden", "english", "", "English"},
		{"--sheet names a hidden sheet", "hidden", "Lister", "", "Lister"},
		{"--sheet by number", "", "3", "", "English"},
		{"mapping's sheet", "", "", "Priser", "Priser"},
		{"--sheet over the mapping's", "", "English", "Priser", "English"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o := Options{Name: "ark.xlsx", Sheet: tc.sheet}
			if tc.mappingSheet != "" {
				m, err := mappings.Parse("m.json", []byte(`{"sheet":"`+tc.mappingSheet+`"}`))
				if err != nil {
					t.Fatal(err)
				}
				o.Mapping = m
			}
			lines, rd := readLines(t, twoSheets(t, tc.hide), o)
			if rd.Sheet() != tc.want || len(lines) == 0 {
				t.Errorf("read sheet %q (%d lines), want %q", rd.Sheet(), len(lines), tc.want)
			}
		})
	}
}

// openError opens data and returns the error, which must name the file
// and be one line.
func openError(t *testing.T, data []byte, o Options) string {
	t.Helper()
	if o.Name == "" {
		o.Name = "katalog.xlsx"
	}
	rd, err := Open(bytes.NewReader(data), o)
	if err == nil {
		var l catalog.Line
		for err == nil {
			err = rd.Next(&l)
		}
		if err == io.EOF {
			t.Fatalf("no error")
		}
	}
	var re *catalog.ReadError
	if !errors.As(err, &re) || re.File != o.Name {
		t.Errorf("error %v (%T) does not name the file", err, err)
	}
	msg := err.Error()
	if strings.Contains(msg, "\n") {
		t.Errorf("error is not one line: %q", msg)
	}
	return msg
}

func TestErrors(t *testing.T) {
	good := synthXLSX(t, 0, 200, synth.XLSXOptions{Title: "Prisliste"})
	random := make([]byte, 4096)
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range random {
		random[i] = byte(rng.Uint32())
	}
	ole := append([]byte{0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1}, make([]byte, 504)...)
	encrypted := append(append([]byte{}, ole...), utf16le("EncryptedPackage")...)
	for _, tc := range []struct {
		name string
		data []byte
		o    Options
		want string
	}{
		{"zero bytes", nil, Options{}, "katalog.xlsx: the file is empty"},
		{"random bytes", random, Options{}, "not a valid .xlsx workbook: the file is not a ZIP archive"},
		{"truncated", good[:len(good)/2], Options{}, "not a valid .xlsx workbook: the ZIP archive is damaged or truncated"},
		{"truncated to the ZIP header", good[:40], Options{}, "not a valid .xlsx workbook: the ZIP archive is damaged or truncated"},
		{"encrypted", encrypted, Options{}, "password-protected workbook: remove the password and save again"},
		{"old .xls", ole, Options{}, "an old binary Excel file (.xls)"},
		{"Word document", zipOf(t, map[string]string{"[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document/>"}), Options{}, "a Word document (.docx)"},
		{"OpenDocument", zipOf(t, map[string]string{"mimetype": "application/vnd.oasis.opendocument.spreadsheet", "content.xml": "<x/>"}), Options{}, "an OpenDocument spreadsheet (.ods)"},
		{"other ZIP", zipOf(t, map[string]string{"readme.txt": "hello"}), Options{}, "a ZIP archive without a workbook"},
		{"ZIP bomb", good, Options{UnzipSizeLimit: 64 << 10}, "unpacks to more than 65536 bytes"},
		{"missing sheet", twoSheets(t, "hidden"), Options{Sheet: "Priser 2027"},
			`sheet "Priser 2027" not found; the workbook has sheets "Lister" (hidden), "Priser", "English"`},
		{"no visible sheet", patchZip(t, twoSheets(t, "veryHidden"), "xl/workbook.xml", func(s string) string {
			s = strings.Replace(s, `name="Priser"`, `name="Priser" state="hidden"`, 1)
			return strings.Replace(s, `name="English"`, `name="English" state="hidden"`, 1)
		}), Options{}, `the workbook has no visible worksheet (it has sheets "Lister" (hidden), "Priser" (hidden), "English" (hidden)); choose one with --sheet`},
		{"no header row", workbook(t, func(f *excelize.File) {
			setRows(t, f, "Sheet1", []any{"Navn", "Adresse"}, []any{"a", "b"})
		}), Options{}, `no header row found in sheet "Sheet1"`},
		{"empty sheet", workbook(t, func(*excelize.File) {}), Options{}, "no header row found"},
		{"damaged sheet data", damageSheet(t, good), Options{}, "the ZIP archive is damaged or truncated"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if msg := openError(t, tc.data, tc.o); !strings.Contains(msg, tc.want) {
				t.Errorf("error %q\nwant it to contain %q", msg, tc.want)
			}
		})
	}
}

// patchZip rewrites one member of a ZIP archive.
func patchZip(t testing.TB, data []byte, name string, fn func(string) string) []byte {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	must(t, err)
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	found := false
	for _, zf := range zr.File {
		rc, err := zf.Open()
		must(t, err)
		content, err := io.ReadAll(rc)
		must(t, err)
		if zf.Name == name {
			content, found = []byte(fn(string(content))), true
		}
		w, err := zw.Create(zf.Name)
		must(t, err)
		_, err = w.Write(content)
		must(t, err)
	}
	must(t, zw.Close())
	if !found {
		t.Fatalf("no %s in the archive", name)
	}
	return b.Bytes()
}

// zipOf makes a ZIP archive of the files.
func zipOf(t testing.TB, files map[string]string) []byte {
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for name, content := range files {
		w, err := zw.Create(name)
		must(t, err)
		_, err = w.Write([]byte(content))
		must(t, err)
	}
	must(t, zw.Close())
	return b.Bytes()
}

// damageSheet flips bytes in the middle of the sheet's compressed data,
// leaving the ZIP directory intact: excelize alone reads such a sheet as a
// shorter one.
func damageSheet(t testing.TB, data []byte) []byte {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	must(t, err)
	out := append([]byte(nil), data...)
	for _, zf := range zr.File {
		if zf.Name == "xl/worksheets/sheet1.xml" {
			off, err := zf.DataOffset()
			must(t, err)
			mid := off + int64(zf.CompressedSize64)/2
			for i := mid; i < mid+16; i++ {
				out[i] ^= 0x55
			}
			return out
		}
	}
	t.Fatal("no sheet1.xml")
	return nil
}

// A workbook whose sheet XML is cut short, but whose ZIP is sound: excelize
// stops quietly where its XML decoder fails, which must not pass for the end.
func TestMalformedSheetXML(t *testing.T) {
	data := zipOf(t, map[string]string{
		"[Content_Types].xml":        `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`,
		"_rels/.rels":                `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
		"xl/workbook.xml":            `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Ark1" sheetId="1" r:id="rId1"/></sheets></workbook>`,
		"xl/_rels/workbook.xml.rels": `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
		"xl/worksheets/sheet1.xml": `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>` +
			`<row r="1"><c r="A1" t="inlineStr"><is><t>Varenummer</t></is></c><c r="B1" t="inlineStr"><is><t>Pris</t></is></c></row>` +
			`<row r="2"><c r="A2" t="inlineStr"><is><t>A</t></is></c><c r="B2"><v>12.5</v></c></row>` +
			`<row r="3"><c r="A3" t="inlineStr"><is><t>B</t></is></c><c r="B3"><v>1`,
	})
	if msg := openError(t, data, Options{Name: "kort.xlsx"}); !strings.Contains(msg, `sheet "Ark1" is malformed`) {
		t.Errorf("error %q", msg)
	}
}

func TestFormatStyle(t *testing.T) {
	for code, want := range map[string]numberStyle{
		"General":                    stylePlain,
		"0.00":                       stylePlain,
		`#,##0.00 "kr."`:             stylePlain,
		`"Uge" 0`:                    stylePlain,
		"dd-mm-yyyy":                 styleDate,
		"d/m/yy":                     styleDate,
		"mmm-yy":                     styleDate,
		"mmmm":                       styleDate,
		`[$-406]d. mmmm yyyy;@`:      styleDate,
		"yyyy-mm-dd hh:mm:ss":        styleDate,
		`"Dato: "dd.mm.yyyy`:         styleDate,
		"hh:mm":                      stylePlain,
		"mm:ss":                      stylePlain,
		"[h]:mm":                     stylePlain,
		"0%":                         stylePercent,
		"0.0%":                       stylePercent,
		`0.00" %"`:                   stylePlain,
		"[Red]0.00;[Blue]-0.00":      stylePlain,
		`_-* #,##0.00 _k_r_._-;-* #`: stylePlain,
	} {
		if got := formatStyle(code); got != want {
			t.Errorf("formatStyle(%q) = %d, want %d", code, got, want)
		}
	}
}

func TestCellTypes(t *testing.T) {
	data := workbook(t, func(f *excelize.File) {
		setRows(t, f, "Sheet1", []any{"Varenummer", "Pris", "Moms %", "Kan bestilles", "Antal pr. enhed", "Note"},
			[]any{"A", 10, 0.25, true, nil, 0.1 + 0.2},
			[]any{"B", 20, 25, false},
		)
		pct, err := f.NewStyle(&excelize.Style{NumFmt: 9})
		must(t, err)
		must(t, f.SetCellStyle("Sheet1", "C2", "C2", pct))
		// A formula's cached result is the value; a text result is text.
		must(t, f.SetCellFormula("Sheet1", "E2", "B2/5"))
		must(t, f.SetCellFormula("Sheet1", "E3", "B3/5"))
		must(t, f.SetCellFormula("Sheet1", "F3", `"x"&A3`))
	})
	// excelize computes no formulas when it writes; set the cached values
	// as Excel would have saved them.
	data = patchZip(t, data, "xl/worksheets/sheet1.xml", func(s string) string {
		s = strings.Replace(s, "<f>B2/5</f>", "<f>B2/5</f><v>2</v>", 1)
		s = strings.Replace(s, "<f>B3/5</f>", "<f>B3/5</f><v>4</v>", 1)
		return strings.Replace(s, `<c r="F3"`, `<c r="F3" t="str"`, 1)
	})
	data = patchZip(t, data, "xl/worksheets/sheet1.xml", func(s string) string {
		return strings.Replace(s, `&#34;x&#34;&amp;A3</f>`, `&#34;x&#34;&amp;A3</f><v>xB</v>`, 1)
	})
	lines, _ := readLines(t, data, Options{Name: "typer.xlsx"})
	a, b := lines[0], lines[1]
	if a.VATPercent.V != 25 || !a.Orderable.Valid || !a.Orderable.V || b.Orderable.V || !b.Orderable.Valid {
		t.Errorf("VAT %+v, orderable %+v %+v", a.VATPercent, a.Orderable, b.Orderable)
	}
	if a.PackQuantity.V != 2 || b.PackQuantity.V != 4 {
		t.Errorf("formula results: %+v %+v", a.PackQuantity, b.PackQuantity)
	}
	if len(a.Extra) != 1 || a.Extra[0].Value != "0.3" || len(b.Extra) != 1 || b.Extra[0].Value != "xB" {
		t.Errorf("extra: %+v %+v", a.Extra, b.Extra)
	}
	for _, l := range lines {
		if len(l.Findings) > 0 {
			t.Errorf("%s: %+v", l.SellerItemID, l.Findings)
		}
	}
}
