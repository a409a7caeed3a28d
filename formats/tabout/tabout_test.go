package tabout_test

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/ekatalog/ekatalog/catalog"
	"github.com/ekatalog/ekatalog/formats"
	"github.com/ekatalog/ekatalog/formats/internal/writertest"
	"github.com/ekatalog/ekatalog/mappings"
	"github.com/ekatalog/ekatalog/testkit/golden"
	"github.com/xuri/excelize/v2"
)

const input = "testdata/canonical/csv-katalog-da.json"

func target(t testing.TB, name string) *formats.Target {
	t.Helper()
	tg, err := formats.TargetByName(name)
	if err != nil {
		t.Fatal(err)
	}
	return tg
}

// TestGolden converts the Danish example catalogue with every built-in CSV
// template; the bytes are the golden file (Windows-1252 stays
// Windows-1252).
func TestGolden(t *testing.T) {
	for _, name := range []string{"csv-da", "csv-da-utf8", "csv-en"} {
		t.Run(name, func(t *testing.T) {
			out, rep := writertest.Convert(t, input, target(t, name), writertest.Header(t), formats.WriteOptions{})
			golden.Check(t, writertest.Path(t, "testdata/golden/targets/"+name+".csv"), out)
			if errs := rep.Errors(); len(errs) != 0 {
				t.Errorf("the target's check finds errors in the output: %v", errs)
			}
		})
	}
}

// TestXLSXGolden: the Excel template's cells, read back with excelize, are
// the golden file; two runs give the same bytes.
func TestXLSXGolden(t *testing.T) {
	tg := target(t, "xlsx")
	out, _ := writertest.Convert(t, input, tg, writertest.Header(t), formats.WriteOptions{})
	again, _ := writertest.Convert(t, input, tg, writertest.Header(t), formats.WriteOptions{})
	if !bytes.Equal(out, again) {
		t.Error("two conversions of the same input differ")
	}
	f, err := excelize.OpenReader(bytes.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); !slices.Equal(got, []string{"Varer"}) {
		t.Errorf("sheets %v, want [Varer]", got)
	}
	rows, err := f.GetRows("Varer")
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, r := range rows {
		b.WriteString(strings.Join(r, "\t") + "\n")
	}
	golden.Check(t, writertest.Path(t, "testdata/golden/targets/xlsx-da.tsv"), []byte(b.String()))
	// Numbers are number cells, GTINs text.
	if typ, _ := f.GetCellType("Varer", "N2"); typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
		t.Errorf("N2 (price) is of type %v, want a number", typ)
	}
	if typ, _ := f.GetCellType("Varer", "D2"); typ != excelize.CellTypeInlineString {
		t.Errorf("D2 (GTIN) is of type %v, want text", typ)
	}
}

// TestFormulaIsText: names that look like formulas are text cells in the
// Excel output, never formulas.
func TestFormulaIsText(t *testing.T) {
	out, _ := writertest.Convert(t, "testdata/canonical/targets-formula.json", target(t, "xlsx-da"), writertest.Header(t), formats.WriteOptions{})
	f, err := excelize.OpenReader(bytes.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for cell, want := range map[string]string{"B2": `=HYPERLINK("x")`, "B3": "@SUM(A1)", "E2": "+45 Plast", "E3": "-Minus"} {
		v, err := f.GetCellValue("Varer", cell)
		if err != nil || v != want {
			t.Errorf("%s = %q, %v; want %q", cell, v, err, want)
		}
		if fo, _ := f.GetCellFormula("Varer", cell); fo != "" {
			t.Errorf("%s has the formula %q", cell, fo)
		}
		if typ, _ := f.GetCellType("Varer", cell); typ != excelize.CellTypeInlineString {
			t.Errorf("%s is of type %v, want an inline string", cell, typ)
		}
	}
}

// TestUserTemplate: a municipality's own template file gives exactly its
// columns, reports what it has no column for and the lines that lack a
// required field.
func TestUserTemplate(t *testing.T) {
	tg := target(t, writertest.Path(t, "testdata/targets/kommune.json"))
	out, rep := writertest.Convert(t, input, tg, writertest.Header(t), formats.WriteOptions{})
	golden.Check(t, writertest.Path(t, "testdata/golden/targets/kommune.tsv"), out)
	r := csv.NewReader(bytes.NewReader(out))
	r.Comma = '\t'
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"Leverandør", "Varenr", "Tekst", "Enhed", "Pris", "Mærke", "Aftale"}; !slices.Equal(recs[0], want) {
		t.Errorf("header %q, want %q", recs[0], want)
	}
	if len(recs) != 21 {
		t.Errorf("%d records, want header and 20 lines", len(recs))
	}
	for _, rec := range recs[1:] {
		if len(rec) != 7 || rec[0] != "Kontor-Huset A/S" || rec[6] != "SKI 50.10" {
			t.Fatalf("record %q", rec)
		}
	}
	if recs[1][3] != "EA" || recs[2][3] != "PK" {
		t.Errorf("units %q, %q: want the OIOUBL codes EA, PK", recs[1][3], recs[2][3])
	}
	got := writertest.Rules(rep)
	for _, want := range []string{"TARGET-DROPPED gtin", "TARGET-DROPPED images", "TARGET-DROPPED classification", "TARGET-REQUIRED brand"} {
		if got[want] != 1 {
			t.Errorf("no finding %q in %v", want, got)
		}
	}
	if got["TARGET-DROPPED unit"]+got["TARGET-DROPPED unitText"]+got["TARGET-DROPPED name"] != 0 {
		t.Errorf("a carried field is reported as dropped: %v", got)
	}
	for _, f := range rep.Findings {
		if f.RuleID() == "TARGET-REQUIRED" && (f.Severity != catalog.Warning || !slices.Equal(f.Args, []string{"kommune-indkob", "20", "1"})) {
			t.Errorf("TARGET-REQUIRED %v %v, want a warning for 20 lines, the first line 1", f.Severity, f.Args)
		}
	}
}

// TestPartialClassification: a CPV code beside the UNSPSC one has no
// column in csv-en and is reported; the UNSPSC code is written.
func TestPartialClassification(t *testing.T) {
	out, rep := writertest.Convert(t, "testdata/canonical/targets-katalog-fuld.json", target(t, "csv-en"), writertest.Header(t), formats.WriteOptions{})
	if got := writertest.Rules(rep); got["TARGET-DROPPED classification"] != 1 {
		t.Errorf("findings %v", got)
	}
	for _, f := range rep.Findings {
		if f.RuleID() == "TARGET-DROPPED" && f.Field == "classification" && f.Args[1] != "1" {
			t.Errorf("classification dropped on %s lines, want 1 (KH-100 has a CPV code)", f.Args[1])
		}
	}
	if !bytes.Contains(out, []byte(",14111507,")) {
		t.Error("the UNSPSC code is not written")
	}
}

// TestWindows1252Loss: a character Windows-1252 lacks is written as '?'
// and its field reported.
func TestWindows1252Loss(t *testing.T) {
	p := filepath.Join(t.TempDir(), "pl.csv")
	os.WriteFile(p, []byte("Varenummer;Varenavn;Enhed;Pris;Valuta\nP-1;Długopis – 0,5 mm;stk;3,00;DKK\nP-2;Kuglepen € 1;stk;3,00;DKK\n"), 0o644)
	out, rep := writertest.Convert(t, p, target(t, "csv-da"), writertest.Header(t), formats.WriteOptions{})
	if !bytes.Contains(out, []byte("D?ugopis \x96 0,5 mm")) || !bytes.Contains(out, []byte("Kuglepen \x80 1")) {
		t.Errorf("output %q", out)
	}
	for _, f := range rep.Findings {
		if f.RuleID() == "TARGET-DROPPED" && (f.Field != "name" || f.Args[1] != "1") {
			t.Errorf("%s dropped on %s lines, want name on 1", f.Field, f.Args[1])
		}
	}
	if got := writertest.Rules(rep); got["TARGET-DROPPED name"] != 1 {
		t.Errorf("findings %v", got)
	}
}

// TestConstantsOnly: a template without line columns carries nothing, so
// every field of every line is reported.
func TestConstantsOnly(t *testing.T) {
	tpl, err := mappings.ParseTemplate("c.json", []byte(`{"name":"c","format":"csv","columns":[{"header":"A","value":"x"}]}`))
	if err != nil {
		t.Fatal(err)
	}
	out, rep := writertest.Convert(t, input, formats.TemplateTarget(tpl), nil, formats.WriteOptions{})
	if got := writertest.Rules(rep); got["TARGET-DROPPED name"] != 1 || got["TARGET-DROPPED price"] != 1 {
		t.Errorf("findings %v", got)
	}
	if want := "A\r\n" + strings.Repeat("x\r\n", 20); string(out) != want {
		t.Errorf("output %q", out)
	}
}

// TestXLSXCellLimit: a description longer than an Excel cell holds is cut
// by Excel's limit, and reported.
func TestXLSXCellLimit(t *testing.T) {
	p := filepath.Join(t.TempDir(), "long.csv")
	long := strings.Repeat("æ", 40000)
	os.WriteFile(p, []byte("Varenummer;Varenavn;Beskrivelse;Enhed;Pris;Valuta\nL-1;Lang;"+long+";stk;3,00;DKK\nL-2;Kort;kort;stk;3,00;DKK\n"), 0o644)
	out, rep := writertest.Convert(t, p, target(t, "xlsx-da"), writertest.Header(t), formats.WriteOptions{})
	for _, f := range rep.Findings {
		if f.RuleID() == "TARGET-DROPPED" && f.Field == "description" && f.Args[1] != "1" {
			t.Errorf("description dropped on %s lines, want 1", f.Args[1])
		}
	}
	if got := writertest.Rules(rep); got["TARGET-DROPPED description"] != 1 {
		t.Errorf("findings %v", got)
	}
	f, err := excelize.OpenReader(bytes.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if v, _ := f.GetCellValue("Varer", "C2"); len([]rune(v)) != excelize.TotalCellChars {
		t.Errorf("C2 holds %d characters", len([]rune(v)))
	}
}

// TestRequiredHeaderField: a template column that needs a header field the
// catalogue lacks stops the conversion with a message naming it.
func TestRequiredHeaderField(t *testing.T) {
	tg := target(t, writertest.Path(t, "testdata/targets/kommune.json"))
	_, _, err := writertest.TryConvert(t, input, tg, nil, formats.WriteOptions{})
	if err == nil || !strings.Contains(err.Error(), "seller.name") || !strings.Contains(err.Error(), "--header") {
		t.Errorf("error %v, want one naming seller.name and --header", err)
	}
}

// TestBrokenTemplate: a template file that breaks the schema is refused
// with the JSON path of the problem.
func TestBrokenTemplate(t *testing.T) {
	_, err := formats.TargetByName(writertest.Path(t, "testdata/targets/broken.json"))
	if err == nil || !strings.Contains(err.Error(), "/columns/1/field") || !strings.Contains(err.Error(), "broken.json") {
		t.Errorf("error %v, want one naming the file and /columns/1/field", err)
	}
	_, err = formats.TargetByName(filepath.Join(t.TempDir(), "nope.json"))
	if err == nil || !strings.Contains(err.Error(), "nope.json") {
		t.Errorf("error %v, want one naming the missing file", err)
	}
	dup := []byte(`{"name":"d","format":"csv","columns":[{"header":"A","field":"name"},{"header":"A","field":"price"}]}`)
	if _, err := mappings.ParseTemplate("dup.json", dup); err == nil || !strings.Contains(err.Error(), "/columns/1/header") {
		t.Errorf("error %v, want one naming /columns/1/header", err)
	}
}

// TestBuiltinTemplates: every embedded template loads and is a target.
func TestBuiltinTemplates(t *testing.T) {
	for _, name := range mappings.BuiltinTemplates() {
		tpl, err := mappings.BuiltinTemplate(name)
		if err != nil {
			t.Fatal(err)
		}
		if tpl.Description == "" {
			t.Errorf("%s has no description", name)
		}
		if _, err := formats.TargetByName(name); err != nil {
			t.Errorf("%s is not in formats.Targets", name)
		}
	}
	if _, err := formats.TargetByName("csv"); err != nil {
		t.Error(err)
	}
}

func BenchmarkCSV(b *testing.B) {
	h, lines := writertest.Lines(b, input, writertest.Header(b), 10000)
	writertest.Bench(b, target(b, "csv-da"), h, lines)
}

func BenchmarkXLSX(b *testing.B) {
	h, lines := writertest.Lines(b, input, writertest.Header(b), 10000)
	writertest.Bench(b, target(b, "xlsx-da"), h, lines)
}

// BenchmarkFloorJSON is the canonical JSON writer on the same lines: the
// floor the other writers are measured against.
func BenchmarkFloorJSON(b *testing.B) {
	h, lines := writertest.Lines(b, input, writertest.Header(b), 10000)
	writertest.Bench(b, target(b, "json"), h, lines)
}

// TestOutputCheck: the file a template writes is held to the template's
// required columns and code lists as it is written: an empty required
// cell is OUTPUT-REQUIRED, a currency or unit that is no code OUTPUT-CODE,
// each at the output's row and column with the source line (the report's
// verdict on them is internal/pipeline's TestTaboutOutputVerdict).
func TestOutputCheck(t *testing.T) {
	tg, err := formats.TargetByName("csv-da")
	if err != nil {
		t.Fatal(err)
	}
	h, lines := writertest.Lines(t, "testdata/canonical/demo-katalog.json", nil, 0)
	// The validator marks a unit word the vocabulary does not know (line
	// 10's "blister"); the check holds the writer's copy of it to the code
	// list.
	for _, l := range lines {
		if l.Unit == "blister" {
			l.Bad.Add(catalog.FieldUnit)
		}
	}
	_, rep, err := writertest.Write(tg, h, lines, formats.WriteOptions{})
	if err != nil {
		t.Fatal(err)
	}
	type at struct {
		rule     string
		line     int
		row, col int
		value    string
	}
	var got []at
	for _, f := range rep.Check {
		got = append(got, at{f.RuleID(), f.Line, f.Pos.Row, f.Pos.Col, f.Value})
	}
	want := []at{{"OUTPUT-CODE", 4, 5, 15, "DKR"}, {"OUTPUT-REQUIRED", 8, 9, 2, ""}, {"OUTPUT-CODE", 10, 11, 9, "blister"}}
	if !slices.Equal(got, want) {
		t.Errorf("findings on the output:\n got %v\nwant %v", got, want)
	}
	if n := len(rep.Errors()); n != 3 {
		t.Errorf("%d errors in the output, want 3 (the report's verdict on them is internal/pipeline's TestTaboutOutputVerdict)", n)
	}
}
