package ubl

import (
	"bytes"
	"io"
	"testing"

	"github.com/beevik/etree"
	"github.com/ekatalog/ekatalog/catalog"
)

// headerValues are values of every header field that both flavours carry
// as they are.
var headerValues = map[string]string{
	"catalogue.id": "CAT-7", "catalogue.action": "replace", "catalogue.name": "Kontorartikler 2026",
	"catalogue.issueDate": "2026-01-15", "catalogue.version": "3", "catalogue.validFrom": "2026-02-01",
	"catalogue.validTo": "2026-12-31", "catalogue.agreementId": "SKI-50.10",
	"seller.name": "Sælger A/S", "seller.id": "12345674", "seller.idScheme": "0184",
	"seller.endpointId": "5790000000005", "seller.endpointScheme": "0088", "seller.country": "DK",
	"receiver.name": "Køber Kommune", "receiver.id": "29189919", "receiver.idScheme": "0184",
	"receiver.endpointId": "5790000000012", "receiver.endpointScheme": "0088", "receiver.country": "DK",
}

// TestHeaderFieldTable walks the header tables: every header field, written
// by each writer, reads back as it was, and LocateHeader names an element
// of the written XML that holds it.
func TestHeaderFieldTable(t *testing.T) {
	var h catalog.Header
	h.Currency = "DKK"
	for _, hf := range headerFields {
		*hf.value(&h) = headerValues[hf.field]
	}
	for _, p := range []*catalog.Party{&h.Seller, &h.Receiver} {
		name := "seller"
		if p == &h.Receiver {
			name = "receiver"
		}
		*p = catalog.Party{Name: headerValues[name+".name"], ID: headerValues[name+".id"], IDScheme: headerValues[name+".idScheme"],
			EndpointID: headerValues[name+".endpointId"], EndpointScheme: headerValues[name+".endpointScheme"], Country: headerValues[name+".country"]}
	}
	var fields []string
	for _, hf := range headerFields {
		fields = append(fields, hf.field)
	}
	for _, p := range parties {
		for _, pf := range partyFields {
			fields = append(fields, p.name+"."+pf.field)
		}
	}
	if len(fields) != len(headerValues) {
		t.Fatalf("the tables name %d header fields, the test has values for %d", len(fields), len(headerValues))
	}
	l := &catalog.Line{LineID: "1", SellerItemID: "S-1", Name: "Skrue", Unit: "H87", Price: catalog.N(2), Currency: "DKK",
		Classification: []catalog.Classification{{Scheme: "UNSPSC", Code: "31161500"}}}
	for name, newWriter := range map[string]func(io.Writer, catalog.Header) (*Writer, error){"peppol": NewPeppolWriter, "oioubl": NewOIOUBLWriter} {
		out := writeUBL(t, newWriter, h, []*catalog.Line{l})
		rd, err := Open(bytes.NewReader(out), "written.xml")
		if err != nil {
			t.Fatal(err)
		}
		got := rd.Header()
		doc := etree.NewDocument()
		if err := doc.ReadFromBytes(out); err != nil {
			t.Fatal(err)
		}
		for _, f := range fields {
			if v := got.Value(f); v != headerValues[f] {
				t.Errorf("%s: %s written as %q, read back as %q", name, f, headerValues[f], v)
			}
			xpath := rd.LocateHeader(f).XPath
			el := doc.FindElement(xpath)
			if el == nil {
				t.Errorf("%s: %s: the written XML has no %s", name, f, xpath)
				continue
			}
			if f == "catalogue.action" || f == "seller.idScheme" || f == "seller.endpointScheme" ||
				f == "receiver.idScheme" || f == "receiver.endpointScheme" || f == "seller.id" || f == "receiver.id" {
				continue // written in the flavour's own codes (action, OIOUBL schemes and CVR form)
			}
			if el.Text() != headerValues[f] {
				t.Errorf("%s: %s at %s holds %q", name, f, xpath, el.Text())
			}
		}
	}
}
