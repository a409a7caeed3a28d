package catalog

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/ekatalog/ekatalog/catalog/check"
)

func TestBuiltinProfilesLoad(t *testing.T) {
	for _, name := range BuiltinProfiles {
		p, err := BuiltinProfile(name)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if p.Name != name || p.Description == "" {
			t.Errorf("%s: name %q, description %q", name, p.Name, p.Description)
		}
	}
	if _, err := BuiltinProfile("nope"); err == nil {
		t.Error("unknown profile loaded")
	}
}

func TestProfileErrorsNamePath(t *testing.T) {
	tests := map[string]string{
		`{"name":"x","fields":{"gtin":{"use":"must"}}}`:          "/fields/gtin/use",
		`{"name":"x","rules":{"NO-SUCH-RULE":"off"}}`:            "/rules/NO-SUCH-RULE",
		`{"name":"x","extends":"nope"}`:                          "/extends",
		`{"fields":{}}`:                                          "name",
		`{"name":"x","header":{"catalogue.colour":"mandatory"}}`: "/header",
		`{"name":"x",`: "line 1, column",
	}
	for in, want := range tests {
		_, err := ParseProfile("p.json", []byte(in))
		if err == nil || !strings.Contains(err.Error(), want) || !strings.HasPrefix(err.Error(), "p.json") {
			t.Errorf("%s: error %v, want one naming p.json and %q", in, err, want)
		}
	}
}

func TestProfileExtendsAndOverrides(t *testing.T) {
	p, err := ParseProfile("p.json", []byte(`{"name":"k","extends":"dk-ehandel","fields":{"gtin":{"use":"mandatory"}},"rules":{"PRICE-ZERO":"error","UNSPSC-NOT-COMMODITY":"off"}}`))
	if err != nil {
		t.Fatal(err)
	}
	if p.Fields[FieldGTIN].Use != Mandatory || p.Fields[FieldName].Use != Mandatory {
		t.Error("extends did not keep the base or apply the change")
	}
	if s, on := p.Severity("PRICE-ZERO", Warning); !on || s != Error {
		t.Error("severity override lost")
	}
	if _, on := p.Severity("UNSPSC-NOT-COMMODITY", Warning); on {
		t.Error("rule not turned off")
	}
}

// good is a line that passes dk-ehandel.
func good() *Line {
	return &Line{SellerItemID: "A-1", Name: "Kuglepen", Description: "Blå", GTIN: "5701234567899", Unit: "stk",
		Price: N(12.5), Currency: "DKK", Classification: []Classification{{"UNSPSC", "44121704"}},
		Images: []string{"https://a.dk/1.jpg"}, VATPercent: N(25), ManufacturerName: "P A/S", Src: Src{Line: 1, Row: 2}}
}

func validate(t *testing.T, profile string, lines ...*Line) *Report {
	t.Helper()
	p, err := BuiltinProfile(profile)
	if err != nil {
		t.Fatal(err)
	}
	rep := &Report{}
	v := NewValidator(p, Header{}, ^FieldSet(0), nil, rep)
	for i, l := range lines {
		l.Src.Line = i + 1
		if l.Src.Row == 0 {
			l.Src.Row = i + 2
		}
		v.Line(l)
	}
	v.End(nil, nil)
	return rep
}

func rules(rep *Report) []string {
	var out []string
	for _, f := range rep.Findings {
		out = append(out, fmt.Sprintf("%s:%s:%s", f.Severity, f.RuleID(), f.Field))
	}
	return out
}

func TestLineRules(t *testing.T) {
	tests := []struct {
		name string
		edit func(l *Line)
		want []string
	}{
		{"clean", func(l *Line) {}, nil},
		{"gtin check digit", func(l *Line) { l.GTIN = "5701234567890" }, []string{"error:GTIN-CHECK-DIGIT:gtin"}},
		{"gtin check digit 0 is valid", func(l *Line) { l.GTIN = "4006381333931" }, nil},
		{"gtin restricted circulation", func(l *Line) { l.GTIN = "2001234567893" }, []string{"warning:GTIN-RESTRICTED:gtin"}},
		{"upc variable measure", func(l *Line) { l.GTIN = "212345678909" }, []string{"warning:GTIN-RESTRICTED:gtin"}},
		{"gtin length", func(l *Line) { l.GTIN = "57012345" + "678" }, []string{"error:GTIN-FORMAT:gtin"}},
		{"missing name", func(l *Line) { l.Name = "" }, []string{"error:FIELD-MISSING:name"}},
		{"missing gtin is a warning", func(l *Line) { l.GTIN = "" }, []string{"warning:FIELD-RECOMMENDED:gtin"}},
		{"negative price", func(l *Line) { l.Price = N(-1) }, []string{"error:PRICE-NEGATIVE:price"}},
		{"zero price", func(l *Line) { l.Price = N(0) }, []string{"warning:PRICE-ZERO:price"}},
		{"empty price", func(l *Line) { l.Price = Num{} }, []string{"error:FIELD-MISSING:price"}},
		{"unreadable price is not also missing", func(l *Line) { l.Price = Num{}; l.Bad.Add(FieldPrice) }, nil},
		{"7-digit unspsc", func(l *Line) { l.Classification[0].Code = "4412170" }, []string{"error:UNSPSC-FORMAT:classification"}},
		{"unspsc class code", func(l *Line) { l.Classification[0].Code = "44121700" }, []string{"warning:UNSPSC-NOT-COMMODITY:classification"}},
		{"no unspsc but cpv", func(l *Line) { l.Classification = []Classification{{"CPV", "30192000-1"}} }, []string{"error:CLASSIFICATION-SCHEME:classification"}},
		{"cpv bad format", func(l *Line) { l.Classification = append(l.Classification, Classification{"CPV", "3019200"}) }, []string{"error:CPV-FORMAT:classification"}},
		{"unknown unit", func(l *Line) { l.Unit = "blister" }, []string{"error:UNIT-UNKNOWN:unit"}},
		{"ambiguous unit", func(l *Line) { l.Unit = "kasse" }, []string{"warning:UNIT-AMBIGUOUS:unit"}},
		{"deleted unit code", func(l *Line) { l.Unit = "PK" }, []string{"warning:UNIT-DELETED:unit"}},
		{"pk as a word is fine", func(l *Line) { l.Unit = "pk" }, nil},
		{"currency", func(l *Line) { l.Currency = "DKR" }, []string{"error:CURRENCY-CODE:currency"}},
		{"country", func(l *Line) { l.OriginCountry = "DAN" }, []string{"error:COUNTRY-CODE:originCountry"}},
		{"pack 0", func(l *Line) { l.PackQuantity = N(0) }, []string{"error:QUANTITY-NOT-POSITIVE:packQuantity"}},
		{"increment 0", func(l *Line) { l.OrderQuantityIncrement = N(0) }, []string{"error:QUANTITY-NOT-POSITIVE:orderQuantityIncrement"}},
		{"price base 0", func(l *Line) { l.PriceBaseQuantity = N(0) }, []string{"error:QUANTITY-NOT-POSITIVE:priceBaseQuantity"}},
		{"min > max", func(l *Line) { l.MinOrderQuantity = N(10); l.MaxOrderQuantity = N(5) }, []string{"error:QUANTITY-RANGE:minOrderQuantity"}},
		{"min not multiple", func(l *Line) { l.MinOrderQuantity = N(5); l.OrderQuantityIncrement = N(2) }, []string{"warning:QUANTITY-INCREMENT:minOrderQuantity"}},
		{"vat rate", func(l *Line) { l.VATPercent = N(12) }, []string{"error:VAT-RATE:vatPercent"}},
		{"vat category", func(l *Line) { l.VATCategory = "Z" }, []string{"error:VAT-CATEGORY:vatCategory"}},
		{"vat category code", func(l *Line) { l.VATCategory = "Q" }, []string{"error:VAT-CATEGORY-CODE:vatCategory"}},
		{"vat 0 with Z", func(l *Line) { l.VATPercent = N(0); l.VATCategory = "Z" }, nil},
		{"lead time", func(l *Line) { l.LeadTimeDays = N(-2) }, []string{"error:LEADTIME-NEGATIVE:leadTimeDays"}},
		{"date invalid", func(l *Line) { l.ValidFrom = "2026-02-30" }, []string{"error:DATE-INVALID:validFrom"}},
		{"date range", func(l *Line) { l.ValidFrom = "2026-05-01"; l.ValidTo = "2026-04-01" }, []string{"error:DATE-RANGE:validTo"}},
		{"image url", func(l *Line) { l.Images = []string{"billede.jpg"} }, []string{"error:IMAGE-URL:images"}},
		{"control char", func(l *Line) { l.Name = "Kugle\x07pen" }, []string{"error:TEXT-CONTROL-CHAR:name"}},
		{"too long", func(l *Line) { l.Name = strings.Repeat("æ", 251) }, []string{"error:FIELD-TOO-LONG:name"}},
		{"not too long in runes", func(l *Line) { l.Name = strings.Repeat("æ", 250) }, nil},
		{"action word", func(l *Line) { l.Action = "slet" }, nil},
		{"action code", func(l *Line) { l.Action = "maybe" }, []string{"error:ACTION-CODE:action"}},
		{"one error per field", func(l *Line) { l.Name = strings.Repeat("x\x01", 200) }, []string{"error:TEXT-CONTROL-CHAR:name"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			l := good()
			tc.edit(l)
			got := rules(validate(t, "dk-ehandel", l))
			if !slices.Equal(got, tc.want) {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
}

func TestUnitNormalised(t *testing.T) {
	l := good()
	l.Unit = "Æske"
	validate(t, "dk-ehandel", l)
	if l.Unit != "XBX" || l.UnitText != "Æske" {
		t.Errorf("unit %q text %q", l.Unit, l.UnitText)
	}
}

func TestCatalogueRules(t *testing.T) {
	a, b, c, d := good(), good(), good(), good()
	b.GTIN = "4006381333931"
	c.SellerItemID = "A-2"
	c.GTIN = "4006381333931" // shared with b, a different item
	d.GTIN = "5000000000005"
	rep := validate(t, "dk-ehandel", a, b, c, d)
	got := rules(rep)
	want := []string{"error:ITEM-DUPLICATE:sellerItemId", "error:GTIN-SHARED:gtin", "error:ITEM-DUPLICATE:sellerItemId"}
	if !slices.Equal(got, want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	if msg := rep.Findings[0].Message("da"); !strings.Contains(msg, "række 2") {
		t.Errorf("duplicate does not name the first row: %s", msg)
	}
	if rep.Summary.LinesWithErrors != 3 || rep.Summary.Errors != 3 || rep.Summary.Compliant {
		t.Errorf("summary %+v", rep.Summary)
	}
}

// TestDuplicatesAtScale: with the Bloom filter undersized (so that it
// chains filters and has false positives), exactly the repeated IDs are
// found, each naming its first row.
func TestDuplicatesAtScale(t *testing.T) {
	p, _ := BuiltinProfile("minimal")
	rep := &Report{}
	v := NewValidator(p, Header{}, ^FieldSet(0), nil, rep)
	v.ExpectLines(1000)
	const n = 200000
	for i := 1; i <= n; i++ {
		l := &Line{SellerItemID: "id-" + strconv.Itoa(i%(n-100)), Name: "x", Unit: "H87", Price: N(1), Src: Src{Line: i, Row: i + 1}}
		v.Line(l)
	}
	v.End(nil, nil)
	if rep.Summary.Errors != 100 || rep.Summary.LinesWithErrors != 100 {
		t.Fatalf("summary %+v", rep.Summary)
	}
	for _, f := range rep.Findings {
		i := f.Line
		if f.RuleID() != "ITEM-DUPLICATE" || i <= n-100 || f.Args[1] != "{row} "+strconv.Itoa(i-(n-100)+1) {
			t.Fatalf("finding %+v", f)
		}
	}
	if len(v.items.bloom.filters) < 2 {
		t.Error("the filter did not chain")
	}
}

func TestHeaderRules(t *testing.T) {
	p, _ := BuiltinProfile("peppol-bis3")
	rep := &Report{}
	h := Header{ID: "C1", IssueDate: "2026-13-01", ValidFrom: "2026-05-01", ValidTo: "2026-04-01", Currency: "DKR",
		Seller: Party{Name: "S", EndpointID: "1234567", EndpointScheme: "0184"}}
	v := NewValidator(p, h, ^FieldSet(0), nil, rep)
	v.End(nil, nil)
	got := rules(rep)
	for _, want := range []string{"error:HEADER-MISSING:receiver.endpointId", "error:HEADER-DATE:catalogue.issueDate",
		"error:HEADER-DATE-RANGE:catalogue.validTo", "error:HEADER-CURRENCY:catalogue.currency",
		"error:PARTY-ID:seller.endpointId", "error:READ-NO-LINES:"} {
		if !slices.Contains(got, want) {
			t.Errorf("missing %s in %v", want, got)
		}
	}
}

func TestMessagesRender(t *testing.T) {
	f := Finding{Rule: RuleFieldMissing, Field: "name"}
	if got := f.Message("da"); got != "Varenavn (name) er obligatorisk, men er tom" {
		t.Error(got)
	}
	if got := f.Message("en"); got != "Item name (name) is mandatory but empty" {
		t.Error(got)
	}
}

func BenchmarkValidateLine(b *testing.B) {
	p, _ := BuiltinProfile("dk-ehandel")
	rep := &Report{}
	v := NewValidator(p, Header{}, ^FieldSet(0), nil, rep)
	v.ExpectLines(2_000_000)
	l := good()
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		i++
		// Unique item numbers and GTINs, as in a real catalogue (the two
		// strings are the benchmark's own allocations).
		l.SellerItemID = strconv.Itoa(i)
		body := strconv.Itoa(570000000000 + i)
		l.GTIN = body + string(check.GTINCheckDigit(body))
		l.Unit = "stk"
		l.UnitText = ""
		l.Src.Line = i
		v.Line(l)
	}
}

// TestActionPartial: a line that deletes, or updates from an update
// document, names its item and need carry nothing else; an update line of a
// whole catalogue is held to the profile; a deletion document without lines
// complies.
func TestActionPartial(t *testing.T) {
	run := func(h Header, l *Line) *Report {
		p, _ := BuiltinProfile("dk-ehandel")
		rep := &Report{}
		v := NewValidator(p, h, ^FieldSet(0), nil, rep)
		if l != nil {
			l.Src = Src{Line: 1, Row: 2}
			v.Line(l)
		}
		v.End(nil, nil)
		return rep
	}
	priceOnly := func(action string) *Line {
		return &Line{LineID: "7", Action: action, Price: N(-1), Currency: "DKK"}
	}
	tests := []struct {
		name string
		h    Header
		l    *Line
		want []string
	}{
		{"delete by line ID", Header{}, priceOnly("delete"), []string{"error:PRICE-NEGATIVE:price"}},
		{"delete without an item", Header{}, &Line{Action: "delete"}, []string{"error:FIELD-MISSING:sellerItemId"}},
		{"update document", Header{Action: "update"}, priceOnly("update"), []string{"error:PRICE-NEGATIVE:price"}},
		{"update line of a whole catalogue", Header{Action: "add"}, &Line{SellerItemID: "A", Action: "update", Price: N(1), Currency: "DKK"},
			[]string{"error:FIELD-MISSING:name", "error:FIELD-MISSING:classification", "error:FIELD-MISSING:unit"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := slices.DeleteFunc(rules(run(tc.h, tc.l)), func(s string) bool { return strings.HasPrefix(s, "warning:") })
			slices.Sort(got)
			slices.Sort(tc.want)
			if !slices.Equal(got, tc.want) {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
	// The rows of an incremental CIF load are whole items.
	p, _ := BuiltinProfile("dk-ehandel")
	rep := &Report{}
	v := NewValidator(p, Header{Action: "update"}, ^FieldSet(0), wholeRows{}, rep)
	l := &Line{SellerItemID: "A", Action: "update", Price: N(1), Currency: "DKK", Src: Src{Line: 1, Row: 2}}
	v.Line(l)
	v.End(nil, nil)
	if got := rules(rep); !slices.Contains(got, "error:FIELD-MISSING:name") {
		t.Errorf("an update row of a source with whole lines: %v", got)
	}
	if rep := run(Header{Action: "delete"}, nil); !rep.Summary.Compliant || len(rep.Findings) != 0 {
		t.Errorf("a deletion document: %+v", rep)
	}
	if rep := run(Header{}, nil); rep.Summary.Compliant {
		t.Error("a catalogue without lines complies")
	}
}

type wholeRows struct{}

func (wholeRows) Locate(*Line, Field) Pos { return Pos{} }
func (wholeRows) WholeLines() bool        { return true }
