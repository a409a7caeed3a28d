package mappings

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzParse: a mapping file, however broken, is refused with an error that
// names the file, or gives a mapping whose look-ups do not panic.
func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob("../testdata/mappings/*.json")
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte(`{"columns":{"Vare":"sellerItemId","Kode":"classification:UNSPSC","X":"extra"},"delimiter":";","headerRow":2}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		m, err := Parse("fuzz.json", b)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "fuzz.json") {
				t.Fatalf("error does not name the file: %v", err)
			}
			return
		}
		for _, h := range []string{"Vare", "Varenummer", "EAN", "", " pris: "} {
			m.Lookup(h)
		}
	})
}

// FuzzParseTemplate: a target template file, however broken, is refused
// with an error that names the file, or gives a template whose columns all
// resolve.
func FuzzParseTemplate(f *testing.F) {
	for _, pattern := range []string{"targets/*.json", "../testdata/targets/*.json"} {
		files, _ := filepath.Glob(pattern)
		for _, p := range files {
			if b, err := os.ReadFile(p); err == nil {
				f.Add(b)
			}
		}
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		tpl, err := ParseTemplate("fuzz.json", b)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "fuzz.json") {
				t.Fatalf("error does not name the file: %v", err)
			}
			return
		}
		for i := range tpl.Columns {
			tpl.Columns[i].IsLine()
		}
	})
}
