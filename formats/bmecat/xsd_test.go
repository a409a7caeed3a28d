package bmecat_test

import (
	"bytes"
	"math/bits"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/ekatalog/ekatalog/catalog"
	"github.com/ekatalog/ekatalog/catalog/units"
	"github.com/ekatalog/ekatalog/formats"
	"github.com/ekatalog/ekatalog/formats/bmecat"
	"github.com/ekatalog/ekatalog/formats/internal/writertest"
	"github.com/ekatalog/ekatalog/formats/internal/xsdcheck"
	"github.com/ekatalog/ekatalog/testkit/golden"
)

// schema returns the XSD to validate a target's output against. The
// shipped schemas declare other namespaces than real documents (and ours)
// use: BMEcat 2005's http://www.bmecat.org/bmecat/2005fd for
// http://www.bmecat.org/bmecat/2005, BMEcat 1.2's
// http://www.bmecat.org/XMLSchema/1.2/… for
// http://www.bmecat.org/bmecat/1.2/…. So the test validates against copies
// whose targetNamespace is mapped, written to t.TempDir() (never into the
// repository). It skips without xmllint or the schemas.
func schema(t *testing.T, target string) string {
	t.Helper()
	if _, err := xsdcheck.Xmllint(); err != nil {
		t.Skip(err)
	}
	std := golden.Shared(t, 2)
	s, ok := xsdcheck.ForTarget(target)
	if !ok {
		t.Fatalf("no schema for %s", target)
	}
	p, err := xsdcheck.MapNamespace(filepath.Join(std, s.Path), t.TempDir(), s.From, s.To)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// valid fails the test with xmllint's problems, by line, unless doc is
// valid against the schema.
func valid(t *testing.T, xsd string, doc []byte) {
	t.Helper()
	writertest.Validate(t, xsd, false, []writertest.Doc{{Name: "output", Data: doc}})
}

func targetNamed(t testing.TB, name string) *formats.Target {
	tg, err := formats.TargetByName(name)
	if err != nil {
		t.Fatal(err)
	}
	return tg
}

// TestXSD: every output is valid against the version's XSD: the example
// catalogues, a generated one, and every real UBL catalogue that converts
// (some lack the seller's name, which BMEcat cannot do without).
func TestXSD(t *testing.T) {
	for _, name := range []string{"bmecat", "bmecat-1.2"} {
		t.Run(name, func(t *testing.T) {
			xsd := schema(t, name)
			tg := targetNamed(t, name)
			var docs []writertest.Doc
			for _, in := range append(writertest.Fixtures(t), writertest.Synth(t, 500)) {
				out, _ := writertest.Convert(t, in, tg, writertest.Header(t), formats.WriteOptions{})
				docs = append(docs, writertest.Doc{Name: filepath.Base(in), Data: out})
			}
			converted := 0
			for _, f := range writertest.RealUBL(t) {
				out, rep, err := writertest.TryConvert(t, f, tg, nil, formats.WriteOptions{})
				if err != nil {
					if !strings.Contains(err.Error(), "seller.name") {
						t.Errorf("%s: %v", filepath.Base(f), err)
					}
					continue
				}
				if rep.Error != "" {
					continue
				}
				converted++
				docs = append(docs, writertest.Doc{Name: filepath.Base(f), Data: out})
			}
			writertest.Validate(t, xsd, false, docs)
			if converted < 60 {
				t.Errorf("only %d real catalogues converted", converted)
			}
		})
	}
}

// TestUnitTable: the generated tables agree with the XSD as it is now,
// every translation lands in BMEcat's list, and the common package codes
// translate as BMEcat catalogues write them.
func TestUnitTable(t *testing.T) {
	std := golden.Shared(t, 2)
	b, err := os.ReadFile(filepath.Join(std, "bmecat/2005/bmecat_2005.xsd"))
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	i := strings.Index(s, `<xsd:simpleType name="dtPUNIT">`)
	j := strings.Index(s[i:], "</xsd:simpleType>")
	var list []string
	for _, m := range regexp.MustCompile(`enumeration value="([^"]*)"`).FindAllStringSubmatch(s[i:i+j], -1) {
		list = append(list, m[1])
	}
	if len(list) < 1000 {
		t.Fatalf("%d units in dtPUNIT", len(list))
	}
	for _, c := range list {
		if got, ok := bmecat.UnitCode(c); !ok || got != c {
			t.Errorf("%s, in BMEcat's list, becomes %q %v", c, got, ok)
		}
	}
	for from, want := range map[string]string{"H87": "C62", "XBX": "BX", "XPK": "PK", "XRO": "RO", "XCT": "CT", "XPX": "PF",
		"C62": "C62", "EA": "EA", "KGM": "KGM", "LTR": "LTR", "MTR": "MTR", "XBG": "BG"} {
		if got, ok := bmecat.UnitCode(from); !ok || got != want {
			t.Errorf("%s becomes %q, want %s", from, got, want)
		}
	}
	// Every canonical code either translates into the list or is known
	// to have no BMEcat code.
	none := 0
	for _, u := range units.All() {
		got, ok := bmecat.UnitCode(u.Code)
		if ok && !slices.Contains(list, got) {
			t.Errorf("%s becomes %s, which BMEcat's list does not have", u.Code, got)
		}
		if !ok {
			none++
		}
	}
	t.Logf("%d canonical unit codes have no BMEcat code", none)
}

// noCode is a canonical unit code that BMEcat's list has no code for.
func noCode(t *testing.T) string {
	for _, u := range units.All() {
		if _, ok := bmecat.UnitCode(u.Code); !ok && u.InPeppol && u.Rec21 {
			return u.Code
		}
	}
	t.Fatal("every unit has a BMEcat code")
	return ""
}

// TestNoCode: a unit with no BMEcat code and values longer than BMEcat
// allows are reported with the field and the first line; the output stays
// valid (ZZ, "mutually defined", stands for the unit; long texts are left
// out; an item number longer than 32 characters keeps its line out).
func TestNoCode(t *testing.T) {
	unit := noCode(t)
	// Units as convert gives them to a writer: codes (H87, not stk).
	csv := "Varenummer;Varenavn;Enhed;Pris;Valuta;Producent;Billede URL\n" +
		"A-1;Kuglepen;H87;1,00;DKK;Pennefabrikken;https://x.example/1.png\n" +
		"A-2;Papir;" + unit + ";2,00;DKK;" + strings.Repeat("M", 60) + ";\n" +
		"A-3;Pose;" + unit + ";3,00;DKK;;https://x.example/" + strings.Repeat("p", 260) + ".jpg\n" +
		strings.Repeat("B", 33) + ";Lang;H87;4,00;DKK;;\n"
	in := filepath.Join(t.TempDir(), "k.csv")
	if err := os.WriteFile(in, []byte(csv), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"bmecat", "bmecat-1.2"} {
		t.Run(name, func(t *testing.T) {
			out, rep := writertest.Convert(t, in, targetNamed(t, name), writertest.Header(t), formats.WriteOptions{})
			valid(t, schema(t, name), out)
			if n := strings.Count(string(out), "<ORDER_UNIT>ZZ</ORDER_UNIT>"); n != 2 {
				t.Errorf("%d ZZ units, want 2", n)
			}
			if strings.Contains(string(out), "BBBB") || strings.Contains(string(out), "MMMM") || strings.Contains(string(out), "pppp") {
				t.Error("a value longer than BMEcat allows was written")
			}
			found := map[string]string{}
			for _, f := range rep.Findings {
				if f.RuleID() == "TARGET-DROPPED" {
					found[f.Field] = f.Args[1] + "@" + f.Args[2]
				}
			}
			want := map[string]string{"unit": "2@2", "manufacturerName": "1@2", "images": "1@3", "sellerItemId": "1@4"}
			for k, v := range want {
				if found[k] != v {
					t.Errorf("TARGET-DROPPED %s: %q, want %s lines @ first line", k, found[k], v)
				}
			}
			// The line whose item number BMEcat cannot hold is missing from
			// the output: an error, with its line.
			lost := 0
			for _, f := range rep.Findings {
				if f.RuleID() == "TARGET-LINE-DROPPED" {
					lost++
					if f.Field != "sellerItemId" || f.Severity != catalog.Error || f.Args[1] != "1" || f.Args[2] != "4" {
						t.Errorf("TARGET-LINE-DROPPED %+v", f)
					}
				}
			}
			if lost != 1 {
				t.Errorf("%d TARGET-LINE-DROPPED findings, want 1", lost)
			}
			// The report says it in words, with the line.
			for _, f := range rep.Findings {
				if f.RuleID() == "TARGET-DROPPED" && f.Field == "unit" && !strings.Contains(f.Message("en"), "the first is line 2") {
					t.Errorf("message %q", f.Message("en"))
				}
			}
		})
	}
}

// TestHeaderLimits: a catalogue ID longer than BMEcat's 20 characters and
// a long seller name are cut to fit and reported (TARGET-HEADER).
func TestHeaderLimits(t *testing.T) {
	h := writertest.Header(t)
	h.ID = strings.Repeat("K", 36)
	h.Seller.Name = strings.Repeat("S", 70)
	for _, name := range []string{"bmecat", "bmecat-1.2"} {
		out, rep := writertest.Convert(t, input, targetNamed(t, name), h, formats.WriteOptions{})
		valid(t, schema(t, name), out)
		got := writertest.Rules(rep)
		if got["TARGET-HEADER catalogue.id"] != 1 || got["TARGET-HEADER seller.name"] != 1 {
			t.Errorf("%s: findings %v", name, got)
		}
	}
}

// TestHostile: lines and a header full of values BMEcat cannot hold, given
// to the writer directly, still make a valid document in both versions,
// and each such value is reported.
func TestHostile(t *testing.T) {
	h := catalog.Header{ID: strings.Repeat("I", 25), Version: "2.x", Name: strings.Repeat("N", 120), Currency: "ZWG",
		Language: "xx", AgreementID: "AFT-1",
		Seller:   catalog.Party{Name: strings.Repeat("S", 60), ID: "1", IDScheme: "0088", Country: "XX"},
		Receiver: catalog.Party{ID: "2", IDScheme: "0184"}}
	lines := []*catalog.Line{
		{SellerItemID: "1", Name: strings.Repeat("n", 200), Unit: "XPK", Currency: "DKK", Price: catalog.N(1),
			Keywords: []string{"ok", strings.Repeat("k", 60)}, GTIN: "12345678901234567890",
			Classification: []catalog.Classification{{Scheme: "eCl@ss 5.1", Code: "1"}, {Scheme: "UNSPSC", Code: strings.Repeat("9", 70)}, {Scheme: "ECLASS-5.1", Code: "27-01"}},
			OriginCountry:  "XX", ValidFrom: "2026-13-45", ValidTo: "2026-12-31",
			MinOrderQuantity: catalog.N(2.5), OrderQuantityIncrement: catalog.N(2), MaxOrderQuantity: catalog.N(100),
			Images: []string{"https://x.example/a.png", "https://x.example/b.jpg?x=1"}, VATPercent: catalog.N(25), LeadTimeDays: catalog.N(3.5),
			PackQuantity: catalog.N(12), ContentUnit: "H87", PriceBaseQuantity: catalog.N(100)},
		{SellerItemID: "2", Name: "uden pris", Unit: "KGM", Currency: "DKK"},
		{SellerItemID: "3", Name: "ukendt valuta", Unit: "KGM", Currency: "ZWG", Price: catalog.N(1)},
		{SellerItemID: "4", Name: "ingen enhed", Currency: "DKK", Price: catalog.N(1), Description: strings.Repeat("d", 64100)},
	}
	for _, name := range []string{"bmecat", "bmecat-1.2"} {
		t.Run(name, func(t *testing.T) {
			var out bytes.Buffer
			w, err := targetNamed(t, name).New(&out, h, formats.WriteOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if err := w.Begin(h); err != nil {
				t.Fatal(err)
			}
			dropped := map[catalog.Field]bool{}
			for _, l := range lines {
				for s := w.(formats.Dropper).Dropped(l); s != 0; s &= s - 1 {
					dropped[catalog.Field(bits.TrailingZeros64(uint64(s)))] = true
				}
				if err := w.Line(l); err != nil {
					t.Fatal(err)
				}
			}
			if err := w.End(); err != nil {
				t.Fatal(err)
			}
			valid(t, schema(t, name), out.Bytes())
			for _, f := range []catalog.Field{catalog.FieldKeywords, catalog.FieldClassification, catalog.FieldGTIN,
				catalog.FieldValidFrom, catalog.FieldCurrency, catalog.FieldDescription} {
				if !dropped[f] && !(f == catalog.FieldGTIN && name == "bmecat") {
					t.Errorf("%s is not reported", f)
				}
			}
			if name == "bmecat-1.2" && !dropped[catalog.FieldMinOrderQuantity] {
				t.Error("a fractional QUANTITY_MIN is not reported in 1.2")
			}
			got := map[string]bool{}
			for _, f := range w.(formats.Noter).Findings() {
				got[f.RuleID()+" "+f.Field] = true
			}
			if !got["TARGET-LINE-DROPPED currency"] || got["TARGET-LINE-DROPPED price"] != (name == "bmecat-1.2") {
				t.Errorf("lines left out: %v", got)
			}
			for _, k := range []string{"TARGET-HEADER catalogue.id", "TARGET-HEADER catalogue.name", "TARGET-HEADER seller.name",
				"TARGET-HEADER catalogue.language", "TARGET-HEADER-DROPPED catalogue.currency", "TARGET-HEADER-DROPPED catalogue.agreementId",
				"TARGET-HEADER-DROPPED seller.country"} {
				if !got[k] {
					t.Errorf("no %s in %v", k, got)
				}
			}
		})
	}
}
