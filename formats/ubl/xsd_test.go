package ubl

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// xmllintXSD validates a document against the UBL 2.1 Catalogue schema
// with xmllint (libxml2), offline. It skips when xmllint is not installed.
func xmllintXSD(t *testing.T, doc []byte) {
	t.Helper()
	xmllint, err := exec.LookPath("xmllint")
	if err != nil {
		t.Skip("xmllint not installed (apt-get install libxml2-utils)")
	}
	xsd := filepath.Join(sharedStandards, "ubl-2.1-xsd", "maindoc", "UBL-Catalogue-2.1.xsd")
	f := filepath.Join(t.TempDir(), "out.xml")
	if err := os.WriteFile(f, doc, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(xmllint, "--noout", "--nonet", "--schema", xsd, f)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		t.Errorf("the output is not valid against UBL-Catalogue-2.1.xsd: %v\n%s", err, out.String())
	}
}

// TestWriterXSD: what the writers make of every example is valid UBL 2.1.
func TestWriterXSD(t *testing.T) {
	files := append(peppolExamples(t), oioublExample(t))
	for _, f := range files {
		_, h, lines := readFile(t, f)
		t.Run(filepath.Base(f)+"/peppol", func(t *testing.T) { xmllintXSD(t, writeUBL(t, NewPeppolWriter, h, lines)) })
		t.Run(filepath.Base(f)+"/oioubl", func(t *testing.T) { xmllintXSD(t, writeUBL(t, NewOIOUBLWriter, h, lines)) })
	}
}
