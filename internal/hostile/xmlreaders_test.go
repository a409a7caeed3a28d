package hostile

import (
	"fmt"
	"net"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// The BMEcat and cXML readers meet the same attacks as UBL: entity bombs,
// external entities, a 300 MB text and deep nesting. BMEcat 1.x may declare
// parameter entities and elements in its DOCTYPE; those are skipped, never
// expanded, and nothing a DOCTYPE names is fetched.

const (
	bmeOpen  = `<?xml version="1.0" encoding="UTF-8"?>`
	bmeRoot  = `<BMECAT version="1.2" xmlns="http://www.bmecat.org/bmecat/1.2/bmecat_new_catalog">`
	bmeHead  = `<HEADER><CATALOG><LANGUAGE>deu</LANGUAGE><CATALOG_ID>K1</CATALOG_ID><CATALOG_VERSION>1.0</CATALOG_VERSION><CURRENCY>EUR</CURRENCY></CATALOG><SUPPLIER><SUPPLIER_NAME>S</SUPPLIER_NAME></SUPPLIER></HEADER><T_NEW_CATALOG>`
	bmeItem  = `<ARTICLE><SUPPLIER_AID>A-1</SUPPLIER_AID><ARTICLE_DETAILS><DESCRIPTION_SHORT>%s</DESCRIPTION_SHORT></ARTICLE_DETAILS><ARTICLE_ORDER_DETAILS><ORDER_UNIT>C62</ORDER_UNIT></ARTICLE_ORDER_DETAILS><ARTICLE_PRICE_DETAILS><ARTICLE_PRICE price_type="net_customer"><PRICE_AMOUNT>1.50</PRICE_AMOUNT></ARTICLE_PRICE></ARTICLE_PRICE_DETAILS></ARTICLE>`
	bmeClose = `</T_NEW_CATALOG></BMECAT>`

	cxmlOpen  = `<?xml version="1.0" encoding="UTF-8"?>`
	cxmlRoot  = `<cXML payloadID="1@x" timestamp="2026-01-01T00:00:00+00:00"><Message><Index><SupplierID domain="DUNS">1</SupplierID><IndexItem>`
	cxmlItem  = `<IndexItemAdd><ItemID><SupplierPartID>A-1</SupplierPartID></ItemID><ItemDetail><UnitPrice><Money currency="EUR">1.50</Money></UnitPrice><Description xml:lang="en">%s</Description><UnitOfMeasure>EA</UnitOfMeasure><Classification domain="UNSPSC">44121704</Classification></ItemDetail><IndexItemDetail><LeadTime>1</LeadTime></IndexItemDetail></IndexItemAdd>`
	cxmlClose = `</IndexItem></Index></Message></cXML>`
)

// listener counts connections on a loopback port: a reader that fetched a
// DTD or an external entity would show up here.
func listener(t *testing.T) (addr string, hits *atomic.Int32) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	hits = new(atomic.Int32)
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			hits.Add(1)
			c.Close()
		}
	}()
	t.Cleanup(func() { ln.Close() })
	return ln.Addr().String(), hits
}

func bomb(prefix string) string {
	var ents strings.Builder
	fmt.Fprintf(&ents, `<!ENTITY %slol0 "lol">`, prefix)
	for i := 1; i < 10; i++ {
		ref := "&"
		if prefix != "" {
			ref = "%"
		}
		fmt.Fprintf(&ents, `<!ENTITY %slol%d "%s">`, prefix, i, strings.Repeat(fmt.Sprintf("%slol%d;", ref, i-1), 10))
	}
	return ents.String()
}

func TestBMEcatEntities(t *testing.T) {
	addr, hits := listener(t)
	t.Run("general entity bomb", func(t *testing.T) {
		doc := bmeOpen + `<!DOCTYPE BMECAT SYSTEM "bmecat_new_catalog_1_2.dtd" [` + bomb("") + `]>` + bmeRoot + bmeHead + fmt.Sprintf(bmeItem, "&lol9;") + bmeClose
		f := write(t, "bomb.xml", []byte(doc))
		verdict(t, ekatalog(t, 30*time.Second, nil, "validate", f), f, 64, 2, "general entity")
	})
	t.Run("parameter entity bomb", func(t *testing.T) {
		// Parameter entities are skipped, never expanded: the document is
		// read, its one line found wanting nothing but what minimal asks.
		doc := bmeOpen + `<!DOCTYPE BMECAT SYSTEM "http://` + addr + `/bmecat.dtd" [` + bomb("% ") + `%lol9;]>` + bmeRoot + bmeHead + fmt.Sprintf(bmeItem, "Kuglepen") + bmeClose
		f := write(t, "pbomb.xml", []byte(doc))
		readOK(t, ekatalog(t, 30*time.Second, nil, "validate", "--format", "json", f), `"lines":1,`)
	})
	for name, decl := range map[string]string{
		"file":   `<!ENTITY x SYSTEM "file:///etc/passwd">`,
		"http":   `<!ENTITY x SYSTEM "http://` + addr + `/evil">`,
		"public": `<!ENTITY x PUBLIC "-//X//Y" "http://` + addr + `/y">`,
	} {
		t.Run("external "+name, func(t *testing.T) {
			doc := bmeOpen + `<!DOCTYPE BMECAT [` + decl + `]>` + bmeRoot + bmeHead + fmt.Sprintf(bmeItem, "&x;") + bmeClose
			f := write(t, "xxe.xml", []byte(doc))
			r := ekatalog(t, 30*time.Second, nil, "validate", f)
			verdict(t, r, f, 64, 2, "general entity")
			if strings.Contains(r.stdout+r.stderr, "root:") {
				t.Errorf("the external entity was expanded")
			}
		})
	}
	t.Run("external parameter entity", func(t *testing.T) {
		doc := bmeOpen + `<!DOCTYPE BMECAT SYSTEM "http://` + addr + `/b.dtd" [<!ENTITY % p SYSTEM "http://` + addr + `/p.dtd"> %p; <!ELEMENT UDX.X (#PCDATA)>]>` + bmeRoot + bmeHead + fmt.Sprintf(bmeItem, "Kuglepen") + bmeClose
		f := write(t, "pxxe.xml", []byte(doc))
		readOK(t, ekatalog(t, 30*time.Second, nil, "validate", "--format", "json", f), `"lines":1,`)
	})
	if n := hits.Load(); n != 0 {
		t.Errorf("%d connections to the loopback listener: something was fetched", n)
	}
}

// readOK checks a run that reads a document whose DOCTYPE is harmless: it
// is read (the one line is valid) in bounded memory.
func readOK(t *testing.T, r run, want string) {
	t.Helper()
	if strings.Contains(r.stdout+r.stderr, "panic") || r.code != 0 || !strings.Contains(r.stdout, want) || r.rssMB > 64 {
		t.Errorf("exit %d, peak RSS %d MB, want exit 0 and %q\nstdout: %.600s\nstderr: %.600s", r.code, r.rssMB, want, r.stdout, r.stderr)
	}
}

func TestCXMLEntities(t *testing.T) {
	addr, hits := listener(t)
	for name, decl := range map[string]string{
		"bomb":     bomb(""),
		"external": `<!ENTITY x SYSTEM "http://` + addr + `/evil">`,
		"param":    `<!ENTITY % p SYSTEM "http://` + addr + `/p.dtd"> %p;`,
	} {
		t.Run(name, func(t *testing.T) {
			doc := cxmlOpen + `<!DOCTYPE cXML SYSTEM "http://` + addr + `/cXML.dtd" [` + decl + `]>` + cxmlRoot + fmt.Sprintf(cxmlItem, "x") + cxmlClose
			f := write(t, "xxe.xml", []byte(doc))
			verdict(t, ekatalog(t, 30*time.Second, nil, "validate", f), f, 64, 2, "entit")
		})
	}
	t.Run("DOCTYPE of cXML", func(t *testing.T) {
		doc := cxmlOpen + `<!DOCTYPE cXML SYSTEM "http://` + addr + `/schemas/cXML/1.2.063/cXML.dtd">` + cxmlRoot + fmt.Sprintf(cxmlItem, "Kuglepen") + cxmlClose
		f := write(t, "dtd.xml", []byte(doc))
		readOK(t, ekatalog(t, 30*time.Second, nil, "validate", "--format", "json", f), `"lines":1,`)
	})
	if n := hits.Load(); n != 0 {
		t.Errorf("%d connections to the loopback listener: something was fetched", n)
	}
}

// TestXMLReadersHugeText: a 300 MB description streams in and is refused
// at the token limit, in bounded memory.
func TestXMLReadersHugeText(t *testing.T) {
	for name, parts := range map[string][2]string{
		"bmecat": {bmeOpen + bmeRoot + bmeHead + strings.Split(bmeItem, "%s")[0], strings.Split(bmeItem, "%s")[1] + bmeClose},
		"cxml":   {cxmlOpen + cxmlRoot + strings.Split(cxmlItem, "%s")[0], strings.Split(cxmlItem, "%s")[1] + cxmlClose},
	} {
		t.Run(name, func(t *testing.T) {
			in := endless(parts[0], 'a', 300<<20, parts[1])
			verdict(t, ekatalog(t, 60*time.Second, in, "validate", "-"), "-", 96, 2, "--max-value")
		})
	}
}

// TestXMLReadersDeepNesting: 100,000 nested elements inside an item are an
// error of one line, not a stack overflow; the limit is the --max-depth
// flag.
func TestXMLReadersDeepNesting(t *testing.T) {
	const depth = 100_000
	for name, parts := range map[string][2]string{
		"bmecat": {bmeOpen + bmeRoot + bmeHead + `<ARTICLE><USER_DEFINED_EXTENSIONS>`, `</USER_DEFINED_EXTENSIONS></ARTICLE>` + bmeClose},
		"cxml":   {cxmlOpen + cxmlRoot + `<IndexItemAdd><ItemDetail>`, `</ItemDetail></IndexItemAdd>` + cxmlClose},
	} {
		t.Run(name, func(t *testing.T) {
			doc := parts[0] + strings.Repeat("<UDX.A>", depth) + strings.Repeat("</UDX.A>", depth) + parts[1]
			f := write(t, "deep.xml", []byte(doc))
			r := ekatalog(t, 30*time.Second, nil, "validate", f)
			verdict(t, r, f, 64, 2, "MaxDepth")
			if len(r.stderr) > 2000 {
				t.Errorf("the error is %d bytes long: %.300s…", len(r.stderr), r.stderr)
			}
			small := parts[0] + strings.Repeat("<UDX.A>", 20) + strings.Repeat("</UDX.A>", 20) + parts[1]
			if r := ekatalog(t, 30*time.Second, nil, "validate", "--max-depth", "10", write(t, "d2.xml", []byte(small))); r.code != 2 {
				t.Errorf("--max-depth 10: exit %d", r.code)
			}
		})
	}
}

// TestXMLReadersManyElements: an item of 90,000 user-defined elements
// (under the default limit of 100,000 per item) is read in linear time,
// each kept as an extra; past the limit it is an error.
func TestXMLReadersManyElements(t *testing.T) {
	for name, parts := range map[string][2]string{
		"bmecat": {bmeOpen + bmeRoot + bmeHead + `<ARTICLE><SUPPLIER_AID>A-1</SUPPLIER_AID><USER_DEFINED_EXTENSIONS>`, `</USER_DEFINED_EXTENSIONS></ARTICLE>` + bmeClose},
		"cxml":   {cxmlOpen + cxmlRoot + `<IndexItemAdd><ItemID><SupplierPartID>A-1</SupplierPartID></ItemID><ItemDetail>`, `</ItemDetail></IndexItemAdd>` + cxmlClose},
	} {
		t.Run(name, func(t *testing.T) {
			doc := parts[0] + strings.Repeat("<UDX.A>x</UDX.A>", 90_000) + parts[1]
			f := write(t, "many.xml", []byte(doc))
			r := ekatalog(t, 30*time.Second, nil, "convert", f, "--to", "json", "-o", filepath.Join(t.TempDir(), "out.json"))
			if r.code == 2 || r.rssMB > 128 {
				t.Errorf("exit %d, peak RSS %d MB: %.300s", r.code, r.rssMB, r.stderr)
			}
			doc = parts[0] + strings.Repeat("<UDX.A>x</UDX.A>", 110_000) + parts[1]
			f = write(t, "toomany.xml", []byte(doc))
			verdict(t, ekatalog(t, 30*time.Second, nil, "validate", f), f, 128, 2, "MaxItemNodes")
		})
	}
}
