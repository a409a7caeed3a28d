package check

import (
	"net/url"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// FuzzHTTPURL checks that whatever HTTPURL accepts, net/url also parses as
// an http(s) URL with a host; HTTPURL may be stricter, never laxer.
func FuzzHTTPURL(f *testing.F) {
	for _, s := range []string{
		"http://example.com", "https://a.b/c?d#e", "http://[::1]:80/", "http://u:p@h:1/%41",
		"http://x y", "http://[0]", "http://%00/", "http://\x80@0", "http://%c3%b8.dk/", "http://[::ffff:1.2.3.4]/", "https://leverandør.dk/ø", "http://h/#a#b", "HTTP://H",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !HTTPURL(s) {
			return
		}
		u, err := url.Parse(s)
		if err != nil {
			t.Fatalf("HTTPURL(%q) = true, url.Parse: %v", s, err)
		}
		if sc := strings.ToLower(u.Scheme); sc != "http" && sc != "https" || u.Host == "" {
			t.Fatalf("HTTPURL(%q) = true, url.Parse gives scheme %q host %q", s, u.Scheme, u.Host)
		}
	})
}

// FuzzDate checks Date against time.Parse, which is just as strict except
// that it allows year 0000.
func FuzzDate(f *testing.F) {
	for _, s := range []string{"2024-02-29", "2023-02-29", "0000-01-01", "2024-1-01", "9999-12-31"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		_, err := time.Parse("2006-01-02", s)
		want := err == nil && !strings.HasPrefix(s, "0000")
		if got := Date(s); got != want {
			t.Fatalf("Date(%q) = %v, time.Parse error %v", s, got, err)
		}
	})
}

// FuzzControlChar checks the byte-table scan against a plain rune loop.
func FuzzControlChar(f *testing.F) {
	for _, s := range []string{"", "a\x00", "æ\u0085", "\xc2", "\xc2\x85", "tab\there"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want := -1
		for i, r := range s {
			if r == utf8.RuneError {
				continue
			}
			if r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r >= 0x7f && r <= 0x9f {
				want = i
				break
			}
		}
		if got := ControlChar(s); got != want {
			t.Fatalf("ControlChar(%q) = %d, want %d", s, got, want)
		}
	})
}

// FuzzGTIN checks that GTIN agrees with GTINCheckDigit on every input.
func FuzzGTIN(f *testing.F) {
	for _, s := range []string{"4006381333931", "12345670", "", "123", "0000000000000"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		ok, _ := GTIN(s)
		n := len(s)
		want := (n == 8 || n == 12 || n == 13 || n == 14) && allDigits(s) &&
			GTINCheckDigit(s[:n-1]) == s[n-1]
		if ok != want {
			t.Fatalf("GTIN(%q) = %v, want %v", s, ok, want)
		}
	})
}
