package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ekatalog/ekatalog/internal/batch"
	"github.com/ekatalog/ekatalog/internal/batch/batchtest"
	tmpl "github.com/ekatalog/ekatalog/internal/template"
	"github.com/xuri/excelize/v2"
)

// readDir reads every file below dir, by relative path.
func readDir(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		files[rel], err = os.ReadFile(p)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// TestBatchCLI: a folder of 20 catalogues with one corrupt file: 19
// converted, the corrupt one reported, summary.json and index.html, exit
// 1; the second run leaves the same files.
func TestBatchCLI(t *testing.T) {
	in := t.TempDir()
	bad := batchtest.Catalogues(t, in, 20, 30, 12)
	out := filepath.Join(in, "ud") // inside the input folder: must be skipped
	code, stdout, stderr := cli(t, "", "batch", "--to", "json", "--out", out, "--jobs", "2", in)
	if code != 1 {
		t.Fatalf("exit %d, want 1; stderr:\n%s", code, stderr)
	}
	if stdout != "" {
		t.Errorf("batch writes to standard output: %q", stdout)
	}
	// A line per input and the total, no progress bar off a terminal.
	for _, want := range []string{"converting 20 inputs", "FAILED  " + bad, "20 inputs: 19 converted, 1 failed"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	if strings.Contains(stderr, "\r") {
		t.Error("a progress bar was drawn off a terminal")
	}
	if n := strings.Count(stderr, "\n"); n != 22 {
		t.Errorf("%d log lines, want 22:\n%s", n, stderr)
	}
	first := readDir(t, out)
	var sum struct {
		Inputs, Converted, Failed int
		Files                     []struct{ Input, Status, Output, Report, Error string }
	}
	if err := json.Unmarshal(first["summary.json"], &sum); err != nil {
		t.Fatal(err)
	}
	if sum.Inputs != 20 || sum.Converted != 19 || sum.Failed != 1 {
		t.Errorf("summary: %+v", sum)
	}
	outputs := 0
	for _, f := range sum.Files {
		if first[f.Report] == nil {
			t.Errorf("%s: no report %s", f.Input, f.Report)
		}
		if f.Output != "" {
			outputs++
			if !json.Valid(first[f.Output]) {
				t.Errorf("%s: %s is not JSON", f.Input, f.Output)
			}
		}
		if f.Input == bad && (f.Status != "failed" || f.Output != "") {
			t.Errorf("the corrupt file: %+v", f)
		}
	}
	if outputs != 19 || first["index.html"] == nil || len(first) != 19+20+2 {
		t.Errorf("%d outputs, %d files", outputs, len(first))
	}

	// The same batch again, one job at a time: the same files.
	code, _, stderr = cli(t, "", "batch", "--to", "json", "--out", out, "--jobs", "1", in)
	if code != 1 {
		t.Fatalf("second run: exit %d; %s", code, stderr)
	}
	second := readDir(t, out)
	for name, b := range first {
		if !bytes.Equal(second[name], b) {
			t.Errorf("%s differs after the second run", name)
		}
	}
	if len(second) != len(first) {
		t.Errorf("%d files after the second run, %d after the first", len(second), len(first))
	}
	// In Danish.
	code, _, stderr = cli(t, "", "batch", "--to", "json", "--out", out, "--lang", "da", in)
	if code != 1 || !strings.Contains(stderr, "20 filer: 19 konverteret, 1 fejlede") || !strings.Contains(stderr, "FEJLEDE  "+bad) {
		t.Errorf("Danish log: exit %d\n%s", code, stderr)
	}
}

// TestBatchCompliant: clean inputs exit 0; reports can be Excel.
func TestBatchCompliant(t *testing.T) {
	out := t.TempDir()
	code, _, stderr := cli(t, "", "batch", "--to", "json", "--out", out, "--format", "xlsx",
		"../../testdata/csv/katalog-da.csv", "../../testdata/csv/katalog-en.csv")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	f, err := excelize.OpenFile(filepath.Join(out, "katalog-da.report.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := strings.Join(f.GetSheetList(), "|"); got != "katalog-da.csv|Findings|Summary" {
		t.Errorf("sheets %s", got)
	}
}

func TestBatchUsage(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "a-file")
	os.WriteFile(file, []byte("x"), 0o644)
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"batch", "--out", dir, "x.csv"}, `"to" not set`},
		{[]string{"batch", "--to", "json", "x.csv"}, `"out" not set`},
		{[]string{"batch", "--to", "nope", "--out", dir, "x.csv"}, "unknown target"},
		{[]string{"batch", "--to", "json", "--out", dir, "--jobs", "0", "x.csv"}, "--jobs"},
		{[]string{"batch", "--to", "json", "--out", dir, "-"}, "standard input"},
		{[]string{"batch", "--to", "json", "--out", file, "x.csv"}, "is a file"},
		{[]string{"batch", "--to", "json", "--out", dir, "--format", "pdf", "x.csv"}, "unknown report format"},
		{[]string{"batch", "--to", "json", "--out", filepath.Join(dir, "ud"), t.TempDir()}, "no catalogue files"},
	}
	for _, tc := range tests {
		code, _, stderr := cli(t, "", tc.args...)
		if code != 2 || !strings.Contains(stderr, tc.want) {
			t.Errorf("%v: exit %d, stderr %q; want 2 and %q", tc.args, code, stderr, tc.want)
		}
	}
}

// TestReportFormats: validate and convert --report write HTML and Excel.
func TestReportFormats(t *testing.T) {
	dir := t.TempDir()
	code, page, _ := cli(t, "", "validate", "--format", "html", "--lang", "da", "../../testdata/demo/katalog.csv")
	if code != 1 || !strings.HasPrefix(page, "<!DOCTYPE html>") || !strings.Contains(page, "Fund pr. regel") {
		t.Errorf("validate --format html: exit %d, %.100q", code, page)
	}
	x := filepath.Join(dir, "rapport.xlsx")
	if code, _, stderr := cli(t, "", "validate", "--format", "xlsx", "-o", x, "../../testdata/defects/defects-da.csv"); code != 1 {
		t.Errorf("validate --format xlsx: exit %d: %s", code, stderr)
	}
	f, err := excelize.OpenFile(x)
	if err != nil {
		t.Fatal(err)
	}
	comments, _ := f.GetComments("defects-da.csv")
	f.Close()
	if len(comments) == 0 {
		t.Error("the Excel report marks no cell")
	}
	h := filepath.Join(dir, "rapport.html")
	code, _, stderr := cli(t, "", "convert", "../../testdata/demo/katalog.csv", "--to", "json", "-o", filepath.Join(dir, "k.json"), "--report", h, "--format", "html")
	if b, err := os.ReadFile(h); code != 1 || err != nil || !bytes.Contains(b, []byte("<svg")) {
		t.Errorf("convert --report html: exit %d, %v: %s", code, err, stderr)
	}
	// Off a terminal, the workbook may go to standard output.
	code, out, _ := cli(t, "", "validate", "--format", "xlsx", "../../testdata/csv/katalog-da.csv")
	if code != 0 || !strings.HasPrefix(out, "PK") {
		t.Errorf("xlsx to a pipe: exit %d, %.10q", code, out)
	}
}

func TestTemplateCLI(t *testing.T) {
	p := filepath.Join(t.TempDir(), "skabelon.xlsx")
	if code, _, stderr := cli(t, "", "template", "--profile", "dk-ehandel", "-o", p); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	f, err := excelize.OpenFile(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := strings.Join(f.GetSheetList(), "|"); got != "Varer|Vejledning|Enheder" {
		t.Errorf("sheets %s", got)
	}
	// The empty template validates as a catalogue without lines, every
	// column mapped.
	code, out, _ := cli(t, "", "validate", "--format", "json", p)
	if code != 1 || strings.Contains(out, "READ-COLUMN") || !strings.Contains(out, "READ-NO-LINES") {
		t.Errorf("validate of the empty template: exit %d\n%s", code, out)
	}
	// Filled in with the instructions' examples, every column is read
	// and the catalogue is compliant.
	prof, _ := loadProfile("dk-ehandel")
	for i, c := range tmpl.Columns(prof) {
		ref, _ := excelize.CoordinatesToCellName(i+1, tmpl.HeaderRow+1)
		f.SetCellStr(tmpl.DataSheet, ref, tmpl.Example(c))
	}
	filled := filepath.Join(t.TempDir(), "udfyldt.xlsx")
	if err := f.SaveAs(filled); err != nil {
		t.Fatal(err)
	}
	code, out, _ = cli(t, "", "validate", "--format", "json", filled)
	if code != 0 || strings.Contains(out, "READ-COLUMN") || !strings.Contains(out, `"lines":1,`) {
		t.Errorf("validate of the filled template: exit %d\n%s", code, out)
	}
	for _, args := range [][]string{{"template"}, {"template", "--profile", "nope", "-o", p}} {
		if code, _, _ := cli(t, "", args...); code != 2 {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
	}
}

// TestBatchProgressBar: on a terminal the bar is redrawn in place, and each
// finished input is a line above it.
func TestBatchProgressBar(t *testing.T) {
	var b bytes.Buffer
	l := &batchLog{w: &b, lang: "en", out: "ud", tty: true}
	l.Start(2)
	l.Done(&batch.Result{Input: "a.csv", Status: batch.Converted, Output: "a.json", Lines: 3, Compliant: true, Profile: "dk-ehandel"})
	l.Done(&batch.Result{Input: "b.csv", Status: batch.Failed, Error: "b.csv: the file is empty"})
	l.finish()
	got := b.String()
	for _, want := range []string{
		"[..............................] 0/2",
		"\r\x1b[Kok      a.csv → " + filepath.Join("ud", "a.json") + ": 3 lines, 0 errors, 0 warnings (profile dk-ehandel)\n[###############...............] 1/2",
		"\r\x1b[KFAILED  b.csv: the file is empty\n[##############################] 2/2",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("the terminal output lacks %q:\n%q", want, got)
		}
	}
	if !strings.HasSuffix(got, "\r\x1b[K") {
		t.Errorf("the bar is not cleared at the end: %q", got)
	}
}
