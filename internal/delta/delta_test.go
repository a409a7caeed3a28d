package delta

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ekatalog/ekatalog/catalog"
	"github.com/ekatalog/ekatalog/formats"
	"github.com/ekatalog/ekatalog/mappings"
	"github.com/ekatalog/ekatalog/testkit/golden"
	"github.com/ekatalog/ekatalog/testkit/synth"
)

// lines is a Source over lines held in memory.
type lines struct {
	h  catalog.Header
	ls []*catalog.Line
	i  int
}

func (s *lines) Header() catalog.Header { return s.h }

func (s *lines) Next(l *catalog.Line) error {
	if s.i == len(s.ls) {
		return io.EOF
	}
	*l = *s.ls[s.i].Clone()
	s.i++
	l.Src.Line = s.i
	return nil
}

func header(t testing.TB) catalog.Header {
	b, err := os.ReadFile("../../testdata/ubl/header-peppol.json")
	if err != nil {
		t.Fatal(err)
	}
	var h catalog.Header
	if err := json.Unmarshal(b, &h); err != nil {
		t.Fatal(err)
	}
	return h
}

var (
	unitCodes = []string{"H87", "XBX", "XPK", "XRO", "LTR", "KGM"}
	images    = []string{"https://example.com/img/a.jpg", "https://example.com/img/b.png"}
)

// item is synthetic item i as a canonical line.
func item(i int) *catalog.Line {
	it := synth.At(i)
	return &catalog.Line{
		SellerItemID: it.ID, GTIN: it.GTIN, Name: it.Name, Description: it.Description,
		Unit: unitCodes[i%len(unitCodes)], Price: catalog.N(it.Price), Currency: "DKK",
		PriceBaseQuantity: catalog.N(1),
		Classification:    []catalog.Classification{{Scheme: "UNSPSC", Code: it.UNSPSC}},
		ManufacturerName:  it.Manufacturer, ManufacturerItemID: it.MPN, VATPercent: catalog.N(float64(it.VAT)),
		LeadTimeDays: catalog.N(float64(1 + i%9)), Images: []string{images[i%2]},
	}
}

// versions makes a random OLD and a NEW made of it by removing lines,
// adding lines and changing fields (prices most often), with the seed.
func versions(seed uint64, n int) (old, nw []*catalog.Line) {
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	for i := range n {
		old = append(old, item(int(seed%1000)*1000+i))
	}
	next := int(seed%1000)*1000 + n
	for _, l := range old {
		switch p := r.IntN(100); {
		case p < 12: // removed
			continue
		case p < 50: // changed
			c := l.Clone()
			switch r.IntN(6) {
			case 0, 1, 2:
				c.Price = catalog.N(float64(int(c.Price.V*float64(80+r.IntN(50))))/100 + 0.01)
			case 3:
				c.Name += " v2"
			case 4:
				c.Unit = unitCodes[r.IntN(len(unitCodes))]
			case 5:
				c.Description = "Ny beskrivelse " + strconv.Itoa(r.IntN(1000))
				c.LeadTimeDays = catalog.N(float64(r.IntN(20) + 1))
			}
			nw = append(nw, c)
		default:
			nw = append(nw, l.Clone())
		}
		if r.IntN(100) < 10 { // added after it
			nw = append(nw, item(next))
			next++
		}
	}
	for i := range old {
		old[i].LineID = strconv.Itoa(i + 1)
	}
	for i := range nw {
		nw[i].LineID = strconv.Itoa(i + 1)
	}
	return old, nw
}

// reader opens a document with the real reader its content names.
func reader(t *testing.T, name string, b []byte) formats.Reader {
	t.Helper()
	f, err := formats.Detect(name, b[:min(len(b), 4096)])
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	rd, err := f.Open(bytes.NewReader(b), formats.Options{Name: name, Mapping: mappings.Default()})
	if err != nil {
		t.Fatalf("%s: %v\n%s", name, err, clip(b))
	}
	return rd
}

// read reads a document to the end with the real reader.
func read(t *testing.T, name string, b []byte) (formats.Reader, []*catalog.Line) {
	t.Helper()
	rd := reader(t, name, b)
	var out []*catalog.Line
	for {
		var l catalog.Line
		err := rd.Next(&l)
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		out = append(out, l.Clone())
	}
	return rd, out
}

func clip(b []byte) []byte { return b[:min(len(b), 3000)] }

// write writes lines as the target's whole catalogue.
func write(t *testing.T, tg *formats.Target, h catalog.Header, ls []*catalog.Line) []byte {
	t.Helper()
	var b bytes.Buffer
	w, err := tg.New(&b, h, formats.WriteOptions{Time: when})
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Begin(h); err != nil {
		t.Fatal(err)
	}
	for _, l := range ls {
		if err := w.Line(l); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.End(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

var when = time.Date(2026, 12, 5, 10, 0, 0, 0, time.UTC)

// seen is what a target makes of lines: written as the target's
// catalogue and read back, by item number, each the record of the fields
// the target carries (less the line ID and the action).
func seen(t *testing.T, tg *formats.Target, h catalog.Header, ls []*catalog.Line) map[string]string {
	t.Helper()
	_, back := read(t, "whole"+tg.Extension, write(t, tg, h, ls))
	m := map[string]string{}
	mask := compareMask(tg.Carries)
	for _, l := range back {
		if _, dup := m[l.SellerItemID]; dup {
			t.Fatalf("%s: item %s twice", tg.Name, l.SellerItemID)
		}
		m[l.SellerItemID] = string(catalog.AppendRecord(nil, l, mask))
	}
	return m
}

func deltaTargets(t *testing.T) []*formats.Target {
	var ts []*formats.Target
	for _, tg := range formats.Targets {
		if tg.Delta != nil {
			ts = append(ts, tg)
		}
	}
	if len(ts) < 7 {
		t.Fatalf("only %d targets have an update document", len(ts))
	}
	return ts
}

// TestRoundTrip is done-when 3: for every target with an update document
// and random versions (lines removed, added, and changed in price, name,
// unit, description and lead time), the update document diff writes, read
// back by the target's own reader and applied to OLD, gives NEW's lines in
// every field the target carries. The update documents are checked against
// their XSD or DTD with xmllint.
func TestRoundTrip(t *testing.T) {
	h := header(t)
	h.Version = "3"
	var docs = map[string][][]byte{}
	for _, tg := range deltaTargets(t) {
		t.Run(tg.Name, func(t *testing.T) {
			for seed := uint64(1); seed <= 6; seed++ {
				old, nw := versions(seed, 40)
				var d bytes.Buffer
				begin, err := TargetWriter(tg, &d, formats.WriteOptions{Time: when}, true)
				if err != nil {
					t.Fatal(err)
				}
				sum, err := Changes("old", &lines{h: h, ls: old}, "new", &lines{h: h, ls: nw}, begin, Options{Carries: tg.Carries})
				if err != nil {
					t.Fatalf("seed %d: %v", seed, err)
				}
				if sum.Added == 0 || sum.Removed == 0 || sum.Changed == 0 {
					t.Fatalf("seed %d: the versions do not cover adds, removals and changes: %+v", seed, sum)
				}
				docs[tg.Name] = append(docs[tg.Name], slices.Clone(d.Bytes()))
				_, dl := read(t, "delta"+tg.Extension, d.Bytes())
				rd := reader(t, "delta"+tg.Extension, d.Bytes())
				if n := sum.Added + sum.Changed + sum.Removed; len(dl) != n {
					t.Fatalf("seed %d: the update document reads as %d lines, not %d", seed, len(dl), n)
				}
				unique(t, "update document", dl)
				actions := map[string]int{}
				for _, l := range dl {
					actions[l.Action]++
				}
				if tg.Name == "cxml" { // IndexItemAdd is an upsert: added and changed read as add
					actions["add"] -= sum.Changed
					actions["update"] += sum.Changed
				}
				if tg.Name == "cif" { // the rows of an incremental load are upserts: added and changed read as update
					actions["update"] -= sum.Added
					actions["add"] += sum.Added
				}
				if actions["add"] != sum.Added || actions["update"] != sum.Changed || actions["delete"] != sum.Removed {
					t.Errorf("seed %d: actions read back %v, want %d add, %d update, %d delete", seed, actions, sum.Added, sum.Changed, sum.Removed)
				}
				for _, mark := range deltaMarks[tg.Name] {
					if !bytes.Contains(d.Bytes(), []byte(mark)) {
						t.Errorf("seed %d: the update document has no %s", seed, mark)
					}
				}
				var out bytes.Buffer
				begin, _ = TargetWriter(tg, &out, formats.WriteOptions{Time: when}, false)
				as, fs, err := Apply("old", &lines{h: h, ls: old}, []Update{{Name: "delta", Source: rd}}, begin, ApplyOptions{})
				if err != nil {
					t.Fatalf("seed %d: %v", seed, err)
				}
				_ = as
				if len(fs) > 0 {
					t.Errorf("seed %d: findings %+v", seed, fs)
				}
				_, applied := read(t, "applied"+tg.Extension, out.Bytes())
				unique(t, "applied catalogue", applied)
				got := seen(t, tg, h, applied)
				want := seen(t, tg, h, nw)
				if len(got) != len(want) {
					t.Errorf("seed %d: %d lines applied, NEW has %d (%+v)", seed, len(got), len(want), sum)
				}
				for id, w := range want {
					if g, ok := got[id]; !ok {
						t.Errorf("seed %d: item %s of NEW is missing", seed, id)
					} else if g != w {
						t.Errorf("seed %d: item %s differs:\n got %s\nwant %s", seed, id, show(g), show(w))
					}
				}
				for id := range got {
					if _, ok := want[id]; !ok {
						t.Errorf("seed %d: item %s is not in NEW", seed, id)
					}
				}
			}
		})
	}
	t.Run("schemas", func(t *testing.T) {
		if _, err := exec.LookPath("xmllint"); err != nil {
			t.Skip("xmllint is not installed (apt-get install libxml2-utils): the update documents were not checked against their schemas")
		}
		std := golden.Shared(t, 2)
		// The check can fail: a mode outside BMEcat's list, a missing
		// prev_version and an unknown cXML element are caught.
		for name, bad := range map[string][2]string{
			"bmecat-1.2": {`mode="update"`, `mode="upsert"`},
			"bmecat":     {` prev_version="3"`, ``},
			"cxml":       {`<IndexItemDelete>`, `<IndexItemRemove>`},
		} {
			tg, _ := formats.TargetByName(name)
			f := filepath.Join(t.TempDir(), "bad.xml")
			os.WriteFile(f, bytes.Replace(docs[name][0], []byte(bad[0]), []byte(bad[1]), 1), 0o644)
			if fs, _, _, err := formats.DeltaSchemaFindings(context.Background(), tg, f, std, 5); err != nil || len(fs) == 0 {
				t.Errorf("%s: a broken update document passes its schema check (%v)", name, err)
			}
		}
		for _, tg := range deltaTargets(t) {
			for i, doc := range docs[tg.Name] {
				f := filepath.Join(t.TempDir(), fmt.Sprintf("%s-%d%s", tg.Name, i, tg.Extension))
				if err := os.WriteFile(f, doc, 0o644); err != nil {
					t.Fatal(err)
				}
				fs, _, ok, err := formats.DeltaSchemaFindings(context.Background(), tg, f, std, 5)
				if !ok {
					continue // no published XML schema (json, cif)
				}
				if err != nil {
					t.Fatal(err)
				}
				for _, f := range fs {
					t.Errorf("%s update document %d: %s", tg.Name, i, f.Message("en"))
				}
			}
		}
	})
}

// deltaMarks are what shows that a target's update document is its update
// document.
var deltaMarks = map[string][]string{
	"peppol-bis3": {"<cbc:ActionCode>Add<", "<cbc:ActionCode>Update<", "<cbc:ActionCode>Delete<"},
	"oioubl":      {"catalogueactioncode-1.1\">Add<", "catalogueactioncode-1.1\">Update<", "catalogueactioncode-1.1\">Delete<"},
	"bmecat":      {"<T_UPDATE_PRODUCTS prev_version=\"3\">", "<PRODUCT mode=\"new\">", "<PRODUCT mode=\"update\">", "<PRODUCT mode=\"delete\">"},
	"bmecat-1.2":  {"bmecat_update_products", "<ARTICLE mode=\"new\">", "<ARTICLE mode=\"update\">", "<ARTICLE mode=\"delete\">"},
	"cxml":        {"<IndexItemAdd>", "<IndexItemDelete>"},
	"cif":         {"LOADMODE: I", ",Delete\r\n", ",TRUE\r\n"},
	"json":        {`"action":"add"`, `"action":"update"`, `"action":"delete"`},
}

// unique fails the test when two lines share a line ID.
func unique(t *testing.T, what string, ls []*catalog.Line) {
	t.Helper()
	seen := map[string]bool{}
	for _, l := range ls {
		if l.LineID != "" && seen[l.LineID] {
			t.Errorf("%s: line ID %s twice", what, l.LineID)
		}
		seen[l.LineID] = true
	}
}

func show(rec string) string {
	var l catalog.Line
	if err := catalog.DecodeRecord([]byte(rec), &l); err != nil {
		return err.Error()
	}
	b, _ := json.Marshal(l)
	return strings.ReplaceAll(string(b), `"Valid":true`, "")
}

// priceVersions is versions with only prices and lead times changed.
func priceVersions(seed uint64, n int) (old, nw []*catalog.Line) {
	r := rand.New(rand.NewPCG(seed, 1))
	for i := range n {
		l := item(int(seed)*1000 + i)
		l.LineID = "L-" + strconv.Itoa(i+1)
		old = append(old, l)
		c := l.Clone()
		c.LineID = strconv.Itoa(i + 1) // NEW numbers its lines its own way
		if r.IntN(3) == 0 {
			c.Price = catalog.N(float64(int(c.Price.V*float64(90+r.IntN(30)))) / 100)
			if r.IntN(2) == 0 {
				c.LeadTimeDays = catalog.N(float64(r.IntN(20) + 1))
			}
		}
		nw = append(nw, c)
	}
	return old, nw
}

// TestOIOUBLPricingUpdate: when only prices (and lead times) changed, the
// OIOUBL update is a CataloguePricingUpdate whose lines name the old line
// IDs; it is valid against its UBL 2.1 XSD, and applied to OLD gives NEW.
// With an added line it is a Catalogue with line actions again.
func TestOIOUBLPricingUpdate(t *testing.T) {
	h := header(t)
	tg, _ := formats.TargetByName("oioubl")
	for seed := uint64(1); seed <= 4; seed++ {
		old, nw := priceVersions(seed, 30)
		var d bytes.Buffer
		begin, _ := TargetWriter(tg, &d, formats.WriteOptions{Time: when}, true)
		sum, err := Changes("old", &lines{h: h, ls: old}, "new", &lines{h: h, ls: nw}, begin, Options{Carries: tg.Carries, Target: tg})
		if err != nil {
			t.Fatal(err)
		}
		if sum.Changed == 0 || !bytes.Contains(d.Bytes(), []byte("<CataloguePricingUpdate ")) || bytes.Contains(d.Bytes(), []byte("<Catalogue ")) {
			t.Fatalf("seed %d (%+v): not a pricing update:\n%s", seed, sum, clip(d.Bytes()))
		}
		if !bytes.Contains(d.Bytes(), []byte("<cbc:ID>L-")) {
			t.Errorf("seed %d: the lines do not name the old line IDs", seed)
		}
		xsdValid(t, tg, d.Bytes())
		var out bytes.Buffer
		begin, _ = TargetWriter(tg, &out, formats.WriteOptions{Time: when}, false)
		_, fs, err := Apply("old", &lines{h: h, ls: old}, []Update{{Name: "delta", Source: reader(t, "delta.xml", d.Bytes())}}, begin, ApplyOptions{})
		if err != nil || len(fs) > 0 {
			t.Fatalf("seed %d: %v %v", seed, err, fs)
		}
		_, applied := read(t, "applied.xml", out.Bytes())
		got, want := seen(t, tg, h, applied), seen(t, tg, h, nw)
		for id, w := range want {
			if got[id] != w {
				t.Errorf("seed %d: item %s:\n got %s\nwant %s", seed, id, show(got[id]), show(w))
			}
		}
	}
	old, nw := priceVersions(9, 10)
	nw = append(nw, item(99999))
	var d bytes.Buffer
	begin, _ := TargetWriter(tg, &d, formats.WriteOptions{Time: when}, true)
	if _, err := Changes("old", &lines{h: h, ls: old}, "new", &lines{h: h, ls: nw}, begin, Options{Carries: tg.Carries}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(d.Bytes(), []byte("<Catalogue ")) || bytes.Contains(d.Bytes(), []byte("CataloguePricingUpdate")) {
		t.Errorf("with an added line, not a Catalogue:\n%s", clip(d.Bytes()))
	}
}

// xsdValid checks an update document against its schema with xmllint
// (skipped without it).
func xsdValid(t *testing.T, tg *formats.Target, doc []byte) {
	t.Helper()
	if _, err := exec.LookPath("xmllint"); err != nil {
		t.Log("xmllint is not installed: the schema check is skipped")
		return
	}
	f := filepath.Join(t.TempDir(), "doc.xml")
	os.WriteFile(f, doc, 0o644)
	fs, _, ok, err := formats.DeltaSchemaFindings(context.Background(), tg, f, golden.Shared(t, 2), 5)
	if !ok || err != nil {
		t.Fatalf("no schema check: %v", err)
	}
	for _, f := range fs {
		t.Errorf("%s: %s", tg.Name, f.Message("en"))
	}
}
