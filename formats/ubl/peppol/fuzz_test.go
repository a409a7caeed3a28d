package peppol_test

import (
	"bytes"
	"testing"
)

// FuzzChecker: whatever the document, reading it with the PEPPOL checker
// never panics, and every finding names a rule of the catalogue and the
// element's XPath. Seeds: the official examples and their mutations.
func FuzzChecker(f *testing.F) {
	var base []byte
	for _, file := range examples(f) {
		b := readFile(f, file)
		f.Add(b)
		if bytes.HasSuffix([]byte(file), []byte("Catalogue_Example.xml")) {
			base = b
		}
	}
	for _, m := range mutations {
		doc := base
		for _, e := range m.edits {
			doc = bytes.Replace(doc, []byte(e.old), []byte(e.new), 1)
		}
		f.Add(doc)
	}
	f.Fuzz(func(t *testing.T, doc []byte) {
		fs, err := runChecker(doc)
		if err != nil {
			return
		}
		for _, x := range fs {
			if x.Pos.XPath == "" {
				t.Errorf("%s without an XPath", x.Rule)
			}
		}
	})
}
