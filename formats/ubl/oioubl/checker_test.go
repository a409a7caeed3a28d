package oioubl

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/ekatalog/ekatalog/catalog"
	"github.com/ekatalog/ekatalog/formats/ubl"
)

// sharedStandards holds the reference data; tests that need it skip when
// it is absent.
var sharedStandards = filepath.Join("..", "..", "..", "..", "shared", "standards")

// officialExample returns the official OIOUBL 2.1 catalogue example.
func officialExample(t testing.TB) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(sharedStandards, "oioubl", "examples", "OIOUBL_Catalogue_v2p2.xml"))
	if errors.Is(err, fs.ErrNotExist) {
		t.Skipf("%s not found", sharedStandards)
	}
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// exampleText is the official example with its CRLF line ends as LF, so
// that the mutations can name several lines.
func exampleText(t testing.TB) string {
	return strings.ReplaceAll(string(officialExample(t)), "\r\n", "\n")
}

// check reads a document with the OIOUBL checker and returns its
// findings, header ones first. It fails the test when the document cannot
// be read.
func check(t testing.TB, doc []byte) []catalog.Finding {
	t.Helper()
	fs, err := checkDoc(doc)
	if err != nil {
		t.Fatal(err)
	}
	return fs
}

func checkDoc(doc []byte) ([]catalog.Finding, error) {
	var lineFindings []catalog.Finding
	rd, err := readDoc(doc, withChecker, func(l *catalog.Line) error {
		lineFindings = append(lineFindings, l.Findings...)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return append(slices.Clone(rd.Findings()), lineFindings...), nil
}

// withChecker gives every document the OIOUBL checker.
func withChecker(string) []ubl.Checker { return []ubl.Checker{New()} }

// readDoc reads a document with the checkers, calling each on every line.
func readDoc(doc []byte, checkers func(string) []ubl.Checker, each func(*catalog.Line) error) (*ubl.Reader, error) {
	rd, err := ubl.OpenOptions(bytes.NewReader(doc), ubl.Options{Name: "test.xml", Checkers: checkers})
	if err != nil {
		return nil, err
	}
	var l catalog.Line
	for {
		err := rd.Next(&l)
		if err == io.EOF {
			return rd, nil
		}
		if err == nil {
			err = each(&l)
		}
		if err != nil {
			return nil, err
		}
	}
}

func ruleIDs(fs []catalog.Finding) []string {
	var ids []string
	for _, f := range fs {
		ids = append(ids, f.RuleID())
	}
	slices.Sort(ids)
	return ids
}

// TestOfficialExample: the official example passes every rule.
func TestOfficialExample(t *testing.T) {
	for _, f := range check(t, officialExample(t)) {
		t.Errorf("%s %s at %s: %s", f.RuleID(), f.Severity, f.Pos.XPath, f.Message("en"))
	}
}

// mutation is a change to the official example and the rules the official
// schematron fires on the result, as the rule contexts and tests read.
type mutation struct {
	name string
	// edits are old/new pairs, each replacing the first occurrence.
	edits []string
	want  []string
}

var mutations = []mutation{
	{"CustomizationID", []string{"OIOUBL-2.1</cbc:CustomizationID>", "OIOUBL-2.3</cbc:CustomizationID>"}, []string{"F-LIB002"}},
	{"UBLVersionID", []string{"<cbc:UBLVersionID>2.1<", "<cbc:UBLVersionID>2.2<"}, []string{"F-LIB001"}},
	{"ProfileID not in its list", []string{"Catalogue-CatAdv-1.0", "Catalogue-CatFoo-1.0"}, []string{"F-LIB302"}},
	{"ProfileID scheme unknown", []string{"urn:oioubl:id:profileid-1.2", "urn:oioubl:id:profileid-9.9"}, []string{"W-LIB003"}},
	{"ProfileID agency", []string{`schemeAgencyID="320" schemeID="urn:oioubl:id:profileid-1.2"`, `schemeAgencyID="9" schemeID="urn:oioubl:id:profileid-1.2"`}, []string{"W-LIB203"}},
	{"order response profile", []string{"Catalogue-CatAdv-1.0", "Procurement-OrdRes-1.0"}, []string{"F-LIB302", "F-LIB328"}},
	{"no catalogue ID", []string{"<cbc:ID>CAT-EX-1</cbc:ID>", ""}, []string{"F-CAT002"}},
	{"no VersionID", []string{"<cbc:VersionID>1.0</cbc:VersionID>", ""}, []string{"F-CAT003"}},
	{"LineCountNumeric", []string{"<cbc:VersionID>1.0</cbc:VersionID>", "<cbc:VersionID>1.0</cbc:VersionID><cbc:LineCountNumeric>3</cbc:LineCountNumeric>"}, []string{"F-CAT004"}},
	{"UUID", []string{"9756b516-8815-1029-857a-e388fe63f399", "9756b516"}, []string{"F-LIB006"}},
	{"no header validity", []string{"<cac:ValidityPeriod>\n\t\t<cbc:StartDate>2006-04-30</cbc:StartDate>\n\t\t<cbc:EndDate>2007-04-30</cbc:EndDate>\n\t</cac:ValidityPeriod>", ""}, []string{"F-CAT005"}},
	{"header end before start", []string{"<cbc:EndDate>2007-04-30</cbc:EndDate>", "<cbc:EndDate>2006-01-01</cbc:EndDate>"}, []string{"F-LIB080"}},
	{"line end before start", []string{"<cbc:EndDate>2007-03-31</cbc:EndDate>", "<cbc:EndDate>2006-07-31</cbc:EndDate>"}, []string{"F-LIB080"}},
	{"no SellerSupplierParty", []string{"<cac:SellerSupplierParty>", "<cac:SellerSupplierPartyX>", "</cac:SellerSupplierParty>", "</cac:SellerSupplierPartyX>"}, []string{"F-CAT006"}},
	{"no provider endpoint", []string{`<cbc:EndpointID schemeID="DK:CVR">DK45656787</cbc:EndpointID>`, ""}, []string{"F-CAT040"}},
	{"provider without legal entity", []string{"<cac:PartyLegalEntity>\n\t\t\t<cbc:RegistrationName>Teleeksperten A/S</cbc:RegistrationName>\n\t\t\t<cbc:CompanyID schemeID=\"DK:CVR\">DK45656787</cbc:CompanyID>\n\t\t</cac:PartyLegalEntity>", ""}, []string{"F-CAT041"}},
	{"endpoint scheme not OIOUBL", []string{`schemeAgencyID="9" schemeID="GLN">5798009811578</cbc:EndpointID>`, `schemeAgencyID="9" schemeID="0088">5798009811578</cbc:EndpointID>`}, []string{"F-LIB179"}},
	{"endpoint without scheme", []string{`<cbc:EndpointID schemeID="DK:CVR">DK45656787`, `<cbc:EndpointID>DK45656787`}, []string{"F-LIB179"}},
	{"endpoint CVR malformed", []string{`<cbc:EndpointID schemeID="DK:CVR">DK45656787`, `<cbc:EndpointID schemeID="DK:CVR">DK4565678`}, []string{"F-LIB180"}},
	{"endpoint GLN malformed", []string{`schemeID="GLN">5798009811578</cbc:EndpointID>`, `schemeID="GLN">579800981157</cbc:EndpointID>`}, []string{"F-LIB181"}},
	{"party ID scheme invalid", []string{`<cbc:ID schemeID="DK:CVR">DK45656787</cbc:ID>`, `<cbc:ID schemeID="DK:XYZ">DK45656787</cbc:ID>`}, []string{"F-LIB183"}},
	{"party ID without scheme", []string{`<cbc:ID schemeID="DK:CVR">DK45656787</cbc:ID>`, `<cbc:ID>DK45656787</cbc:ID>`}, []string{"F-LIB183"}},
	{"party GLN malformed", []string{`schemeID="GLN">5798009811578</cbc:ID>`, `schemeID="GLN">579800981157</cbc:ID>`}, []string{"F-LIB185"}},
	{"party P-number malformed", []string{`schemeID="GLN">5798009811578</cbc:ID>`, `schemeID="DK:P">5798009811578</cbc:ID>`}, []string{"F-LIB287"}},
	{"company ID scheme", []string{`<cbc:CompanyID schemeID="DK:CVR">`, `<cbc:CompanyID schemeID="GLN">`}, []string{"F-LIB189"}},
	{"company CVR without DK", []string{`<cbc:CompanyID schemeID="DK:CVR">DK45656787`, `<cbc:CompanyID schemeID="DK:CVR">1245656787`}, []string{"F-LIB190"}},
	{"SE number", []string{"<cac:PartyLegalEntity>", `<cac:PartyTaxScheme><cbc:CompanyID schemeID="DK:SE">45656787</cbc:CompanyID><cac:TaxScheme><cbc:ID schemeAgencyID="320" schemeID="urn:oioubl:id:taxschemeid-1.1">63</cbc:ID><cbc:Name>Moms</cbc:Name></cac:TaxScheme></cac:PartyTaxScheme><cac:PartyLegalEntity>`}, []string{"F-LIB196"}},
	{"country code", []string{"<cbc:IdentificationCode>DK</cbc:IdentificationCode>", "<cbc:IdentificationCode>XX</cbc:IdentificationCode>"}, []string{"F-LIB301"}},
	{"StructuredDK without postal zone", []string{"<cbc:PostalZone>1171</cbc:PostalZone>", ""}, []string{"F-LIB033"}},
	{"line ID missing", []string{"<cbc:ID>SUB-53478965</cbc:ID>", ""}, []string{"F-CAT100"}},
	{"line ID repeated", []string{"<cbc:ID>NM-457896433</cbc:ID>", "<cbc:ID>NM-457896432</cbc:ID>"}, []string{"F-CAT248"}},
	{"action not in list", []string{">Add</cbc:ActionCode>", ">Replace</cbc:ActionCode>"}, []string{"F-CAT111"}},
	{"action list ID", []string{`listID="urn:oioubl:codelist:catalogueactioncode-1.1">Add`, `listID="catalogueactioncode">Add`}, []string{"F-CAT102"}},
	{"action missing", []string{`<cbc:ActionCode listAgencyID="320" listID="urn:oioubl:codelist:catalogueactioncode-1.1">Add</cbc:ActionCode>`, ""}, []string{"F-CAT101", "F-CAT102", "F-CAT103", "F-CAT111"}},
	{"orderable without unit", []string{"<cbc:OrderableUnit>EA</cbc:OrderableUnit>", ""}, []string{"F-CAT115"}},
	{"orderable unit H87", []string{"<cbc:OrderableUnit>EA<", "<cbc:OrderableUnit>H87<"}, nil},
	{"orderable unit one character", []string{"<cbc:OrderableUnit>EA<", "<cbc:OrderableUnit>X<"}, []string{"F-CAT107"}},
	{"content unit H87", []string{`<cbc:ContentUnitQuantity unitCode="EA">`, `<cbc:ContentUnitQuantity unitCode="H87">`}, []string{"F-LIB318"}},
	{"content unit XBX", []string{`<cbc:ContentUnitQuantity unitCode="EA">`, `<cbc:ContentUnitQuantity unitCode="XBX">`}, []string{"F-LIB318"}},
	{"content unit BX", []string{`<cbc:ContentUnitQuantity unitCode="EA">`, `<cbc:ContentUnitQuantity unitCode="BX">`}, nil},
	{"content quantity zero", []string{`<cbc:ContentUnitQuantity unitCode="EA">1<`, `<cbc:ContentUnitQuantity unitCode="EA">0<`}, []string{"F-LIB019"}},
	{"content quantity missing", []string{`<cbc:ContentUnitQuantity unitCode="EA">1</cbc:ContentUnitQuantity>`, ""}, []string{"F-CAT108"}},
	{"base quantity without unit", []string{`<cbc:BaseQuantity unitCode="EA">`, `<cbc:BaseQuantity>`}, []string{"F-LIB007", "F-LIB318", "W-LIB008"}},
	{"minimum order quantity negative", []string{"<cbc:MinimumOrderQuantity>1<", "<cbc:MinimumOrderQuantity>-1<"}, []string{"F-LIB019"}},
	{"warranty in two languages without languageID", []string{"<cbc:WarrantyInformation>", "<cbc:WarrantyInformation>2 år</cbc:WarrantyInformation><cbc:WarrantyInformation>"}, []string{"W-CAT109", "W-CAT109"}},
	{"negative price", []string{">760.00<", ">-760.00<"}, []string{"F-CAT203"}},
	{"price without decimals", []string{">760.00<", ">760<"}, []string{"F-CAT202"}},
	{"price missing", []string{`<cbc:PriceAmount currencyID="DKK">760.00</cbc:PriceAmount>`, ""}, []string{"F-CAT201"}},
	{"price currency", []string{`currencyID="DKK">760.00`, `currencyID="DKX">760.00`}, []string{"F-LIB403"}},
	{"price type list", []string{"<cbc:BaseQuantity", `<cbc:PriceTypeCode listID="5387">AAA</cbc:PriceTypeCode><cbc:BaseQuantity`}, []string{"F-CAT206"}},
	{"standard rate without percent", []string{"<cbc:Percent>25</cbc:Percent>", "<cbc:Percent>0</cbc:Percent>"}, []string{"F-LIB382"}},
	{"tax category not in list", []string{`schemeID="urn:oioubl:id:taxcategoryid-1.1">StandardRated`, `schemeID="urn:oioubl:id:taxcategoryid-1.1">Standard`}, []string{"F-LIB309"}},
	{"tax type code of another tax", []string{"<cbc:Name>Moms</cbc:Name>", `<cbc:Name>Moms</cbc:Name><cbc:TaxTypeCode listID="urn:oioubl:codelist:taxtypecode-1.2">Excise</cbc:TaxTypeCode>`, ">63</cbc:ID>", ">9</cbc:ID>"}, []string{"F-LIB197", "F-LIB199"}},
	{"VAT scheme name", []string{"<cbc:Name>Moms</cbc:Name>", "<cbc:Name>VAT</cbc:Name>"}, []string{"F-LIB198"}},
	{"item name missing", []string{"<cbc:Name>Nokia ABC</cbc:Name>", ""}, []string{"F-CAT221"}},
	{"seller item ID missing", []string{"<cac:SellersItemIdentification>\n\t\t\t\t<cbc:ID>SUB-C</cbc:ID>\n\t\t\t</cac:SellersItemIdentification>", ""}, []string{"F-CAT223"}},
	{"seller item ID empty", []string{"<cbc:ID>SUB-C</cbc:ID>", "<cbc:ID></cbc:ID>"}, []string{"F-CAT224"}},
	{"two manufacturer IDs", []string{"<cac:ManufacturersItemIdentification>", "<cac:ManufacturersItemIdentification><cbc:ID>X</cbc:ID></cac:ManufacturersItemIdentification><cac:ManufacturersItemIdentification>"}, []string{"F-CAT228"}},
	{"classified tax category", []string{"</cac:Item>", "<cac:ClassifiedTaxCategory><cbc:ID>S</cbc:ID></cac:ClassifiedTaxCategory></cac:Item>"}, []string{"F-CAT234"}},
	{"no classification", []string{`<cac:CommodityClassification>
				<cbc:ItemClassificationCode listID="UNSPSC" listAgencyID="113" listVersionID="7.0401">43191501</cbc:ItemClassificationCode>
			</cac:CommodityClassification>`, ""}, []string{"F-CAT230"}},
	{"UNSPSC listID", []string{`listID="UNSPSC" listAgencyID="113"`, `listID="UNSPSCX" listAgencyID="113"`}, []string{"F-CAT232"}},
	{"UNSPSC listAgencyID", []string{`listID="UNSPSC" listAgencyID="113"`, `listID="UNSPSC"`}, []string{"F-CAT233"}},
	{"classification code empty", []string{`listVersionID="7.0401">43191501<`, `listVersionID="7.0401"><`}, []string{"F-CAT231"}},
	{"physical attribute without ID", []string{"<cbc:AttributeID>CAM</cbc:AttributeID>", ""}, []string{"F-CAT225"}},
	{"related item without ID", []string{"<cbc:ID>BTH-567892356 </cbc:ID>", ""}, []string{"F-CAT160"}},
	{"document reference on a line", []string{"<cac:RequiredItemLocationQuantity>", "<cac:DocumentReference><cbc:ID>1</cbc:ID></cac:DocumentReference><cac:RequiredItemLocationQuantity>"}, []string{"F-CAT114"}},
	{"image without document type", []string{"<cac:CommodityClassification>", "<cac:ItemSpecificationDocumentReference><cbc:ID>1</cbc:ID><cac:Attachment><cac:ExternalReference><cbc:URI>https://x.dk/1.jpg</cbc:URI></cac:ExternalReference></cac:Attachment></cac:ItemSpecificationDocumentReference><cac:CommodityClassification>"}, []string{"F-LIB092"}},
	{"receiver without ID and name", []string{`<cbc:ID schemeAgencyID="9" schemeID="GLN">5798009811578</cbc:ID>`, `<cbc:ID schemeAgencyID="9" schemeID="GLN"></cbc:ID>`, "<cac:PartyName>\n\t\t\t<cbc:Name>Den Lille Skole</cbc:Name>\n\t\t</cac:PartyName>", ""}, []string{"F-LIB022", "F-LIB185"}},
	{"contact without content", []string{"<cbc:ID>90000012345</cbc:ID>\n\t\t\t<cbc:Name>Salgsafdelingen</cbc:Name>\n\t\t\t<cbc:Telephone>40121212</cbc:Telephone>\n\t\t\t<cbc:ElectronicMail>katalog@tele.dk</cbc:ElectronicMail>", ""}, []string{"F-LIB235"}},
}

// TestMutations: changes to the official example fire the rules the
// official schematron fires on them, and nothing else.
func TestMutations(t *testing.T) {
	orig := exampleText(t)
	for _, m := range mutations {
		t.Run(m.name, func(t *testing.T) {
			doc := orig
			for i := 0; i < len(m.edits); i += 2 {
				if !strings.Contains(doc, m.edits[i]) {
					t.Fatalf("the example has no %q", m.edits[i])
				}
				doc = strings.Replace(doc, m.edits[i], m.edits[i+1], 1)
			}
			fs := check(t, []byte(doc))
			if got := ruleIDs(fs); !slices.Equal(got, m.want) {
				for _, f := range fs {
					t.Logf("%s at %s: %s", f.RuleID(), f.Pos.XPath, f.Message("en"))
				}
				t.Errorf("fired %v, want %v", got, m.want)
			}
		})
	}
}

// TestFindings: every finding names an official rule with its severity,
// says where, and reads in both languages.
func TestFindings(t *testing.T) {
	orig := exampleText(t)
	for _, m := range mutations {
		doc := orig
		for i := 0; i < len(m.edits); i += 2 {
			doc = strings.Replace(doc, m.edits[i], m.edits[i+1], 1)
		}
		for _, f := range check(t, []byte(doc)) {
			r := ruleIndex()[f.RuleID()]
			if r == nil {
				t.Errorf("%s: rule %s is not in the rule table", m.name, f.RuleID())
				continue
			}
			if f.Severity != r.Severity {
				t.Errorf("%s: %s has severity %s, the table %s", m.name, f.RuleID(), f.Severity, r.Severity)
			}
			if !strings.HasPrefix(f.Pos.XPath, "/Catalogue") {
				t.Errorf("%s: %s has no XPath: %q", m.name, f.RuleID(), f.Pos.XPath)
			}
			for _, lang := range []string{"en", "da"} {
				if msg := f.Message(lang); strings.Contains(msg, "%!") || strings.Contains(msg, "%s") {
					t.Errorf("%s: %s message in %s is not filled: %q", m.name, f.RuleID(), lang, msg)
				}
			}
		}
	}
}

// TestFindingPlaces: a finding points at the element and carries the
// canonical field and the value.
func TestFindingPlaces(t *testing.T) {
	doc := strings.Replace(string(officialExample(t)), ">760.00<", ">-760.00<", 1)
	fs := check(t, []byte(doc))
	if len(fs) != 1 {
		t.Fatalf("got %d findings, want 1", len(fs))
	}
	f := fs[0]
	want := catalog.Finding{Rule: ruleIndex()["F-CAT203"], Severity: catalog.Error, Line: 1, Field: "price", Value: "-760.00",
		Pos: catalog.Pos{XPath: "/Catalogue/CatalogueLine[1]/RequiredItemLocationQuantity[1]/Price/PriceAmount"}}
	if f.Rule != want.Rule || f.Severity != want.Severity || f.Line != want.Line || f.Field != want.Field || f.Value != want.Value || f.Pos != want.Pos {
		t.Errorf("got %+v\nwant %+v", f, want)
	}
	if got := f.Message("da"); got != "Fejl i PriceAmount: må ikke være negativ" {
		t.Errorf("Danish message %q", got)
	}
}

// TestRuleTable: every rule has both messages with the same placeholders.
func TestRuleTable(t *testing.T) {
	n := 0
	for _, r := range Rules {
		if !strings.HasPrefix(r.ID[1:], "-CAT") && !strings.HasPrefix(r.ID[1:], "-LIB") {
			continue
		}
		n++
		if r.En == "" || r.Da == "" {
			t.Errorf("%s: a message is missing", r.ID)
		}
		if strings.Count(r.En, "%s") != strings.Count(r.Da, "%s") {
			t.Errorf("%s: %q and %q have different placeholders", r.ID, r.En, r.Da)
		}
		if want := map[byte]catalog.Severity{'F': catalog.Error, 'W': catalog.Warning}[r.ID[0]]; r.Severity != want {
			t.Errorf("%s: severity %s", r.ID, r.Severity)
		}
	}
	if n < 200 {
		t.Errorf("only %d OIOUBL rules in the table", n)
	}
}

func TestNumber(t *testing.T) {
	for _, c := range []struct {
		in   string
		v    float64
		ok   bool
		zero bool
	}{
		{"1", 1, true, false}, {" 0.00 ", 0, true, true}, {"-2.5", -2.5, true, false}, {"", 0, false, false},
		{"1e3", 0, false, false}, {".5", 0.5, true, false}, {"1.2.3", 0, false, false}, {"-", 0, false, false},
	} {
		v, ok := number(c.in)
		if v != c.v || ok != c.ok || isZero(c.in) != c.zero {
			t.Errorf("number(%q) = %v, %v; isZero %v", c.in, v, ok, isZero(c.in))
		}
	}
	for _, c := range []struct {
		end, start string
		sep        byte
		want       bool
	}{
		{"2007-03-31", "2006-08-01", '-', true}, {"2006-08-01", "2006-08-01", '-', true},
		{"2006-07-31", "2006-08-01", '-', false}, {"2006-08-01Z", "2006-08-01", '-', false},
		{"12:00:00", "09:30:47", ':', true}, {"09:00:00", "09:30:47", ':', false},
	} {
		if got := notBefore(c.end, c.start, c.sep); got != c.want {
			t.Errorf("notBefore(%q, %q) = %v", c.end, c.start, got)
		}
	}
}

// TestRoot: a document whose root is not an OIOUBL Catalogue. The reader
// refuses it before a checker runs, naming what it is; on a tree of another
// root the checker reports F-CAT001 or F-CAT249 and nothing else.
func TestRoot(t *testing.T) {
	doc := strings.Replace(exampleText(t), `<Catalogue xmlns="urn:oasis:names:specification:ubl:schema:xsd:Catalogue-2"`,
		`<Catalogue xmlns="urn:oasis:names:specification:ubl:schema:xsd:Order-2"`, 1)
	if _, err := checkDoc([]byte(doc)); err == nil || !strings.Contains(err.Error(), "Order") {
		t.Errorf("a Catalogue in the Order namespace: %v", err)
	}
	for _, c := range []struct {
		root ubl.Node
		want string
	}{
		{ubl.Node{Local: "Order", Space: "urn:oasis:names:specification:ubl:schema:xsd:Order-2"}, "F-CAT001"},
		{ubl.Node{Local: "Catalogue", Space: "urn:example:catalogue"}, "F-CAT249"},
	} {
		var got []catalog.Finding
		New().Header(&c.root, func(f catalog.Finding) { got = append(got, f) })
		if len(got) != 1 || got[0].RuleID() != c.want {
			t.Errorf("root {%s}%s: %v, want %s", c.root.Space, c.root.Local, got, c.want)
		}
	}
}

// TestCheckerRules: every rule ID the checker's code names is in the
// generated rule table, so report never meets an unknown rule.
func TestCheckerRules(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	id := regexp.MustCompile(`"([FW]-[A-Z]+[0-9]+)"`)
	n := 0
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") || strings.HasSuffix(f, "_gen.go") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range id.FindAllSubmatch(b, -1) {
			n++
			if ruleIndex()[string(m[1])] == nil {
				t.Errorf("%s names %s, which is not in the rule table", f, m[1])
			}
		}
	}
	if n < 100 {
		t.Errorf("found only %d rule IDs in the checker's code", n)
	}
}
