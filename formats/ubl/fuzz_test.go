package ubl

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/ekatalog/ekatalog/catalog"
)

// FuzzReader feeds the reader mutated documents, seeded with the official
// PEPPOL and OIOUBL examples when ../shared is there and small documents of
// our own. The properties: it never panics; an error is a ReadError that
// names the file; every line it hands out has the next ordinal; nothing is
// read past an error.
func FuzzReader(f *testing.F) {
	for _, pattern := range []string{
		filepath.Join(sharedStandards, "peppol-poacc-bis3", "examples", "*.xml"),
		filepath.Join(sharedStandards, "oioubl", "examples", "OIOUBL_Catalogue*.xml"),
		"../../testdata/ubl/*.xml",
		filepath.Join(sharedStandards, "..", "realworld", "phive", "ubl-other", "*Update*.xml"),
		filepath.Join(sharedStandards, "..", "realworld", "phive", "ubl-other", "*Deletion*.xml"),
	} {
		files, _ := filepath.Glob(pattern)
		for _, p := range files {
			if data, err := os.ReadFile(p); err == nil && len(data) < 64<<10 {
				f.Add(data)
			}
		}
	}
	root := `<Catalogue xmlns="urn:oasis:names:specification:ubl:schema:xsd:Catalogue-2" xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2" xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2">`
	f.Add([]byte(`<?xml version="1.0" encoding="ISO-8859-1"?>` + root + `<cbc:ID>1</cbc:ID><cac:CatalogueLine><cbc:ID>1</cbc:ID><cac:Item><cbc:Name>K` + "\xe6" + `de</cbc:Name></cac:Item></cac:CatalogueLine></Catalogue>`))
	f.Add([]byte(root + `<cac:CatalogueLine><cbc:ID>&amp;&#x41;<![CDATA[<x>]]></cbc:ID><!-- c --><?pi x?></cac:CatalogueLine></Catalogue>`))
	f.Add([]byte(`<!DOCTYPE Catalogue [<!ENTITY a "b">]>` + root + `</Catalogue>`))
	// The limit paths (MaxTokenBytes is 64 KiB below): too many
	// attributes, a value split by comments into tokens under the limit,
	// a line of many values.
	var attrs strings.Builder
	for i := range 2100 {
		attrs.WriteString(" a" + strconv.Itoa(i) + `=""`)
	}
	f.Add([]byte(root + `<cac:CatalogueLine><cbc:ID` + attrs.String() + `>1</cbc:ID></cac:CatalogueLine></Catalogue>`))
	part := strings.Repeat("x", 40<<10)
	f.Add([]byte(root + `<cac:CatalogueLine><cbc:ID>` + part + `<!---->` + part + `</cbc:ID></cac:CatalogueLine></Catalogue>`))
	f.Add([]byte(root + `<cac:CatalogueLine>` + strings.Repeat(`<cbc:Note>`+part+`</cbc:Note>`, 7) + `</cac:CatalogueLine></Catalogue>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := OpenOptions(bytes.NewReader(data), Options{Name: "fuzz.xml", MaxDepth: 64, MaxTokenBytes: 1 << 16, MaxLineNodes: 1000})
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
