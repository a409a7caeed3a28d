package mappings

import (
	"strings"
	"testing"
)

// TestBuiltinTemplatesReadBack: every built-in template loads, and each of
// its line columns is headed with a name the built-in synonyms map to the
// same field, so that ekatalog reads its own output in again.
func TestBuiltinTemplatesReadBack(t *testing.T) {
	names := BuiltinTemplates()
	if len(names) < 4 {
		t.Fatalf("built-in templates %v", names)
	}
	m := Default()
	for _, name := range names {
		tpl, err := BuiltinTemplate(name)
		if err != nil {
			t.Fatal(err)
		}
		for i, c := range tpl.Columns {
			if !c.IsLine() {
				continue
			}
			if got, ok := m.Lookup(c.Header); !ok || got != c.Line {
				t.Errorf("%s: column %d %q maps to %v when read, not %v", name, i, c.Header, got, c.Line)
			}
		}
	}
}

// TestParseTemplate: defaults fill what a file leaves out; field names are
// resolved; problems name their JSON path.
func TestParseTemplate(t *testing.T) {
	tpl, err := ParseTemplate("t.json", []byte(`{"name":"t","format":"csv","columns":[
		{"header":"Nr","field":"sellerItemId"},{"header":"K","field":"classification:unspsc"},
		{"header":"Valuta","field":"catalogue.currency"},{"header":"Fast","value":""},{"header":"Tekst","field":"unitText"}]}`))
	if err != nil {
		t.Fatal(err)
	}
	if tpl.Delimiter != ";" || tpl.Decimal != "," || tpl.Encoding != "utf-8" || tpl.Units != "rec20" || tpl.DateFormat != "YYYY-MM-DD" {
		t.Errorf("defaults %+v", tpl)
	}
	c := tpl.Columns
	if c[1].Line.Scheme != "UNSPSC" || c[2].HeaderField != "catalogue.currency" || c[3].Value == nil || c[4].Line.Field.String() != "unitText" {
		t.Errorf("columns %+v", c)
	}
	for doc, path := range map[string]string{
		`{"name":"t","format":"pdf","columns":[{"header":"A","field":"name"}]}`:                               "/format",
		`{"name":"t","format":"csv","columns":[{"header":"A","field":"name","value":"x"}]}`:                   "/columns/0",
		`{"name":"t","format":"csv","columns":[{"header":"A","field":"extra"}]}`:                              "/columns/0/field",
		`{"name":"t","format":"csv","delimiter":",","decimal":",","columns":[{"header":"A","field":"name"}]}`: "/decimal",
		`{"name":"t","format":"csv","columns":[]}`:                                                            "/columns",
	} {
		_, err := ParseTemplate("t.json", []byte(doc))
		if err == nil || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), "t.json") {
			t.Errorf("%s: error %v, want one naming %s", doc, err, path)
		}
	}
}
