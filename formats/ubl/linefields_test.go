package ubl

import (
	"bytes"
	"fmt"
	"io"
	"reflect"
	"testing"

	"github.com/beevik/etree"

	"github.com/ekatalog/ekatalog/catalog"
)

// tableHeader is a header both writers accept.
var tableHeader = catalog.Header{
	ID: "CAT-1", IssueDate: "2026-01-15", ValidFrom: "2026-01-15", Currency: "DKK",
	Seller:   catalog.Party{Name: "Sælger A/S", EndpointID: "5790000000005", EndpointScheme: "0088"},
	Receiver: catalog.Party{Name: "Køber A/S", EndpointID: "5790000000012", EndpointScheme: "0088"},
}

// tableValue sets field f of l to a value that both flavours carry as it
// is, with what the field needs beside it (a price for its currency, a
// pack quantity for its content unit, a rate for a standard-rated
// category); it returns the field's value as a reader gives it back.
func tableValue(t *testing.T, l *catalog.Line, f catalog.Field) any {
	switch f {
	case catalog.FieldAction:
		l.Action = "update"
	case catalog.FieldOrderable:
		l.Orderable = catalog.Bool{V: true, Valid: true}
	case catalog.FieldUnit, catalog.FieldContentUnit:
		*l.StringField(f) = "KGM"
	case catalog.FieldGTIN:
		l.GTIN = "05701234567892"
	case catalog.FieldValidFrom, catalog.FieldValidTo:
		*l.StringField(f) = "2026-03-01"
	case catalog.FieldOriginCountry:
		l.OriginCountry = "DK"
	case catalog.FieldVATCategory:
		l.VATCategory, l.VATPercent = "S", catalog.N(25)
	case catalog.FieldCurrency:
		l.Currency = "EUR"
	case catalog.FieldKeywords:
		l.Keywords = []string{"skrue", "rustfri"}
	case catalog.FieldImages:
		l.Images = []string{"https://example.com/a.jpg", "https://example.com/b.jpg"}
	case catalog.FieldClassification:
		l.Classification = []catalog.Classification{{Scheme: "UNSPSC", Code: "31161500"}, {Scheme: "UNSPSC", Code: "31161501"}}
	default:
		switch catalog.Fields[f].Kind {
		case catalog.KindNumber, catalog.KindInteger:
			*l.NumField(f) = catalog.N(3)
		default:
			p := l.StringField(f)
			if p == nil {
				t.Fatalf("%s: the test has no value for the field", f)
			}
			*p = "v-" + f.String()
		}
	}
	switch f {
	case catalog.FieldContentUnit:
		l.PackQuantity = catalog.N(10)
	case catalog.FieldCurrency, catalog.FieldPriceBaseQuantity, catalog.FieldLeadTimeDays:
		// PEPPOL leaves out a location quantity without a price (T19-R006).
		l.Price = catalog.N(12.5)
	}
	return tableGet(l, f)
}

// tableGet reads field f of l, whatever its kind.
func tableGet(l *catalog.Line, f catalog.Field) any {
	switch f {
	case catalog.FieldOrderable:
		return l.Orderable
	case catalog.FieldKeywords:
		return l.Keywords
	case catalog.FieldImages:
		return l.Images
	case catalog.FieldClassification:
		return l.Classification
	}
	if p := l.NumField(f); p != nil {
		return *p
	}
	return *l.StringField(f)
}

// TestLineFieldTable walks the line field table: for each field and each
// flavour, a line with that field set is written, read back with the same
// value, and Locate points at the table's path, which the written XML has
// (found by etree, not by the reader) with the value in its text or
// attribute.
func TestLineFieldTable(t *testing.T) {
	// Every field with a place in a catalogue line is in the table.
	for f := catalog.FieldNone + 1; f < catalog.FieldExtra; f++ {
		if lineFieldOf(f) == nil {
			t.Errorf("%s is not in the line field table", f)
		}
	}
	writers := [2]func(io.Writer, catalog.Header) (*Writer, error){flPeppol: NewPeppolWriter, flOIOUBL: NewOIOUBLWriter}
	flavours := [2]string{flPeppol: FlavourPeppol, flOIOUBL: FlavourOIOUBL}
	for _, e := range lineFields {
		for fl, newWriter := range writers {
			t.Run(e.field.String()+"/"+flavours[fl], func(t *testing.T) {
				l := &catalog.Line{LineID: "L1", Name: "Skrue", SellerItemID: "S-1", Unit: "KGM",
					Classification: []catalog.Classification{{Scheme: "UNSPSC", Code: "31161500"}}}
				want := tableValue(t, l, e.field)
				out := writeUBL(t, newWriter, tableHeader, []*catalog.Line{l})

				rd, err := Open(bytes.NewReader(out), "written.xml")
				if err != nil {
					t.Fatal(err)
				}
				if rd.Flavour() != flavours[fl] {
					t.Fatalf("read back as %s", rd.Flavour())
				}
				var got catalog.Line
				if err := rd.Next(&got); err != nil {
					t.Fatal(err)
				}
				if len(got.Findings) > 0 {
					t.Errorf("reading back: %v", got.Findings)
				}
				if e.take != takeNone && !reflect.DeepEqual(tableGet(&got, e.field), want) {
					t.Errorf("wrote %v, read back %v\n%s", want, tableGet(&got, e.field), out)
				}
				for _, x := range got.Extra {
					for k := 1; k <= 2 && e.take != takeNone; k++ {
						name := e.item(fl, k)
						if e.attr != "" {
							name += "/@" + e.attr
						}
						if x.Name == name {
							t.Errorf("the field's value travels as extra: %s = %q", x.Name, x.Value)
						}
					}
				}

				xpath := rd.Locate(&got, e.field).XPath
				if path := "/Catalogue/CatalogueLine[1]/" + e.item(fl, 1); xpath != path {
					t.Errorf("Locate = %s, the table says %s", xpath, path)
				}
				doc := etree.NewDocument()
				if err := doc.ReadFromBytes(out); err != nil {
					t.Fatal(err)
				}
				el := doc.FindElement(xpath)
				if el == nil {
					t.Fatalf("the written XML has no %s:\n%s", xpath, out)
				}
				value := el.Text()
				if e.attr != "" {
					value = el.SelectAttrValue(e.attr, "")
				}
				if e.take == takeNone {
					return
				}
				first := fmt.Sprint(want)
				switch w := want.(type) {
				case catalog.Num:
					first = string(appendNumber(nil, w.V, 0))
				case catalog.Bool:
					first = fmt.Sprint(w.V)
				case []string:
					first = w[0]
				case []catalog.Classification:
					first = w[0].Code
				}
				if e.in != nil {
					value = e.in(value)
				}
				if e.field == catalog.FieldVATCategory {
					value = vatCategoryIn(value)
				}
				if e.field == catalog.FieldPrice && fl == flOIOUBL {
					first = string(appendNumber(nil, l.Price.V, 2))
				}
				if value != first {
					t.Errorf("%s holds %q, want %q", xpath, value, first)
				}
			})
		}
	}
}
