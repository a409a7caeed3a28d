package catalog

import (
	"reflect"
	"testing"
)

func fullLine() *Line {
	return &Line{LineID: "7", Action: "update", SellerItemID: "A-1", GTIN: "5701234567892", ManufacturerItemID: "M",
		ManufacturerName: "Maker", Brand: "B", Name: "Pen", Description: "blå\x1fpen", Keywords: []string{"pen", ""},
		Classification: []Classification{{"UNSPSC", "44121704"}, {"ECLASS", "24-29"}}, Unit: "H87", UnitText: "stk",
		PackQuantity: N(10), ContentUnit: "H87", MinOrderQuantity: N(1), OrderQuantityIncrement: N(0),
		MaxOrderQuantity: N(1e9), Price: N(12.5), Currency: "DKK", PriceBaseQuantity: N(1), VATCategory: "S",
		VATPercent: N(25), LeadTimeDays: N(3), OriginCountry: "DK", ValidFrom: "2026-01-01", ValidTo: "2026-12-31",
		Orderable: Bool{V: false, Valid: true}, Images: []string{"https://x/y.jpg"}, Extra: []Extra{{"Farve", "blå"}, {"", ""}}}
}

// TestRecord: every field survives AppendRecord and DecodeRecord; fields
// outside the set come back empty; equal lines give equal records.
func TestRecord(t *testing.T) {
	l := fullLine()
	var got Line
	if err := DecodeRecord(AppendRecord(nil, l, ^FieldSet(0)), &got); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(*l, got) {
		t.Errorf("got  %+v\nwant %+v", got, *l)
	}
	var set FieldSet
	set.Add(FieldPrice)
	set.Add(FieldName)
	if err := DecodeRecord(AppendRecord(nil, l, set), &got); err != nil {
		t.Fatal(err)
	}
	if got.Name != "Pen" || got.Price != N(12.5) || got.SellerItemID != "" || len(got.Extra) != 0 || got.Orderable.Valid {
		t.Errorf("masked: %+v", got)
	}
	if string(AppendRecord(nil, l, ^FieldSet(0))) != string(AppendRecord(nil, l.Clone(), ^FieldSet(0))) {
		t.Error("a clone has another record")
	}
	o := l.Clone()
	o.Orderable.V = true
	if string(AppendRecord(nil, l, ^FieldSet(0))) == string(AppendRecord(nil, o, ^FieldSet(0))) {
		t.Error("lines that differ have the same record")
	}
}

// TestMergeFrom: a partial update sets what it carries and keeps the rest.
func TestMergeFrom(t *testing.T) {
	l := fullLine()
	l.MergeFrom(&Line{LineID: "99", Action: "update", Price: N(14), Currency: "EUR"})
	if l.Price != N(14) || l.Currency != "EUR" || l.Name != "Pen" || l.LineID != "7" || l.Action != "update" || len(l.Images) != 1 {
		t.Errorf("%+v", l)
	}
}

// FuzzDecodeRecord: a broken record is an error, never a panic.
func FuzzDecodeRecord(f *testing.F) {
	f.Add(AppendRecord(nil, fullLine(), ^FieldSet(0)))
	f.Add([]byte{0xff, 0xff, 0xff, 0xff, 0x0f})
	f.Fuzz(func(t *testing.T, b []byte) {
		var l Line
		DecodeRecord(b, &l)
	})
}
