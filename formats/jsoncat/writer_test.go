package jsoncat

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestAppendStringMatchesEncodingJSON(t *testing.T) {
	cases := []string{"", "plain ascii text longer than eight", "æøå ÆØÅ – “quotes”", "tab\there\nnew \"q\" \\ back",
		"\x00\x01\x1f ctl", "bad \xff utf8 \xc3", "\u2028 sep \u2029", strings.Repeat("abcdefgh", 10) + "\"", "1234567\x7f"}
	for _, s := range cases {
		got := appendString(nil, s)
		var back string
		if err := json.Unmarshal(got, &back); err != nil {
			t.Fatalf("%q → %s: %v", s, got, err)
		}
		want := s
		if !utf8.ValidString(s) {
			want = strings.ToValidUTF8(s, "\ufffd")
		}
		if back != want {
			t.Errorf("%q → %s → %q", s, got, back)
		}
	}
}

func FuzzAppendString(f *testing.F) {
	f.Add("æøå \"x\" \x01")
	f.Fuzz(func(t *testing.T, s string) {
		var back string
		if err := json.Unmarshal(appendString(nil, s), &back); err != nil {
			t.Fatal(err)
		}
		if back != strings.ToValidUTF8(s, "\ufffd") && utf8.ValidString(s) {
			t.Fatalf("%q read back as %q", s, back)
		}
	})
}
