package pipeline

import (
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/ekatalog/ekatalog/catalog"
	"github.com/ekatalog/ekatalog/formats"
	"github.com/ekatalog/ekatalog/testkit/golden"
)

// convertTo converts a file as `ekatalog convert --to target` does (the
// target's profile, the document's own rules on the input, the output
// checked under the target's rules as it is written).
func convertTo(t *testing.T, file, target string) ([]byte, *catalog.Report) {
	t.Helper()
	tg, err := formats.TargetByName(target)
	if err != nil {
		t.Fatal(err)
	}
	p, err := catalog.BuiltinProfile(tg.Profile)
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	rep, err := Run(file, Options{Profile: p, TargetProfile: true, Target: tg, Sequential: true,
		Writer: func(h catalog.Header, tee func(io.Writer) io.Writer) (formats.Writer, error) {
			return tg.New(tee(&out), h, formats.WriteOptions{})
		}})
	if err != nil {
		t.Fatalf("%s --to %s: %v", file, target, err)
	}
	return out.Bytes(), rep
}

// xsdValid checks a document against UBL-Catalogue-2.1.xsd with xmllint.
func xsdValid(t *testing.T, name string, doc []byte) {
	t.Helper()
	xmllint, err := exec.LookPath("xmllint")
	if err != nil {
		t.Skip("xmllint not installed (apt-get install libxml2-utils)")
	}
	xsd := filepath.Join(golden.Shared(t, 2), "ubl-2.1-xsd", "maindoc", "UBL-Catalogue-2.1.xsd")
	f := filepath.Join(t.TempDir(), "out.xml")
	if err := os.WriteFile(f, doc, 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(xmllint, "--noout", "--nonet", "--schema", xsd, f).CombinedOutput(); err != nil {
		t.Errorf("%s: the output is not valid against UBL-Catalogue-2.1.xsd: %v\n%s", name, err, out)
	}
}

// passingDocuments are the UBL catalogues of ../shared that pass their own
// flavour's official rules: from expected.json for the real-world ones,
// by ekatalog's checker (held to the official verdicts by
// TestOfficialParity) for the examples of the standards.
func passingDocuments(t *testing.T) map[string]string {
	dir := realworld(t)
	docs := map[string]string{}
	for name, e := range readExpected(t, dir) {
		own, flavour := e.Peppol, "peppol-bis3"
		if e.Flavour == "oioubl" {
			own, flavour = e.OIOUBL, "oioubl"
		}
		if len(own.Fatal) == 0 {
			docs[filepath.Join(dir, name)] = flavour
		}
	}
	std := golden.Shared(t, 2)
	examples, _ := filepath.Glob(filepath.Join(std, "peppol-poacc-bis3", "examples", "*.xml"))
	examples = append(examples, filepath.Join(std, "oioubl", "examples", "OIOUBL_Catalogue_v2p2.xml"))
	for _, f := range examples {
		src, err := Open(f, Options{})
		if err != nil {
			continue // not a catalogue (a response, an order)
		}
		flavour := DefaultProfile(src)
		src.Close()
		if flavour != "peppol-bis3" && flavour != "oioubl" {
			continue
		}
		p, _ := catalog.BuiltinProfile(flavour)
		rep, err := Run(f, Options{Profile: p, Sequential: true})
		if err != nil {
			continue
		}
		if official := officialVerdict(rep); len(official.Fatal) == 0 {
			docs[f] = flavour
		}
	}
	if len(docs) < 10 {
		t.Fatalf("only %d documents pass their own rules; the shared data changed?", len(docs))
	}
	return docs
}

// requiredBy names the canonical field whose absence in the source makes
// an OIOUBL output fail the rule: the conversion must have said so
// (TARGET-REQUIRED) and never invent the value.
var requiredBy = map[string]string{
	"F-CAT230": "classification", "F-CAT232": "classification", "F-CAT233": "classification",
	"F-CAT115": "unit", "F-CAT223": "sellerItemId",
}

// TestConvertBetweenFlavours: every document that passes its own
// flavour's official rules converts to the other flavour with XSD-valid
// output that passes ekatalog's checker for that flavour, except where the
// source lacks what the target demands and nothing lawful can stand in: a
// UNSPSC code (F-CAT230/232/233), an order unit (F-CAT115), a seller's item
// number (F-CAT223). Then the conversion reports TARGET-REQUIRED for the
// field, each failing line of the output names its source line, and the
// report is not compliant (exit 1).
func TestConvertBetweenFlavours(t *testing.T) {
	docs := passingDocuments(t)
	names := make([]string, 0, len(docs))
	for n := range docs {
		names = append(names, n)
	}
	slices.Sort(names)
	seen := map[string]int{}
	for _, name := range names {
		to := "oioubl"
		if docs[name] == "oioubl" {
			to = "peppol-bis3"
		}
		seen[to]++
		base := filepath.Base(name) + " → " + to
		out, rep := convertTo(t, name, to)
		xsdValid(t, base, out)
		if rep.Output == nil {
			t.Fatalf("%s: the output was not checked", base)
		}
		required := map[string]bool{}
		for _, f := range rep.Findings {
			if f.RuleID() == "TARGET-REQUIRED" && !f.Output {
				required[f.Field] = true
			}
		}
		for _, f := range rep.Findings {
			if !f.Output || f.Severity != catalog.Error {
				continue
			}
			field, ok := requiredBy[f.RuleID()]
			if !ok || to != "oioubl" {
				t.Errorf("%s: the output fails %s at %s (source line %d): %s", base, f.RuleID(), f.Pos.XPath, f.Line, f.Message("en"))
				continue
			}
			if !required[field] {
				t.Errorf("%s: the output fails %s but the report has no TARGET-REQUIRED %s", base, f.RuleID(), field)
			}
			if f.Line == 0 || !strings.HasPrefix(f.Pos.XPath, "/Catalogue/CatalogueLine[") {
				t.Errorf("%s: %s does not name its source line and output line: line %d, %q", base, f.RuleID(), f.Line, f.Pos.XPath)
			}
		}
		if rep.Output.Failed() == rep.Summary.Compliant {
			t.Errorf("%s: output failed %v but compliant %v", base, rep.Output.Failed(), rep.Summary.Compliant)
		}
		if to == "peppol-bis3" && rep.Output.Failed() {
			t.Errorf("%s: an OIOUBL document that passes its rules must give a PEPPOL document that passes T19", base)
		}
	}
	if seen["oioubl"] == 0 || seen["peppol-bis3"] == 0 {
		t.Fatalf("conversions tested: %v; want both directions", seen)
	}
}

// TestFlavourMapping: each mapping decision between PEPPOL BIS 3 and
// OIOUBL 2.1, on a real document.
func TestFlavourMapping(t *testing.T) {
	rw := realworld(t)
	std := golden.Shared(t, 2)
	oioDoc := filepath.Join(rw, "phive", "ubl", "1.12.3__OIOUBL_Catalogue_v2p2@ada3e3e.xml")
	oioNeg := filepath.Join(rw, "phive", "ubl", "2.0.2__CATEXE_05_05_00_Catalogue_A_v2p2@ada3e3e.xml")
	peppolDoc := filepath.Join(std, "peppol-poacc-bis3", "examples", "catalogue-wo-response-use-case-1.xml")
	peppolFull := filepath.Join(std, "peppol-poacc-bis3", "examples", "Catalogue_Example.xml")
	peppolAttach := filepath.Join(rw, "poacc", "ubl", "catalogue__Snippet-1-1@1f78c5f.xml")
	ehf := filepath.Join(rw, "ehf", "ubl", "example__T19_Example_file_EHF_Catalogue@c51d773.xml")

	type want struct {
		name, file, to string
		has, hasNot    []string // regular expressions on the output
		findings       []string // "RULE field" the report must have
	}
	cases := []want{
		{name: "party schemes OIOUBL to ICD", file: oioDoc, to: "peppol-bis3",
			has:    []string{`<cbc:EndpointID schemeID="0184">45656787<`, `<cbc:EndpointID schemeID="0088">5798009811578<`},
			hasNot: []string{`schemeID="GLN"`, `schemeID="DK:CVR"`, `>DK45656787<`, `schemeAgencyID`}},
		{name: "party schemes ICD to OIOUBL", file: peppolDoc, to: "oioubl",
			has:    []string{`<cbc:ID schemeAgencyID="9" schemeID="GLN">5790000435951<`, `<cbc:CompanyID schemeID="ZZZ">`},
			hasNot: []string{`schemeID="0088"`, `schemeID="0192"`}},
		{name: "unit codes to OIOUBL", file: peppolDoc, to: "oioubl",
			has: []string{`<cbc:OrderableUnit>BX</cbc:OrderableUnit>`}, hasNot: []string{`<cbc:OrderableUnit>XBX<`}},
		{name: "unit codes valid in both stay", file: oioDoc, to: "peppol-bis3",
			has: []string{`<cbc:OrderableUnit>EA</cbc:OrderableUnit>`}},
		{name: "tax category to OIOUBL", file: peppolDoc, to: "oioubl",
			has:    []string{`<cac:ApplicableTaxCategory>\s*<cbc:ID schemeAgencyID="320" schemeID="urn:oioubl:id:taxcategoryid-1.1">StandardRated</cbc:ID>`, `schemeID="urn:oioubl:id:taxschemeid-1.1">63<`},
			hasNot: []string{`<cac:ClassifiedTaxCategory>`}},
		{name: "tax category to PEPPOL", file: oioDoc, to: "peppol-bis3",
			has:    []string{`<cac:ClassifiedTaxCategory>\s*<cbc:ID>S</cbc:ID>`, `<cac:TaxScheme>\s*<cbc:ID>VAT</cbc:ID>`},
			hasNot: []string{`StandardRated`, `urn:oioubl:`, `<cac:ApplicableTaxCategory>`}},
		{name: "action codes to OIOUBL", file: peppolDoc, to: "oioubl",
			has: []string{`<cbc:ActionCode listAgencyID="320" listID="urn:oioubl:codelist:catalogueactioncode-1.1">Add</cbc:ActionCode>`}},
		{name: "action codes to PEPPOL", file: oioNeg, to: "peppol-bis3",
			has: []string{`<cbc:ActionCode>Update</cbc:ActionCode>`, `<cbc:ActionCode>Delete</cbc:ActionCode>`}, hasNot: []string{`catalogueactioncode`}},
		{name: "address formats to OIOUBL", file: peppolDoc, to: "oioubl",
			has:      []string{`listID="urn:oioubl:codelist:addressformatcode-1.1">StructuredLax<`},
			hasNot:   []string{`<cac:AddressLine>`},
			findings: []string{"TARGET-DROPPED extra /Catalogue/ProviderParty/PostalAddress/AddressLine"}},
		{name: "address formats to PEPPOL", file: oioDoc, to: "peppol-bis3",
			hasNot: []string{`AddressFormatCode`}, findings: []string{"TARGET-DROPPED extra /Catalogue/ProviderParty/PostalAddress/AddressFormatCode"}},
		{name: "classification: other schemes dropped, UNSPSC required", file: peppolDoc, to: "oioubl",
			hasNot:   []string{`listID="MP"`, `<cac:CommodityClassification>`},
			findings: []string{"TARGET-DROPPED classification", "TARGET-REQUIRED classification", "F-CAT230 "}},
		{name: "classification: UNSPSC to PEPPOL", file: oioDoc, to: "peppol-bis3",
			has: []string{`<cbc:ItemClassificationCode listID="TST"[^>]*>\d{8}<`}, hasNot: []string{`listAgencyID="113"`}},
		{name: "attachments embedded xor linked", file: peppolFull, to: "oioubl",
			has:      []string{`<cbc:EmbeddedDocumentBinaryObject`},
			hasNot:   []string{`(?s)<cac:Attachment>\s*<cbc:EmbeddedDocumentBinaryObject[^<]*</cbc:EmbeddedDocumentBinaryObject>\s*<cac:ExternalReference>`},
			findings: []string{"TARGET-DROPPED extra /Catalogue/CatalogueLine/Item/ItemSpecificationDocumentReference/Attachment/ExternalReference"}},
		{name: "untyped document reference left out", file: peppolAttach, to: "oioubl",
			hasNot:   []string{`PC01specs.pdf`},
			findings: []string{"TARGET-DROPPED extra /Catalogue/CatalogueLine/Item/ItemSpecificationDocumentReference"}},
		{name: "OrderableUnit: never invented", file: peppolFull, to: "oioubl",
			findings: []string{"TARGET-REQUIRED unit", "F-CAT115 "}},
		{name: "no element outside the T19 data model", file: oioDoc, to: "peppol-bis3",
			hasNot: []string{`<cbc:UBLVersionID>`, `<cbc:UUID>`, `<cbc:IssueTime>`, `<cbc:ModelName>`, `<cac:Person>`, `<cac:DeliveryUnit>`},
			findings: []string{"TARGET-DROPPED extra /Catalogue/UUID", "TARGET-DROPPED extra /Catalogue/CatalogueLine/Item/ModelName",
				"TARGET-DROPPED extra /Catalogue/ProviderParty/Person", "TARGET-DROPPED extra /Catalogue/CatalogueLine/RequiredItemLocationQuantity/DeliveryUnit"}},
		{name: "no price below zero, no location quantity without a price", file: oioNeg, to: "peppol-bis3",
			hasNot:   []string{`<cac:RequiredItemLocationQuantity>`},
			findings: []string{"TARGET-DROPPED extra /Catalogue/CatalogueLine/RequiredItemLocationQuantity"}},
		{name: "action code list is OIOUBL's whatever the source named", file: ehf, to: "oioubl",
			has: []string{`\t\t<cbc:ActionCode listID="urn:oioubl:codelist:catalogueactioncode-1.1" listAgencyID="320">Add<`}, hasNot: []string{`ACTIONCODE:BII2`}},
		{name: "standard rate without its percent is not invented", file: ehf, to: "oioubl",
			hasNot: []string{`>StandardRated</cbc:ID>\s*<cac:TaxScheme>`}, findings: []string{"TARGET-DROPPED vatCategory"}},
		{name: "no schemaLocation copied", file: filepath.Join(rw, "phive", "ubl", "2.0.2__CATEXE_05_05_00_Catalogue_B_v2p2@ada3e3e.xml"), to: "peppol-bis3",
			hasNot: []string{`schemaLocation`, `xmlns:xsi`}},
	}
	emptyElement := regexp.MustCompile(`<[a-z]+:[A-Za-z]+(\s[^>]*)?/>|<([a-z]+:[A-Za-z]+)[^>]*>\s*</[a-z]+:[A-Za-z]+>`)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out, rep := convertTo(t, c.file, c.to)
			for _, re := range c.has {
				if !regexp.MustCompile(re).Match(out) {
					t.Errorf("the output lacks %s", re)
				}
			}
			for _, re := range c.hasNot {
				if m := regexp.MustCompile(re).Find(out); m != nil {
					t.Errorf("the output has %s: %q", re, m)
				}
			}
			if m := emptyElement.Find(out); m != nil {
				t.Errorf("the output has an empty element: %q", m)
			}
			got := map[string]bool{}
			for _, f := range rep.Findings {
				got[f.RuleID()+" "] = true
				got[f.RuleID()+" "+f.Field] = true
				if f.RuleID() == "TARGET-DROPPED" && f.Pos.XPath != "" {
					got[f.RuleID()+" "+f.Field+" "+f.Pos.XPath] = true
				}
			}
			for _, w := range c.findings {
				if !got[w] {
					t.Errorf("the report lacks %q", w)
				}
			}
			// Every UBL output has been checked; only a missing source
			// value may make it fail.
			if rep.Output == nil {
				t.Fatal("the output was not checked")
			}
			for _, f := range rep.Findings {
				if f.Output && f.Severity == catalog.Error && requiredBy[f.RuleID()] == "" {
					t.Errorf("the output fails %s at %s", f.RuleID(), f.Pos.XPath)
				}
			}
		})
	}
}

// TestFlavourRoundTrip: PEPPOL → OIOUBL → PEPPOL translates the units each
// way (Rec 21 XBX is OIOUBL's BX and back) and the identifier schemes (ICD
// 0088 is OIOUBL's GLN and back), and the PEPPOL document that comes back
// passes T19.
func TestFlavourRoundTrip(t *testing.T) {
	src := filepath.Join(golden.Shared(t, 2), "peppol-poacc-bis3", "examples", "catalogue-wo-response-use-case-1.xml")
	oio, _ := convertTo(t, src, "oioubl")
	if !bytes.Contains(oio, []byte("<cbc:OrderableUnit>BX</cbc:OrderableUnit>")) || !bytes.Contains(oio, []byte(`schemeID="GLN"`)) {
		t.Fatalf("the OIOUBL document lacks BX or GLN:\n%s", oio)
	}
	mid := filepath.Join(t.TempDir(), "oioubl.xml")
	if err := os.WriteFile(mid, oio, 0o644); err != nil {
		t.Fatal(err)
	}
	back, rep := convertTo(t, mid, "peppol-bis3")
	if !bytes.Contains(back, []byte("<cbc:OrderableUnit>XBX</cbc:OrderableUnit>")) || !bytes.Contains(back, []byte(`schemeID="0088"`)) || bytes.Contains(back, []byte(`"GLN"`)) {
		t.Errorf("the PEPPOL document lacks XBX or 0088:\n%s", back)
	}
	if rep.Output.Failed() {
		for _, f := range rep.Findings {
			if f.Output {
				t.Errorf("%s at %s", f.RuleID(), f.Pos.XPath)
			}
		}
	}
	xsdValid(t, "round trip", back)
}

// TestConvertAllXSDValid: whatever a real, schema-valid UBL catalogue
// holds, valid or not under its own flavour's rules, what the writers make
// of it for either flavour is valid against the UBL 2.1 schema (an input
// that lacks header values the target must have is refused, not written).
// A source that breaks the schema itself is left out: values of elements
// with no canonical field are copied as they are (see the report).
func TestConvertAllXSDValid(t *testing.T) {
	dir := realworld(t)
	docs := readExpected(t, dir)
	names := make([]string, 0, len(docs))
	for n := range docs {
		names = append(names, n)
	}
	slices.Sort(names)
	written := 0
	xmllint, err := exec.LookPath("xmllint")
	if err != nil {
		t.Skip("xmllint not installed (apt-get install libxml2-utils)")
	}
	xsd := filepath.Join(golden.Shared(t, 2), "ubl-2.1-xsd", "maindoc", "UBL-Catalogue-2.1.xsd")
	for _, name := range names {
		if exec.Command(xmllint, "--noout", "--nonet", "--schema", xsd, filepath.Join(dir, name)).Run() != nil {
			t.Logf("%s breaks UBL-Catalogue-2.1.xsd itself: left out", name)
			continue
		}
		for _, to := range []string{"peppol-bis3", "oioubl"} {
			tg, _ := formats.TargetByName(to)
			var out bytes.Buffer
			rep, err := Run(filepath.Join(dir, name), Options{Target: tg, TargetProfile: true, Sequential: true,
				Writer: func(h catalog.Header, tee func(io.Writer) io.Writer) (formats.Writer, error) {
					return tg.New(tee(&out), h, formats.WriteOptions{})
				}})
			if err != nil {
				if !strings.Contains(err.Error(), "needs header values") {
					t.Errorf("%s → %s: %v", name, to, err)
				}
				continue
			}
			if rep.Output == nil {
				t.Errorf("%s → %s: the output was not checked", name, to)
			}
			written++
			xsdValid(t, name+" → "+to, out.Bytes())
		}
	}
	if written < 60 {
		t.Errorf("only %d outputs written", written)
	}
}
