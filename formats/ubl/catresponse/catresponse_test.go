package catresponse

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ekatalog/ekatalog/testkit/golden"
)

func example(t *testing.T) (string, []byte) {
	std := golden.Shared(t, 3)
	b, err := os.ReadFile(filepath.Join(std, "peppol-poacc-bis3", "examples", "CatalogueResponse_Example.xml"))
	if err != nil {
		t.Fatal(err)
	}
	return std, b
}

func rules(t *testing.T, doc []byte) []string {
	t.Helper()
	fs, err := Check(doc)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, f := range fs {
		ids = append(ids, f.RuleID())
	}
	return ids
}

func TestOfficialExamplePasses(t *testing.T) {
	_, b := example(t)
	if ids := rules(t, b); len(ids) != 0 {
		t.Errorf("the official example fires %v", ids)
	}
}

// TestMutations breaks the official example one way at a time; each
// mutation must fire the rules named, and only those.
func TestMutations(t *testing.T) {
	_, b := example(t)
	doc := string(b)
	for _, m := range []struct {
		name, old, new string
		want           []string
	}{
		{"no CustomizationID", "<cbc:CustomizationID>urn:fdc:peppol.eu:poacc:trns:catalogue_response:3</cbc:CustomizationID>", "", []string{"PEPPOL-T58-B00101"}},
		{"other CustomizationID", "trns:catalogue_response:3<", "trns:catalogue:3<", []string{"PEPPOL-T58-R001"}},
		{"no ProfileID", "<cbc:ProfileID>urn:fdc:peppol.eu:poacc:bis:catalogue_only:3</cbc:ProfileID>", "", []string{"PEPPOL-T58-B00102"}},
		{"other ProfileID", "bis:catalogue_only:3<", "bis:ordering:3<", []string{"PEPPOL-T58-B00301"}},
		{"no ID", "<cbc:ID>imrid001</cbc:ID>", "", []string{"PEPPOL-T58-B00103"}},
		{"no IssueDate", "<cbc:IssueDate>2017-12-01</cbc:IssueDate>", "", []string{"PEPPOL-T58-B00104"}},
		{"bad date", "2017-12-01", "01.12.2017", []string{"PEPPOL-COMMON-R030"}},
		{"empty note", "<cbc:Note>text</cbc:Note>", "<cbc:Note> </cbc:Note>", []string{"PEPPOL-COMMON-R001"}},
		{"schema location", `xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"`,
			`xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="x y"`,
			[]string{"PEPPOL-COMMON-R003", "PEPPOL-T58-B00107"}},
		{"element outside the model", "<cbc:Note>text</cbc:Note>", "<cbc:Note>text</cbc:Note><cbc:DocumentTypeCode>x</cbc:DocumentTypeCode>", []string{"PEPPOL-T58-B00108"}},
		{"sender endpoint without scheme", `<cbc:EndpointID schemeID="0088">5798000012349</cbc:EndpointID>`, `<cbc:EndpointID>5798000012349</cbc:EndpointID>`, []string{"PEPPOL-T58-B00901"}},
		{"sender endpoint unknown scheme", `<cbc:EndpointID schemeID="0088">5798000012349</cbc:EndpointID>`, `<cbc:EndpointID schemeID="9999">5798000012349</cbc:EndpointID>`, []string{"PEPPOL-T58-B00902"}},
		{"sender GLN check digit", `<cbc:EndpointID schemeID="0088">5798000012349</cbc:EndpointID>`, `<cbc:EndpointID schemeID="0088">5798000012340</cbc:EndpointID>`, []string{"PEPPOL-COMMON-R040"}},
		{"sender without endpoint", `<cbc:EndpointID schemeID="0088">5798000012349</cbc:EndpointID>`, ``, []string{"PEPPOL-T58-B00801"}},
		{"sender CVR malformed", `schemeID="0184">DK88776655`, `schemeID="0184">DK8877665`, []string{"PEPPOL-COMMON-R042"}},
		{"sender identification unknown ICD", `schemeID="0184">DK88776655`, `schemeID="ABCD">DK88776655`, []string{"PEPPOL-T58-B01201"}},
		{"sender legal entity without name", "<cbc:RegistrationName>Buyer organization</cbc:RegistrationName>", "<cbc:CompanyID>1</cbc:CompanyID>", []string{"PEPPOL-T58-B01401", "PEPPOL-T58-B01402"}},
		{"sender outside the model", "<cac:PartyLegalEntity>\n\t\t\t<cbc:RegistrationName>Buyer", "<cac:PartyName><cbc:Name>x</cbc:Name></cac:PartyName><cac:PartyLegalEntity>\n\t\t\t<cbc:RegistrationName>Buyer", []string{"PEPPOL-T58-B00802"}},
		{"receiver endpoint without scheme", `<cbc:EndpointID schemeID="0088">7330001000000</cbc:EndpointID>`, `<cbc:EndpointID>7330001000000</cbc:EndpointID>`, []string{"PEPPOL-T58-B01701"}},
		{"receiver endpoint unknown scheme", `<cbc:EndpointID schemeID="0088">7330001000000</cbc:EndpointID>`, `<cbc:EndpointID schemeID="XX">7330001000000</cbc:EndpointID>`, []string{"PEPPOL-T58-B01702"}},
		{"receiver without endpoint", `<cbc:EndpointID schemeID="0088">7330001000000</cbc:EndpointID>`, ``, []string{"PEPPOL-T58-B01601"}},
		{"receiver Norwegian number", `schemeID="0192">987654325`, `schemeID="0192">987654321`, []string{"PEPPOL-COMMON-R041"}},
		{"receiver identification without ID", `<cbc:ID schemeID="0192">987654325</cbc:ID>`, ``, []string{"PEPPOL-T58-B01901", "PEPPOL-COMMON-R001"}},
		{"receiver identification unknown ICD", `schemeID="0192">987654325`, `schemeID="x">987654325`, []string{"PEPPOL-T58-B02001"}},
		{"receiver legal entity without name", "<cbc:RegistrationName>Seller company</cbc:RegistrationName>", "<cbc:CompanyID>1</cbc:CompanyID>", []string{"PEPPOL-T58-B02201", "PEPPOL-T58-B02202"}},
		{"receiver outside the model", "<cac:PartyLegalEntity>\n\t\t\t<cbc:RegistrationName>Seller", "<cac:Contact><cbc:Name>x</cbc:Name></cac:Contact><cac:PartyLegalEntity>\n\t\t\t<cbc:RegistrationName>Seller", []string{"PEPPOL-T58-B01602"}},
		{"no receiver", "cac:ReceiverParty>", "cac:Removed>", []string{"PEPPOL-T58-B00106", "PEPPOL-T58-B00108"}},
		{"no sender", "cac:SenderParty>", "cac:Removed>", []string{"PEPPOL-T58-B00105", "PEPPOL-T58-B00108"}},
		{"no response", "<cac:Response>\n\t\t\t<cbc:ResponseCode>AP</cbc:ResponseCode>\n\t\t</cac:Response>", "", []string{"PEPPOL-T58-B02401"}},
		{"no response code", "<cbc:ResponseCode>AP</cbc:ResponseCode>", "<cbc:StatusReasonCode>x</cbc:StatusReasonCode>", []string{"PEPPOL-T58-B02501", "PEPPOL-T58-B02502"}},
		{"unknown response code", "<cbc:ResponseCode>AP</cbc:ResponseCode>", "<cbc:ResponseCode>CA</cbc:ResponseCode>", []string{"PEPPOL-T58-B02601"}},
		{"no document reference", "<cac:DocumentReference>\n\t\t\t<cbc:ID>Cat-1</cbc:ID>\n\t\t\t<cbc:VersionID>2.0</cbc:VersionID>\n\t\t</cac:DocumentReference>", "", []string{"PEPPOL-T58-B02402"}},
		{"document reference without ID", "<cbc:ID>Cat-1</cbc:ID>", "<cbc:DocumentTypeCode>x</cbc:DocumentTypeCode>", []string{"PEPPOL-T58-B02701", "PEPPOL-T58-B02702"}},
		{"document response outside the model", "</cac:DocumentReference>", "</cac:DocumentReference><cac:LineResponse><cbc:Note>x</cbc:Note></cac:LineResponse>", []string{"PEPPOL-T58-B02403"}},
	} {
		t.Run(m.name, func(t *testing.T) {
			if !strings.Contains(doc, m.old) {
				t.Fatalf("the example has no %q", m.old)
			}
			n := 1
			if strings.HasSuffix(m.old, "Party>") {
				n = -1 // the start and end tags
			}
			got := rules(t, []byte(strings.Replace(doc, m.old, m.new, n)))
			slices.Sort(got)
			got = slices.Compact(got)
			want := slices.Clone(m.want)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Errorf("fired %v, want %v", got, want)
			}
		})
	}
}

func sample() Response {
	return Response{ID: "R-1", Issued: time.Date(2026, 12, 5, 10, 0, 0, 0, time.UTC), Code: Accepted,
		Notes:     []string{"Accepted but for one line", LineNote("SUP-0000123", "price rise above the agreement"), "  "},
		Sender:    Party{ID: "5798000000001", Scheme: "0088", Name: "Aarhus Kommune"},
		Receiver:  Party{ID: "12345678", Scheme: "0184", Name: "Kontorgrossisten <A/S> & Co"},
		Catalogue: "KAT-2026-12", Version: "3"}
}

// TestWrittenIsValid: what Write makes passes the T58 checks and the UBL
// 2.1 ApplicationResponse XSD.
func TestWrittenIsValid(t *testing.T) {
	var docs [][]byte
	for _, r := range []Response{sample(), func() Response { r := sample(); r.Code = Rejected; r.Version = ""; return r }()} {
		b, err := Write(r)
		if err != nil {
			t.Fatal(err)
		}
		if ids := rules(t, b); len(ids) != 0 {
			t.Errorf("written response fires %v:\n%s", ids, b)
		}
		if !strings.Contains(string(b), "<cbc:Note>SUP-0000123: price rise above the agreement</cbc:Note>") ||
			!strings.Contains(string(b), "Kontorgrossisten &lt;A/S&gt; &amp; Co") {
			t.Errorf("notes or escaping:\n%s", b)
		}
		docs = append(docs, b)
	}
	std := golden.Shared(t, 3)
	xmllint, err := exec.LookPath("xmllint")
	if err != nil {
		t.Skip("xmllint not installed: the XSD check did not run")
	}
	xsd := filepath.Join(std, "ubl-2.1-xsd", "maindoc", "UBL-ApplicationResponse-2.1.xsd")
	dir := t.TempDir()
	for i, b := range docs {
		p := filepath.Join(dir, "r"+string(rune('0'+i))+".xml")
		os.WriteFile(p, b, 0o644)
		if out, err := exec.Command(xmllint, "--noout", "--schema", xsd, p).CombinedOutput(); err != nil {
			t.Errorf("xmllint --schema: %v\n%s\n%s", err, out, b)
		}
	}
}

func TestWriteRefuses(t *testing.T) {
	r := sample()
	r.Code = "XX"
	if _, err := Write(r); err == nil {
		t.Error("code XX written")
	}
	r = sample()
	r.Sender.Scheme = ""
	if _, err := Write(r); err == nil {
		t.Error("sender without a scheme written")
	}
}
