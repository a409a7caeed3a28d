package peppol_test

import (
	"bytes"
	"maps"
	"testing"

	"github.com/ekatalog/ekatalog/catalog/check"
)

// edit replaces the first occurrence of old by new in the document.
type edit struct{ old, new string }

// mutations are copies of the official Catalogue_Example.xml with one
// defect each, and the rule IDs (with counts) that the official 2026.5
// Schematron fires on them, reasoned from PEPPOLBIS-T19.sch:
//
//   - R006 tests number(cac:Price/cbc:PriceAmount) >= 0 per
//     RequiredItemLocationQuantity.
//   - The validity rules compare number(translate(date, '-', ”)); absent
//     dates fall back to the enclosing period (line, then catalogue: 0 and
//     99999999), so a catalogue end date before its start date also puts
//     line 2 (no period of its own) and its price out of range.
//   - A malformed date is NaN, and every comparison with NaN is false: a
//     catalogue start date "01.09.2018" fails R030, R001, R007 on every
//     line and R013, R011, R016 where that date is inherited. "2018-9-1"
//     also fails R030, but is the number 201891 for the range rules, which
//     then pass.
//   - Code lists compare normalize-space(text()) or the attribute as
//     written; an element outside the data model fires the catch-all of
//     its parent (B11203 for a line, B00110 for the header).
var mutations = []struct {
	name  string
	edits []edit
	want  map[string]int
}{
	{"negative price", []edit{{`"EUR">90.00<`, `"EUR">-90.00<`}},
		map[string]int{"PEPPOL-T19-R006": 1}},
	{"catalogue end before start", []edit{{"<cbc:EndDate>2019-08-31</cbc:EndDate>\n\t</cac:ValidityPeriod>", "<cbc:EndDate>2018-08-31</cbc:EndDate>\n\t</cac:ValidityPeriod>"}},
		map[string]int{"PEPPOL-T19-R001": 1, "PEPPOL-T19-R007": 2, "PEPPOL-T19-R013": 1, "PEPPOL-T19-R011": 1, "PEPPOL-T19-R016": 1}},
	{"line end before start", []edit{{"<cbc:StartDate>2018-09-26</cbc:StartDate>\n\t\t\t<cbc:EndDate>2019-08-31</cbc:EndDate>", "<cbc:StartDate>2018-09-26</cbc:StartDate>\n\t\t\t<cbc:EndDate>2018-09-25</cbc:EndDate>"}},
		map[string]int{"PEPPOL-T19-R013": 1, "PEPPOL-T19-R011": 1}},
	{"price period end before start", []edit{{"<cbc:EndDate>2018-12-31</cbc:EndDate>", "<cbc:EndDate>2018-09-30</cbc:EndDate>"}},
		map[string]int{"PEPPOL-T19-R016": 1}},
	{"unknown unit code", []edit{{"<cbc:OrderableUnit>LBR</cbc:OrderableUnit>", "<cbc:OrderableUnit>PCS</cbc:OrderableUnit>"}},
		map[string]int{"PEPPOL-T19-B11601": 1}},
	{"unknown unit attribute", []edit{{`<cbc:ContentUnitQuantity unitCode="C62">`, `<cbc:ContentUnitQuantity unitCode="stk">`}},
		map[string]int{"PEPPOL-T19-B11702": 1}},
	{"unknown currency", []edit{{`"EUR">90.00<`, `"EUX">90.00<`}},
		map[string]int{"PEPPOL-T19-B16802": 1}},
	{"missing seller item ID and standard ID", []edit{
		{"<cac:SellersItemIdentification>\n\t\t\t\t<cbc:ID>MNTR012</cbc:ID>\n\t\t\t</cac:SellersItemIdentification>", ""},
		{"<cac:StandardItemIdentification>\n\t\t\t\t<cbc:ID schemeID=\"0160\">1234567890124</cbc:ID>\n\t\t\t</cac:StandardItemIdentification>", ""}},
		map[string]int{"PEPPOL-T19-R012": 1}},
	{"seller item ID without ID", []edit{{"<cbc:ID>MNTR012</cbc:ID>", "<cbc:Name>MNTR012</cbc:Name>"}},
		map[string]int{"PEPPOL-T19-B18701": 1, "PEPPOL-T19-B18702": 1}},
	{"malformed CVR", []edit{{`<cbc:CompanyID schemeID="0192">123456785</cbc:CompanyID>`, `<cbc:CompanyID schemeID="0184">1234567</cbc:CompanyID>`}},
		map[string]int{"PEPPOL-COMMON-R042": 1}},
	{"CVR with spaces", []edit{{`<cbc:EndpointID schemeID="0192">987654325</cbc:EndpointID>`, `<cbc:EndpointID schemeID="0184"> 12345678 </cbc:EndpointID>`}},
		map[string]int{"PEPPOL-COMMON-R042": 1}},
	{"bad GLN", []edit{{`<cbc:ID schemeID="0088">5790000435951</cbc:ID>`, `<cbc:ID schemeID="0088">5790000435952</cbc:ID>`}},
		map[string]int{"PEPPOL-COMMON-R040": 1}},
	{"unknown endpoint scheme", []edit{{`<cbc:EndpointID schemeID="0192">987654325</cbc:EndpointID>`, `<cbc:EndpointID schemeID="GLN">987654325</cbc:EndpointID>`}},
		map[string]int{"PEPPOL-T19-B01702": 1}},
	{"wrong CustomizationID", []edit{{"urn:fdc:peppol.eu:poacc:trns:catalogue:3", "urn:fdc:peppol.eu:poacc:trns:order:3"}},
		map[string]int{"PEPPOL-T19-R018": 1}},
	{"wrong ProfileID", []edit{{"bis:catalogue_only:3", "bis:catalogue_only:2"}},
		map[string]int{"PEPPOL-T19-R017": 1}},
	{"element outside the data model (line)", []edit{{"<cbc:ID>2</cbc:ID>", "<cbc:ID>2</cbc:ID><cbc:Note>n</cbc:Note>"}},
		map[string]int{"PEPPOL-T19-B11203": 1}},
	{"element outside the data model (header)", []edit{{"\t<cbc:CustomizationID>", "\t<cbc:UBLVersionID>2.1</cbc:UBLVersionID><cbc:CustomizationID>"}},
		map[string]int{"PEPPOL-T19-B00110": 1}},
	{"element outside the data model (deep)", []edit{{"<cbc:Line>Address Line 3</cbc:Line>", "<cbc:Line>Address Line 3</cbc:Line><cbc:Note>x</cbc:Note>"}},
		map[string]int{}}, // AddressLine has no catch-all rule in the Schematron
	{"empty element", []edit{{"<cbc:Keyword>text</cbc:Keyword>", "<cbc:Keyword>  </cbc:Keyword>"}},
		map[string]int{"PEPPOL-COMMON-R001": 1}},
	{"empty coded element", []edit{{"<cbc:PackLevelCode>TU</cbc:PackLevelCode>", "<cbc:PackLevelCode/>"}},
		map[string]int{"PEPPOL-COMMON-R001": 1, "PEPPOL-T19-B12501": 1}},
	{"empty certificate type code (the list holds an empty token)", []edit{{"<cbc:CertificateTypeCode>SVANEN</cbc:CertificateTypeCode>", "<cbc:CertificateTypeCode></cbc:CertificateTypeCode>"}},
		map[string]int{"PEPPOL-COMMON-R001": 1}},
	{"bad issue date", []edit{{"<cbc:IssueDate>2016-08-01</cbc:IssueDate>", "<cbc:IssueDate>2016-02-30</cbc:IssueDate>"}},
		map[string]int{"PEPPOL-COMMON-R030": 1}},
	{"short catalogue start date", []edit{{"<cbc:StartDate>2018-09-01</cbc:StartDate>", "<cbc:StartDate>2018-9-1</cbc:StartDate>"}},
		map[string]int{"PEPPOL-COMMON-R030": 1}},
	{"malformed catalogue start date", []edit{{"<cbc:StartDate>2018-09-01</cbc:StartDate>", "<cbc:StartDate>01.09.2018</cbc:StartDate>"}},
		map[string]int{"PEPPOL-COMMON-R030": 1, "PEPPOL-T19-R001": 1, "PEPPOL-T19-R007": 2, "PEPPOL-T19-R013": 1, "PEPPOL-T19-R011": 1, "PEPPOL-T19-R016": 1}},
	{"zero maximum quantity", []edit{{`<cbc:MaximumOrderQuantity unitCode="LBR">100<`, `<cbc:MaximumOrderQuantity unitCode="LBR">0<`}},
		map[string]int{"PEPPOL-T19-R010": 1}}, // R008 tests >= 0, so 0 passes it
	{"negative minimum quantity", []edit{{`<cbc:MinimumOrderQuantity unitCode="LBR">1<`, `<cbc:MinimumOrderQuantity unitCode="LBR">-1<`}},
		map[string]int{"PEPPOL-T19-R009": 1}},
	{"standard rate without percent", []edit{{"<cbc:Percent>18</cbc:Percent>", ""}},
		map[string]int{"PEPPOL-T19-R014": 1, "PEPPOL-T19-R015": 1}},
	{"schema location", []edit{{`xmlns="urn:oasis:names:specification:ubl:schema:xsd:Catalogue-2">`, `xmlns="urn:oasis:names:specification:ubl:schema:xsd:Catalogue-2" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="x y">`}},
		map[string]int{"PEPPOL-COMMON-R003": 1, "PEPPOL-T19-B00109": 1}},
	{"missing item name", []edit{{"<cbc:Name>Copy paper</cbc:Name>", ""}},
		map[string]int{"PEPPOL-T19-B17701": 1}},
	{"standard ID without scheme", []edit{{`<cbc:ID schemeID="0160">1234567890124</cbc:ID>`, `<cbc:ID>1234567890124</cbc:ID>`}},
		map[string]int{"PEPPOL-T19-B19201": 1}},
}

func TestMutations(t *testing.T) {
	base := readFile(t, needBIS3(t, "examples/Catalogue_Example.xml"))
	if check.InCodeList(check.ListUNECERec20, "PCS") || check.InCodeList(check.ListISO4217, "EUX") {
		t.Fatal("a code the mutations take for unknown is in its list")
	}
	for _, m := range mutations {
		t.Run(m.name, func(t *testing.T) {
			doc := base
			for _, e := range m.edits {
				i := bytes.Index(doc, []byte(e.old))
				if i < 0 {
					t.Fatalf("%q is not in the example", e.old)
				}
				doc = append(append(append([]byte(nil), doc[:i]...), e.new...), doc[i+len(e.old):]...)
			}
			fs, err := runChecker(doc)
			if err != nil {
				t.Fatal(err)
			}
			if got := counts(fs); !maps.Equal(got, m.want) {
				t.Errorf("fired %v, want %v", got, m.want)
			}
			for _, f := range fs {
				if f.Pos.XPath == "" {
					t.Errorf("%s has no XPath", f.Rule)
				}
			}
		})
	}
}
