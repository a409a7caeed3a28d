package check

import (
	"net/url"
	"testing"
	"time"
)

func TestGTIN(t *testing.T) {
	tests := []struct {
		in     string
		ok     bool
		reason Reason
	}{
		{"4006381333931", true, OK},
		{"5701234567899", true, OK},
		{"5701234567820", true, OK},  // check digit 0
		{"12345670", true, OK},       // GTIN-8, check digit 0
		{"96385074", true, OK},       // GTIN-8
		{"036000291452", true, OK},   // GTIN-12 (UPC-A)
		{"00012345600012", true, OK}, // GTIN-14
		{"05701234567899", true, OK}, // GTIN-13 padded to 14
		{"5701234567890", false, BadCheckDigit},
		{"4006381333932", false, BadCheckDigit},
		{"12345678", false, BadCheckDigit},
		{"", false, Empty},
		{"400638133393", false, BadCheckDigit}, // 12 digits, checked as GTIN-12
		{"40063813339", false, BadLength},
		{"400638133393100", false, BadLength},
		{"1234567", false, BadLength},
		{"4006381333931 ", false, NotDigits},
		{" 4006381333931", false, NotDigits},
		{"40063813339-1", false, NotDigits},
		{"400638133393A", false, NotDigits},
		{"４００６３８１３３３９３１", false, NotDigits}, // full-width digits
	}
	for _, tt := range tests {
		ok, reason := GTIN(tt.in)
		if ok != tt.ok || reason != tt.reason {
			t.Errorf("GTIN(%q) = %v, %v; want %v, %v", tt.in, ok, reason, tt.ok, tt.reason)
		}
	}
}

func TestGTINCheckDigit(t *testing.T) {
	tests := []struct {
		body string
		want byte
	}{
		{"400638133393", '1'},
		{"570123456782", '0'},
		{"1234567", '0'},
		{"579000043595", '1'},
		{"", 0},
		{"12a", 0},
	}
	for _, tt := range tests {
		if got := GTINCheckDigit(tt.body); got != tt.want {
			t.Errorf("GTINCheckDigit(%q) = %q, want %q", tt.body, got, tt.want)
		}
	}
	// Every generated key must validate, whatever its length.
	for _, body := range []string{"1234567", "12345678901", "123456789012", "1234567890123"} {
		s := body + string(GTINCheckDigit(body))
		if ok, r := GTIN(s); !ok {
			t.Errorf("GTIN(%q) with generated check digit: %v", s, r)
		}
	}
}

func TestGLN(t *testing.T) {
	tests := []struct {
		in string
		ok bool
	}{
		{"5790000435951", true},
		{"5701234567820", true},
		{"5790000435954", false},
		{"579000043595", false},
		{"57900004359510", false},
		{"579000043595X", false},
		{"", false},
		{" 5790000435951", false},
	}
	for _, tt := range tests {
		if got := GLN(tt.in); got != tt.ok {
			t.Errorf("GLN(%q) = %v, want %v", tt.in, got, tt.ok)
		}
	}
}

func TestCVR(t *testing.T) {
	tests := []struct {
		in         string
		cvr, withD bool
	}{
		{"10150817", true, true},
		{"25313763", true, true},
		{"61126228", true, true},
		{"35954716", true, true},
		{"DK10150817", false, true},
		{"DK25313763", false, true},
		{"dk25313763", false, false},
		{"DK 25313763", false, false},
		{"12345678", false, false},
		{"DK12345678", false, false},
		{"01234567", false, false}, // leading 0 even though the sum is fine? see below
		{"00000000", false, false},
		{"1015081", false, false},
		{"101508170", false, false},
		{"1015081X", false, false},
		{"", false, false},
		{"DK", false, false},
	}
	for _, tt := range tests {
		if got := CVR(tt.in); got != tt.cvr {
			t.Errorf("CVR(%q) = %v, want %v", tt.in, got, tt.cvr)
		}
		if got := CVRWithDK(tt.in); got != tt.withD {
			t.Errorf("CVRWithDK(%q) = %v, want %v", tt.in, got, tt.withD)
		}
	}
	// A leading zero is refused even when the weighted sum divides by 11.
	if CVR("01000006") {
		t.Error("CVR accepted a number starting with 0")
	}
}

func TestUNSPSC(t *testing.T) {
	tests := []struct {
		in            string
		ok, commodity bool
	}{
		{"43211503", true, true},
		{"43211500", true, false}, // class
		{"43210000", true, false}, // family
		{"43000000", true, false}, // segment
		{"43211510", true, true},
		{"4321150", false, false},
		{"432115030", false, false},
		{"4321150A", false, false},
		{"43-21-15-03", false, false},
		{"", false, false},
	}
	for _, tt := range tests {
		ok, c := UNSPSC(tt.in)
		if ok != tt.ok || c != tt.commodity {
			t.Errorf("UNSPSC(%q) = %v, %v; want %v, %v", tt.in, ok, c, tt.ok, tt.commodity)
		}
	}
}

func TestCPV(t *testing.T) {
	valid := []string{
		"30192000-1", "03000000-1", "09000000-3", "15000000-8", "33000000-0",
		"39000000-2", "45000000-7", "03113100-7", "03113200-8", "18451000-5",
		"18453000-9", "71355000-1", "71355200-3", "45233120-6", "45234181-8",
		"38653111-8", "72212000-4", "31711152-3", "98000000-3", "72000000-5",
		"30192000", "99999999",
	}
	for _, s := range valid {
		if ok, r := CPV(s); !ok {
			t.Errorf("CPV(%q) = false, %v", s, r)
		}
	}
	tests := []struct {
		in     string
		reason Reason
	}{
		{"30192000-2", BadCheckDigit},
		{"03000000-0", BadCheckDigit},
		// Published in the CPV with a digit the arithmetic does not give.
		{"72212100-0", BadCheckDigit},
		{"38941000-7", BadCheckDigit},
		{"", Empty},
		{"3019200", BadLength},
		{"301920001", BadLength},
		{"30192000-12", BadLength},
		{"30192000 1", BadFormat},
		{"30192000_1", BadFormat},
		{"3019200A-1", NotDigits},
		{"30192000-X", NotDigits},
		{"3019200A", NotDigits},
	}
	for _, tt := range tests {
		ok, r := CPV(tt.in)
		if ok || r != tt.reason {
			t.Errorf("CPV(%q) = %v, %v; want false, %v", tt.in, ok, r, tt.reason)
		}
	}
	if got := CPVCheckDigit("30192000"); got != '1' {
		t.Errorf("CPVCheckDigit(30192000) = %q", got)
	}
	if got := CPVCheckDigit("3019200"); got != 0 {
		t.Errorf("CPVCheckDigit(3019200) = %q, want 0", got)
	}
}

func TestCurrencyCountry(t *testing.T) {
	for _, c := range []string{"DKK", "EUR", "SEK", "NOK", "USD", "XCG", "CNH"} {
		if !Currency(c) {
			t.Errorf("Currency(%q) = false", c)
		}
	}
	for _, c := range []string{"dkk", "DK", "DKKK", "", " DKK", "BGN", "ANG", "XXY"} {
		if Currency(c) {
			t.Errorf("Currency(%q) = true", c)
		}
	}
	for _, c := range []string{"DK", "SE", "DE", "GB", "XI", "1A", "GR"} {
		if !Country(c) {
			t.Errorf("Country(%q) = false", c)
		}
	}
	for _, c := range []string{"dk", "DNK", "UK", "EL", "", "D"} {
		if Country(c) {
			t.Errorf("Country(%q) = true", c)
		}
	}
}

func TestInCodeList(t *testing.T) {
	tests := []struct {
		list CodeList
		code string
		want bool
	}{
		{ListUNECERec20, "C62", true},
		{ListUNECERec20, "EA", true},
		{ListUNECERec20, "XPK", true},
		{ListUNECERec20, "PCS", false}, // common in Danish catalogues, not a Rec 20 code
		{ListUNECERec20, "STYK", false},
		{ListEAS, "0088", true},
		{ListEAS, "0184", true},
		{ListEAS, "9907", false},
		{ListICD, "0184", true},
		{ListICD, "0217", true},
		{ListActionCodeHeader, "Replace", true},
		{ListActionCodeLine, "Replace", false},
		{ListTrueFalse, "true", true},
		{ListTrueFalse, "TRUE", false},
		{ListMimeCode, "application/pdf", true},
		{ListNA, "NA", true},
		{ListPackagingMarkedLabelAccreditationCode, "DNV_BUSINESS_ASSURANCE", true},
		{ListPackagingMarkedLabelAccreditationCode, "", false},
		{0, "DKK", false},
		{CodeList(200), "DKK", false},
	}
	for _, tt := range tests {
		if got := InCodeList(tt.list, tt.code); got != tt.want {
			t.Errorf("InCodeList(%v, %q) = %v, want %v", tt.list, tt.code, got, tt.want)
		}
	}
	for l := CodeList(1); l < numCodeLists; l++ {
		back, ok := CodeListByName(l.String())
		if !ok || back != l {
			t.Errorf("CodeListByName(%q) = %v, %v", l.String(), back, ok)
		}
		codes := codeLists[l]
		for i := 1; i < len(codes); i++ {
			if codes[i-1] >= codes[i] {
				t.Fatalf("%v not sorted at %q", l, codes[i])
			}
		}
		for _, c := range codes {
			if !InCodeList(l, c) {
				t.Errorf("InCodeList(%v, %q) = false for a listed code", l, c)
			}
		}
	}
	if _, ok := CodeListByName("nope"); ok {
		t.Error("CodeListByName found a list that does not exist")
	}
	if CodeList(0).String() != "CodeList(invalid)" {
		t.Error("zero CodeList has a name")
	}
}

func TestDate(t *testing.T) {
	tests := []struct {
		in string
		ok bool
	}{
		{"2024-02-29", true},
		{"2000-02-29", true},
		{"1900-02-28", true},
		{"2026-12-31", true},
		{"0001-01-01", true},
		{"9999-12-31", true},
		{"2023-02-29", false},
		{"1900-02-29", false},
		{"2026-04-31", false},
		{"2026-13-01", false},
		{"2026-00-10", false},
		{"2026-01-00", false},
		{"0000-01-01", false},
		{"2026-1-01", false},
		{"2026/01/01", false},
		{"20260101", false},
		{"2026-01-01Z", false},
		{"2026-01-01+01:00", false},
		{" 2026-01-01", false},
		{"2026-01-01T00:00:00", false},
		{"２０２６-01-01", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := Date(tt.in); got != tt.ok {
			t.Errorf("Date(%q) = %v, want %v", tt.in, got, tt.ok)
		}
	}
	// Agree with time.Parse, which is strict about ranges, on every
	// month/day combination of years with all leap-year cases.
	for _, y := range []int{1, 4, 100, 400, 1600, 1900, 1999, 2000, 2023, 2024, 2100, 9999} {
		for m := 0; m <= 13; m++ {
			for d := 0; d <= 32; d++ {
				s := pad4(y) + "-" + pad2(m) + "-" + pad2(d)
				_, err := time.Parse("2006-01-02", s)
				if got := Date(s); got != (err == nil) {
					t.Errorf("Date(%q) = %v, time.Parse error %v", s, got, err)
				}
			}
		}
	}
}

func pad2(n int) string { return string([]byte{byte('0' + n/10), byte('0' + n%10)}) }
func pad4(n int) string { return pad2(n/100) + pad2(n%100) }

func TestHTTPURL(t *testing.T) {
	valid := []string{
		"http://example.com",
		"https://example.com/",
		"HTTPS://Example.COM/Path",
		"https://www.leverandør.dk/billeder/vare-1.jpg",
		"https://cdn.example.com/img/123.jpg?w=200&h=100#top",
		"http://example.com:8080/x",
		"http://user:pass@example.com/",
		"http://[2001:db8::1]/",
		"http://[2001:db8::1]:443/a",
		"http://192.168.0.1/a%20b",
		"https://example.com/søg?q=æøå",
		"http://a",
		"http://example.com?x",
		"http://example.com#frag",
	}
	for _, s := range valid {
		if !HTTPURL(s) {
			t.Errorf("HTTPURL(%q) = false", s)
			continue
		}
		u, err := url.Parse(s)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			t.Errorf("HTTPURL accepts %q but net/url gives %v, %v", s, u, err)
		}
	}
	invalid := []string{
		"",
		"example.com",
		"www.example.com/x.jpg",
		"ftp://example.com/x",
		"file:///etc/passwd",
		"mailto:a@example.com",
		"http:/example.com",
		"http:example.com",
		"http://",
		"http:///path",
		"http://?q",
		"http://:80/",
		"http://example.com:/",
		"http://example.com:port/",
		"http://example.com:123456/",
		"http://example.com:65536/",
		"http://exa mple.com/",
		"http://example.com/a b.jpg",
		"http://example.com/a\tb",
		"http://example.com/\x00",
		"http://example.com/%zz",
		"http://example.com/%4",
		"http://example.com/a<b>",
		"http://example.com/a#b#c",
		"http://[2001:db8::1/",
		"http://[]/",
		"http://[2001:db8::1]x/",
		"http://exa\u0085mple.com/",
		"http://example.com/\u0085",
		"https//example.com",
		" http://example.com",
	}
	for _, s := range invalid {
		if HTTPURL(s) {
			t.Errorf("HTTPURL(%q) = true", s)
		}
	}
}

func TestControlChar(t *testing.T) {
	tests := []struct {
		in   string
		want int
	}{
		{"", -1},
		{"plain text", -1},
		{"line 1\nline 2\r\n\tindented", -1},
		{"æøå ÆØÅ é €", -1},
		{"non\u00a0breaking", -1}, // C2 A0 is not C1
		{"\u2028", -1},
		{"\x00", 0},
		{"ab\x01", 2},
		{"a\x1fb", 1},
		{"a\x7f", 1},
		{"a\x0b", 1}, // vertical tab
		{"a\x0c", 1}, // form feed
		{"æ\u0085", 2},
		{"x\u009f", 1},
		{"x\u0080", 1},
		{"\xc2", -1}, // truncated sequence: not a control character
	}
	for _, tt := range tests {
		if got := ControlChar(tt.in); got != tt.want {
			t.Errorf("ControlChar(%q) = %d, want %d", tt.in, got, tt.want)
		}
	}
}

func TestXMLTrim(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"  \t\r\n", ""},
		{" a b ", "a b"},
		{"\n\t0088\r\n", "0088"},
		{"\u00a0x\u00a0", "\u00a0x\u00a0"},
	}
	for _, tt := range tests {
		if got := XMLTrim(tt.in); got != tt.want {
			t.Errorf("XMLTrim(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestReasonString(t *testing.T) {
	for r := OK; r <= BadCheckDigit; r++ {
		if r.String() == "unknown reason" {
			t.Errorf("Reason %d has no name", r)
		}
	}
	if Reason(99).String() != "unknown reason" {
		t.Error("out-of-range Reason has a name")
	}
}
