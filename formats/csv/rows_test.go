package csv

import (
	"bufio"
	"bytes"
	stdcsv "encoding/csv"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"
	"testing"

	"github.com/ekatalog/ekatalog/catalog"
	"github.com/ekatalog/ekatalog/mappings"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// row is a record as Rows gives it back: the line it starts on, its cells.
type row struct {
	line  int
	cells []string
}

// rowsText is a small catalogue with a title row, a blank line, a cell
// holding the delimiter, a quote and a line break, and a short row; and
// the rows it holds.
func rowsText(d rune) (string, []row) {
	want := []row{
		{1, []string{"Leverandør: Testfirma A/S"}},
		{3, []string{"Varenummer", "Varenavn", "Pris", "Enhed"}},
		{4, []string{"V-1", "Håndsæbe 5 €", "12,50", "stk"}},
		{5, []string{"V-2", "Linje et\nlinje to" + string(d) + " med \"citat\"", "7,00", "pk"}},
		{7, []string{"V-3", "Kort"}},
	}
	var b strings.Builder
	for i, r := range want {
		if i == 1 {
			b.WriteString("\r\n") // the blank line 2
		}
		for j, c := range r.cells {
			if j > 0 {
				b.WriteRune(d)
			}
			if strings.ContainsAny(c, string(d)+"\"\n,") {
				c = `"` + strings.ReplaceAll(c, `"`, `""`) + `"`
			}
			b.WriteString(c)
		}
		b.WriteString("\r\n")
	}
	return b.String(), want
}

// readRows reads every row of data as l says.
func readRows(t *testing.T, data []byte, l catalog.Layout, o Options) ([]row, error) {
	t.Helper()
	rs, err := OpenRows(bytes.NewReader(data), l, o)
	if err != nil {
		return nil, err
	}
	defer rs.Close()
	var got []row
	for {
		n, cells, err := rs.Next()
		if err == io.EOF {
			return got, nil
		}
		if err != nil {
			return got, err
		}
		got = append(got, row{n, append([]string(nil), cells...)})
	}
}

// TestRowsReadAgain: whatever the encoding and delimiter, the reader
// records them by stable names, and Rows reads the same file again as the
// rows it holds, cell for cell, with the lines they start on.
func TestRowsReadAgain(t *testing.T) {
	utf16 := func(o unicode.Endianness) func(string) []byte {
		return func(s string) []byte {
			b, err := unicode.UTF16(o, unicode.UseBOM).NewEncoder().Bytes([]byte(s))
			if err != nil {
				t.Fatal(err)
			}
			return b
		}
	}
	encodings := []struct {
		name   string
		encode func(string) []byte
		want   catalog.Layout
	}{
		{"utf-8", func(s string) []byte { return []byte(s) }, catalog.Layout{Encoding: "utf-8"}},
		{"utf-8 BOM", func(s string) []byte { return append([]byte{0xef, 0xbb, 0xbf}, s...) }, catalog.Layout{Encoding: "utf-8", BOM: true}},
		{"windows-1252", func(s string) []byte {
			b, err := charmap.Windows1252.NewEncoder().Bytes([]byte(s))
			if err != nil {
				t.Fatal(err)
			}
			return b
		}, catalog.Layout{Encoding: "windows-1252"}},
		{"utf-16le", utf16(unicode.LittleEndian), catalog.Layout{Encoding: "utf-16", BOM: true}},
		{"utf-16be", utf16(unicode.BigEndian), catalog.Layout{Encoding: "utf-16", BOM: true}},
	}
	for _, enc := range encodings {
		for d, dname := range map[rune]string{';': "semicolon", ',': "comma", '\t': "tab", '|': "pipe"} {
			t.Run(enc.name+" "+dname, func(t *testing.T) {
				text, want := rowsText(d)
				data := enc.encode(text)
				rd, err := Open(bytes.NewReader(data), Options{Name: "k.csv"})
				if err != nil {
					t.Fatal(err)
				}
				l := rd.Layout()
				wantLayout := enc.want
				wantLayout.Delimiter, wantLayout.HeaderRow = d, 3
				if l != wantLayout {
					t.Fatalf("layout %+v, want %+v", l, wantLayout)
				}
				got, err := readRows(t, data, l, Options{Name: "k.csv"})
				if err != nil {
					t.Fatal(err)
				}
				if !reflect.DeepEqual(got, want) {
					t.Errorf("rows\n%#v\nwant\n%#v", got, want)
				}
			})
		}
	}
}

// TestRowsLayoutFromMapping: an encoding or delimiter the mapping forces
// is recorded by its stable name, and read again the same way.
func TestRowsLayoutFromMapping(t *testing.T) {
	text, want := rowsText(';')
	data, _ := charmap.Windows1252.NewEncoder().Bytes([]byte(text))
	m := *mappings.Default()
	m.Encoding, m.Delimiter = "iso-8859-1", ";"
	rd, err := Open(bytes.NewReader(data), Options{Name: "k.csv", Mapping: &m})
	if err != nil {
		t.Fatal(err)
	}
	if l := rd.Layout(); l != (catalog.Layout{Encoding: "windows-1252", Delimiter: ';', HeaderRow: 3}) {
		t.Fatalf("layout %+v", l)
	}
	got, err := readRows(t, data, rd.Layout(), Options{})
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("rows %#v, %v", got, err)
	}
}

// TestRowsInvalidUTF8: a UTF-8 file with a few bytes that are not UTF-8
// is recorded as UTF-8 and read again byte for byte: each cell shows what
// the file holds (the report decodes such a cell as Windows-1252, as the
// reader does).
func TestRowsInvalidUTF8(t *testing.T) {
	text, want := rowsText(';')
	data := []byte(strings.Replace(text, "stk", "stk\xe6", 1))
	rd, err := Open(bytes.NewReader(data), Options{Name: "k.csv"})
	if err != nil {
		t.Fatal(err)
	}
	if l := rd.Layout(); l.Encoding != "utf-8" || l.BOM {
		t.Fatalf("layout %+v", l)
	}
	want[2].cells[3] = "stk\xe6"
	got, err := readRows(t, data, rd.Layout(), Options{})
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("rows %#v, %v", got, err)
	}
}

// TestRowsLimits: reading again holds no more than reading did: a record
// past the limit stops the rows with an error that names the file and the
// line, after the rows before it.
func TestRowsLimits(t *testing.T) {
	text, want := rowsText(';')
	data := []byte(text + "V-4;\"" + strings.Repeat("x", 2<<20) + "\r\nV-5;y\r\n")
	l := catalog.Layout{Encoding: "utf-8", Delimiter: ';', HeaderRow: 3}
	got, err := readRows(t, data, l, Options{Name: "stor.csv", MaxRecordBytes: 64 << 10})
	var re *catalog.ReadError
	if !errors.As(err, &re) || re.File != "stor.csv" || !strings.Contains(err.Error(), "line 8") {
		t.Fatalf("error %v, want one naming stor.csv and the line", err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("rows before the fault %#v", got)
	}
	if _, err := readRows(t, []byte(text), catalog.Layout{Encoding: "ebcdic", Delimiter: ';'}, Options{Name: "k.csv"}); err == nil || !strings.Contains(err.Error(), "ebcdic") {
		t.Errorf("unknown encoding: %v", err)
	}
	if _, err := readRows(t, []byte(text), catalog.Layout{Encoding: "utf-8"}, Options{Name: "k.csv"}); err == nil {
		t.Error("no delimiter: no error")
	}
}

// checkRowsAgain: Rows, given the layout the reader recorded and the same
// limits, reads the file back with the header row and every row the
// reader made a line of, in order; an error names the file.
func checkRowsAgain(t *testing.T, data []byte, l catalog.Layout, o Options, lineRows []int) {
	t.Helper()
	rs, err := OpenRows(bytes.NewReader(data), l, o)
	if err != nil {
		t.Fatalf("the rows cannot be read again (%+v): %v", l, err)
	}
	seen := map[int]bool{}
	last := 0
	for {
		n, _, err := rs.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			var re *catalog.ReadError
			if !errors.As(err, &re) || re.File != o.Name {
				t.Fatalf("error does not name the file: %v", err)
			}
			break
		}
		if n <= last {
			t.Fatalf("row %d after row %d", n, last)
		}
		seen[n], last = true, n
	}
	if !seen[l.HeaderRow] {
		t.Errorf("header row %d not read again", l.HeaderRow)
	}
	for _, n := range lineRows {
		if !seen[n] {
			t.Fatalf("the line on row %d is not among the rows read again", n)
		}
	}
}

// BenchmarkRows reads a Windows-1252 catalogue of 100,000 rows again as
// the Excel report does; BenchmarkRowsFloor is the bare encoding/csv loop
// over the same decoded text, in the same run.
func BenchmarkRows(b *testing.B) {
	data := benchRowsData(b)
	l := catalog.Layout{Encoding: "windows-1252", Delimiter: ';', HeaderRow: 1}
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		rs, err := OpenRows(bytes.NewReader(data), l, Options{Name: "bench.csv"})
		if err != nil {
			b.Fatal(err)
		}
		n := 0
		for {
			_, _, err := rs.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
			n++
		}
		if n != 100001 {
			b.Fatalf("%d rows", n)
		}
	}
}

func BenchmarkRowsFloor(b *testing.B) {
	data := benchRowsData(b)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		cr := stdcsv.NewReader(bufio.NewReaderSize(charmap.Windows1252.NewDecoder().Reader(bytes.NewReader(data)), bufSize))
		cr.Comma, cr.FieldsPerRecord, cr.LazyQuotes, cr.ReuseRecord = ';', -1, true, true
		n := 0
		for {
			_, err := cr.Read()
			if err == io.EOF {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
			n++
		}
		if n != 100001 {
			b.Fatalf("%d rows", n)
		}
	}
}

func benchRowsData(b *testing.B) []byte {
	var buf bytes.Buffer
	buf.WriteString("Varenummer;Varenavn;Beskrivelse;EAN;Enhed;Pris;Valuta\r\n")
	for i := range 100000 {
		fmt.Fprintf(&buf, "V-%d;Håndsæbe %d;\"Blød; mild\";57900000%05d;stk;%d,50;DKK\r\n", i, i, i, i%1000)
	}
	data, err := charmap.Windows1252.NewEncoder().Bytes(buf.Bytes())
	if err != nil {
		b.Fatal(err)
	}
	return data
}
