package tabular

import (
	"strconv"
	"testing"
)

func TestParseNumber(t *testing.T) {
	tests := []struct {
		in   string
		dec  byte
		want float64
		ok   bool
	}{
		{"1234.50", '.', 1234.5, true},
		{"1,234.50", '.', 1234.5, true},
		{"1.234,50", ',', 1234.5, true},
		{"1 234,50", ',', 1234.5, true},
		{"1\u00a0234,50", ',', 1234.5, true},
		{"12,50", ',', 12.5, true},
		{"-3,5", ',', -3.5, true},
		{"0", ',', 0, true},
		{",5", ',', 0.5, true},
		{"1.234.567,89", ',', 1234567.89, true},
		{"12,5,0", ',', 0, false},
		{"12.5", ',', 0, false}, // a point does not group thousands in groups of one
		{"12,5", '.', 0, false},
		{"1.23.4", '.', 0, false},
		{"abc", ',', 0, false},
		{"12 kr", ',', 0, false},
		{"", ',', 0, false},
		{"-", ',', 0, false},
		{"1234,", ',', 1234, true},
		{"12345.678,9", ',', 0, false},
	}
	for _, tc := range tests {
		got, ok := ParseNumber(tc.in, tc.dec)
		if ok != tc.ok || ok && got != tc.want {
			t.Errorf("ParseNumber(%q, %q) = %v, %v; want %v, %v", tc.in, tc.dec, got, ok, tc.want, tc.ok)
		}
	}
}

func TestDecimalVotes(t *testing.T) {
	tests := []struct {
		cells    []string
		fallback byte
		want     byte
	}{
		{[]string{"12,50", "3", "1.234,00"}, '.', ','},
		{[]string{"12.50", "1,234.00"}, ',', '.'},
		{[]string{"1.234", "12"}, ',', ','}, // only ambiguous cells: the fallback decides
		{[]string{"1.234", "12"}, '.', '.'},
		{[]string{"1.234.567"}, '.', ','},
	}
	for _, tc := range tests {
		var v DecimalVotes
		for _, c := range tc.cells {
			v.Add(c)
		}
		if got := v.Decide(tc.fallback); got != tc.want {
			t.Errorf("%v (fallback %q): got %q, want %q", tc.cells, tc.fallback, got, tc.want)
		}
	}
}

func TestParseDate(t *testing.T) {
	tests := map[string]string{
		"2026-01-31": "2026-01-31", "2026-01-31T00:00:00": "2026-01-31", "31-01-2026": "2026-01-31",
		"1.2.2026": "2026-02-01", "01/02/2026": "2026-02-01", "31.12.2026 12:00": "2026-12-31",
		"2026/01/31": "", "31-01-26": "", "januar 2026": "", "": "",
	}
	for in, want := range tests {
		got, ok := ParseDate(in)
		if ok != (want != "") || got != want {
			t.Errorf("ParseDate(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
}

func TestParseBool(t *testing.T) {
	for in, want := range map[string]bool{"ja": true, "Nej": false, "X": true, "0": false, "TRUE": true, "T": true, "f": false} {
		if got, ok := ParseBool(in); !ok || got != want {
			t.Errorf("ParseBool(%q) = %v, %v", in, got, ok)
		}
	}
	if _, ok := ParseBool("måske"); ok {
		t.Error("måske read as a bool")
	}
}

func BenchmarkParseNumber(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		ParseNumber("1.234,50", ',')
		ParseNumber("45,00", ',')
	}
}

// TestParseNumberExact checks the fast path against strconv on many values.
func TestParseNumberExact(t *testing.T) {
	for i := 0; i < 200000; i++ {
		x := float64(i*7919%10000000) / 100
		s := strconv.FormatFloat(x, 'f', 2, 64)
		got, ok := ParseNumber(s, '.')
		want, _ := strconv.ParseFloat(s, 64)
		if !ok || got != want {
			t.Fatalf("ParseNumber(%q) = %v, want %v", s, got, want)
		}
	}
	for _, s := range []string{"0.1", "123456789012345678", "1.00000000000000000001", "9007199254740993"} {
		got, _ := ParseNumber(s, '.')
		want, _ := strconv.ParseFloat(s, 64)
		if got != want {
			t.Errorf("ParseNumber(%q) = %v, want %v", s, got, want)
		}
	}
}
