package bmecat_test

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ekatalog/ekatalog/catalog"
	"github.com/ekatalog/ekatalog/formats/bmecat"
)

// FuzzReader feeds the reader mutated documents, seeded with the real
// BMEcat files when ../shared is there and small documents of our own. The
// properties: it never panics; an error is a one-line ReadError that names
// the file; every line it hands out has the next ordinal; nothing is read
// past an error.
func FuzzReader(f *testing.F) {
	files, _ := filepath.Glob("../../../shared/realworld/bmecat/bmecat/*.xml")
	for _, p := range files {
		if data, err := os.ReadFile(p); err == nil && len(data) < 64<<10 {
			f.Add(data)
		}
	}
	f.Add([]byte(`<?xml version="1.0" encoding="ISO-8859-1"?><!DOCTYPE BMECAT SYSTEM "x.dtd" [<!ENTITY % U "(UDX.A?)"><!ELEMENT UDX.A (#PCDATA)><!-- it's ] -->]><BMECAT version="1.2"><HEADER><CATALOG><CATALOG_ID>1</CATALOG_ID></CATALOG></HEADER><T_UPDATE_PRODUCTS><ARTICLE mode="delete"><SUPPLIER_AID>K` + "\xe6" + `</SUPPLIER_AID></ARTICLE></T_UPDATE_PRODUCTS></BMECAT>`))
	f.Add([]byte(`<BMECAT version="2005" xmlns="http://www.bmecat.org/bmecat/2005"><T_UPDATE_PRICES><PRODUCT><SUPPLIER_PID>1</SUPPLIER_PID><PRODUCT_PRICE_DETAILS><PRODUCT_PRICE price_type="net_list"><PRICE_AMOUNT>1,5</PRICE_AMOUNT><TAX>x</TAX></PRODUCT_PRICE></PRODUCT_PRICE_DETAILS></PRODUCT></T_UPDATE_PRICES></BMECAT>`))
	f.Add([]byte(`<!DOCTYPE BMECAT [<!ENTITY a "b">]><BMECAT/>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := bmecat.Open(bytes.NewReader(data), bmecat.Options{Name: "fuzz.xml", MaxDepth: 64, MaxTokenBytes: 1 << 16, MaxItemNodes: 1000})
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
			if l.Src.Line != i {
				t.Fatalf("line %d has ordinal %d", i, l.Src.Line)
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
