package bmecat_test

import (
	"bytes"
	"encoding/xml"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ekatalog/ekatalog/catalog"
	"github.com/ekatalog/ekatalog/formats"
	"github.com/ekatalog/ekatalog/formats/bmecat"
	"github.com/ekatalog/ekatalog/formats/internal/writertest"
	"github.com/ekatalog/ekatalog/testkit/golden"
)

const input = "testdata/canonical/csv-katalog-da.json"

func target(t testing.TB) *formats.Target {
	tg, err := formats.TargetByName("bmecat")
	if err != nil {
		t.Fatal(err)
	}
	return tg
}

// document is the part of a BMEcat document the tests read back.
type document struct {
	XMLName xml.Name `xml:"http://www.bmecat.org/bmecat/2005 BMECAT"`
	Version string   `xml:"version,attr"`
	Header  struct {
		Catalog struct {
			Language string `xml:"LANGUAGE"`
			ID       string `xml:"CATALOG_ID"`
			Version  string `xml:"CATALOG_VERSION"`
			Currency string `xml:"CURRENCY"`
		} `xml:"CATALOG"`
		Buyer    string `xml:"BUYER>BUYER_NAME"`
		Supplier string `xml:"SUPPLIER>SUPPLIER_NAME"`
	} `xml:"HEADER"`
	Products []struct {
		PID     string `xml:"SUPPLIER_PID"`
		Details struct {
			Short string `xml:"DESCRIPTION_SHORT"`
			GTIN  string `xml:"INTERNATIONAL_PID"`
		} `xml:"PRODUCT_DETAILS"`
		Features []struct {
			System string `xml:"REFERENCE_FEATURE_SYSTEM_NAME"`
			Group  string `xml:"REFERENCE_FEATURE_GROUP_ID"`
		} `xml:"PRODUCT_FEATURES"`
		Order struct {
			Unit    string `xml:"ORDER_UNIT"`
			Content string `xml:"CONTENT_UNIT"`
			NoCU    string `xml:"NO_CU_PER_OU"`
		} `xml:"PRODUCT_ORDER_DETAILS"`
		Price struct {
			Type     string `xml:"price_type,attr"`
			Amount   string `xml:"PRICE_AMOUNT"`
			Currency string `xml:"PRICE_CURRENCY"`
			Tax      string `xml:"TAX"`
		} `xml:"PRODUCT_PRICE_DETAILS>PRODUCT_PRICE"`
		Mime []string `xml:"MIME_INFO>MIME>MIME_SOURCE"`
	} `xml:"T_NEW_CATALOG>PRODUCT"`
}

func parse(t *testing.T, b []byte) document {
	t.Helper()
	var d document
	dec := xml.NewDecoder(bytes.NewReader(b))
	if err := dec.Decode(&d); err != nil {
		t.Fatalf("not well-formed BMEcat: %v", err)
	}
	return d
}

// TestGolden: the example catalogue as BMEcat, read back with encoding/xml:
// every line is a PRODUCT with its values.
func TestGolden(t *testing.T) {
	out, rep := writertest.Convert(t, input, target(t), writertest.Header(t), formats.WriteOptions{})
	golden.Check(t, writertest.Path(t, "testdata/golden/targets/katalog-da.bmecat.xml"), out)
	d := parse(t, out)
	if d.Version != "2005" || d.Header.Catalog.ID != "KAT-2026-001" || d.Header.Catalog.Version != "1.0" ||
		d.Header.Catalog.Language != "dan" || d.Header.Supplier != "Kontor-Huset A/S" || d.Header.Buyer != "Eksempel Kommune" {
		t.Errorf("header %+v", d.Header)
	}
	if len(d.Products) != 20 {
		t.Fatalf("%d products, want 20", len(d.Products))
	}
	p := d.Products[1]
	if p.PID != "SUP-0000002" || p.Details.GTIN != "5700000000011" || p.Order.Unit != "PK" || p.Order.Content != "C62" ||
		p.Order.NoCU != "6" || p.Price.Type != "net_customer" || p.Price.Amount != "80.14" || p.Price.Currency != "DKK" ||
		p.Price.Tax != "0.25" || !slices.Equal(p.Mime, []string{"https://billeder.example.dk/vare/2.jpg"}) ||
		len(p.Features) != 1 || p.Features[0].System != "UNSPSC" || p.Features[0].Group != "14111507" {
		t.Errorf("product 2: %+v", p)
	}
	for i, p := range d.Products {
		if p.Details.Short == "" || p.PID == "" {
			t.Errorf("product %d lacks its ID or name", i+1)
		}
	}
	// Canonical JSON gives every line a lineId (its position where the
	// source had none): BMEcat has no place for it, and says so.
	if got := writertest.Rules(rep); !maps.Equal(got, map[string]int{"TARGET-DROPPED lineId": 1}) || len(rep.Check) != 0 {
		t.Errorf("findings: %v, check %v", got, rep.Check)
	}
}

// TestEscaping: markup and control characters in catalogue text stay well-formed.
func TestEscaping(t *testing.T) {
	var out bytes.Buffer
	w := bmecat.NewWriter(&out, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	h := catalog.Header{ID: "K&1", Currency: "DKK", Seller: catalog.Party{Name: `"A" <B>`}}
	if err := w.Begin(h); err != nil {
		t.Fatal(err)
	}
	w.Line(&catalog.Line{SellerItemID: "1", Name: "<script>alert(1)</script> & \x01", Keywords: []string{"a]]>b"}, Unit: "H87", Price: catalog.N(1)})
	if err := w.End(); err != nil {
		t.Fatal(err)
	}
	d := parse(t, out.Bytes())
	if got := d.Products[0].Details.Short; got != "<script>alert(1)</script> & \uFFFD" {
		t.Errorf("name read back as %q", got)
	}
	if !strings.Contains(out.String(), "<GENERATION_DATE>2026-01-01T00:00:00Z</GENERATION_DATE>") {
		t.Error("GENERATION_DATE is not the given time")
	}
}

// TestNeedsHeader: without a catalogue ID and seller name there is no
// BMEcat document; the message says what to give.
func TestNeedsHeader(t *testing.T) {
	err := bmecat.NewWriter(&bytes.Buffer{}, time.Time{}).Begin(catalog.Header{})
	if err == nil || !strings.Contains(err.Error(), "catalogue.id, seller.name") {
		t.Errorf("error %v", err)
	}
}

func BenchmarkWriter(b *testing.B) {
	h, lines := writertest.Lines(b, input, writertest.Header(b), 10000)
	writertest.Bench(b, target(b), h, lines)
}

// TestFull: a catalogue with every field the format carries; the line
// actions have no place in a new catalogue and are reported.
func TestFull(t *testing.T) {
	out, rep := writertest.Convert(t, "testdata/canonical/targets-katalog-fuld.json", target(t), writertest.Header(t), formats.WriteOptions{})
	golden.Check(t, writertest.Path(t, "testdata/golden/targets/katalog-fuld.bmecat.xml"), out)
	d := parse(t, out)
	if len(d.Products) != 3 || d.Products[1].Details.Short != "Kuglepen blå <fin>" {
		t.Fatalf("products %+v", d.Products)
	}
	if p := d.Products[0]; p.Order.Content != "PK" || p.Order.NoCU != "5" || len(p.Features) != 2 || p.Features[1].System != "CPV" {
		t.Errorf("KH-100: %+v", p)
	}
	got := writertest.Rules(rep)
	if got["TARGET-DROPPED action"] != 1 || got["TARGET-DROPPED brand"] != 1 || got["TARGET-DROPPED lineId"] != 1 || len(got) != 3 {
		t.Errorf("findings %v, want action, brand and the line IDs of canonical JSON reported as dropped", got)
	}
}
