package xlsx

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/ekatalog/ekatalog/catalog"
)

// limitBook is a small workbook of inline strings (and shared strings
// when sst is given) for the limit tests and fuzz seeds.
func limitBook(t testing.TB, rows, sst string) []byte {
	files := map[string]string{
		"[Content_Types].xml":        contentTypes,
		"_rels/.rels":                `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
		"xl/workbook.xml":            `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="A" sheetId="1" r:id="rId1"/></sheets></workbook>`,
		"xl/_rels/workbook.xml.rels": `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
		"xl/worksheets/sheet1.xml": `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Varenummer</t></is></c><c r="B1" t="inlineStr"><is><t>Varenavn</t></is></c><c r="C1" t="inlineStr"><is><t>Pris</t></is></c></row>` +
			rows + `</sheetData></worksheet>`,
	}
	if sst != "" {
		files["xl/sharedStrings.xml"] = `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` + sst + `</sst>`
	}
	return zipOf(t, files)
}

const contentTypes = `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
	`<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`

func inline(ref, v string) string {
	return `<c r="` + ref + `" t="inlineStr"><is><t>` + v + `</t></is></c>`
}

func readAllLines(data []byte, o Options) error {
	o.Name = "limit.xlsx"
	rd, err := Open(bytes.NewReader(data), o)
	if err != nil {
		return err
	}
	defer rd.Close()
	var l catalog.Line
	for {
		if err := rd.Next(&l); err == io.EOF {
			return nil
		} else if err != nil {
			return err
		}
	}
}

// TestValueLimit: a value over MaxValueBytes is an error naming the sheet
// and cell (or shared string), however it is split; one at the limit is
// read.
func TestValueLimit(t *testing.T) {
	long := strings.Repeat("x", 3000)
	for name, c := range map[string]struct {
		rows, sst, want string
	}{
		"inline":          {`<row r="2">` + inline("A2", "V-1") + inline("B2", long) + `</row>`, "", `limit.xlsx:2:2: sheet "A", cell B2: a value longer than 2 KiB`},
		"before header":   {"", "", ""}, // filled below
		"runs":            {`<row r="2">` + inline("A2", "V-1") + `<c r="B2" t="inlineStr"><is><r><t>` + long[:1500] + `</t></r><r><t>` + long[:1500] + `</t></r></is></c></row>`, "", "cell B2"},
		"comments":        {`<row r="2">` + inline("A2", "V-1") + `<c r="C2"><v>1` + strings.Repeat("<!-- -->1", 500) + `</v></c></row>`, "", "cell C2"},
		"shared":          {`<row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2" t="s"><v>1</v></c></row>`, `<si><t>V-1</t></si><si><t>` + long + `</t></si>`, "shared string 2 (xl/sharedStrings.xml)"},
		"shared runs":     {`<row r="2"><c r="A2" t="s"><v>0</v></c></row>`, `<si><r><t>` + long[:1500] + `</t></r><r><t>` + long[:1500] + `</t></r></si>`, "shared string 1"},
		"row":             {`<row r="2">` + inline("A2", long[:2000]) + inline("B2", long[:2000]) + inline("C2", long[:2000]) + inline("D2", long[:2000]) + inline("E2", long[:2000]) + `</row>`, "", "row 2: its values together are longer than 8 KiB"},
		"between rows":    {`<row r="2">` + inline("A2", "V-1") + `</row>` + long + `<row r="3">` + inline("A3", "V-2") + `</row>`, "", "a value longer than 2 KiB"},
		"at the limit":    {`<row r="2">` + inline("A2", "V-1") + inline("B2", long[:2048]) + `</row>`, "", ""},
		"styles elements": {"", "", ""}, // filled below
	} {
		t.Run(name, func(t *testing.T) {
			data := limitBook(t, c.rows, c.sst)
			switch name {
			case "before header":
				data = zipOf(t, map[string]string{
					"[Content_Types].xml":        contentTypes,
					"_rels/.rels":                `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
					"xl/workbook.xml":            `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="A" sheetId="1" r:id="rId1"/></sheets></workbook>`,
					"xl/_rels/workbook.xml.rels": `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
					"xl/worksheets/sheet1.xml":   `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">` + inline("A1", long) + `</row></sheetData></worksheet>`,
				})
				c.want = "cell A1"
			case "styles elements":
				data = zipOf(t, map[string]string{
					"[Content_Types].xml":        contentTypes,
					"_rels/.rels":                `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
					"xl/workbook.xml":            `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="A" sheetId="1" r:id="rId1"/></sheets></workbook>`,
					"xl/_rels/workbook.xml.rels": `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
					"xl/worksheets/sheet1.xml":   `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData></sheetData></worksheet>`,
					"xl/styles.xml":              `<styleSheet><cellXfs>` + strings.Repeat("<xf/>", maxPartTags) + `</cellXfs></styleSheet>`,
				})
				c.want = "more than 262144 elements (xl/styles.xml among them)"
			}
			err := readAllLines(data, Options{MaxValueBytes: 2048})
			if c.want == "" {
				if err != nil {
					t.Fatalf("at the limit: %v", err)
				}
				return
			}
			var re *catalog.ReadError
			if !errors.As(err, &re) || re.File != "limit.xlsx" || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), "--max-value") && !strings.Contains(c.want, "more than") {
				t.Fatalf("got %v, want an error naming the file and %q and the limit", err, c.want)
			}
		})
	}
}

// TestResidentParts: parts excelize would hold in memory are bounded in
// all, unlike the worksheets it streams from temporary files.
func TestResidentParts(t *testing.T) {
	data := limitBook(t, `<row r="2">`+inline("A2", "V-1")+`</row>`, "")
	files := map[string]string{}
	zr := mustZip(t, data)
	for _, zf := range zr.File {
		rc, _ := zf.Open()
		b, _ := io.ReadAll(rc)
		rc.Close()
		files[zf.Name] = string(b)
	}
	files["xl/media/zeros.bin"] = strings.Repeat("\x00", 5<<20)
	err := readAllLines(zipOf(t, files), Options{MaxValueBytes: 1 << 20, UnzipXMLSizeLimit: 1 << 20})
	if err == nil || !strings.Contains(err.Error(), "read into memory") {
		t.Fatalf("5 MiB of zeros held in memory under a limit of 1 MiB values: %v", err)
	}
	if err := readAllLines(zipOf(t, files), Options{}); err != nil {
		t.Fatalf("with the default limits: %v", err)
	}
}

func mustZip(t testing.TB, data []byte) *zip.Reader {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	must(t, err)
	return zr
}
