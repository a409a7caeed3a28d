package cxml_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/ekatalog/ekatalog/formats"
	"github.com/ekatalog/ekatalog/formats/cxml"
	"github.com/ekatalog/ekatalog/formats/internal/writertest"
	"github.com/ekatalog/ekatalog/formats/internal/xsdcheck"
	"github.com/ekatalog/ekatalog/testkit/golden"
)

// dtd returns the cXML DTD in ../shared/standards; the test skips without
// it or without xmllint.
func dtd(t *testing.T) string {
	t.Helper()
	if _, err := xsdcheck.Xmllint(); err != nil {
		t.Skip(err)
	}
	s, _ := xsdcheck.ForTarget("cxml")
	return filepath.Join(golden.Shared(t, 2), s.Path)
}

// TestDTD: every output is a valid cXML Index under the DTD its DOCTYPE
// names: the examples, a generated catalogue and every real UBL catalogue.
// Lines that lack what cXML requires are still valid (the required
// elements are written empty, and the report names the lines).
func TestDTD(t *testing.T) {
	d := dtd(t)
	tg := target(t)
	var docs []writertest.Doc
	for _, in := range append(writertest.Fixtures(t), writertest.Synth(t, 500)) {
		out, _ := writertest.Convert(t, in, tg, writertest.Header(t), formats.WriteOptions{})
		docs = append(docs, writertest.Doc{Name: filepath.Base(in), Data: out})
	}
	converted := 0
	for _, f := range writertest.RealUBL(t) {
		out, rep, err := writertest.TryConvert(t, f, tg, nil, formats.WriteOptions{})
		if err != nil {
			t.Errorf("%s: %v", filepath.Base(f), err)
			continue
		}
		if rep.Error != "" {
			continue
		}
		converted++
		docs = append(docs, writertest.Doc{Name: filepath.Base(f), Data: out})
	}
	writertest.Validate(t, d, true, docs)
	if converted < 60 {
		t.Errorf("only %d real catalogues converted", converted)
	}
}

// TestDoctype: the DOCTYPE names the Index root and the DTD version the
// document is checked against, the version the DTD itself declares.
func TestDoctype(t *testing.T) {
	d := dtd(t)
	b, err := os.ReadFile(d)
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`<!ENTITY cxml.version "([^"]+)"`).FindSubmatch(b)
	if m == nil || string(m[1]) != cxml.Version {
		t.Fatalf("the DTD is version %q, the writer writes %s", m, cxml.Version)
	}
	out, _ := writertest.Convert(t, "testdata/canonical/csv-katalog-da.json", target(t), writertest.Header(t), formats.WriteOptions{})
	want := `<!DOCTYPE Index SYSTEM "http://xml.cxml.org/schemas/cXML/` + cxml.Version + `/cXML.dtd">`
	if !strings.Contains(string(out), want) {
		t.Errorf("no %s in\n%.300s", want, out)
	}
}
