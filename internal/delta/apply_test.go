package delta

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ekatalog/ekatalog/catalog"
	"github.com/ekatalog/ekatalog/formats"
	"github.com/ekatalog/ekatalog/testkit/golden"
)

// applied applies the update files, read by their real readers, to base
// and returns the catalogue's lines by item number and the findings.
func applied(t *testing.T, base []*catalog.Line, files ...string) (map[string]*catalog.Line, []catalog.Finding) {
	t.Helper()
	var us []Update
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		us = append(us, Update{Name: filepath.Base(f), Source: reader(t, filepath.Base(f), b)})
	}
	tg, _ := formats.TargetByName("json")
	var out bytes.Buffer
	begin, _ := TargetWriter(tg, &out, formats.WriteOptions{}, false)
	_, fs, err := Apply("base", &lines{h: header(t), ls: base}, us, begin, ApplyOptions{})
	if err != nil {
		t.Fatal(err)
	}
	_, ls := read(t, "applied.json", out.Bytes())
	m := map[string]*catalog.Line{}
	for _, l := range ls {
		m[l.SellerItemID] = l
	}
	return m, fs
}

func paper(id, lineID string, price float64) *catalog.Line {
	return &catalog.Line{LineID: lineID, SellerItemID: id, Name: "Paper " + id, Description: "80 g", Unit: "XBX",
		Price: catalog.N(price), Currency: "DKK"}
}

// TestApplyUBLUpdates: OIOUBL's pricing update names its lines by line ID
// alone and sets only their prices; the item specification update sets the
// names it carries and keeps the prices; the catalogue deletion removes
// every item. The standards' own example documents are used.
func TestApplyUBLUpdates(t *testing.T) {
	ex := filepath.Join(golden.Shared(t, 2), "oioubl", "examples")
	base := func() []*catalog.Line {
		return []*catalog.Line{paper("121643", "87493746-121643", 10), paper("121645", "87493746-121645", 20), paper("999", "3", 30)}
	}
	m, fs := applied(t, base(), filepath.Join(ex, "OIOUBL_CataloguePricingUpdate_v2p2.xml"))
	if len(fs) != 0 || len(m) != 3 {
		t.Fatalf("findings %v, %d lines", fs, len(m))
	}
	if l := m["121643"]; l.Price.V != 47.5 || l.Name != "Paper 121643" || l.Unit != "XBX" {
		t.Errorf("after the pricing update: %+v", l)
	}
	if m["121645"].Price.V != 71.25 || m["999"].Price.V != 30 {
		t.Errorf("prices %v %v", m["121645"].Price, m["999"].Price)
	}
	m, fs = applied(t, base(), filepath.Join(ex, "OIOUBL_CatalogueItemSpecificationUpdate_v2p2.xml"))
	if len(fs) != 0 || m["121643"].Name != "A4 Paper" || m["121643"].Price.V != 10 {
		t.Errorf("after the item specification update: %v %+v", fs, m["121643"])
	}
	// In order: the pricing update, then the specification update.
	m, _ = applied(t, base(), filepath.Join(ex, "OIOUBL_CataloguePricingUpdate_v2p2.xml"), filepath.Join(ex, "OIOUBL_CatalogueItemSpecificationUpdate_v2p2.xml"))
	if m["121643"].Name != "A4 Paper" || m["121643"].Price.V != 47.5 {
		t.Errorf("after both: %+v", m["121643"])
	}
	m, fs = applied(t, base(), filepath.Join(ex, "OIOUBL_CatalogueDeletion_v2p2.xml"))
	if len(m) != 0 || len(fs) != 0 {
		t.Errorf("after the deletion: %d lines, %v", len(m), fs)
	}
	// Against a catalogue that has not the items: a finding per line, with
	// the update's file and line, and nothing added.
	m, fs = applied(t, []*catalog.Line{paper("1", "1", 1)}, filepath.Join(ex, "OIOUBL_CataloguePricingUpdate_v2p2.xml"))
	if len(m) != 1 || len(fs) != 2 || fs[0].RuleID() != "APPLY-NOT-FOUND" || fs[1].Line != 2 ||
		!strings.Contains(fs[1].Message("en"), "OIOUBL_CataloguePricingUpdate_v2p2.xml, line 2: update of item line ID 87493746-121645") {
		t.Errorf("%d lines, findings %+v", len(m), fs)
	}
}

// TestApplyCIFIncremental: the rows of a CIF incremental load are upserts
// (an item the catalogue lacks is added, no finding); a row whose Delete
// field is true removes its item, and is a finding when there is none.
func TestApplyCIFIncremental(t *testing.T) {
	f := "../../testdata/cif/katalog-trinvis.cif"
	m, fs := applied(t, []*catalog.Line{paper("SUP-0000001", "1", 5), paper("SUP-0000003", "2", 7), paper("X", "3", 1)}, f)
	if len(fs) != 0 || len(m) != 3 || m["SUP-0000001"].Price.V != 0.99 || m["SUP-0000002"] == nil || m["SUP-0000003"] != nil {
		t.Errorf("findings %v, lines %v", fs, m)
	}
	if m["SUP-0000001"].Unit != "EA" && m["SUP-0000001"].Unit != "H87" {
		t.Errorf("the upserted row is not whole: %+v", m["SUP-0000001"])
	}
	_, fs = applied(t, []*catalog.Line{paper("X", "1", 1)}, f)
	if len(fs) != 1 || fs[0].Value != "SUP-0000003" || !strings.Contains(fs[0].Message("en"), "delete of item SUP-0000003") {
		t.Errorf("findings %+v", fs)
	}
}

// TestApplyCXML: IndexItemAdd replaces an item the catalogue has (an
// upsert), IndexItemDelete removes one.
func TestApplyCXML(t *testing.T) {
	f := "../../formats/cxml/testdata/index.xml"
	_, ls := read(t, "index.xml", mustRead(t, f))
	var base []*catalog.Line
	var adds, dels []string
	for _, l := range ls {
		c := paper(l.SellerItemID, "", 1)
		base = append(base, c)
		switch l.Action {
		case "add":
			adds = append(adds, l.SellerItemID)
		case "delete":
			dels = append(dels, l.SellerItemID)
		}
	}
	if len(adds) == 0 {
		t.Fatal("the test file has no IndexItemAdd")
	}
	m, fs := applied(t, base, f)
	if len(fs) != 0 {
		t.Errorf("findings %v", fs)
	}
	for _, id := range adds {
		if l := m[id]; l == nil || l.Name == "Paper "+id {
			t.Errorf("%s was not replaced: %+v", id, l)
		}
	}
	for _, id := range dels {
		if m[id] != nil {
			t.Errorf("%s was not deleted", id)
		}
	}
}

func mustRead(t *testing.T, f string) []byte {
	b, err := os.ReadFile(f)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestApplyBMEcat: a real T_UPDATE_PRICES sets only the prices of its
// item; a real T_UPDATE_PRODUCTS replaces an item (mode update) and
// deletes one (mode delete).
func TestApplyBMEcat(t *testing.T) {
	dir := filepath.Join(golden.Shared(t, 2), "..", "realworld", "bmecat", "bmecat")
	m, fs := applied(t, []*catalog.Line{paper("1000", "1", 5), paper("2000", "2", 6)}, filepath.Join(dir, "testdata__update_prices.golden@ca5fdf3.xml"))
	if l := m["1000"]; len(fs) != 0 || l.Price.V != 1499.5 || l.Name != "Paper 1000" || l.Unit != "XBX" || l.Currency != "EUR" {
		t.Errorf("after T_UPDATE_PRICES: %v %+v", fs, l)
	}
	m, fs = applied(t, []*catalog.Line{paper("1000", "1", 5), paper("2000", "2", 6)}, filepath.Join(dir, "testdata__update_products.golden@1291417.xml"))
	if l := m["1000"]; len(fs) != 0 || len(m) != 1 || l.GTIN != "8712670911213" || l.Description == "80 g" {
		t.Errorf("after T_UPDATE_PRODUCTS: %v %d lines, %+v", fs, len(m), l)
	}
}
