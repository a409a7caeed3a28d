package csv

import (
	"bytes"
	stdcsv "encoding/csv"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/ekatalog/ekatalog/catalog"
	"github.com/ekatalog/ekatalog/formats/jsoncat"
	"github.com/ekatalog/ekatalog/testkit/golden"
	"github.com/ekatalog/ekatalog/testkit/synth"
)

// readAll reads a CSV and returns each line's canonical JSON and all
// findings (line and file level) as text.
func readAll(t testing.TB, name string, data []byte) (lines []string, findings []string, err error) {
	return readWith(t, data, Options{Name: name})
}

// readWith is readAll with options.
func readWith(t testing.TB, data []byte, o Options) (lines []string, findings []string, err error) {
	r, err := Open(bytes.NewReader(data), o)
	if err != nil {
		return nil, nil, err
	}
	defer r.Close()
	var l catalog.Line
	for {
		err := r.Next(&l)
		if err == io.EOF {
			break
		}
		if err != nil {
			return lines, findings, err
		}
		lines = append(lines, string(jsoncat.AppendLine(nil, &l)))
		for _, f := range l.Findings {
			findings = append(findings, describe(&f))
		}
	}
	for _, f := range r.Findings() {
		findings = append(findings, describe(&f))
	}
	return lines, findings, nil
}

func describe(f *catalog.Finding) string {
	return f.RuleID() + " line=" + itoa(f.Line) + " row=" + itoa(f.Pos.Row) + " col=" + itoa(f.Pos.Col) + " field=" + f.Field + " value=" + f.Value
}

func itoa(i int) string { return strconv.Itoa(i) }

func TestScenarios(t *testing.T) {
	tests := []struct {
		name     string
		in       string
		lines    []string
		findings []string
		err      string
	}{
		{
			name:  "danish with title row, quoted delimiter and newline",
			in:    "Prisliste\r\n\r\nVarenr.;Varenavn;Pris;Enhed\r\nA1;\"Pen; blå\r\nlang\";1.234,50;stk\r\nA2;Blyant;3,5;ks\r\n",
			lines: []string{`{"lineId":"1","sellerItemId":"A1","name":"Pen; blå\nlang","unit":"stk","price":1234.5}`, `{"lineId":"2","sellerItemId":"A2","name":"Blyant","unit":"ks","price":3.5}`},
		},
		{
			name:  "english comma with point decimals and thousands",
			in:    "SKU,Product name,Net price,MOQ\nB1,\"Paper, A4\",\"1,234.50\",10\n",
			lines: []string{`{"lineId":"1","sellerItemId":"B1","name":"Paper, A4","minOrderQuantity":10,"price":1234.5}`},
		},
		{
			name:     "bad number is a finding at its cell, the line is still read",
			in:       "Varenummer;Varenavn;Pris\nA1;Pen;12,5,0\n",
			lines:    []string{`{"lineId":"1","sellerItemId":"A1","name":"Pen"}`},
			findings: []string{"READ-NOT-NUMBER line=1 row=2 col=3 field=price value=12,5,0"},
		},
		{
			name:     "unmapped column goes to extra and is reported",
			in:       "Varenummer;Varenavn;Farve\nA1;Pen;blå\n",
			lines:    []string{`{"lineId":"1","sellerItemId":"A1","name":"Pen","extra":{"Farve":"blå"}}`},
			findings: []string{"READ-COLUMN-UNMAPPED line=0 row=1 col=3 field=extra value=Farve"},
		},
		{
			name:     "two columns for one field: the second is extra",
			in:       "Varenummer;Varenavn;Produktnavn\nA1;Pen;Kuglepen\n",
			lines:    []string{`{"lineId":"1","sellerItemId":"A1","name":"Pen","extra":{"Produktnavn":"Kuglepen"}}`},
			findings: []string{"READ-COLUMN-DUPLICATE line=0 row=1 col=3 field=name value=Produktnavn"},
		},
		{
			name:  "a name column and a description column keep their fields",
			in:    "Varenummer;Varenavn;Varetekst\nA1;Pen;Kuglepen\n",
			lines: []string{`{"lineId":"1","sellerItemId":"A1","name":"Pen","description":"Kuglepen"}`},
		},
		{
			name: "the one description column of a price list is the name",
			in:   "Varenr.;Varebeskrivelse;EAN-nr.;Pris ekskl. moms\nA1;Kuglepen blå;5701234567899;kr. 42,50\nA2;Blyant;;12,50 kr\nA3;Viskelæder;;42,-\n",
			lines: []string{`{"lineId":"1","sellerItemId":"A1","gtin":"5701234567899","name":"Kuglepen blå","price":42.5}`,
				`{"lineId":"2","sellerItemId":"A2","name":"Blyant","price":12.5}`, `{"lineId":"3","sellerItemId":"A3","name":"Viskelæder","price":42}`},
		},
		{
			name: "a price with its currency: the code is taken, a disagreeing word is a note",
			in:   "Varenummer;Varetekst;Pris;Valuta\nA1;Pen;DKK 12,50;\nA2;Pen;€ 3,10;DKK\nA3;Pen;12,50 kr;SEK\n",
			lines: []string{`{"lineId":"1","sellerItemId":"A1","name":"Pen","price":12.5,"currency":"DKK"}`,
				`{"lineId":"2","sellerItemId":"A2","name":"Pen","price":3.1,"currency":"DKK"}`, `{"lineId":"3","sellerItemId":"A3","name":"Pen","price":12.5,"currency":"SEK"}`},
			findings: []string{"PRICE-CURRENCY-WORD line=2 row=3 col=3 field=price value=€"},
		},
		{
			name:  "percentages with and without a space",
			in:    "Varenummer;Moms;Navn\nA1;25%;a\nA2;25 %;b\nA3;25 pct.;c\n",
			lines: []string{`{"lineId":"1","sellerItemId":"A1","name":"a","vatPercent":25}`, `{"lineId":"2","sellerItemId":"A2","name":"b","vatPercent":25}`, `{"lineId":"3","sellerItemId":"A3","name":"c","vatPercent":25}`},
		},
		{
			name:  "German headers",
			in:    "Artikelnummer;Bezeichnung;Mengeneinheit;Preis;Währung;Hersteller;MwSt.-Satz;EAN\nA1;Kugelschreiber;Stück;1,95;EUR;Schreibwerk GmbH;19 %;4006381333931\n",
			lines: []string{`{"lineId":"1","sellerItemId":"A1","gtin":"4006381333931","manufacturerName":"Schreibwerk GmbH","name":"Kugelschreiber","unit":"Stück","price":1.95,"currency":"EUR","vatPercent":19}`},
		},
		{
			name:  "Swedish and Norwegian headers, matched without accents and punctuation",
			in:    "Artikelnummer;Benamning;Enhet;Pris;Moms\nA1;Kulspetspenna;st;9,90;25\n",
			lines: []string{`{"lineId":"1","sellerItemId":"A1","name":"Kulspetspenna","unit":"st","price":9.9,"vatPercent":25}`},
		},
		{
			name:  "Norwegian headers",
			in:    "Varenummer;Beskrivelse;Enhet;Pris eks. mva;MVA\nA1;Kulepenn;stk;9,90;25\n",
			lines: []string{`{"lineId":"1","sellerItemId":"A1","name":"Kulepenn","unit":"stk","price":9.9,"vatPercent":25}`},
		},
		{
			name:  "header matching ignores case, spaces and a trailing colon",
			in:    "  VARENUMMER: ;varenavn.\nA1;Pen\n",
			lines: []string{`{"lineId":"1","sellerItemId":"A1","name":"Pen"}`},
		},
		{
			name:  "gtin with leading zero stays text; keywords and images split",
			in:    "Varenummer;EAN;Søgeord;Billede\nA1;04006381333931;pen, blå|kontor;https://a.dk/1.jpg https://a.dk/2.jpg\n",
			lines: []string{`{"lineId":"1","sellerItemId":"A1","gtin":"04006381333931","keywords":["pen","blå","kontor"],"images":["https://a.dk/1.jpg","https://a.dk/2.jpg"]}`},
		},
		{
			name:  "dates in Danish and ISO form, blank rows skipped",
			in:    "Varenummer;Varenavn;Gyldig fra;Gyldig til\n\nA1;Pen;1.2.2026;2026-12-31\n;;;\n",
			lines: []string{`{"lineId":"1","sellerItemId":"A1","name":"Pen","validFrom":"2026-02-01","validTo":"2026-12-31"}`},
		},
		{
			name:  "tab separated",
			in:    "Varenummer\tVarenavn\tPris\nA1\tPen\t2,00\n",
			lines: []string{`{"lineId":"1","sellerItemId":"A1","name":"Pen","price":2}`},
		},
		{
			name: "no header",
			in:   "bare tekst\nmere tekst\n",
			err:  "no header row found",
		},
		{
			name: "binary",
			in:   "Varenummer;Varenavn\x00\x01\x02",
			err:  "not a text file",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			lines, findings, err := readAll(t, "test.csv", []byte(tc.in))
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) || !strings.Contains(err.Error(), "test.csv") {
					t.Fatalf("error = %v, want one naming test.csv and saying %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if strings.Join(lines, "\n") != strings.Join(tc.lines, "\n") {
				t.Errorf("lines:\n%s\nwant:\n%s", strings.Join(lines, "\n"), strings.Join(tc.lines, "\n"))
			}
			if strings.Join(findings, "\n") != strings.Join(tc.findings, "\n") {
				t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(findings, "\n"), strings.Join(tc.findings, "\n"))
			}
		})
	}
}

// TestEncodingsAndLayoutsAgree: the same catalogue as Windows-1252 ';' with
// decimal commas and CRLF, UTF-8 with BOM, UTF-16, English ',' and '|' gives
// identical canonical lines.
func TestEncodingsAndLayoutsAgree(t *testing.T) {
	files, _ := filepath.Glob("../../testdata/csv/katalog-*.csv")
	if len(files) < 5 {
		t.Fatalf("fixtures missing: %v", files)
	}
	var want []string
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		lines, findings, err := readAll(t, f, data)
		if err != nil {
			t.Fatal(err)
		}
		if len(findings) > 0 {
			t.Errorf("%s: findings %v", f, findings)
		}
		if want == nil {
			want = lines
			if !strings.Contains(strings.Join(lines, ""), "Håndsæbe") || len(lines) != 20 {
				t.Fatalf("%s: unexpected lines %v", f, lines)
			}
			continue
		}
		if strings.Join(lines, "\n") != strings.Join(want, "\n") {
			t.Errorf("%s differs from %s", f, files[0])
		}
	}
}

func TestGolden(t *testing.T) {
	files, _ := filepath.Glob("../../testdata/csv/*.csv")
	broken, _ := filepath.Glob("../../testdata/broken/*.csv")
	for _, f := range append(files, broken...) {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		lines, findings, err := readAll(t, filepath.Base(f), data)
		var b strings.Builder
		for _, l := range lines {
			b.WriteString(l + "\n")
		}
		for _, fi := range findings {
			b.WriteString("finding: " + fi + "\n")
		}
		if err != nil {
			b.WriteString("error: " + err.Error() + "\n")
		}
		golden.Check(t, filepath.Join("../../testdata/golden/csv", filepath.Base(f)+".txt"), []byte(b.String()))
	}
}

func TestWindows1252InUTF8File(t *testing.T) {
	// A file that is UTF-8 in its first 64 KiB and has a Windows-1252 row
	// later: the row is read as Windows-1252 and reported.
	var b bytes.Buffer
	b.WriteString("Varenummer;Varenavn\n")
	for b.Len() < 70000 {
		b.WriteString("A;Blå pen\n")
	}
	b.WriteString("B;Bl\xe5 pen\n")
	lines, findings, err := readAll(t, "mixed.csv", b.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if last := lines[len(lines)-1]; !strings.Contains(last, "Blå pen") {
		t.Errorf("last line %s", last)
	}
	if len(findings) != 1 || !strings.HasPrefix(findings[0], "READ-ENCODING") {
		t.Errorf("findings %v", findings)
	}
}

func FuzzReader(f *testing.F) {
	files, _ := filepath.Glob("../../testdata/csv/*.csv")
	broken, _ := filepath.Glob("../../testdata/broken/*")
	for _, p := range append(files, broken...) {
		if data, err := os.ReadFile(p); err == nil && len(data) < 10000 {
			f.Add(data)
		}
	}
	f.Add([]byte("Varenummer;Varenavn;Pris\n\"A;1\";\"x\"\"y\";1,5\n"))
	// The limit paths (MaxFields 64 and MaxValueBytes 4 KiB below): a row
	// of empty fields, a long field, a long quoted field over lines.
	f.Add([]byte("Varenummer;Varenavn;Pris\nA;B;1\nC;D" + strings.Repeat(";", 200) + "\nE;F;2\n"))
	f.Add([]byte("Varenummer;Varenavn;Pris\nA;" + strings.Repeat("x", 5000) + ";1\n"))
	f.Add([]byte("Varenummer;Varenavn;Pris\nA;\"" + strings.Repeat("x\n", 2500) + "\";1\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := Open(bytes.NewReader(data), Options{Name: "fuzz.csv", MaxFields: 64, MaxValueBytes: 4 << 10, MaxRecordBytes: 64 << 10})
		if err != nil {
			var re *catalog.ReadError
			if !errors.As(err, &re) || re.File != "fuzz.csv" {
				t.Fatalf("error does not name the file: %v", err)
			}
			return
		}
		var l catalog.Line
		var lineRows []int
		for i := 0; ; i++ {
			err := r.Next(&l)
			if err != nil {
				break
			}
			if l.Src.Line != i+1 || l.Src.Row < 1 {
				t.Fatalf("line %d has source %+v", i+1, l.Src)
			}
			lineRows = append(lineRows, l.Src.Row)
		}
		checkRowsAgain(t, data, r.Layout(), Options{Name: "fuzz.csv", MaxFields: 64, MaxValueBytes: 4 << 10, MaxRecordBytes: 64 << 10}, lineRows)
	})
}

func benchFile(b *testing.B) (string, int) {
	n := synth.BenchLines("EKATALOG_BENCH_CSV_LINES", 200000)
	path, err := synth.CSVFile(n, synth.DanishUTF8, "da-utf8")
	if err != nil {
		b.Fatal(err)
	}
	return path, n
}

func report(b *testing.B, path string, n int) {
	st, _ := os.Stat(path)
	b.SetBytes(st.Size())
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "lines/s")
}

// BenchmarkFloorEncodingCSV is the floor the CSV reader is measured against:
// the bare encoding/csv loop with ReuseRecord and a 1 MiB buffer.
func BenchmarkFloorEncodingCSV(b *testing.B) {
	path, n := benchFile(b)
	for b.Loop() {
		f, _ := os.Open(path)
		r := stdcsv.NewReader(bufioReader(f))
		r.Comma, r.ReuseRecord, r.FieldsPerRecord = ';', true, -1
		for {
			if _, err := r.Read(); err != nil {
				break
			}
		}
		f.Close()
	}
	report(b, path, n)
}

// BenchmarkReader reads the same file into canonical lines.
func BenchmarkReader(b *testing.B) {
	path, n := benchFile(b)
	b.ReportAllocs()
	for b.Loop() {
		f, _ := os.Open(path)
		r, err := Open(f, Options{Name: path})
		if err != nil {
			b.Fatal(err)
		}
		var l catalog.Line
		for r.Next(&l) == nil {
		}
		f.Close()
	}
	report(b, path, n)
}

func TestUTF8GuardAcrossReads(t *testing.T) {
	valid := strings.Repeat("æøå€𝄞 tekst ", 100)
	for _, tc := range []struct {
		in      string
		invalid bool
	}{{valid, false}, {valid + "\xe5", true}, {valid[:5] + "\xff" + valid, true}, {valid + "\xe2\x82", true}} {
		g := &utf8Guard{r: iotest.OneByteReader(strings.NewReader(tc.in))}
		if _, err := io.ReadAll(g); err != nil {
			t.Fatal(err)
		}
		if g.invalid != tc.invalid {
			t.Errorf("invalid = %v, want %v for input ending %q", g.invalid, tc.invalid, tc.in[len(tc.in)-3:])
		}
	}
}

// TestHugeRecordIsRefused: a field that never ends (an unclosed quote, or a
// line of megabytes) is an error naming the file, in bounded memory.
func TestHugeRecordIsRefused(t *testing.T) {
	for name, body := range map[string]io.Reader{
		"unclosed quote": io.MultiReader(strings.NewReader("Varenummer;Varenavn\nA1;\"never closed "), &repeatReader{b: []byte("abcdefghij\n"), n: 200 << 20}),
		"endless line":   io.MultiReader(strings.NewReader("Varenummer;Varenavn\nA1;"), &repeatReader{b: []byte("x"), n: 200 << 20}),
	} {
		r, err := Open(body, Options{Name: "huge.csv", MaxRecordBytes: 1 << 20})
		if err == nil {
			var l catalog.Line
			for err == nil {
				err = r.Next(&l)
			}
		}
		if err == nil || err == io.EOF || !strings.Contains(err.Error(), "huge.csv") || !strings.Contains(err.Error(), "larger than 1 MiB") {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// repeatReader yields b again and again, n bytes in all.
type repeatReader struct {
	b []byte
	n int
	i int
}

func (r *repeatReader) Read(p []byte) (int, error) {
	if r.n <= 0 {
		return 0, io.EOF
	}
	k := 0
	for k < len(p) && r.n > 0 {
		p[k] = r.b[r.i%len(r.b)]
		k++
		r.i++
		r.n--
	}
	return k, nil
}
