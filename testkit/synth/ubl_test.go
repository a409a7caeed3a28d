package synth_test

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/ekatalog/ekatalog/catalog"
	"github.com/ekatalog/ekatalog/formats/ubl"
	"github.com/ekatalog/ekatalog/formats/ubl/peppol"
	"github.com/ekatalog/ekatalog/testkit/synth"
)

// TestWriteUBL: the synthetic PEPPOL catalogue is about 1.5 KB a line, is
// read back as the items it was made of, fires no official rule and is
// valid against the UBL 2.1 Catalogue schema (when xmllint is installed).
func TestWriteUBL(t *testing.T) {
	const n = 200
	var doc bytes.Buffer
	if err := synth.WriteUBL(&doc, 5, n); err != nil {
		t.Fatal(err)
	}
	if per := doc.Len() / n; per < 1300 || per > 1800 {
		t.Errorf("%d bytes per line, want about 1500", per)
	}
	rd, err := ubl.OpenOptions(bytes.NewReader(doc.Bytes()), ubl.Options{Name: "synth.xml",
		Checkers: func(string) []ubl.Checker { return []ubl.Checker{peppol.New()} }})
	if err != nil {
		t.Fatal(err)
	}
	if rd.Flavour() != ubl.FlavourPeppol {
		t.Errorf("flavour %q", rd.Flavour())
	}
	var l catalog.Line
	lines := 0
	for {
		err := rd.Next(&l)
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		it := synth.At(5 + lines)
		if l.SellerItemID != it.ID || l.GTIN != it.GTIN || l.Unit != synth.UBLUnit(it.Unit) || l.Name != it.Name {
			t.Errorf("line %d: %q %q %q %q, want %+v", lines+1, l.SellerItemID, l.GTIN, l.Unit, l.Name, it)
		}
		for _, f := range l.Findings {
			t.Errorf("line %d: %s at %s", lines+1, f.Rule, f.Pos.XPath)
		}
		lines++
	}
	for _, f := range rd.Findings() {
		t.Errorf("%s at %s", f.Rule, f.Pos.XPath)
	}
	if lines != n {
		t.Errorf("%d lines, want %d", lines, n)
	}

	xsd := filepath.Join("..", "..", "..", "shared", "standards", "ubl-2.1-xsd", "maindoc", "UBL-Catalogue-2.1.xsd")
	if _, err := os.Stat(xsd); errors.Is(err, fs.ErrNotExist) {
		t.Skipf("%s not found", xsd)
	}
	xmllint, err := exec.LookPath("xmllint")
	if err != nil {
		t.Skip("xmllint not installed")
	}
	f := filepath.Join(t.TempDir(), "synth.xml")
	if err := os.WriteFile(f, doc.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(xmllint, "--noout", "--nonet", "--schema", xsd, f).CombinedOutput(); err != nil {
		t.Errorf("not valid against UBL-Catalogue-2.1.xsd: %v\n%s", err, out)
	}
}
