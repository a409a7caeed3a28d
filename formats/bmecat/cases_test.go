package bmecat_test

import (
	"strings"
	"testing"

	"github.com/ekatalog/ekatalog/catalog"
)

const head2005 = `<?xml version="1.0" encoding="UTF-8"?>
<BMECAT version="2005" xmlns="http://www.bmecat.org/bmecat/2005"><HEADER><CATALOG><LANGUAGE>deu</LANGUAGE><CATALOG_ID>K</CATALOG_ID><CATALOG_VERSION>2.0</CATALOG_VERSION><CURRENCY>EUR</CURRENCY></CATALOG><SUPPLIER><SUPPLIER_ID type="gln">4012345000009</SUPPLIER_ID><SUPPLIER_NAME>Werkzeug GmbH</SUPPLIER_NAME></SUPPLIER></HEADER>`

// TestUpdates: the modes of T_UPDATE_PRODUCTS and T_UPDATE_PRICES become
// the lines' actions; 2005 prices with TAX_DETAILS and VALID_START_DATE;
// a price list without the customer's price takes the list price.
func TestUpdates(t *testing.T) {
	doc := head2005 + `<T_UPDATE_PRODUCTS prev_version="1">
<PRODUCT mode="new"><SUPPLIER_PID>N-1</SUPPLIER_PID><PRODUCT_DETAILS><DESCRIPTION_SHORT>Neu</DESCRIPTION_SHORT><INTERNATIONAL_PID type="upc">012345678905</INTERNATIONAL_PID><INTERNATIONAL_PID type="gtin">4006381333931</INTERNATIONAL_PID></PRODUCT_DETAILS>
 <PRODUCT_ORDER_DETAILS><ORDER_UNIT>PK</ORDER_UNIT><CONTENT_UNIT>C62</CONTENT_UNIT><NO_CU_PER_OU>10</NO_CU_PER_OU><QUANTITY_MIN>2</QUANTITY_MIN><QUANTITY_INTERVAL>2</QUANTITY_INTERVAL></PRODUCT_ORDER_DETAILS>
 <PRODUCT_PRICE_DETAILS><PRODUCT_PRICE price_type="gros_list"><PRICE_AMOUNT>11.90</PRICE_AMOUNT></PRODUCT_PRICE><PRODUCT_PRICE price_type="net_list"><PRICE_AMOUNT>10.00</PRICE_AMOUNT><TAX_DETAILS><TAX_CATEGORY>standard_rate</TAX_CATEGORY><TAX_TYPE>vat</TAX_TYPE><TAX>0.19</TAX></TAX_DETAILS><VALID_START_DATE>2026-02-01</VALID_START_DATE></PRODUCT_PRICE></PRODUCT_PRICE_DETAILS>
 <PRODUCT_FEATURES><REFERENCE_FEATURE_SYSTEM_NAME>ETIM-8.0</REFERENCE_FEATURE_SYSTEM_NAME><REFERENCE_FEATURE_GROUP_ID>EC000123</REFERENCE_FEATURE_GROUP_ID><FEATURE><FNAME>EF000001</FNAME><FVALUE>EV000002</FVALUE></FEATURE></PRODUCT_FEATURES>
 <USER_DEFINED_EXTENSIONS><UDX.EDXF.REACH><UDX.EDXF.REACH.INFO>true</UDX.EDXF.REACH.INFO></UDX.EDXF.REACH></USER_DEFINED_EXTENSIONS></PRODUCT>
<PRODUCT mode="update"><SUPPLIER_PID>U-1</SUPPLIER_PID></PRODUCT>
<PRODUCT mode="delete"><SUPPLIER_PID>D-1</SUPPLIER_PID></PRODUCT>
</T_UPDATE_PRODUCTS></BMECAT>`
	rd, h, lines, err := readAll(t, "u.xml", []byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	if rd.Transaction() != "T_UPDATE_PRODUCTS" || h.Seller.IDScheme != "0088" || h.Language != "de" {
		t.Errorf("transaction %q, header %+v", rd.Transaction(), h)
	}
	var actions []string
	for _, l := range lines {
		actions = append(actions, l.Action+" "+l.SellerItemID)
	}
	if got := strings.Join(actions, ", "); got != "add N-1, update U-1, delete D-1" {
		t.Errorf("actions %s", got)
	}
	l := lines[0]
	if l.GTIN != "4006381333931" || l.Price.V != 10 || l.VATPercent.V != 19 || l.ValidFrom != "2026-02-01" || l.Unit != "XPK" || l.UnitText != "PK" ||
		l.PackQuantity.V != 10 || l.MinOrderQuantity.V != 2 || l.OrderQuantityIncrement.V != 2 ||
		len(l.Classification) != 1 || l.Classification[0] != (catalog.Classification{Scheme: "ETIM", Code: "EC000123"}) {
		t.Errorf("line 1: %+v", l)
	}
	extra := map[string]string{}
	for _, e := range l.Extra {
		extra[e.Name] = e.Value
	}
	for name, want := range map[string]string{
		"PRODUCT_DETAILS/INTERNATIONAL_PID[upc]": "012345678905",
		"PRODUCT_PRICE[gros_list]":               "11.90",
		"price_type":                             "net_list",
		"FEATURE/EF000001":                       "EV000002",
		"USER_DEFINED_EXTENSIONS/UDX.EDXF.REACH/UDX.EDXF.REACH.INFO": "true",
	} {
		if extra[name] != want {
			t.Errorf("extra %s = %q, want %q (all: %v)", name, extra[name], want, extra)
		}
	}

	_, _, lines, err = readAll(t, "p.xml", []byte(head2005+`<T_UPDATE_PRICES prev_version="1"><PRODUCT><SUPPLIER_PID>P-1</SUPPLIER_PID><PRODUCT_PRICE_DETAILS><PRODUCT_PRICE price_type="net_customer"><PRICE_AMOUNT>abc</PRICE_AMOUNT></PRODUCT_PRICE></PRODUCT_PRICE_DETAILS></PRODUCT></T_UPDATE_PRICES></BMECAT>`))
	if err != nil || len(lines) != 1 || lines[0].Action != "update" || !lines[0].Bad.Has(catalog.FieldPrice) ||
		len(lines[0].Findings) != 1 || lines[0].Findings[0].RuleID() != "READ-NOT-NUMBER" {
		t.Errorf("price update: %v %+v", err, lines)
	}
}

// TestRefused: what is not BMEcat says what it is.
func TestRefused(t *testing.T) {
	for doc, want := range map[string]string{
		`<Catalogue/>`: "the root element is Catalogue, not BMECAT",
		`<BMECAT xmlns="http://example.com/bmecat"/>`:                                 `namespace "http://example.com/bmecat", which is not BMEcat's`,
		head2005 + `<T_NEW_FEATURESYSTEM/></BMECAT>`:                                  "holds no catalogue items",
		head2005 + `<T_NEW_CATALOG><PRODUCT><SUPPLIER_PID>1</SUPPLIER_PID></PRODUCT>`: "the file ends before </T_NEW_CATALOG>",
		`<!DOCTYPE BMECAT [<!ENTITY x SYSTEM "file:///etc/passwd">]><BMECAT/>`:        "general entity",
	} {
		_, _, _, err := readAll(t, "x.xml", []byte(doc))
		if err == nil || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), "x.xml") {
			t.Errorf("%.50s: %v, want %q", doc, err, want)
		}
	}
}
