package pipeline_test

// End-to-end tests of PEPPOL BIS 3 (read → validate → write → check), moved
// here from formats/ubl/peppol so that the format's own tests do not run the
// pipeline: a validator bug fails these, not the writer's unit tests.

import (
	"bytes"
	"encoding/json"
	"io"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/ekatalog/ekatalog/catalog"
	"github.com/ekatalog/ekatalog/formats"
	"github.com/ekatalog/ekatalog/formats/ubl"
	"github.com/ekatalog/ekatalog/formats/ubl/peppol"
	"github.com/ekatalog/ekatalog/internal/pipeline"
	"github.com/ekatalog/ekatalog/schemas"
	"github.com/ekatalog/ekatalog/testkit/golden"
)

var repoRoot = filepath.Join("..", "..")

// bis3 returns the PEPPOL reference data beside the repository, skipping
// the test when it is absent.
func bis3(t testing.TB) string {
	t.Helper()
	p := filepath.Join(golden.Shared(t, 2), "peppol-poacc-bis3")
	if _, err := os.Stat(p); err != nil {
		t.Skipf("reference data not available: %s", p)
	}
	return p
}

// peppolExamples are the official T19 example catalogues (the
// CatalogueResponse is another document type).
func peppolExamples(t testing.TB) []string {
	t.Helper()
	dir := filepath.Join(bis3(t), "examples")
	files, err := filepath.Glob(filepath.Join(dir, "*.xml"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no examples in %s: %v", dir, err)
	}
	return slices.DeleteFunc(files, func(f string) bool { return strings.Contains(f, "CatalogueResponse") })
}

// peppolChecker reads a document with the PEPPOL checker whatever its
// flavour and returns the checker's findings (the reader's own are left out).
func peppolChecker(doc []byte) ([]catalog.Finding, error) {
	rd, err := ubl.OpenOptions(bytes.NewReader(doc), ubl.Options{Name: "doc.xml",
		Checkers: func(string) []ubl.Checker { return []ubl.Checker{peppol.New()} }})
	if err != nil {
		return nil, err
	}
	var out []catalog.Finding
	var l catalog.Line
	for {
		err := rd.Next(&l)
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		out = append(out, l.Findings...)
	}
	out = append(out, rd.Findings()...)
	return slices.DeleteFunc(out, func(f catalog.Finding) bool { return !strings.HasPrefix(f.RuleID(), "PEPPOL-") }), nil
}

// convertPeppol runs `ekatalog convert FILE --to peppol-bis3 [--header H]`
// through the pipeline and returns the document written.
func convertPeppol(t *testing.T, file string, h *catalog.Header) []byte {
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

// ublXSDValid checks a document against UBL-Catalogue-2.1.xsd with xmllint,
// offline; it skips without xmllint or the schemas.
func ublXSDValid(t *testing.T, doc []byte) {
	t.Helper()
	xsd := filepath.Join(golden.Shared(t, 2), "ubl-2.1-xsd", "maindoc", "UBL-Catalogue-2.1.xsd")
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

// TestPeppolConvertCSV: `ekatalog convert testdata/csv/katalog-da.csv --to
// peppol-bis3 --header testdata/ubl/header-peppol.json` writes a document
// that is valid UBL 2.1 and fires no fatal PEPPOL rule.
func TestPeppolConvertCSV(t *testing.T) {
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
	doc := convertPeppol(t, filepath.Join(repoRoot, "testdata", "csv", "katalog-da.csv"), &h)
	if !bytes.Contains(doc, []byte("<cbc:EndpointID schemeID=\"0184\">12345678</cbc:EndpointID>")) {
		t.Errorf("the header file's seller endpoint is not in the output")
	}
	fs, err := peppolChecker(doc)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range fs {
		if f.Severity == catalog.Error {
			t.Errorf("fatal %s at %s (value %q)", f.RuleID(), f.Pos.XPath, f.Value)
		}
	}
	ublXSDValid(t, doc)
}

// TestPeppolConvertExamples: every official example written again as
// PEPPOL BIS 3 still passes the official rules.
func TestPeppolConvertExamples(t *testing.T) {
	for _, f := range peppolExamples(t) {
		t.Run(filepath.Base(f), func(t *testing.T) {
			doc := convertPeppol(t, f, nil)
			fs, err := peppolChecker(doc)
			if err != nil {
				t.Fatal(err)
			}
			for _, x := range fs {
				t.Errorf("%s %s at %s (value %q)", x.Severity, x.RuleID(), x.Pos.XPath, x.Value)
			}
		})
	}
}

// TestPeppolConvertNeedsValidity: PEPPOL wants a validity period that is
// not empty; without dates convert stops with an error naming the header
// value and writes nothing.
func TestPeppolConvertNeedsValidity(t *testing.T) {
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

// TestPeppolExamplesNoError: the whole pipeline under the default profile
// (peppol-bis3, picked from the document) finds no error in any official
// T19 example and calls it compliant (the checker's own verdict on them is
// formats/ubl/peppol's test).
func TestPeppolExamplesNoError(t *testing.T) {
	for _, f := range peppolExamples(t) {
		t.Run(filepath.Base(f), func(t *testing.T) {
			rep, err := pipeline.Run(f, pipeline.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if rep.Profile != "peppol-bis3" {
				t.Errorf("profile %q, want peppol-bis3", rep.Profile)
			}
			for _, x := range rep.Findings {
				if x.Severity == catalog.Error {
					t.Errorf("error %s at %s: %s", x.RuleID(), x.Where("en"), x.Message("en"))
				}
			}
			if !rep.Summary.Compliant {
				t.Errorf("not compliant: %+v %s", rep.Summary, rep.Error)
			}
		})
	}
}

// TestPeppolPlainUBL: a catalogue whose CustomizationID and ProfileID are
// not PEPPOL's is read as plain UBL, held to the format's default profile
// peppol-bis3, and the official rules say why it is not a PEPPOL catalogue.
func TestPeppolPlainUBL(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(bis3(t), "examples", "Catalogue_Example.xml"))
	if err != nil {
		t.Fatal(err)
	}
	doc := strings.Replace(string(b), "trns:catalogue:3", "trns:catalog:3", 1)
	doc = strings.Replace(doc, "bis:catalogue_only:3", "bis:catalog_only:3", 1)
	f := filepath.Join(t.TempDir(), "plain.xml")
	if err := os.WriteFile(f, []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	rep, err := pipeline.Run(f, pipeline.Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]int{}
	for _, x := range rep.Findings {
		if strings.HasPrefix(x.RuleID(), "PEPPOL-") {
			got[x.RuleID()]++
		}
	}
	if want := map[string]int{"PEPPOL-T19-R017": 1, "PEPPOL-T19-R018": 1}; !maps.Equal(got, want) || rep.Profile != "peppol-bis3" {
		t.Errorf("profile %s, fired %v, want %v", rep.Profile, got, want)
	}
}
