package check

import "testing"

// sink keeps results alive so the compiler cannot drop the calls.
var (
	sinkBool   bool
	sinkInt    int
	sinkReason Reason
	sinkString string
)

// allocCases calls every exported check with inputs that reach its deepest
// path, valid and invalid.
var allocCases = map[string]func(){
	"GTIN":           func() { sinkBool, sinkReason = GTIN("4006381333931") },
	"GTINBad":        func() { sinkBool, sinkReason = GTIN("400638133393X") },
	"GTINCheckDigit": func() { sinkInt = int(GTINCheckDigit("400638133393")) },
	"GLN":            func() { sinkBool = GLN("5790000435951") },
	"CVR":            func() { sinkBool = CVRWithDK("DK25313763") },
	"UNSPSC":         func() { sinkBool, _ = UNSPSC("43211503") },
	"CPV":            func() { sinkBool, sinkReason = CPV("30192000-1") },
	"CPVCheckDigit":  func() { sinkInt = int(CPVCheckDigit("30192000")) },
	"Currency":       func() { sinkBool = Currency("DKK") },
	"Country":        func() { sinkBool = Country("DK") },
	"InCodeList":     func() { sinkBool = InCodeList(ListUNECERec20, "XPK") },
	"Date":           func() { sinkBool = Date("2024-02-29") },
	"HTTPURL":        func() { sinkBool = HTTPURL("https://user@cdn.example.com:8443/img/vare%201.jpg?w=200#x") },
	"HTTPURLv6":      func() { sinkBool = HTTPURL("http://[2001:db8::1]:80/") },
	"ControlChar":    func() { sinkInt = ControlChar("Skrue, rustfri A4, 6×40 mm\n\u0085") },
	"XMLTrim":        func() { sinkString = XMLTrim("\n  0088 \t") },
	"DutchVAT":       func() { sinkBool = DutchVAT("NL123456789B12") },
	"SchemeIDGLN":    func() { sinkString, sinkBool = SchemeID("0088", " 5790000435951 ") },
	"SchemeIDCF":     func() { sinkString, sinkBool = SchemeIDIn(CompanyID, "0210", " RSSMRA8  T10A562S ") },
	"SchemeIDPIVA":   func() { sinkString, sinkBool = SchemeID("0211", "IT02985591201") },
	"SchemeIDNone":   func() { sinkString, sinkBool = SchemeID("0060", "123") },
	"CodeListString": func() { sinkString = ListISO4217.String() },
}

// TestNoAllocs holds every check to zero allocations, so a regression shows
// up in go test and not only in benchmark output.
func TestNoAllocs(t *testing.T) {
	for name, f := range allocCases {
		if n := testing.AllocsPerRun(100, f); n != 0 {
			t.Errorf("%s: %v allocs per call, want 0", name, n)
		}
	}
}

func BenchmarkGTIN(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		sinkBool, sinkReason = GTIN("4006381333931")
	}
}

func BenchmarkGTIN14(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		sinkBool, sinkReason = GTIN("00012345600012")
	}
}

func BenchmarkCurrency(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		sinkBool = Currency("DKK")
	}
}

func BenchmarkUNSPSC(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		sinkBool, _ = UNSPSC("43211503")
	}
}

func BenchmarkDate(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		sinkBool = Date("2024-02-29")
	}
}

func BenchmarkHTTPURL(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		sinkBool = HTTPURL("https://cdn.example.com/images/products/4006381333931-front.jpg?w=800")
	}
}

func BenchmarkCPV(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		sinkBool, sinkReason = CPV("30192000-1")
	}
}

func BenchmarkUnitCode(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		sinkBool = InCodeList(ListUNECERec20, "XPK")
	}
}

func BenchmarkControlChar(b *testing.B) {
	s := "Skruer, rustfri A4, 6×40 mm, 100 stk. i æske. Velegnet til udendørs brug og træterrasser.\n"
	b.ReportAllocs()
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		sinkInt = ControlChar(s)
	}
}

func BenchmarkSchemeID(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		sinkString, sinkBool = SchemeID("0088", "5790000435951")
	}
}
