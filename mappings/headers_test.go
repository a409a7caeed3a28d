package mappings

import (
	"slices"
	"testing"

	"github.com/ekatalog/ekatalog/catalog"
)

// TestLooseLookup: headers as suppliers write them find their field
// regardless of case, accents and punctuation; a loose key two fields
// would share finds neither.
func TestLooseLookup(t *testing.T) {
	m := Default()
	for h, want := range map[string]catalog.Field{
		"EAN nr": catalog.FieldGTIN, "ean-nr.": catalog.FieldGTIN, "Benamning": catalog.FieldName, "BENÄMNING": catalog.FieldName,
		"Pris-ekskl-moms": catalog.FieldPrice, "Varebeskrivelse": catalog.FieldDescription, "Varetekst": catalog.FieldDescription,
		"Mengeneinheit": catalog.FieldUnit, "Waehrung": catalog.FieldCurrency, "Wahrung": catalog.FieldCurrency,
		"Preço": catalog.FieldPrice, "MVA": catalog.FieldVATPercent, "Artikel Nr": catalog.FieldSellerItemID,
	} {
		if got, ok := m.Lookup(h); !ok || got.Field != want {
			t.Errorf("Lookup(%q) = %v, %v; want %s", h, got, ok, want)
		}
	}
	if _, ok := m.Lookup("Farve"); ok {
		t.Error("an unknown header matched")
	}
	loose := map[string]Target{}
	for k, tg := range BuiltinSynonyms() {
		lk := LooseHeader(k)
		if prev, ok := loose[lk]; ok && prev != tg {
			if _, found := m.loose[lk]; found {
				t.Errorf("loose key %q of two fields (%s, %s) is in the index", lk, prev, tg)
			}
		}
		loose[lk] = tg
	}
}

// TestHeaderLanguages: every synonym is in one of the languages, Danish
// first in HeaderSynonyms, and a header says its languages.
func TestHeaderLanguages(t *testing.T) {
	syn, err := builtinFile()
	if err != nil {
		t.Fatal(err)
	}
	for target, langs := range syn {
		if len(langs["da"]) == 0 || len(langs["en"]) == 0 {
			t.Errorf("%s has no Danish or no English header", target)
		}
		if HeaderSynonyms()[target][0] != langs["da"][0] {
			t.Errorf("%s: the first header is not the Danish one", target)
		}
	}
	for h, want := range map[string]string{"Varenavn": "da", "Bezeichnung": "de", "Benämning": "sv", "Preço": "pt", "Item name": "en"} {
		if !slices.Contains(HeaderLanguages(h), want) {
			t.Errorf("HeaderLanguages(%q) = %v, want %s among them", h, HeaderLanguages(h), want)
		}
	}
	if HeaderLanguages("Farve") != nil {
		t.Error("an unknown header has a language")
	}
}
