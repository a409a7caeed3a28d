package xlsx

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/ekatalog/ekatalog/catalog"
	"github.com/ekatalog/ekatalog/testkit/synth"
	"github.com/xuri/excelize/v2"
)

// FuzzReader feeds the reader mutated workbooks. The property: it never
// panics, and it either refuses the file with a ReadError naming it or
// reads lines to io.EOF or to such an error.
func FuzzReader(f *testing.F) {
	f.Add(synthXLSX(f, 0, 3, synth.XLSXOptions{Title: "Prisliste"}))
	f.Add(synthXLSX(f, 5, 3, synth.XLSXOptions{SharedStrings: true, Dates: true}))
	f.Add(synthXLSX(f, 9, 2, synth.XLSXOptions{GTINAsNumber: true, NumbersAsText: true}))
	f.Add(buildEdgeWorkbook(f))
	f.Add(twoSheets(f, "hidden"))
	f.Add(workbook(f, func(x *excelize.File) {
		setRows(f, x, "Sheet1", []any{"Varenummer", "Pris", "Gyldig fra"}, []any{"A", 1.5, 46054})
	}))
	// Stored, not deflated, so that mutations reach the XML itself.
	f.Add(zipOf(f, map[string]string{
		"_rels/.rels":                `<Relationships><Relationship Id="rId1" Type="x/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
		"xl/workbook.xml":            `<workbook xmlns:r="r"><sheets><sheet name="A" sheetId="1" r:id="rId1"/></sheets></workbook>`,
		"xl/_rels/workbook.xml.rels": `<Relationships><Relationship Id="rId1" Type="x/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
		"xl/worksheets/sheet1.xml":   `<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Varenummer</t></is></c><c t="inlineStr"><is><t>Pris</t></is></c></row><row><c><v>1</v></c><c s="1"><v>2.5</v></c></row></sheetData></worksheet>`,
	}))
	// The limit paths (MaxValueBytes is 256 bytes below): a cell, a cell
	// of runs, a shared string, a row of values, text between rows.
	long := strings.Repeat("x", 300)
	f.Add(limitBook(f, `<row r="2">`+inline("A2", "V-1")+inline("B2", long)+`</row>`, ""))
	f.Add(limitBook(f, `<row r="2">`+inline("A2", "V-1")+`<c r="B2" t="inlineStr"><is><r><t>`+long[:200]+`</t></r><r><t>`+long[:200]+`</t></r></is></c></row>`, ""))
	f.Add(limitBook(f, `<row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2" t="s"><v>1</v></c></row>`, `<si><t>V-1</t></si><si><t>`+long+`</t></si>`))
	f.Add(limitBook(f, `<row r="2">`+strings.Repeat(inline("A2", long[:250]), 5)+`</row>`, ""))
	f.Add(limitBook(f, `<row r="2">`+inline("A2", "V-1")+`</row><!--`+long+`-->`, ""))
	f.Add([]byte{})
	f.Add([]byte("PK\x03\x04"))
	f.Add([]byte{0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1})
	f.Fuzz(func(t *testing.T, data []byte) {
		rd, err := Open(bytes.NewReader(data), Options{Name: "fuzz.xlsx", UnzipSizeLimit: 64 << 20, MaxValueBytes: 256})
		if err != nil {
			checkReadError(t, err)
			return
		}
		defer rd.Close()
		var l catalog.Line
		var lineRows []int
		for n := 0; n < 100000; n++ {
			err := rd.Next(&l)
			if err == io.EOF {
				break
			}
			if err != nil {
				checkReadError(t, err)
				break
			}
			if l.Src.Line != n+1 || l.Src.Row <= rd.Plan().HeaderRow {
				t.Fatalf("line %d at %+v, header on row %d", n+1, l.Src, rd.Plan().HeaderRow)
			}
			lineRows = append(lineRows, l.Src.Row)
		}
		checkRowsAgain(t, data, rd.Layout(), Options{Name: "fuzz.xlsx", UnzipSizeLimit: 64 << 20, MaxValueBytes: 256}, lineRows)
	})
}

func checkReadError(t *testing.T, err error) {
	t.Helper()
	var re *catalog.ReadError
	if !errors.As(err, &re) || re.File != "fuzz.xlsx" {
		t.Fatalf("error %v (%T) does not name the file", err, err)
	}
}
