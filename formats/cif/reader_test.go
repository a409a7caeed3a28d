package cif_test

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/ekatalog/ekatalog/catalog"
	"github.com/ekatalog/ekatalog/formats"
	"github.com/ekatalog/ekatalog/formats/cif"
	"github.com/ekatalog/ekatalog/formats/internal/outfmt"
	"github.com/ekatalog/ekatalog/formats/internal/writertest"
	"github.com/ekatalog/ekatalog/testkit/golden"
)

// readAll reads a CIF document through the reader.
func readAll(t testing.TB, b []byte) (*cif.Reader, []*catalog.Line) {
	t.Helper()
	rd, err := cif.Open(bytes.NewReader(b), cif.Options{Name: "t.cif"})
	if err != nil {
		t.Fatal(err)
	}
	var lines []*catalog.Line
	var l catalog.Line
	for {
		err := rd.Next(&l)
		if err == io.EOF {
			return rd, lines
		}
		if err != nil {
			t.Fatal(err)
		}
		lines = append(lines, l.Clone())
	}
}

func rules(fs []catalog.Finding) map[string]int {
	m := map[string]int{}
	for _, f := range fs {
		m[f.RuleID()]++
	}
	return m
}

// dataRecords counts the records between DATA and ENDOFDATA by reading the
// file's lines and quotes itself, independently of the reader: a record
// ends at a line break outside quotes.
func dataRecords(t *testing.T, b []byte) int {
	t.Helper()
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(nil, 1<<20)
	in, quoted, n := false, false, 0
	for sc.Scan() {
		s := strings.TrimSpace(strings.TrimPrefix(sc.Text(), "\ufeff"))
		if !in {
			in = strings.EqualFold(s, "DATA")
			continue
		}
		if !quoted && strings.EqualFold(s, "ENDOFDATA") {
			break
		}
		if !quoted && s != "" {
			n++
		}
		if strings.Count(s, `"`)%2 == 1 {
			quoted = !quoted
		}
	}
	return n
}

// TestRealWorld: every CIF file in ../shared/realworld is read, with as many
// lines as it has DATA records, and item IDs, prices, units and UNSPSC codes
// in their fields.
func TestRealWorld(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(golden.Shared(t, 2), "realworld", "cif", "*", "*.cif"))
	if len(files) == 0 {
		t.Skip("no CIF files in ../shared/realworld")
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			if got, err := formats.Detect(strings.TrimSuffix(f, ".cif")+".csv", b); err != nil || got.Name != "cif" {
				t.Fatalf("detected as %v (%v), even named .csv", got, err)
			}
			rd, lines := readAll(t, b)
			if want := dataRecords(t, b); len(lines) != want || want == 0 {
				t.Fatalf("%d lines, the file has %d DATA records", len(lines), want)
			}
			if r := rules(rd.Findings()); r["READ-SYNTAX"]+r["CIF-ITEMCOUNT"]+r["READ-ROW-TOO-FEW-CELLS"] != 0 {
				t.Errorf("findings %v", r)
			}
			for _, l := range lines {
				if l.SellerItemID == "" || l.Name == "" || len(l.Classification) != 1 || l.Classification[0].Scheme != "UNSPSC" {
					t.Errorf("line %d: %+v", l.Src.Line, l)
				}
				if len(l.Findings) > 0 {
					t.Errorf("line %d: %v", l.Src.Line, l.Findings)
				}
			}
			if rd.Header().Seller.ID == "" {
				t.Error("no supplier ID in the header")
			}
		})
	}
}

// TestRealWorldValues pins the values of one real file.
func TestRealWorldValues(t *testing.T) {
	f := filepath.Join(golden.Shared(t, 2), "realworld", "cif", "cif", "Data__Using12RequiredFields@9054217.cif")
	b, err := os.ReadFile(f)
	if err != nil {
		t.Skip(err)
	}
	rd, lines := readAll(t, b)
	h := rd.Header()
	if h.Currency != "USD" || h.Seller.ID != "942888710" || h.Seller.IDScheme != "0060" || h.IssueDate != "2000-05-15" || h.Action != "replace" {
		t.Errorf("header %+v", h)
	}
	l := lines[1]
	if l.SellerItemID != "56A12" || l.ManufacturerItemID != "C12" || l.Name != "Eames Ottoman, Blk Leather" || !l.Price.Valid || l.Price.V != 100 ||
		l.Unit != "EA" || l.LeadTimeDays.V != 3 || l.ManufacturerName != "Fast MFG" || l.Src.Row != 10 || l.Action != "" {
		t.Errorf("line 2: %+v", l)
	}
	want := []catalog.Extra{{Name: "Supplier URL", Value: "http://www.acme.com/56A12.htm"}, {Name: "Manufacturer URL", Value: "http://www.mfg.com/C12/indepth.htm"}, {Name: "Market Price", Value: "100.00"}}
	if !reflect.DeepEqual(l.Extra, want) {
		t.Errorf("extra %q", l.Extra)
	}
}

// TestHeaderAndModes: CIF 2.1 without FIELDNAMES in the fixed order,
// Latin-1, an incremental load with deletes, ITEMCOUNT that disagrees, and
// a file cut short.
func TestHeaderAndModes(t *testing.T) {
	latin1 := "CIF_I_V2.1\r\nCHARSET: 8859_1\r\nLOADMODE: I\r\nCODEFORMAT: UNSPSC\r\nCURRENCY: DKK\r\nSUPPLIERID_DOMAIN: DK:CVR\r\nITEMCOUNT: 3\r\nTIMESTAMP: 2026-01-02 10:00:00\r\nUNUOM: TRUE\r\nDATA\r\n" +
		"12345678,A1,,\"Bl\xe5 kuglepen, 10 stk\",44121704,12.50,XPK,2,Pentel,,,\r\n" +
		"12345678,A2,,\"Gr\xf8n \"\"mark\"\"\",44121704,3,H87,,,,,\r\n" +
		"ENDOFDATA\r\n"
	rd, lines := readAll(t, []byte(latin1))
	if rd.Version != "2.1" || rd.LoadMode != "I" || len(lines) != 2 {
		t.Fatalf("version %s mode %s, %d lines", rd.Version, rd.LoadMode, len(lines))
	}
	if lines[0].Name != "Blå kuglepen, 10 stk" || lines[1].Name != `Grøn "mark"` || lines[0].Action != "update" || lines[0].Unit != "XPK" {
		t.Errorf("lines %+v / %+v", lines[0], lines[1])
	}
	if h := rd.Header(); h.Action != "update" || h.Seller.IDScheme != "0184" || h.Seller.ID != "12345678" || h.Currency != "DKK" {
		t.Errorf("header %+v", h)
	}
	if r := rules(rd.Findings()); r["CIF-ITEMCOUNT"] != 1 || len(r) != 2 {
		t.Errorf("ITEMCOUNT 3 for 2 items: %v", r)
	}

	del := "CIF_I_V3.0\nLOADMODE: I\nITEMCOUNT: 2\nFIELDNAMES: Supplier ID,Supplier Part ID,Item Description,Unit Price,Unit of Measure,Currency,Delete\nDATA\n" +
		"S,A1,Pen,1.00,EA,EUR,\nS,A2,Old pen,1.00,EA,EUR,TRUE\nS,A3,Old pen,1.00,EA,EUR,T\nENDOFDATA\n"
	rd, lines = readAll(t, []byte(strings.Replace(del, "ITEMCOUNT: 2", "ITEMCOUNT: 3", 1)))
	if len(lines) != 3 || lines[0].Action != "update" || lines[1].Action != "delete" || len(lines[1].Extra) != 0 ||
		lines[2].Action != "delete" || len(lines[2].Extra) != 0 {
		t.Errorf("incremental (Delete TRUE and T): %+v", lines)
	}
	if !rd.Fields().Has(catalog.FieldAction) || len(rd.Findings()) != 0 {
		t.Errorf("fields %v, findings %v", rd.Fields(), rd.Findings())
	}

	cut := "CIF_I_V3.0\nITEMCOUNT: 2\nDATA\nS,A1,,Pen,44121704,1.00,EA,,,,,\n"
	rd, lines = readAll(t, []byte(cut))
	if r := rules(rd.Findings()); len(lines) != 1 || r["CIF-NO-ENDOFDATA"] != 1 || r["CIF-ITEMCOUNT"] != 1 {
		t.Errorf("a file cut short: %d lines, %v", len(lines), r)
	}

	for _, bad := range []string{"", "Supplier ID,Supplier Part ID\n1,2\n", "CIF_I_V3.0\nCURRENCY: EUR\n"} {
		if _, err := cif.Open(strings.NewReader(bad), cif.Options{Name: "bad.cif"}); err == nil || !strings.HasPrefix(err.Error(), "bad.cif") {
			t.Errorf("%q: %v", bad, err)
		}
	}
}

// TestReadBack: write → read gives the same canonical lines for every field
// CIF carries.
func TestReadBack(t *testing.T) {
	for _, input := range []string{"testdata/canonical/csv-katalog-da.json", "testdata/canonical/targets-katalog-fuld.json"} {
		t.Run(filepath.Base(input), func(t *testing.T) {
			h, all := writertest.Lines(t, input, writertest.Header(t), 40)
			var out bytes.Buffer
			w := cif.NewWriter(&out, time.Time{})
			if err := w.Begin(h); err != nil {
				t.Fatal(err)
			}
			for _, l := range all {
				if err := w.Line(l); err != nil {
					t.Fatal(err)
				}
			}
			if err := w.End(); err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(t.TempDir(), "back.cif")
			if err := os.WriteFile(path, out.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			h2, back := writertest.Lines(t, path, nil, len(all))
			if h2.Currency != h.Currency || h2.Seller.ID != h.Seller.ID || h2.Seller.IDScheme != h.Seller.IDScheme || h2.IssueDate != h.IssueDate {
				t.Errorf("header %+v, wrote %+v", h2.Seller, h.Seller)
			}
			for i, l := range all {
				checkCarried(t, w, l, back[i])
			}
		})
	}
}

func checkCarried(t *testing.T, w *cif.Writer, want, got *catalog.Line) {
	t.Helper()
	dropped := w.Dropped(want)
	for f := range catalog.Fields {
		f := catalog.Field(f)
		if !cif.Carries.Has(f) || dropped.Has(f) {
			continue
		}
		var a, b string
		switch {
		case f == catalog.FieldClassification:
			a, _ = want.ClassificationCode("UNSPSC")
			b, _ = got.ClassificationCode("UNSPSC")
		case f == catalog.FieldUnitText:
			continue // the unit is carried as its code
		case f == catalog.FieldUnit:
			// CIF carries the classic code of the unit (H87 → EA), which
			// is read as written.
			a, b = outfmt.ClassicUnit(want.Unit), outfmt.ClassicUnit(got.Unit)
		case want.StringField(f) != nil:
			a, b = *want.StringField(f), *got.StringField(f)
		case want.NumField(f) != nil:
			a, b = fmt.Sprint(*want.NumField(f)), fmt.Sprint(*got.NumField(f))
			if f == catalog.FieldPriceBaseQuantity && want.PriceBaseQuantity.V == 1 && !got.PriceBaseQuantity.Valid {
				continue // 1 is what no value means
			}
			if f == catalog.FieldPrice {
				a, b = fmt.Sprintf("%.2f", want.Price.V), fmt.Sprintf("%.2f", got.Price.V)
			}
		default:
			continue
		}
		if f == catalog.FieldCurrency && a == "" {
			continue // the header's
		}
		if a != b {
			t.Errorf("line %d (%s): %s %q, read back %q", want.Src.Line, want.SellerItemID, f, a, b)
		}
	}
}

// FuzzReader: whatever the bytes, the reader returns lines or an error
// naming the file, and never panics.
func FuzzReader(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("..", "..", "..", "shared", "realworld", "cif", "*", "*.cif"))
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte("CIF_I_V3.0\nLOADMODE: I\nITEMCOUNT: 1\nFIELDNAMES: Supplier ID,Supplier Part ID,Delete\nDATA\nS,\"A\"\"1\",T\nENDOFDATA\n"))
	f.Add([]byte("CIF_I_V2.1\nCHARSET: Cp1252\nDATA\n1,2,3,\"4\n5\",6,7,8,9,10,11,12,13\nENDOFDATA"))
	f.Fuzz(func(t *testing.T, b []byte) {
		rd, err := cif.Open(bytes.NewReader(b), cif.Options{Name: "fuzz.cif", MaxRecordBytes: 1 << 16})
		if err != nil {
			if !strings.HasPrefix(err.Error(), "fuzz.cif") {
				t.Fatalf("error does not name the file: %v", err)
			}
			return
		}
		var l catalog.Line
		for range 100000 {
			err := rd.Next(&l)
			if err == io.EOF {
				return
			}
			if err != nil {
				if !strings.HasPrefix(err.Error(), "fuzz.cif") {
					t.Fatalf("error does not name the file: %v", err)
				}
				return
			}
			rd.Locate(&l, catalog.FieldName)
		}
		t.Fatal("more lines than bytes")
	})
}

// BenchmarkReader reads a CIF file of 10,000 items written by ekatalog.
func BenchmarkReader(b *testing.B) {
	h, lines := writertest.Lines(b, input, writertest.Header(b), 10000)
	var out bytes.Buffer
	w := cif.NewWriter(&out, time.Time{})
	w.Begin(h)
	for _, l := range lines {
		w.Line(l)
	}
	w.End()
	data := out.Bytes()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	var l catalog.Line
	for b.Loop() {
		rd, err := cif.Open(bytes.NewReader(data), cif.Options{Name: "bench.cif"})
		if err != nil {
			b.Fatal(err)
		}
		n := 0
		for rd.Next(&l) == nil {
			n++
		}
		if n != len(lines) {
			b.Fatalf("%d lines", n)
		}
	}
	b.ReportMetric(float64(len(lines)*b.N)/b.Elapsed().Seconds(), "lines/s")
}

// TestDetect: a CIF file is known by its first line whatever its name,
// and a .cif file without one is refused rather than read as CSV.
func TestDetect(t *testing.T) {
	for name, head := range map[string]string{"a.cif": "CIF_I_V2.1\r\nDATA\r\n", "a.csv": "\ufeffCIF_I_V3.0\n", "a.txt": "\n cif_i_v3.0\n", "a": "CIF_I_V3.0"} {
		if f, err := formats.Detect(name, []byte(head)); err != nil || f.Name != "cif" {
			t.Errorf("%s %q: %v, %v", name, head, f, err)
		}
	}
	if f, err := formats.Detect("a.cif", []byte("Varenummer;Varenavn\n")); err == nil || !strings.Contains(err.Error(), "CIF_I_V") {
		t.Errorf("a .cif file without the version line: %v, %v", f, err)
	}
	if f, _ := formats.Detect("a.csv", []byte("CIFRE;Navn\n")); f == nil || f.Name != "csv" {
		t.Errorf("a CSV whose first header starts with CIF: %v", f)
	}
}
