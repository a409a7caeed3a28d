package peppol_test

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ekatalog/ekatalog/catalog"
	"github.com/ekatalog/ekatalog/formats"
	"github.com/ekatalog/ekatalog/internal/pipeline"
	"github.com/ekatalog/ekatalog/schemas"
)

var repoRoot = filepath.Join("..", "..", "..")

// convert runs `ekatalog convert FILE --to peppol-bis3 [--header H]`
// through the pipeline and returns the document written.
func convert(t *testing.T, file string, h *catalog.Header) []byte {
	t.Helper()
	target, err := formats.TargetByName("peppol-bis3")
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	rep, err := pipeline.Run(file, pipeline.Options{Header: h, Target: target,
		Writer: func(h catalog.Header, tee func(io.Writer) io.Writer) (formats.Writer, error) {
			return target.New(tee(&out), h, formats.WriteOptions{})
		}})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Error != "" {
		t.Fatalf("%s: %s", file, rep.Error)
	}
	return out.Bytes()
}

// xsdValid checks a document against UBL-Catalogue-2.1.xsd with xmllint,
// offline; it skips without xmllint or the schemas.
func xsdValid(t *testing.T, doc []byte) {
	t.Helper()
	xsd := filepath.Join(bis3, "..", "ubl-2.1-xsd", "maindoc", "UBL-Catalogue-2.1.xsd")
	if _, err := os.Stat(xsd); err != nil {
		t.Skipf("%s: %v", xsd, err)
	}
	xmllint, err := exec.LookPath("xmllint")
	if err != nil {
		t.Skip("xmllint not installed")
	}
	f := filepath.Join(t.TempDir(), "out.xml")
	if err := os.WriteFile(f, doc, 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(xmllint, "--noout", "--nonet", "--schema", xsd, f).CombinedOutput(); err != nil {
		t.Errorf("not valid against UBL-Catalogue-2.1.xsd: %v\n%s", err, out)
	}
}

// noFatal: the checker finds no fatal failure in a written document.
func noFatal(t *testing.T, doc []byte) {
	t.Helper()
	fs, err := runChecker(doc)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range fs {
		if f.Severity == catalog.Error {
			t.Errorf("fatal %s at %s (value %q)", f.Rule, f.Pos.XPath, f.Value)
		}
	}
}

// TestConvertCSV: `ekatalog convert testdata/csv/katalog-da.csv --to
// peppol-bis3 --header testdata/ubl/header-peppol.json` writes a document
// that is valid UBL 2.1 and fires no fatal PEPPOL rule.
func TestConvertCSV(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(repoRoot, "testdata", "ubl", "header-peppol.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := schemas.Check(schemas.Header, b); err != nil {
		t.Fatalf("header-peppol.json: %v", err)
	}
	var h catalog.Header
	if err := json.Unmarshal(b, &h); err != nil {
		t.Fatal(err)
	}
	doc := convert(t, filepath.Join(repoRoot, "testdata", "csv", "katalog-da.csv"), &h)
	if !bytes.Contains(doc, []byte("<cbc:EndpointID schemeID=\"0184\">12345678</cbc:EndpointID>")) {
		t.Errorf("the header file's seller endpoint is not in the output")
	}
	noFatal(t, doc)
	xsdValid(t, doc)
}

// TestConvertExamples: every official example written again as PEPPOL BIS
// 3 still passes the official rules.
func TestConvertExamples(t *testing.T) {
	for _, f := range examples(t) {
		t.Run(filepath.Base(f), func(t *testing.T) {
			doc := convert(t, f, nil)
			fs, err := runChecker(doc)
			if err != nil {
				t.Fatal(err)
			}
			for _, x := range fs {
				t.Errorf("%s %s at %s (value %q)", x.Severity, x.Rule, x.Pos.XPath, x.Value)
			}
		})
	}
}

// TestConvertNeedsValidity: PEPPOL wants a validity period that is not
// empty; without dates the writer names the header value and writes nothing.
func TestConvertNeedsValidity(t *testing.T) {
	h := catalog.Header{ID: "K1", IssueDate: "2026-01-01",
		Seller:   catalog.Party{Name: "S", EndpointID: "12345678", EndpointScheme: "0184"},
		Receiver: catalog.Party{Name: "R", EndpointID: "5790000435951", EndpointScheme: "0088"}}
	target, err := formats.TargetByName("peppol-bis3")
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	_, err = pipeline.Run(filepath.Join(repoRoot, "testdata", "csv", "katalog-da.csv"), pipeline.Options{Header: &h, Target: target,
		Writer: func(h catalog.Header, tee func(io.Writer) io.Writer) (formats.Writer, error) {
			return target.New(tee(&out), h, formats.WriteOptions{})
		}})
	if err == nil || !strings.Contains(err.Error(), "catalogue.validFrom") {
		t.Errorf("err = %v, want one naming catalogue.validFrom", err)
	}
	if out.Len() > 0 {
		t.Errorf("%d bytes written", out.Len())
	}
}
