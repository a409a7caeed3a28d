package template_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/ekatalog/ekatalog/catalog"
	"github.com/ekatalog/ekatalog/internal/pipeline"
	tmpl "github.com/ekatalog/ekatalog/internal/template"
	"github.com/xuri/excelize/v2"
)

func build(t *testing.T, name string) (*catalog.Profile, []byte) {
	t.Helper()
	p, err := catalog.BuiltinProfile(name)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := tmpl.Write(&b, p); err != nil {
		t.Fatal(err)
	}
	return p, b.Bytes()
}

func open(t *testing.T, data []byte) *excelize.File {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func fill(t *testing.T, f *excelize.File, ref string) string {
	t.Helper()
	id, _ := f.GetCellStyle(tmpl.DataSheet, ref)
	st, err := f.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	if len(st.Fill.Color) == 0 {
		return ""
	}
	return strings.ToUpper(st.Fill.Color[0])
}

// TestTemplate: the sheets, the coloured headers, the unit drop-down and
// the instructions, for every built-in profile.
func TestTemplate(t *testing.T) {
	for _, name := range catalog.BuiltinProfiles {
		t.Run(name, func(t *testing.T) {
			p, data := build(t, name)
			f := open(t, data)
			if got := f.GetSheetList(); !slices.Equal(got, []string{tmpl.DataSheet, tmpl.InstructionsSheet, tmpl.UnitsSheet}) {
				t.Fatalf("sheets %q", got)
			}
			cols := tmpl.Columns(p)
			rows, _ := f.GetRows(tmpl.DataSheet)
			if len(rows) < tmpl.HeaderRow {
				t.Fatalf("%d rows", len(rows))
			}
			header := rows[tmpl.HeaderRow-1]
			if len(header) != len(cols) {
				t.Fatalf("%d headers, %d columns", len(header), len(cols))
			}
			unitCol := ""
			for i, c := range cols {
				ref, _ := excelize.CoordinatesToCellName(i+1, tmpl.HeaderRow)
				if header[i] != c.Header {
					t.Errorf("%s = %q, want %q", ref, header[i], c.Header)
				}
				want := map[catalog.Use]string{catalog.Mandatory: tmpl.MandatoryFill, catalog.Recommended: tmpl.RecommendedFill, catalog.Optional: tmpl.OptionalFill}[c.Use]
				if got := fill(t, f, ref); got != want {
					t.Errorf("%s (%s, %s): fill %q, want %q", ref, c.Header, c.Use, got, want)
				}
				if c.Target.Field == catalog.FieldUnit {
					unitCol, _ = excelize.ColumnNumberToName(i + 1)
				}
				if i > 0 && c.Use > cols[i-1].Use {
					t.Errorf("%s (%s) after a less used column", c.Header, c.Use)
				}
			}
			// Every mandatory field of the profile has a column.
			for fi := range catalog.Fields {
				if p.Fields[fi].Use != catalog.Mandatory {
					continue
				}
				if !slices.ContainsFunc(cols, func(c tmpl.Column) bool { return c.Target.Field == catalog.Field(fi) }) {
					t.Errorf("mandatory %s has no column", catalog.Field(fi))
				}
			}
			// The legend.
			legend, _ := f.GetCellValue(tmpl.DataSheet, "A2")
			if !strings.Contains(legend, "Obligatorisk") || fill(t, f, "A2") != tmpl.MandatoryFill || fill(t, f, "B2") != tmpl.RecommendedFill {
				t.Errorf("legend %q", legend)
			}
			// The unit drop-down: a list from the unit sheet on the unit
			// column, words and codes in it.
			if unitCol == "" {
				t.Fatal("no unit column")
			}
			dvs, err := f.GetDataValidations(tmpl.DataSheet)
			if err != nil {
				t.Fatal(err)
			}
			var list *excelize.DataValidation
			for _, dv := range dvs {
				if dv.Type == "list" && strings.HasPrefix(dv.Sqref, unitCol+"5:") {
					list = dv
				}
			}
			if list == nil {
				t.Fatalf("no drop-down on column %s: %+v", unitCol, dvs)
			}
			if !strings.Contains(list.Formula1, tmpl.UnitsSheet) {
				t.Errorf("the drop-down lists %q", list.Formula1)
			}
			choices, _ := f.GetCols(tmpl.UnitsSheet)
			for _, w := range []string{"stk", "pakke", "æske", "kg"} {
				if !slices.Contains(choices[0], w) {
					t.Errorf("the unit list lacks %q", w)
				}
			}
			// The instructions: a row per column, in both languages.
			ins, _ := f.GetRows(tmpl.InstructionsSheet)
			var listed []string
			for _, r := range ins {
				if len(r) >= 4 {
					listed = append(listed, r[1])
				}
			}
			for _, c := range cols {
				if !slices.Contains(listed, c.Target.String()) {
					t.Errorf("the instructions do not list %s", c.Target)
				}
			}
			for _, h := range p.HeaderFields() {
				if !slices.Contains(listed, h) {
					t.Errorf("the instructions do not list the header field %s", h)
				}
			}
			for _, r := range ins {
				if len(r) >= 8 && r[1] == "gtin" && (!strings.Contains(r[6], "kontrolciffer") || !strings.Contains(r[7], "check digit")) {
					t.Errorf("gtin rules: %q / %q", r[6], r[7])
				}
			}
		})
	}
}

// TestTemplateReadsBack: the template filled in with the examples of the
// instructions is read with every column mapped to its field, and the row
// is compliant.
func TestTemplateReadsBack(t *testing.T) {
	for _, name := range catalog.BuiltinProfiles {
		t.Run(name, func(t *testing.T) { readsBack(t, name) })
	}
}

func readsBack(t *testing.T, name string) {
	p, data := build(t, name)
	f := open(t, data)
	cols := tmpl.Columns(p)
	for i, c := range cols {
		ref, _ := excelize.CoordinatesToCellName(i+1, tmpl.HeaderRow+1)
		if err := f.SetCellStr(tmpl.DataSheet, ref, tmpl.Example(c)); err != nil {
			t.Fatal(err)
		}
	}
	path := filepath.Join(t.TempDir(), "udfyldt.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	src, err := pipeline.Open(path, pipeline.Options{})
	if err != nil {
		t.Fatal(err)
	}
	fields := src.Reader.Fields()
	src.Close()
	for _, c := range cols {
		if !fields.Has(c.Target.Field) {
			t.Errorf("column %q is not read as %s", c.Header, c.Target)
		}
	}
	// The catalogue header a spreadsheet cannot carry, as --header gives it.
	var header *catalog.Header
	headerFile := map[string]string{"peppol-bis3": "header-peppol.json", "oioubl": "header-oioubl.json"}[name]
	if b, err := os.ReadFile("../../testdata/ubl/" + headerFile); headerFile != "" && err == nil {
		header = new(catalog.Header)
		if err := json.Unmarshal(b, header); err != nil {
			t.Fatal(err)
		}
	}
	rep, err := pipeline.Run(path, pipeline.Options{Profile: p, Header: header})
	if err != nil {
		t.Fatal(err)
	}
	for _, fd := range rep.Findings {
		if strings.HasPrefix(fd.RuleID(), "READ-COLUMN") || fd.Severity == catalog.Error {
			t.Errorf("%s %s: %s", fd.RuleID(), fd.Where("en"), fd.Message("en"))
		}
	}
	if rep.Summary.Lines != 1 || !rep.Summary.Compliant {
		t.Errorf("%d lines, compliant %v", rep.Summary.Lines, rep.Summary.Compliant)
	}
}

// TestTemplateStable: the same profile, the same bytes.
func TestTemplateStable(t *testing.T) {
	_, a := build(t, "dk-ehandel")
	_, b := build(t, "dk-ehandel")
	if !bytes.Equal(a, b) {
		t.Error("two templates of the same profile differ")
	}
	if os.Getenv("EKATALOG_KEEP_TEMPLATE") != "" {
		os.WriteFile(os.Getenv("EKATALOG_KEEP_TEMPLATE"), a, 0o644)
	}
}
