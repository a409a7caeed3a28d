package cxml_test

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ekatalog/ekatalog/catalog"
	"github.com/ekatalog/ekatalog/formats/cxml"
)

// FuzzReader feeds the reader mutated documents, seeded with the test
// documents and the real cXML files when ../shared is there. The
// properties: it never panics; an error is a one-line ReadError that names
// the file; every line it hands out has the next ordinal and an action;
// nothing is read past an error.
func FuzzReader(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.xml")
	more, _ := filepath.Glob("../../../shared/realworld/cxml/cxml/*.xml")
	for _, p := range append(files, more...) {
		if data, err := os.ReadFile(p); err == nil && len(data) < 64<<10 {
			f.Add(data)
		}
	}
	f.Add([]byte(`<Index><SupplierID domain="DUNS">1</SupplierID><IndexItem><IndexItemDelete><ItemID><SupplierPartID>1</SupplierPartID></ItemID></IndexItemDelete></IndexItem></Index>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := cxml.Open(bytes.NewReader(data), cxml.Options{Name: "fuzz.xml", MaxDepth: 64, MaxTokenBytes: 1 << 16, MaxItemNodes: 1000})
		if err != nil {
			mustNameFile(t, err)
			return
		}
		var l catalog.Line
		for i := 1; ; i++ {
			err := r.Next(&l)
			if err == io.EOF {
				return
			}
			if err != nil {
				mustNameFile(t, err)
				if err2 := r.Next(&l); err2 == nil {
					t.Fatalf("a line after the error %v", err)
				}
				return
			}
			if l.Src.Line != i || l.Action == "" {
				t.Fatalf("line %d has ordinal %d, action %q", i, l.Src.Line, l.Action)
			}
			for f := catalog.FieldNone + 1; f < catalog.FieldExtra; f++ {
				r.Locate(&l, f)
			}
		}
	})
}

func mustNameFile(t *testing.T, err error) {
	t.Helper()
	var re *catalog.ReadError
	if !errors.As(err, &re) || re.File != "fuzz.xml" || strings.Contains(err.Error(), "\n") {
		t.Fatalf("error is not one line naming the file: %v", err)
	}
}
