package xsdcheck

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ekatalog/ekatalog/testkit/golden"
)

// TestCheck: a BMEcat document with a unit outside BMEcat's list fails
// with the line of the unit; the same document with a listed unit passes.
// The shipped XSD declares the final draft's namespace (…/2005fd); Check
// validates against a mapped copy in a temporary directory.
func TestCheck(t *testing.T) {
	if _, err := Xmllint(); err != nil {
		t.Skip(err)
	}
	std := golden.Shared(t, 3)
	s, _ := ForTarget("bmecat")
	doc := func(unit string) string {
		f := filepath.Join(t.TempDir(), "b.xml")
		x := `<?xml version="1.0" encoding="UTF-8"?>
<BMECAT version="2005" xmlns="http://www.bmecat.org/bmecat/2005">
  <HEADER>
    <CATALOG>
      <LANGUAGE>dan</LANGUAGE>
      <CATALOG_ID>K1</CATALOG_ID>
      <CATALOG_VERSION>1.0</CATALOG_VERSION>
    </CATALOG>
    <SUPPLIER>
      <SUPPLIER_NAME>S</SUPPLIER_NAME>
    </SUPPLIER>
  </HEADER>
  <T_NEW_CATALOG>
    <PRODUCT>
      <SUPPLIER_PID>1</SUPPLIER_PID>
      <PRODUCT_DETAILS>
        <DESCRIPTION_SHORT>Pen</DESCRIPTION_SHORT>
      </PRODUCT_DETAILS>
      <PRODUCT_ORDER_DETAILS>
        <ORDER_UNIT>` + unit + `</ORDER_UNIT>
      </PRODUCT_ORDER_DETAILS>
      <PRODUCT_PRICE_DETAILS>
        <PRODUCT_PRICE price_type="net_customer">
          <PRICE_AMOUNT>1</PRICE_AMOUNT>
        </PRODUCT_PRICE>
      </PRODUCT_PRICE_DETAILS>
    </PRODUCT>
  </T_NEW_CATALOG>
</BMECAT>
`
		if err := os.WriteFile(f, []byte(x), 0o644); err != nil {
			t.Fatal(err)
		}
		return f
	}
	probs, total, err := Check(context.Background(), doc("XPK"), std, s, 10)
	if err != nil {
		t.Fatal(err)
	}
	if total != 1 || len(probs) != 1 || probs[0].Line != 20 || !strings.Contains(probs[0].Message, "ORDER_UNIT") ||
		!strings.Contains(probs[0].Message, "'XPK'") || len(probs[0].Message) > 400 {
		t.Errorf("problems %d %q", total, probs)
	}
	if probs, total, err := Check(context.Background(), doc("PK"), std, s, 10); err != nil || total != 0 {
		t.Errorf("a valid document: %v %v %v", probs, total, err)
	}
	// The file itself is not well-formed: one problem, with its line.
	bad := filepath.Join(t.TempDir(), "bad.xml")
	os.WriteFile(bad, []byte("<BMECAT>\n<HEADER>\n</BMECAT>\n"), 0o644)
	if probs, total, err := Check(context.Background(), bad, std, s, 10); err != nil || total == 0 || probs[0].Line == 0 {
		t.Errorf("a broken document: %v %v %v", probs, total, err)
	}
	// A schema that is not there is an error, not a pass.
	if _, _, err := Check(context.Background(), bad, t.TempDir(), s, 10); err == nil {
		t.Error("no schema, no error")
	}
}

// TestCheckDTD: a cXML document that breaks the DTD fails with its line.
func TestCheckDTD(t *testing.T) {
	if _, err := Xmllint(); err != nil {
		t.Skip(err)
	}
	std := golden.Shared(t, 3)
	s, _ := ForTarget("cxml")
	f := filepath.Join(t.TempDir(), "c.xml")
	os.WriteFile(f, []byte(`<?xml version="1.0"?>
<cXML payloadID="1" timestamp="2026-01-01T00:00:00+00:00">
  <Header>
    <Nonsense/>
  </Header>
</cXML>
`), 0o644)
	probs, total, err := Check(context.Background(), f, std, s, 10)
	if err != nil {
		t.Fatal(err)
	}
	if total == 0 || probs[0].Line == 0 {
		t.Errorf("problems %d %v", total, probs)
	}
}
