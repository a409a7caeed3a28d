package cxml_test

import (
	"bytes"
	"encoding/xml"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ekatalog/ekatalog/catalog"
	"github.com/ekatalog/ekatalog/formats"
	"github.com/ekatalog/ekatalog/formats/cxml"
	"github.com/ekatalog/ekatalog/formats/internal/writertest"
	"github.com/ekatalog/ekatalog/testkit/golden"
)

func target(t testing.TB) *formats.Target {
	tg, err := formats.TargetByName("cxml")
	if err != nil {
		t.Fatal(err)
	}
	return tg
}

type itemDetail struct {
	Money struct {
		Currency string `xml:"currency,attr"`
		Value    string `xml:",chardata"`
	} `xml:"UnitPrice>Money"`
	ShortName      string `xml:"Description>ShortName"`
	Unit           string `xml:"UnitOfMeasure"`
	Classification []struct {
		Domain string `xml:"domain,attr"`
		Code   string `xml:",chardata"`
	} `xml:"Classification"`
	EAN string `xml:"ItemDetailIndustry>ItemDetailRetail>EANID"`
}

// document is the part of a cXML Index the tests read back.
type document struct {
	XMLName    xml.Name `xml:"Index"`
	Comments   string   `xml:"Comments"`
	SupplierID string   `xml:"SupplierID"`
	Items      []struct {
		Adds []struct {
			PartID   string     `xml:"ItemID>SupplierPartID"`
			Detail   itemDetail `xml:"ItemDetail"`
			LeadTime string     `xml:"IndexItemDetail>LeadTime"`
		} `xml:"IndexItemAdd"`
		Deletes []string `xml:"IndexItemDelete>ItemID>SupplierPartID"`
	} `xml:"IndexItem"`
}

func parse(t *testing.T, b []byte) document {
	t.Helper()
	var d document
	if err := xml.NewDecoder(bytes.NewReader(b)).Decode(&d); err != nil {
		t.Fatalf("not well-formed cXML: %v", err)
	}
	return d
}

// TestGolden: the example catalogue has no lead times, which cXML
// requires: every line is reported, and every line is still written.
func TestGolden(t *testing.T) {
	out, rep := writertest.Convert(t, "testdata/canonical/csv-katalog-da.json", target(t), writertest.Header(t), formats.WriteOptions{})
	golden.Check(t, writertest.Path(t, "testdata/golden/targets/katalog-da.cxml.xml"), out)
	d := parse(t, out)
	if !strings.Contains(d.Comments, "2026-01-15T00:00:00+00:00") || d.SupplierID != "12345674" {
		t.Errorf("index %q %q", d.Comments, d.SupplierID)
	}
	if len(d.Items) != 1 || len(d.Items[0].Adds) != 20 {
		t.Fatalf("want one IndexItem with 20 adds: %+v", d.Items)
	}
	got := writertest.Rules(rep)
	if got["TARGET-REQUIRED leadTimeDays"] != 1 || got["TARGET-DROPPED images"] != 1 || got["TARGET-DROPPED packQuantity"] != 1 {
		t.Errorf("findings %v", got)
	}
	again, _ := writertest.Convert(t, "testdata/canonical/csv-katalog-da.json", target(t), writertest.Header(t), formats.WriteOptions{})
	if !bytes.Equal(out, again) {
		t.Error("the same input gave different bytes")
	}
}

// TestFull: a catalogue with every field, markup in names and a deleted
// line.
func TestFull(t *testing.T) {
	out, rep := writertest.Convert(t, "testdata/canonical/targets-katalog-fuld.json", target(t), writertest.Header(t), formats.WriteOptions{})
	golden.Check(t, writertest.Path(t, "testdata/golden/targets/katalog-fuld.cxml.xml"), out)
	d := parse(t, out)
	if len(d.Items) != 2 || len(d.Items[0].Adds) != 2 || !slices.Equal(d.Items[1].Deletes, []string{"KH-300"}) {
		t.Fatalf("items %+v", d.Items)
	}
	a := d.Items[0].Adds[1]
	if a.PartID != "KH-200" || a.Detail.ShortName != "Kuglepen blå <fin>" || a.Detail.Money.Value != "2.50" ||
		a.Detail.Money.Currency != "DKK" || a.Detail.Unit != "EA" || a.LeadTime != "5" || a.Detail.EAN != "5700000000004" {
		t.Errorf("KH-200: %+v", a)
	}
	if c := d.Items[0].Adds[0].Detail.Classification; len(c) != 2 || c[0].Domain != "UNSPSC" || c[1].Domain != "CPV" {
		t.Errorf("KH-100 classification %+v", c)
	}
	got := writertest.Rules(rep)
	if got["TARGET-REQUIRED leadTimeDays"] != 0 || got["TARGET-DROPPED keywords"] != 1 || got["TARGET-DROPPED action"] != 0 {
		t.Errorf("findings %v", got)
	}
}

// TestClock: without an issue date the document time is the given one.
func TestClock(t *testing.T) {
	var out bytes.Buffer
	w := cxml.NewWriter(&out, time.Date(2026, 5, 6, 7, 8, 9, 0, time.UTC))
	if err := w.Begin(catalog.Header{Seller: catalog.Party{ID: "1"}}); err != nil {
		t.Fatal(err)
	}
	if err := w.End(); err == nil || !strings.Contains(err.Error(), "at least one item") {
		t.Errorf("an index without items: %v", err)
	}
	out.Reset()
	w = cxml.NewWriter(&out, time.Date(2026, 5, 6, 7, 8, 9, 0, time.UTC))
	w.Begin(catalog.Header{Seller: catalog.Party{ID: "1"}})
	w.Line(&catalog.Line{SellerItemID: "A"})
	if err := w.End(); err != nil {
		t.Fatal(err)
	}
	if d := parse(t, out.Bytes()); !strings.Contains(d.Comments, "2026-05-06T07:08:09+00:00") {
		t.Errorf("comments %q", d.Comments)
	}
	if err := cxml.NewWriter(&out, time.Time{}).Begin(catalog.Header{}); err == nil || !strings.Contains(err.Error(), "seller") {
		t.Errorf("no seller ID: %v", err)
	}
}

func BenchmarkWriter(b *testing.B) {
	h, lines := writertest.Lines(b, "testdata/canonical/csv-katalog-da.json", writertest.Header(b), 10000)
	writertest.Bench(b, target(b), h, lines)
}
