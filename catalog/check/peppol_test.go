package check

import "testing"

func TestSchemeID(t *testing.T) {
	tests := []struct {
		elem   Element
		scheme string
		value  string
		rule   string
		ok     bool
	}{
		// R040, GLN: any number of digits with a GS1 check digit, trimmed.
		{EndpointID, "0088", "5790000435951", "PEPPOL-COMMON-R040", true},
		{EndpointID, "0088", " 5790000435951\n", "PEPPOL-COMMON-R040", true},
		{EndpointID, "0088", "5790000435954", "PEPPOL-COMMON-R040", false},
		{EndpointID, "0088", "12345670", "PEPPOL-COMMON-R040", true}, // 8 digits pass
		{EndpointID, "0088", "0", "PEPPOL-COMMON-R040", true},
		{EndpointID, "0088", "5", "PEPPOL-COMMON-R040", false},
		{EndpointID, "0088", "", "PEPPOL-COMMON-R040", false},
		{EndpointID, "0088", "579 0000435951", "PEPPOL-COMMON-R040", false},
		// R041, Norwegian organisation number.
		{EndpointID, "0192", "991825827", "PEPPOL-COMMON-R041", true},
		{PartyID, "0192", "987654325", "PEPPOL-COMMON-R041", true},
		{CompanyID, "0192", "123456785", "PEPPOL-COMMON-R041", true},
		{EndpointID, "0192", "991825822", "PEPPOL-COMMON-R041", false},
		{EndpointID, "0192", "9918258222", "PEPPOL-COMMON-R041", false},
		{EndpointID, "0192", "000000000", "PEPPOL-COMMON-R041", false},
		{EndpointID, "0192", "NO991825827", "PEPPOL-COMMON-R041", false},
		// R042, CVR: form only, on the untrimmed text.
		{EndpointID, "0184", "25313763", "PEPPOL-COMMON-R042", true},
		{EndpointID, "0184", "12345678", "PEPPOL-COMMON-R042", true}, // no modulus 11
		{EndpointID, "0184", "DK12345678", "PEPPOL-COMMON-R042", true},
		{EndpointID, "0184", "dk12345678", "PEPPOL-COMMON-R042", false},
		{EndpointID, "0184", " 25313763", "PEPPOL-COMMON-R042", false},
		{EndpointID, "0184", "2531376", "PEPPOL-COMMON-R042", false},
		{EndpointID, "0184", "DK 2531376", "PEPPOL-COMMON-R042", false},
		// R052, P-number; R053, SE number.
		{EndpointID, "0096", "1003388394", "PEPPOL-COMMON-R052", true},
		{EndpointID, "0096", "100338839", "PEPPOL-COMMON-R052", false},
		{EndpointID, "0096", "1003388394 ", "PEPPOL-COMMON-R052", false},
		{EndpointID, "0198", "DK25313763", "PEPPOL-COMMON-R053", true},
		{EndpointID, "0198", "25313763", "PEPPOL-COMMON-R053", false},
		// R043, Belgian enterprise number.
		{EndpointID, "0208", "0739484052", "PEPPOL-COMMON-R043", true},
		{EndpointID, "0208", "991825828", "PEPPOL-COMMON-R043", false},
		{EndpointID, "0208", "0739484053", "PEPPOL-COMMON-R043", false},
		{EndpointID, "0208", "BE0739484052", "PEPPOL-COMMON-R043", false},
		// R044, IPA code.
		{EndpointID, "0201", "F7VRDL", "PEPPOL-COMMON-R044", true},
		{EndpointID, "0201", " F7VRDL ", "PEPPOL-COMMON-R044", true},
		{EndpointID, "0201", "F7VRD", "PEPPOL-COMMON-R044", false},
		{EndpointID, "0201", "F7-RDL", "PEPPOL-COMMON-R044", false},
		{EndpointID, "0201", "F7VRDÆ", "PEPPOL-COMMON-R044", false},
		// R045, codice fiscale.
		{CompanyID, "0210", "97735020584", "PEPPOL-COMMON-R045", true},
		{CompanyID, "0210", "+9773502058", "PEPPOL-COMMON-R045", true}, // castable as xs:integer
		{CompanyID, "0210", "RSSMRA85T10A562S", "PEPPOL-COMMON-R045", true},
		{CompanyID, "0210", "RSSMRA8 T10A562S", "PEPPOL-COMMON-R045", true},  // "8 " casts to 8
		{CompanyID, "0210", "RSSMRA8  T10A562S", "PEPPOL-COMMON-R045", true}, // spaces collapse to one
		{CompanyID, "0210", "RSSMRA85T10A562S\n", "PEPPOL-COMMON-R045", true},
		{CompanyID, "0210", "RSSMRA85 10A562S", "PEPPOL-COMMON-R045", false}, // space where a letter belongs
		{CompanyID, "0210", "RSSMRA+5T10A562S", "PEPPOL-COMMON-R045", true},
		{CompanyID, "0210", "RSSMRA85T10A56MS", "PEPPOL-COMMON-R045", false}, // omocodia refused
		{CompanyID, "0210", "RSSMRA8TT10A562S", "PEPPOL-COMMON-R045", false},
		{CompanyID, "0210", "ABC", "PEPPOL-COMMON-R045", false},
		{CompanyID, "0210", "9773502058497735020584", "PEPPOL-COMMON-R045", false},
		{CompanyID, "0210", "9773502058A", "PEPPOL-COMMON-R045", false},
		// R046 is for cbc:EndpointID only.
		{EndpointID, "9907", "97735020584", "PEPPOL-COMMON-R046", true},
		{EndpointID, "9907", "ABC", "PEPPOL-COMMON-R046", false},
		{PartyID, "9907", "ABC", "", true},
		{CompanyID, "9907", "ABC", "", true},
		// R047, Italian VAT: only IT/it prefixed values are checked.
		{CompanyID, "0211", "IT02985591201", "PEPPOL-COMMON-R047", true},
		{CompanyID, "0211", "it02985591201", "PEPPOL-COMMON-R047", true},
		{CompanyID, "0211", "IT02985591202", "PEPPOL-COMMON-R047", false},
		{CompanyID, "0211", "ITABC", "PEPPOL-COMMON-R047", false},
		{CompanyID, "0211", "IT", "PEPPOL-COMMON-R047", false},
		{CompanyID, "0211", "IT+0298559120", "PEPPOL-COMMON-R047", false},
		{CompanyID, "0211", "IT 0298559120", "PEPPOL-COMMON-R047", false},
		{CompanyID, "0211", "02985591201", "PEPPOL-COMMON-R047", true},
		{CompanyID, "0211", "It02985591202", "PEPPOL-COMMON-R047", true},
		{CompanyID, "0211", "garbage", "PEPPOL-COMMON-R047", true},
		// R048 (9906) is gone in 2026.5.
		{EndpointID, "9906", "ITABC", "", true},
		// R049, Swedish organisation number.
		{EndpointID, "0007", "2021005489", "PEPPOL-COMMON-R049", true},
		{EndpointID, "0007", "5560360793", "PEPPOL-COMMON-R049", true},
		{EndpointID, "0007", "2021005480", "PEPPOL-COMMON-R049", false},
		{EndpointID, "0007", "553322-1144", "PEPPOL-COMMON-R049", false},
		{EndpointID, "0007", "SE5533221144", "PEPPOL-COMMON-R049", false},
		// R050, ABN.
		{EndpointID, "0151", "51824753556", "PEPPOL-COMMON-R050", true},
		{EndpointID, "0151", "51824753550", "PEPPOL-COMMON-R050", false},
		{EndpointID, "0151", "ERR51824753556", "PEPPOL-COMMON-R050", false},
		{EndpointID, "0151", "51 824 753 556", "PEPPOL-COMMON-R050", false},
		// R054 to R057, Dutch identifiers: form only.
		{EndpointID, "0106", "12345678", "PEPPOL-COMMON-R054", true},
		{EndpointID, "0106", "1234567", "PEPPOL-COMMON-R054", false},
		{EndpointID, "0190", "12345678901234567890", "PEPPOL-COMMON-R055", true},
		{EndpointID, "0190", "1234567890123456789", "PEPPOL-COMMON-R055", false},
		{EndpointID, "9944", "NL123456789B12", "PEPPOL-COMMON-R056-1", true},
		{EndpointID, "9944", "NL123456789B1", "PEPPOL-COMMON-R056-1", false},
		{EndpointID, "9944", "nl123456789B12", "PEPPOL-COMMON-R056-1", false},
		{EndpointID, "0217", "123456789012", "PEPPOL-COMMON-R057", true},
		{EndpointID, "0217", "12345678901", "PEPPOL-COMMON-R057", false},
		// No rule: the scheme must match exactly.
		{EndpointID, " 0088", "x", "", true},
		{EndpointID, "88", "x", "", true},
		{EndpointID, "0060", "x", "", true},
		{EndpointID, "", "x", "", true},
	}
	for _, tt := range tests {
		rule, ok := SchemeIDIn(tt.elem, tt.scheme, tt.value)
		if rule != tt.rule || ok != tt.ok {
			t.Errorf("SchemeIDIn(%d, %q, %q) = %q, %v; want %q, %v",
				tt.elem, tt.scheme, tt.value, rule, ok, tt.rule, tt.ok)
		}
		if tt.elem == EndpointID {
			if r2, ok2 := SchemeID(tt.scheme, tt.value); r2 != rule || ok2 != ok {
				t.Errorf("SchemeID(%q, %q) differs from SchemeIDIn(EndpointID, ...)", tt.scheme, tt.value)
			}
		}
		if rule != "" && RuleFlag(rule) == NoFlag {
			t.Errorf("RuleFlag(%q) = NoFlag", rule)
		}
	}
}

func TestDutchVAT(t *testing.T) {
	for s, want := range map[string]bool{
		"NL123456789B12":   true,
		" NL123456789B01 ": true,
		"NL123456789b12":   false,
		"NL12345678B12":    false,
		"NL123456789B123":  false,
		"NL1234567890B1":   false,
	} {
		if got := DutchVAT(s); got != want {
			t.Errorf("DutchVAT(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestRuleFlag(t *testing.T) {
	for rule, want := range map[string]Flag{
		"PEPPOL-COMMON-R040":   Fatal,
		"PEPPOL-COMMON-R042":   Fatal,
		"PEPPOL-COMMON-R043":   Fatal,
		"PEPPOL-COMMON-R044":   Warning,
		"PEPPOL-COMMON-R056-2": Warning,
		"PEPPOL-COMMON-R048":   NoFlag,
		"":                     NoFlag,
	} {
		if got := RuleFlag(rule); got != want {
			t.Errorf("RuleFlag(%q) = %v, want %v", rule, got, want)
		}
	}
	if Fatal.String() != "fatal" || Warning.String() != "warning" || NoFlag.String() != "none" {
		t.Error("Flag names")
	}
}
