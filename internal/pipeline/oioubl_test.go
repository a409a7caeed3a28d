package pipeline_test

// End-to-end tests of OIOUBL (read → validate → write → check), moved here
// from formats/ubl/oioubl so that the format's own tests do not run the
// pipeline.

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
	"github.com/ekatalog/ekatalog/formats/ubl"
	"github.com/ekatalog/ekatalog/internal/pipeline"
	"github.com/ekatalog/ekatalog/testkit/golden"
)

var repoTestdata = filepath.Join(repoRoot, "testdata")

// standards returns the reference data beside the repository, skipping the
// test when it is absent.
func standards(t *testing.T) string {
	t.Helper()
	return golden.Shared(t, 2)
}

func errorsOf(rep *catalog.Report) []string {
	var out []string
	for _, f := range rep.Findings {
		if f.Severity == catalog.Error {
			out = append(out, f.RuleID()+" at "+f.Pos.XPath+": "+f.Message("en"))
		}
	}
	return out
}

// TestOIOUBLOfficialExample: the official example, validated as
// `ekatalog validate` does, is an OIOUBL catalogue with no error under the
// oioubl profile.
func TestOIOUBLOfficialExample(t *testing.T) {
	sharedStandards := standards(t)
	rep, err := pipeline.Run(filepath.Join(sharedStandards, "oioubl", "examples", "OIOUBL_Catalogue_v2p2.xml"), pipeline.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Profile != "oioubl" {
		t.Errorf("profile %q, want oioubl", rep.Profile)
	}
	if errs := errorsOf(rep); len(errs) > 0 || rep.Summary.Lines != 3 {
		t.Errorf("%d lines, errors: %s", rep.Summary.Lines, strings.Join(errs, "\n"))
	}
}

// TestOIOUBLOfficialRules: the official rules' findings reach the report.
func TestOIOUBLOfficialRules(t *testing.T) {
	sharedStandards := standards(t)
	b, err := os.ReadFile(filepath.Join(sharedStandards, "oioubl", "examples", "OIOUBL_Catalogue_v2p2.xml"))
	if err != nil {
		t.Fatal(err)
	}
	doc := strings.Replace(string(b), `<cbc:ContentUnitQuantity unitCode="EA">`, `<cbc:ContentUnitQuantity unitCode="H87">`, 1)
	f := filepath.Join(t.TempDir(), "h87.xml")
	if err := os.WriteFile(f, []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	rep, err := pipeline.Run(f, pipeline.Options{})
	if err != nil {
		t.Fatal(err)
	}
	errs := errorsOf(rep)
	if len(errs) != 1 || !strings.HasPrefix(errs[0], "F-LIB318 at /Catalogue/CatalogueLine[1]/ContentUnitQuantity") {
		t.Errorf("errors: %q", errs)
	}
}

// TestOIOUBLConvertCSV: the Danish CSV converted to OIOUBL with a header file is
// valid against the UBL 2.1 Catalogue schema and fires no OIOUBL rule; its
// units are OIOUBL's (EA, BX, … rather than H87, XBX).
func TestOIOUBLConvertCSV(t *testing.T) {
	sharedStandards := standards(t)
	hb, err := os.ReadFile(filepath.Join(repoTestdata, "ubl", "header-oioubl.json"))
	if err != nil {
		t.Fatal(err)
	}
	var h catalog.Header
	if err := json.Unmarshal(hb, &h); err != nil {
		t.Fatal(err)
	}
	target, err := formats.TargetByName("oioubl")
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	rep, err := pipeline.Run(filepath.Join(repoTestdata, "csv", "katalog-da.csv"), pipeline.Options{
		Header: &h, Target: target,
		Writer: func(h catalog.Header, tee func(io.Writer) io.Writer) (formats.Writer, error) {
			return target.New(tee(&out), h, formats.WriteOptions{})
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	if errs := errorsOf(rep); len(errs) > 0 {
		t.Fatalf("the CSV has errors: %s", strings.Join(errs, "\n"))
	}
	doc := out.Bytes()
	for _, unit := range []string{"H87", "XBX", "XPK", "XBG", "XRO"} {
		if bytes.Contains(doc, []byte(">"+unit+"<")) || bytes.Contains(doc, []byte(`"`+unit+`"`)) {
			t.Errorf("the output has the PEPPOL unit %s", unit)
		}
	}
	for _, unit := range []string{"EA", "BX", "PK", "BG", "RO"} {
		if !bytes.Contains(doc, []byte("<cbc:OrderableUnit>"+unit+"<")) {
			t.Errorf("the output has no OrderableUnit %s", unit)
		}
	}

	f := filepath.Join(t.TempDir(), "katalog-da.oioubl.xml")
	if err := os.WriteFile(f, doc, 0o644); err != nil {
		t.Fatal(err)
	}
	again, err := pipeline.Run(f, pipeline.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if again.Profile != "oioubl" {
		t.Errorf("the output is read as %q, not OIOUBL", again.Profile)
	}
	for _, x := range again.Findings {
		t.Errorf("the output fires %s %s at %s: %s", x.RuleID(), x.Severity, x.Pos.XPath, x.Message("en"))
	}

	xmllint, err := exec.LookPath("xmllint")
	if err != nil {
		t.Skip("xmllint not installed (apt-get install libxml2-utils)")
	}
	xsd := filepath.Join(sharedStandards, "ubl-2.1-xsd", "maindoc", "UBL-Catalogue-2.1.xsd")
	cmd := exec.Command(xmllint, "--noout", "--nonet", "--schema", xsd, f)
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("not valid against UBL-Catalogue-2.1.xsd: %v\n%s", err, msg)
	}
}

// TestOIOUBLWrittenExample: the official example written again as OIOUBL still
// passes every rule.
func TestOIOUBLWrittenExample(t *testing.T) {
	sharedStandards := standards(t)
	target, _ := formats.TargetByName("oioubl")
	var out bytes.Buffer
	_, err := pipeline.Run(filepath.Join(sharedStandards, "oioubl", "examples", "OIOUBL_Catalogue_v2p2.xml"), pipeline.Options{
		Target: target,
		Writer: func(h catalog.Header, tee func(io.Writer) io.Writer) (formats.Writer, error) {
			return ubl.NewOIOUBLWriter(tee(&out), h)
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	f := filepath.Join(t.TempDir(), "again.xml")
	if err := os.WriteFile(f, out.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	rep, err := pipeline.Run(f, pipeline.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if errs := errorsOf(rep); len(errs) > 0 {
		t.Errorf("errors: %s", strings.Join(errs, "\n"))
	}
}

// writerRules are the OIOUBL rules about what the writer itself decides:
// document identification, defaults, identifier schemes, address formats,
// units and document types. Whatever the source, they must not fire on the
// writer's output (rules about the data, such as a missing UNSPSC code,
// may).
var writerRules = []string{
	"F-LIB001", "F-LIB002", "W-LIB003", "W-LIB203", "F-CAT003", "F-CAT005", "F-CAT006", "F-CAT041",
	"F-CAT101", "F-CAT102", "F-CAT103", "F-CAT106", "F-CAT108", "F-LIB007", "W-LIB008", "F-LIB092",
	"F-LIB179", "F-LIB183", "F-LIB187", "F-LIB189", "F-LIB025", "F-LIB026", "F-LIB039", "F-LIB040",
}

// TestOIOUBLWritePeppolExamples: the official PEPPOL examples written as OIOUBL
// fire none of the writer's rules.
func TestOIOUBLWritePeppolExamples(t *testing.T) {
	sharedStandards := standards(t)
	files, _ := filepath.Glob(filepath.Join(sharedStandards, "peppol-poacc-bis3", "examples", "*.xml"))
	target, _ := formats.TargetByName("oioubl")
	for _, src := range files {
		if strings.Contains(src, "Response") {
			continue
		}
		t.Run(filepath.Base(src), func(t *testing.T) {
			var out bytes.Buffer
			if _, err := pipeline.Run(src, pipeline.Options{Target: target,
				Writer: func(h catalog.Header, tee func(io.Writer) io.Writer) (formats.Writer, error) {
					return ubl.NewOIOUBLWriter(tee(&out), h)
				},
			}); err != nil {
				t.Fatal(err)
			}
			f := filepath.Join(t.TempDir(), "out.xml")
			if err := os.WriteFile(f, out.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			rep, err := pipeline.Run(f, pipeline.Options{})
			if err != nil {
				t.Fatal(err)
			}
			for _, x := range rep.Findings {
				for _, r := range writerRules {
					if x.RuleID() == r {
						t.Errorf("%s at %s: %s", x.RuleID(), x.Pos.XPath, x.Message("en"))
					}
				}
			}
		})
	}
}
