package cif_test

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"io"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ekatalog/ekatalog/catalog"
	"github.com/ekatalog/ekatalog/formats"
	"github.com/ekatalog/ekatalog/formats/cif"
	"github.com/ekatalog/ekatalog/formats/internal/writertest"
	"github.com/ekatalog/ekatalog/testkit/golden"
)

const input = "testdata/canonical/csv-katalog-da.json"

func target(t testing.TB) *formats.Target {
	tg, err := formats.TargetByName("cif")
	if err != nil {
		t.Fatal(err)
	}
	return tg
}

// parsed is a CIF file read back: its header lines, field names and rows.
type parsed struct {
	header map[string]string
	fields []string
	rows   [][]string
}

// parse reads a CIF file strictly: header lines up to FIELDNAMES, DATA,
// CSV rows, ENDOFDATA as the last line.
func parse(t *testing.T, b []byte) parsed {
	t.Helper()
	p := parsed{header: map[string]string{}}
	br := bufio.NewReader(bytes.NewReader(b))
	first, _ := br.ReadString('\n')
	if first != "CIF_I_V3.0\r\n" {
		t.Fatalf("first line %q", first)
	}
	for {
		line, err := br.ReadString('\n')
		if err != nil {
			t.Fatalf("no FIELDNAMES line: %v", err)
		}
		line = strings.TrimRight(line, "\r\n")
		if f, ok := strings.CutPrefix(line, "FIELDNAMES: "); ok {
			r, err := csv.NewReader(strings.NewReader(f)).Read()
			if err != nil {
				t.Fatal(err)
			}
			p.fields = r
			break
		}
		k, v, ok := strings.Cut(line, ": ")
		if !ok {
			t.Fatalf("header line %q is not KEY: value", line)
		}
		p.header[k] = v
	}
	if l, _ := br.ReadString('\n'); l != "DATA\r\n" {
		t.Fatalf("%q after FIELDNAMES, want DATA", l)
	}
	rest, _ := io.ReadAll(br)
	body, ok := bytes.CutSuffix(rest, []byte("ENDOFDATA\r\n"))
	if !ok {
		t.Fatalf("the file does not end with ENDOFDATA: %q", rest[max(0, len(rest)-40):])
	}
	r := csv.NewReader(bytes.NewReader(body))
	r.FieldsPerRecord = len(p.fields)
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	p.rows = rows
	return p
}

func TestGolden(t *testing.T) {
	out, rep := writertest.Convert(t, input, target(t), writertest.Header(t), formats.WriteOptions{})
	golden.Check(t, writertest.Path(t, "testdata/golden/targets/katalog-da.cif"), out)
	p := parse(t, out)
	if n, _ := strconv.Atoi(p.header["ITEMCOUNT"]); n != len(p.rows) || n != 20 {
		t.Errorf("ITEMCOUNT %s, %d rows, want 20", p.header["ITEMCOUNT"], len(p.rows))
	}
	if p.header["TIMESTAMP"] != "2026-01-15 00:00:00" || p.header["SUPPLIERID_DOMAIN"] != "DK:CVR" || p.header["CURRENCY"] != "DKK" {
		t.Errorf("header %v", p.header)
	}
	for i, r := range p.rows {
		if want := "SUP-" + strings.Repeat("0", 7-len(strconv.Itoa(i+1))) + strconv.Itoa(i+1); r[1] != want {
			t.Errorf("row %d: Supplier Part ID %q, want %q", i+1, r[1], want)
		}
	}
	got := writertest.Rules(rep)
	for _, f := range []string{"images", "gtin", "packQuantity", "vatPercent"} {
		if got["TARGET-DROPPED "+f] != 1 {
			t.Errorf("%s is not reported as dropped: %v", f, got)
		}
	}
	if got["TARGET-DROPPED unit"]+got["TARGET-DROPPED name"]+got["TARGET-DROPPED price"] != 0 {
		t.Errorf("a carried field is reported as dropped: %v", got)
	}
}

// TestSpill: a catalogue bigger than the in-memory limit spills to disk
// and still counts right.
func TestSpill(t *testing.T) {
	h, lines := writertest.Lines(t, input, writertest.Header(t), 12000)
	var out bytes.Buffer
	w := cif.NewWriter(&out, time.Time{})
	if err := w.Begin(h); err != nil {
		t.Fatal(err)
	}
	for _, l := range lines {
		if err := w.Line(l); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.End(); err != nil {
		t.Fatal(err)
	}
	if out.Len() < 2<<20 {
		t.Fatalf("only %d bytes: the test does not spill", out.Len())
	}
	p := parse(t, out.Bytes())
	if p.header["ITEMCOUNT"] != "12000" || len(p.rows) != 12000 {
		t.Errorf("ITEMCOUNT %s, %d rows", p.header["ITEMCOUNT"], len(p.rows))
	}
	if p.rows[11999][1] != lines[11999].SellerItemID {
		t.Errorf("last row %q", p.rows[11999][1])
	}
}

// TestTimestamp: without an issue date the time comes from the options.
func TestTimestamp(t *testing.T) {
	var out bytes.Buffer
	w := cif.NewWriter(&out, time.Date(2026, 3, 4, 5, 6, 7, 0, time.UTC))
	if err := w.Begin(catalog.Header{Currency: "EUR"}); err == nil || !strings.Contains(err.Error(), "seller.endpointId") {
		t.Errorf("a header without the seller's ID: %v", err)
	}
	w.Begin(catalog.Header{Currency: "EUR", Seller: catalog.Party{EndpointID: "5798000000001", EndpointScheme: "0088"}})
	w.Line(&catalog.Line{SellerItemID: "A,1", Name: `Pen "blue"`, Price: catalog.N(2), Unit: "H87"})
	long := &catalog.Line{Name: strings.Repeat("æ", 51), Description: "d"}
	if w.Dropped(long).Has(catalog.FieldName) != true || w.Dropped(&catalog.Line{Name: strings.Repeat("æ", 50), Description: "d"}) != 0 {
		t.Error("a name Short Name cuts is not reported, or one it holds is")
	}
	w.End()
	p := parse(t, out.Bytes())
	if p.header["TIMESTAMP"] != "2026-03-04 05:06:07" || p.header["CURRENCY"] != "EUR" || p.header["SUPPLIERID_DOMAIN"] != "GLN" {
		t.Errorf("header %v", p.header)
	}
	if r := p.rows[0]; r[1] != "A,1" || r[10] != `Pen "blue"` || r[5] != "2.00" {
		t.Errorf("row %q", r)
	}
}

func BenchmarkWriter(b *testing.B) {
	h, lines := writertest.Lines(b, input, writertest.Header(b), 10000)
	writertest.Bench(b, target(b), h, lines)
}

// TestFull: a catalogue with every field; what CIF cannot carry is
// reported, field by field.
func TestFull(t *testing.T) {
	out, rep := writertest.Convert(t, "testdata/canonical/targets-katalog-fuld.json", target(t), writertest.Header(t), formats.WriteOptions{})
	golden.Check(t, writertest.Path(t, "testdata/golden/targets/katalog-fuld.cif"), out)
	p := parse(t, out)
	if len(p.rows) != 3 || p.rows[1][3] != `Kuglepen med "klik" & clip` || p.rows[1][14] != "10" || p.rows[0][12] != "2026-02-01" {
		t.Errorf("rows %q", p.rows)
	}
	got := writertest.Rules(rep)
	for _, f := range []string{"action", "gtin", "brand", "keywords", "images", "packQuantity", "contentUnit", "classification",
		"minOrderQuantity", "orderQuantityIncrement", "vatPercent", "originCountry"} {
		if got["TARGET-DROPPED "+f] != 1 {
			t.Errorf("%s not reported as dropped: %v", f, got)
		}
	}
}
