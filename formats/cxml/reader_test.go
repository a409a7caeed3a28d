package cxml_test

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/ekatalog/ekatalog/catalog"
	"github.com/ekatalog/ekatalog/formats/cxml"
	"github.com/ekatalog/ekatalog/formats/internal/outfmt"
	"github.com/ekatalog/ekatalog/formats/internal/writertest"
	"github.com/ekatalog/ekatalog/formats/jsoncat"
	"github.com/ekatalog/ekatalog/testkit/golden"
)

// readAll reads a whole document: header, lines (cloned) and the error
// that ended it (nil at io.EOF).
func readAll(t testing.TB, name string, b []byte) (catalog.Header, []*catalog.Line, error) {
	t.Helper()
	rd, err := cxml.Open(bytes.NewReader(b), cxml.Options{Name: name})
	if err != nil {
		return catalog.Header{}, nil, err
	}
	var lines []*catalog.Line
	var l catalog.Line
	for {
		err := rd.Next(&l)
		if err == io.EOF {
			return rd.Header(), lines, nil
		}
		if err != nil {
			return rd.Header(), lines, err
		}
		lines = append(lines, l.Clone())
	}
}

var (
	itemRE = regexp.MustCompile(`(?s)<(IndexItemAdd|IndexItemDelete|IndexItemPortion|IndexItemPunchout)>.*?</(?:IndexItemAdd|IndexItemDelete|IndexItemPortion|IndexItemPunchout)>`)
	partRE = regexp.MustCompile(`<SupplierPartID>\s*([^<]*?)\s*</SupplierPartID>`)
	urlRE  = regexp.MustCompile(`(?s)<Attachment>\s*<URL>\s*([^<]*?)\s*</URL>`)
	action = map[string]string{"IndexItemAdd": "add", "IndexItemDelete": "delete", "IndexItemPortion": "update", "IndexItemPunchout": "add"}
)

// checkItems compares the lines with the index items found by a regular
// expression: as many lines as items, each with the item's part ID and
// the action of its kind.
func checkItems(t *testing.T, b []byte, lines []*catalog.Line) {
	t.Helper()
	items := itemRE.FindAllSubmatch(b, -1)
	if len(items) != len(lines) {
		t.Fatalf("%d lines, the document has %d index items", len(lines), len(items))
	}
	for i, m := range items {
		id := partRE.FindSubmatch(m[0])
		if id == nil || string(id[1]) != lines[i].SellerItemID {
			t.Errorf("line %d: sellerItemId %q, the item says %q", i+1, lines[i].SellerItemID, id)
		}
		if want := action[string(m[1])]; lines[i].Action != want {
			t.Errorf("line %d: action %q, want %q", i+1, lines[i].Action, want)
		}
	}
}

// TestRealWorld: every cXML file in ../shared/realworld is read when it
// holds index items, and refused saying where its catalogue is when it
// only points at one.
func TestRealWorld(t *testing.T) {
	std := golden.Shared(t, 2)
	files, _ := filepath.Glob(filepath.Join(filepath.Dir(std), "realworld", "cxml", "cxml", "*.xml"))
	if len(files) == 0 {
		t.Skip("no cXML files in the shared realworld folder")
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			_, lines, err := readAll(t, f, b)
			if len(itemRE.FindAll(b, -1)) == 0 {
				u := urlRE.FindSubmatch(b)
				if err == nil || u == nil || !strings.Contains(err.Error(), "holds no catalogue") || !strings.Contains(err.Error(), string(u[1])) {
					t.Fatalf("a request that points at %q: error %v", u, err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			checkItems(t, b, lines)
		})
	}
}

// TestIndex: an Index of its own (DTD-valid), in a Message, and carried by
// a CatalogUploadRequest; every field lands where it belongs (golden).
func TestIndex(t *testing.T) {
	for _, name := range []string{"index.xml", "standalone.xml", "upload-with-index.xml"} {
		t.Run(name, func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join("testdata", name))
			if err != nil {
				t.Fatal(err)
			}
			h, lines, err := readAll(t, name, b)
			if err != nil {
				t.Fatal(err)
			}
			checkItems(t, b, lines)
			if h.Seller.ID != "123456789" || h.Seller.IDScheme != "0060" {
				t.Errorf("seller %+v", h.Seller)
			}
			l := lines[0]
			if l.Name != "Kuglepen blå" || l.Description != "Kuglepen med blåt blæk, 0,5 mm, & klips" || !l.Price.Valid || l.Price.V != 4.95 ||
				l.Currency != "DKK" || l.Unit != "EA" || l.GTIN != "5700000000004" || l.LeadTimeDays.V != 3 ||
				len(l.Classification) != 1 || l.Classification[0] != (catalog.Classification{Scheme: "UNSPSC", Code: "44121704"}) {
				t.Errorf("line 1: %s", jsoncat.AppendLine(nil, l))
			}
			if name != "index.xml" {
				return
			}
			if p := lines[1]; p.Unit != "XPK" || p.UnitText != "PK" || p.PriceBaseQuantity.V != 5 {
				t.Errorf("line 2: %s", jsoncat.AppendLine(nil, p))
			}
			out, _ := json.Marshal(h)
			out = append(out, '\n')
			for _, l := range lines {
				out = append(jsoncat.AppendLine(out, l), '\n')
			}
			golden.Check(t, filepath.Join("testdata", "golden", "index.json"), out)
			if bytes.Contains(out, []byte("hemmeligt")) {
				t.Error("the shared secret was kept")
			}
		})
	}
}

// TestRefused: documents that hold no catalogue say what they are.
func TestRefused(t *testing.T) {
	for _, c := range []struct{ doc, want string }{
		{"testdata/order.xml", "the document is a cXML OrderRequest, not a catalogue"},
		{"<cXML><Response><Status code=\"200\" text=\"OK\"/></Response></cXML>", "the cXML Status holds no Index"},
		{"<cXML><Request><CatalogUploadRequest><Attachment><URL>https://x.example/c.cif</URL></Attachment></CatalogUploadRequest></Request></cXML>", "points at its catalogue in https://x.example/c.cif"},
		{"<cXML><Request><CatalogUploadRequest><Attachment><URL>cid:222@x.example</URL></Attachment></CatalogUploadRequest></Request></cXML>", "its catalogue is the MIME attachment cid:222@x.example"},
		{"<Catalogue/>", "the root element is Catalogue, not cXML"},
		{"<!DOCTYPE cXML [<!ENTITY a \"b\">]><cXML/>", "entity declarations are refused"},
	} {
		b := []byte(c.doc)
		if strings.HasPrefix(c.doc, "testdata/") {
			var err error
			if b, err = os.ReadFile(c.doc); err != nil {
				t.Fatal(err)
			}
		}
		_, _, err := readAll(t, "x.xml", b)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%.40s: error %v, want %q", c.doc, err, c.want)
		}
	}
}

// TestRoundTrip: ekatalog's own cXML, read back, gives the same canonical
// lines for every field cXML carries. The unit is compared in the classic
// Rec 20 form the writer writes (H87 is written EA), a price basis of 1 is
// not written, and a line that is not a delete is written as an add.
func TestRoundTrip(t *testing.T) {
	for _, input := range []string{"testdata/canonical/csv-katalog-da.json", "testdata/canonical/targets-katalog-fuld.json"} {
		t.Run(input, func(t *testing.T) {
			h, lines := writertest.Lines(t, input, writertest.Header(t), 0)
			var out bytes.Buffer
			w := cxml.NewWriter(&out, time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC))
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
			_, got, err := readAll(t, "out.xml", out.Bytes())
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(lines) {
				t.Fatalf("%d lines read back, %d written", len(got), len(lines))
			}
			keep := cxml.Carries
			keep &^= 1 << catalog.FieldUnitText
			for i, l := range lines {
				want := writertest.Project(expectCXML(l, &h), keep)
				g := writertest.Project(got[i], keep)
				g.Unit = outfmt.ClassicUnit(g.Unit)
				g.Src.Line = want.Src.Line
				if a, b := string(jsoncat.AppendLine(nil, want)), string(jsoncat.AppendLine(nil, g)); a != b {
					t.Errorf("line %d:\n wrote %s\n  read %s", i+1, a, b)
				}
			}
		})
	}
}

func expectCXML(l *catalog.Line, h *catalog.Header) *catalog.Line {
	if l.Action == "delete" {
		return &catalog.Line{Src: l.Src, Action: "delete", SellerItemID: l.SellerItemID}
	}
	e := l.Clone()
	e.Action = "add"
	e.Unit = outfmt.ClassicUnit(e.Unit)
	if e.Currency == "" {
		e.Currency = h.Currency
	}
	if e.PriceBaseQuantity.Valid && e.PriceBaseQuantity.V == 1 {
		e.PriceBaseQuantity = catalog.Num{}
	}
	switch {
	case e.Name == "":
		e.Name, e.Description = e.Description, ""
	case e.Description == e.Name:
		e.Description = ""
	}
	return e
}
