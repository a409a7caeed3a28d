package xmlscan

import (
	"strings"
	"testing"
)

// tokens scans a document and returns its start-tag names, or the error.
func tokens(doc string, allowDTD bool) ([]string, error) {
	s := New(strings.NewReader(doc), 16, 1<<16)
	s.AllowDTD(allowDTD)
	var names []string
	for {
		k, err := s.Next()
		if err != nil {
			return names, err
		}
		switch k {
		case EOF:
			return names, nil
		case Start:
			names = append(names, string(s.QName()))
		case Doctype:
			names = append(names, "!DOCTYPE")
		}
	}
}

const bmecat12 = `<?xml version="1.0"?>
<!DOCTYPE BMECAT SYSTEM "bmecat_new_catalog_1_2.dtd"
[
	<!-- the supplier's extensions; it's ] not the end -->
	<!ENTITY % USERDEFINES "(UDX.KST.KATBEZ2?,UDX.CS_ATTRIBUT*)">
	<!ENTITY   %   OTHER SYSTEM "http://127.0.0.1:9/other.ent">
	%OTHER;
	<!ELEMENT UDX.KST.KATBEZ2 (#PCDATA)>
	<!ELEMENT UDX.CS_ATTRIBUT (UDX.NAME?,UDX.WERT?)>
	<!ATTLIST UDX.CS_ATTRIBUT type CDATA "a>b">
]
>
<BMECAT version="1.2"><HEADER/></BMECAT>`

// TestDoctype: a BMEcat 1.x DOCTYPE with parameter entities, element and
// attribute-list declarations is skipped with AllowDTD (a small buffer makes
// it arrive in pieces) and refused without; a general entity is refused
// either way.
func TestDoctype(t *testing.T) {
	got, err := tokens(bmecat12, true)
	if err != nil || strings.Join(got, " ") != "!DOCTYPE BMECAT HEADER" {
		t.Errorf("AllowDTD: %v, %v", got, err)
	}
	if _, err := tokens(bmecat12, false); err == nil || !strings.Contains(err.Error(), "declares entities") {
		t.Errorf("strict: %v", err)
	}
	for _, decl := range []string{`<!ENTITY lol "lol">`, `<!ENTITY x SYSTEM "file:///etc/passwd">`, `<!ENTITY
		x PUBLIC "-//X//Y" "http://127.0.0.1:9/y">`, `<!ENTITY%x "y">`} {
		doc := `<!DOCTYPE BMECAT [<!ENTITY % ok "(a)">` + decl + `]><BMECAT/>`
		if _, err := tokens(doc, true); err == nil || !strings.Contains(err.Error(), "general entit") {
			t.Errorf("%s: %v", decl, err)
		}
	}
	if got, err := tokens(`<!DOCTYPE cXML SYSTEM "http://xml.cxml.org/schemas/cXML/1.2.063/cXML.dtd"><cXML/>`, false); err != nil || len(got) != 2 {
		t.Errorf("an external DTD named, strict: %v %v", got, err)
	}
}

func TestRoot(t *testing.T) {
	for _, c := range []struct {
		head, local, space string
		ok                 bool
	}{
		{bmecat12, "BMECAT", "", true},
		{"\xef\xbb\xbf<?xml version='1.0' encoding='ISO-8859-1'?><!-- x --><BMECAT xmlns=\"http://www.bmecat.org/bmecat/2005\" version=\"2005\">", "BMECAT", "http://www.bmecat.org/bmecat/2005", true},
		{`<ubl:Catalogue xmlns="x" xmlns:ubl="urn:oasis:names:specification:ubl:schema:xsd:Catalogue-2">`, "Catalogue", "urn:oasis:names:specification:ubl:schema:xsd:Catalogue-2", true},
		{"\xff\xfe<\x00a\x00 \x00x\x00m\x00l\x00n\x00s\x00=\x00'\x00u\x00'\x00>\x00", "a", "u", true},
		{`<!DOCTYPE cXML SYSTEM "http://xml.cxml.org/schemas/cXML/1.2.063/cXML.dtd"><cXML payloadID="1">`, "cXML", "", true},
		{`<BMECAT version="1.2" xmlns="http://www.bmecat.org/bme`, "", "", false},
		{`Varenummer;Navn`, "", "", false},
		{`<!DOCTYPE x [<!ENTITY a "b">]><x/>`, "", "", false},
	} {
		local, space, ok := Root([]byte(c.head))
		if local != c.local || space != c.space || ok != c.ok {
			t.Errorf("%.40q: %q %q %v, want %q %q %v", c.head, local, space, ok, c.local, c.space, c.ok)
		}
	}
}
