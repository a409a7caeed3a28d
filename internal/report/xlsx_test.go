package report_test

import (
	"archive/zip"
	"bytes"
	"fmt"
	"github.com/ekatalog/ekatalog/testkit/golden"
	"io"
	"maps"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/ekatalog/ekatalog/catalog"
	"github.com/ekatalog/ekatalog/formats"
	"github.com/ekatalog/ekatalog/internal/pipeline"
	"github.com/ekatalog/ekatalog/internal/report"
	"github.com/xuri/excelize/v2"
)

func openXLSX(t testing.TB, data []byte) *excelize.File {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// fillOf returns the fill colour of a cell, "" when it has none.
func fillOf(t testing.TB, f *excelize.File, sheet, cell string) string {
	t.Helper()
	id, err := f.GetCellStyle(sheet, cell)
	if err != nil {
		t.Fatal(err)
	}
	st, err := f.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	if st.Fill.Pattern == 1 && len(st.Fill.Color) > 0 {
		return strings.ToUpper(st.Fill.Color[0])
	}
	return ""
}

var wantFill = map[catalog.Severity]string{catalog.Error: "FFC7CE", catalog.Warning: "FFEB9C", catalog.Info: "DDEBF7"}

const headerFill = "F3F5F7"

type expectation struct {
	row         int
	field, rule string
}

func readExpectations(t *testing.T, path string) []expectation {
	var out []expectation
	for _, p := range golden.Table(t, path) {
		row, _ := strconv.Atoi(p[1])
		out = append(out, expectation{row, p[2], p[3]})
	}
	return out
}

// TestXLSXDefects: the report of the seeded-defect catalogue marks exactly
// the cells findings point at, each with a comment carrying the message,
// and every seeded defect's cell is filled red.
func TestXLSXDefects(t *testing.T) {
	const src = "../../testdata/defects/defects-da.csv"
	rep := run(t, src, pipeline.Options{})
	f := openXLSX(t, print(t, "xlsx", []*catalog.Report{rep}, report.Options{Lang: "da", Inputs: report.AsNamed}))
	sheets := f.GetSheetList()
	// The supplier's rows first: the workbook opens on them.
	if len(sheets) != 3 || sheets[0] != "defects-da.csv" || sheets[1] != "Fund" || sheets[2] != "Oversigt" {
		t.Fatalf("sheets %q, want defects-da.csv, Fund, Oversigt", sheets)
	}
	if f.GetActiveSheetIndex() != 0 {
		t.Errorf("the workbook opens on sheet %d", f.GetActiveSheetIndex())
	}
	data := sheets[0]

	// What the findings point at.
	want := map[string]catalog.Severity{}
	msgs := map[string][]string{}
	for _, fd := range rep.Findings {
		if fd.Pos.Row > 0 && fd.Pos.Col > 0 {
			ref, _ := excelize.CoordinatesToCellName(fd.Pos.Col, fd.Pos.Row)
			if s, ok := want[ref]; !ok || fd.Severity > s {
				want[ref] = fd.Severity
			}
			msgs[ref] = append(msgs[ref], fd.Message("da"))
		}
	}
	comments, err := f.GetComments(data)
	if err != nil {
		t.Fatal(err)
	}
	commented := map[string]string{}
	for _, c := range comments {
		commented[c.Cell] = c.Text
	}
	if len(commented) != len(want) {
		t.Errorf("%d comments, want %d (one per marked cell)", len(commented), len(want))
	}
	for ref, sev := range want {
		if got := fillOf(t, f, data, ref); got != wantFill[sev] {
			t.Errorf("%s: fill %q, want %q (%s)", ref, got, wantFill[sev], sev)
		}
		for _, m := range msgs[ref] {
			if !strings.Contains(commented[ref], m) {
				t.Errorf("%s: the comment %q lacks %q", ref, commented[ref], m)
			}
		}
	}
	// And no other cell is filled: every cell of the sheet is checked.
	rows, err := f.GetRows(data)
	if err != nil {
		t.Fatal(err)
	}
	const headerRow = 3
	for r, cells := range rows {
		for c := range cells {
			ref, _ := excelize.CoordinatesToCellName(c+1, r+1)
			if _, marked := want[ref]; marked {
				continue
			}
			got := fillOf(t, f, data, ref)
			if r+1 == headerRow && got == headerFill {
				continue
			}
			if got != "" {
				t.Errorf("%s is filled (%s) but no finding points at it", ref, got)
			}
		}
	}
	// The seeded defects: a red cell in the field's column on the row.
	for _, e := range readExpectations(t, "../../testdata/defects/defects-da.expect.tsv") {
		ref := ""
		for _, fd := range rep.Findings {
			if fd.Pos.Row == e.row && fd.RuleID() == e.rule && fd.Field == e.field {
				ref, _ = excelize.CoordinatesToCellName(fd.Pos.Col, fd.Pos.Row)
			}
		}
		if ref == "" {
			t.Errorf("row %d: no %s finding on %s", e.row, e.rule, e.field)
			continue
		}
		if got := fillOf(t, f, data, ref); got != wantFill[catalog.Error] {
			t.Errorf("%s (%s, row %d): fill %q, want red", ref, e.rule, e.row, got)
		}
		if !strings.Contains(commented[ref], e.rule) {
			t.Errorf("%s: the comment %q does not name %s", ref, commented[ref], e.rule)
		}
	}
	// The rows are the supplier's, decoded from Windows-1252.
	if v, _ := f.GetCellValue(data, "E5"); v != "æske" {
		t.Errorf("E5 = %q, want æske", v)
	}
	if v, _ := f.GetCellValue(data, "A1"); !strings.HasPrefix(v, "Leverandør") {
		t.Errorf("A1 = %q: the title row is not kept", v)
	}
	// The Findings sheet lists every finding, below its header.
	fr, err := f.GetRows("Fund")
	if err != nil {
		t.Fatal(err)
	}
	if len(fr) != len(rep.Findings)+1 {
		t.Errorf("Fund: %d rows, want %d", len(fr), len(rep.Findings)+1)
	}
	if got := strings.Join(fr[0], "|"); got != "Regel|Alvor|Linje|Række|Kolonne / XPath|Felt|Værdi|Besked" {
		t.Errorf("Fund header: %s", got)
	}
}

// TestXLSXFormulasAreText: values that look like formulas stay text, in
// the supplier's rows and in the findings.
func TestXLSXFormulasAreText(t *testing.T) {
	dir := t.TempDir()
	file := writeFile(t, dir, "formler.csv", hostileHeader+
		"V-1;=HYPERLINK(\"x\");stk;10,00;DKK;44121704\n"+
		"V-2;+1+2;stk;10,00;DKK;44121704\n"+
		"V-3;-3+4;stk;;DKK;44121704\n"+
		"@SUM(A1);@cmd;stk;10,00;DKK;44121704\n")
	prof, err := catalog.ParseProfile("short.json", []byte(`{"name":"short","extends":"dk-ehandel","fields":{"name":{"use":"mandatory","maxLength":3}}}`))
	if err != nil {
		t.Fatal(err)
	}
	rep := run(t, file, pipeline.Options{Profile: prof})
	data := print(t, "xlsx", []*catalog.Report{rep}, report.Options{Lang: "en", Inputs: report.AsNamed})
	f := openXLSX(t, data)
	sheet := "formler.csv"
	for ref, want := range map[string]string{"B2": `=HYPERLINK("x")`, "B3": "+1+2", "B4": "-3+4", "A5": "@SUM(A1)", "B5": "@cmd"} {
		if v, _ := f.GetCellValue(sheet, ref); v != want {
			t.Errorf("%s = %q, want %q", ref, v, want)
		}
		if fm, _ := f.GetCellFormula(sheet, ref); fm != "" {
			t.Errorf("%s is a formula: %q", ref, fm)
		}
		if typ, _ := f.GetCellType(sheet, ref); typ != excelize.CellTypeInlineString && typ != excelize.CellTypeSharedString {
			t.Errorf("%s has type %v, want a string", ref, typ)
		}
	}
	if fill := fillOf(t, f, sheet, "B2"); fill != wantFill[catalog.Error] {
		t.Errorf("B2 (too long) fill %q, want red", fill)
	}
	// The text number format keeps an edited cell text in Excel.
	id, _ := f.GetCellStyle(sheet, "B3")
	if st, _ := f.GetStyle(id); st.NumFmt != 49 {
		t.Errorf("B3 number format %d, want 49 (text)", st.NumFmt)
	}
	// No formula anywhere in the package.
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	for _, zf := range zr.File {
		rc, _ := zf.Open()
		b, _ := io.ReadAll(rc)
		rc.Close()
		if bytes.Contains(b, []byte("<f>")) || bytes.Contains(b, []byte("<f ")) {
			t.Errorf("%s holds a formula", zf.Name)
		}
	}
	found := false
	fr, _ := f.GetRows("Findings")
	for _, r := range fr {
		found = found || len(r) > 6 && r[6] == `=HYPERLINK("x")`
	}
	if !found {
		t.Error("the Findings sheet does not list the value as text")
	}
}

// TestXLSXFromExcel: an Excel source comes back on a sheet of its own
// name, cell for cell as the supplier sees it.
func TestXLSXFromExcel(t *testing.T) {
	const src = "../../testdata/xlsx/katalog-tal.xlsx"
	rep := run(t, src, pipeline.Options{})
	f := openXLSX(t, print(t, "xlsx", []*catalog.Report{rep}, report.Options{Lang: "en", Inputs: report.AsNamed}))
	in, err := excelize.OpenFile(src)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	sheet := in.GetSheetList()[0]
	if got := f.GetSheetList(); len(got) != 3 || got[0] != sheet {
		t.Fatalf("sheets %q, want the source's sheet %q first", got, sheet)
	}
	want, _ := in.GetRows(sheet)
	got, _ := f.GetRows(sheet)
	if len(got) != len(want) {
		t.Fatalf("%d rows, want %d", len(got), len(want))
	}
	for r := range want {
		if strings.Join(got[r], "|") != strings.Join(want[r], "|") {
			t.Errorf("row %d: %q, want %q", r+1, got[r], want[r])
		}
	}
}

// TestXLSXNotTabular: a source without rows and columns gives the findings
// and a note that says so.
func TestXLSXNotTabular(t *testing.T) {
	dir := t.TempDir()
	out := dir + "/katalog.json"
	fh, err := os.Create(out)
	if err != nil {
		t.Fatal(err)
	}
	target, err := formats.TargetByName("json")
	if err != nil {
		t.Fatal(err)
	}
	_, err = pipeline.Run(demo, pipeline.Options{Target: target, Writer: func(h catalog.Header, tee func(io.Writer) io.Writer) (formats.Writer, error) {
		return target.New(fh, h, formats.WriteOptions{})
	}})
	fh.Close()
	if err != nil {
		t.Fatal(err)
	}
	rep := run(t, out, pipeline.Options{})
	if rep.Format != "json" || len(rep.Findings) == 0 {
		t.Fatalf("format %s, %d findings: want the JSON catalogue with findings", rep.Format, len(rep.Findings))
	}
	f := openXLSX(t, print(t, "xlsx", []*catalog.Report{rep}, report.Options{Lang: "da", Inputs: report.AsNamed}))
	if got := f.GetSheetList(); len(got) != 2 || got[0] != "Fund" || got[1] != "Oversigt" {
		t.Fatalf("sheets %q, want Fund and Oversigt", got)
	}
	note, _ := f.GetCellValue("Oversigt", "K2")
	if !strings.Contains(note, "ikke et regneark") {
		t.Errorf("the note says %q", note)
	}
	if rows, _ := f.GetRows("Fund"); len(rows) != len(rep.Findings)+1 {
		t.Errorf("Fund: %d rows, want %d", len(rows), len(rep.Findings)+1)
	}
}

// TestXLSXSeveralAndStable: several reports in one workbook, and the same
// bytes every time.
func TestXLSXSeveralAndStable(t *testing.T) {
	a := run(t, demo, pipeline.Options{})
	b := run(t, "../../testdata/defects/defects-da.csv", pipeline.Options{})
	one := print(t, "xlsx", []*catalog.Report{a, b}, report.Options{Lang: "en", Inputs: report.AsNamed})
	two := print(t, "xlsx", []*catalog.Report{a, b}, report.Options{Lang: "en", Inputs: report.AsNamed})
	if !bytes.Equal(one, two) {
		t.Error("two runs gave different workbooks")
	}
	f := openXLSX(t, one)
	if got := strings.Join(f.GetSheetList(), "|"); got != "katalog.csv|defects-da.csv|Findings|Summary" {
		t.Errorf("sheets %s", got)
	}
	rows, _ := f.GetRows("Findings")
	if len(rows) != len(a.Findings)+len(b.Findings)+1 || rows[0][0] != "File" {
		t.Errorf("Findings: %d rows, first %q", len(rows), rows[0])
	}
}

// TestXLSXWithoutInputs: without a way to read the inputs again the
// workbook still lists every finding, and says why the rows are missing.
func TestXLSXWithoutInputs(t *testing.T) {
	rep := run(t, demo, pipeline.Options{})
	f := openXLSX(t, print(t, "xlsx", []*catalog.Report{rep}, report.Options{Lang: "en"}))
	if got := strings.Join(f.GetSheetList(), "|"); got != "Findings|Summary" {
		t.Errorf("sheets %s", got)
	}
	if note, _ := f.GetCellValue("Summary", "K2"); note != "The source was not at hand to read again: only the Findings sheet lists its findings." {
		t.Errorf("note %q", note)
	}
	if rows, _ := f.GetRows("Findings"); len(rows) != len(rep.Findings)+1 {
		t.Errorf("%d rows", len(rows))
	}
}

// TestXLSXRowFindings: findings of a whole row (no column) are written in
// a column of their own after the widest row.
func TestXLSXRowFindings(t *testing.T) {
	rep := run(t, "../../testdata/broken/ragged.csv", pipeline.Options{})
	f := openXLSX(t, print(t, "xlsx", []*catalog.Report{rep}, report.Options{Lang: "da", Inputs: report.AsNamed}))
	const sheet = "ragged.csv"
	if v, _ := f.GetCellValue(sheet, "I1"); v != "Fund for rækken" {
		t.Errorf("I1 = %q", v)
	}
	for ref, rule := range map[string]string{"I3": "READ-ROW-TOO-MANY-CELLS", "I4": "READ-ROW-TOO-FEW-CELLS"} {
		if v, _ := f.GetCellValue(sheet, ref); !strings.Contains(v, rule) {
			t.Errorf("%s = %q, want %s", ref, v, rule)
		}
		if got := fillOf(t, f, sheet, ref); got != wantFill[catalog.Error] {
			t.Errorf("%s fill %q", ref, got)
		}
	}
	if v, _ := f.GetCellValue(sheet, "H3"); v != "celle" {
		t.Errorf("H3 = %q: the extra cells are the supplier's", v)
	}
	if got := fillOf(t, f, sheet, "D5"); got != wantFill[catalog.Error] {
		t.Errorf("D5 (not a number) fill %q", got)
	}
}

// TestXLSXFixAndReadAgain: the supplier fixes a marked cell in the report
// and hands the workbook in as the catalogue: it reads with the same rows,
// and the fixed finding is gone.
func TestXLSXFixAndReadAgain(t *testing.T) {
	rep := run(t, "../../testdata/defects/defects-da.csv", pipeline.Options{})
	f := openXLSX(t, print(t, "xlsx", []*catalog.Report{rep}, report.Options{Lang: "da", Inputs: report.AsNamed}))
	path := t.TempDir() + "/rettet.xlsx"
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	again := run(t, path, pipeline.Options{})
	if again.Summary.Lines != rep.Summary.Lines || !maps.Equal(errorsAt(again), errorsAt(rep)) {
		t.Fatalf("read again: %d lines, errors %v; want %d lines, errors %v", again.Summary.Lines, errorsAt(again), rep.Summary.Lines, errorsAt(rep))
	}
	// D6 holds the GTIN with the wrong check digit.
	f.SetCellStr("defects-da.csv", "D6", "5790000000036")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	fixed := run(t, path, pipeline.Options{})
	want := errorsAt(rep)
	delete(want, "GTIN-CHECK-DIGIT@6")
	if got := errorsAt(fixed); !maps.Equal(got, want) {
		t.Errorf("after the fix: %v, want %v", got, want)
	}
}

// errorsAt is the set of a report's error findings, by rule and row.
func errorsAt(r *catalog.Report) map[string]bool {
	m := map[string]bool{}
	for _, fd := range r.Findings {
		if fd.Severity == catalog.Error {
			m[fmt.Sprintf("%s@%d", fd.RuleID(), fd.Pos.Row)] = true
		}
	}
	return m
}

// TestXLSXEncodings: whatever the CSV's encoding, delimiter and decimal
// mark, the rows in the Excel report are the supplier's: read as a
// catalogue, they give the same lines and the same errors on the same rows.
func TestXLSXEncodings(t *testing.T) {
	files, _ := filepath.Glob("../../testdata/csv/*.csv")
	files = append(files, "../../testdata/demo/katalog.csv")
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			rep := run(t, file, pipeline.Options{})
			f := openXLSX(t, print(t, "xlsx", []*catalog.Report{rep}, report.Options{Lang: "en", Inputs: report.AsNamed}))
			path := filepath.Join(t.TempDir(), "rows.xlsx")
			if err := f.SaveAs(path); err != nil {
				t.Fatal(err)
			}
			again := run(t, path, pipeline.Options{})
			if again.Summary.Lines != rep.Summary.Lines || !maps.Equal(errorsAt(again), errorsAt(rep)) {
				t.Errorf("read again: %d lines, errors %v; want %d lines, errors %v", again.Summary.Lines, errorsAt(again), rep.Summary.Lines, errorsAt(rep))
			}
		})
	}
}

// TestXLSXLayout: the report records how its CSV was read, by stable
// names, and the rows come back through the format table: as the layout
// says, where the caller says the input is, within the read's limits.
func TestXLSXLayout(t *testing.T) {
	rep := run(t, "../../testdata/defects/defects-da.csv", pipeline.Options{})
	if rep.Layout == nil || *rep.Layout != (catalog.Layout{Encoding: "windows-1252", Delimiter: ';', HeaderRow: 3}) {
		t.Fatalf("layout %+v", rep.Layout)
	}
	// Read from where the caller keeps it (the web service's upload),
	// under the name the report gives it.
	moved := *rep
	moved.File = "leverandør.csv"
	f := openXLSX(t, print(t, "xlsx", []*catalog.Report{&moved}, report.Options{Lang: "da",
		Inputs: report.At(map[string]string{"leverandør.csv": rep.File})}))
	if v, _ := f.GetCellValue("leverandør.csv", "E5"); v != "æske" {
		t.Errorf("E5 = %q, want æske", v)
	}
	// Standard input cannot be read again.
	stdin := *rep
	stdin.File = "-"
	f = openXLSX(t, print(t, "xlsx", []*catalog.Report{&stdin}, report.Options{Lang: "en", Inputs: report.AsNamed}))
	if note, _ := f.GetCellValue("Summary", "K2"); !strings.Contains(note, "standard input") {
		t.Errorf("note %q", note)
	}
}

// TestXLSXLimits: the rows are read again under the limits the caller
// gives, those of the read that made the report: within them the whole
// file comes back; past them the rows before the fault do, and the
// summary says why the rest is missing.
func TestXLSXLimits(t *testing.T) {
	var b strings.Builder
	b.WriteString(hostileHeader)
	for i := 1; i <= 600; i++ {
		fmt.Fprintf(&b, "V-%d;Vare %d;stk;10,00;DKK;44121704\n", i, i)
	}
	b.WriteString("V-601;\"" + strings.Repeat("x", 2<<20) + "\";stk;10,00;DKK;44121704\nV-602;Sidste;stk;10,00;DKK;44121704\n")
	file := writeFile(t, t.TempDir(), "stor.csv", b.String())
	limits := formats.Limits{MaxRecordBytes: 4 << 20}
	rep := run(t, file, pipeline.Options{Limits: limits})
	if rep.Error != "" || rep.Summary.Lines != 602 {
		t.Fatalf("%d lines, error %q", rep.Summary.Lines, rep.Error)
	}
	f := openXLSX(t, print(t, "xlsx", []*catalog.Report{rep}, report.Options{Lang: "en", Inputs: report.AsNamed, Limits: limits}))
	if v, _ := f.GetCellValue("stor.csv", "B603"); v != "Sidste" {
		t.Errorf("B603 = %q: the last row is not copied", v)
	}
	if note, _ := f.GetCellValue("Summary", "K2"); strings.Contains(note, "could not") {
		t.Errorf("note %q", note)
	}
	f = openXLSX(t, print(t, "xlsx", []*catalog.Report{rep}, report.Options{Lang: "en", Inputs: report.AsNamed,
		Limits: formats.Limits{MaxRecordBytes: 64 << 10}}))
	if v, _ := f.GetCellValue("stor.csv", "B601"); v != "Vare 600" {
		t.Errorf("B601 = %q: the rows before the fault are not kept", v)
	}
	if v, _ := f.GetCellValue("stor.csv", "B603"); v != "" {
		t.Errorf("B603 = %q past the limit", v)
	}
	if note, _ := f.GetCellValue("Summary", "K2"); !strings.Contains(note, "could not be copied in full") || !strings.Contains(note, "--max-record") {
		t.Errorf("note %q", note)
	}
}
