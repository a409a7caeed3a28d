package catalog

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzParseProfile: a profile file, however broken, is either refused with
// an error that names the file, or gives a profile a validator can use on
// a line without panicking.
func FuzzParseProfile(f *testing.F) {
	for _, pattern := range []string{"profiles/*.json", "../testdata/profiles/*.json"} {
		files, _ := filepath.Glob(pattern)
		for _, p := range files {
			if b, err := os.ReadFile(p); err == nil {
				f.Add(b)
			}
		}
	}
	f.Add([]byte(`{"name":"x","extends":"dk-ehandel","fields":{"gtin":{"use":"mandatory","maxLength":3}},"rules":{"PRICE-ZERO":"error"}}`))
	f.Add([]byte(`{"name":"x","extends":"x"}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		p, err := ParseProfile("fuzz.json", b)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "fuzz.json") {
				t.Fatalf("error does not name the file: %v", err)
			}
			return
		}
		rep := &Report{}
		v := NewValidator(p, Header{}, ^FieldSet(0), nil, rep)
		l := Line{SellerItemID: "A1", Name: "Kuglepen", Unit: "stk", Price: N(1), GTIN: "5790000000012", Src: Src{Line: 1, Row: 2}}
		v.Line(&l)
		v.End(nil, nil)
	})
}
