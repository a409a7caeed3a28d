package outfmt

import (
	"bytes"
	"encoding/xml"
	"testing"
)

// TestText: whatever the text, the element reads back as the text, with
// characters XML cannot hold replaced.
func TestText(t *testing.T) {
	for in, want := range map[string]string{
		"plain":             "plain",
		"blå <fin> & \"q\"": "blå <fin> & \"q\"",
		"a\x01b":            "a\uFFFDb",
		"bad \xff utf8":     "bad \uFFFD utf8",
		"]]> 'x'":           "]]> 'x'",
	} {
		var b bytes.Buffer
		x := NewXML(&b)
		x.ElemAttr("", "e", "a", in, in)
		if err := x.Flush(); err != nil {
			t.Fatal(err)
		}
		var got struct {
			A string `xml:"a,attr"`
			V string `xml:",chardata"`
		}
		if err := xml.Unmarshal(b.Bytes(), &got); err != nil {
			t.Fatalf("%q: %v in %s", in, err, b.String())
		}
		if got.V != want || got.A != want {
			t.Errorf("%q read back as %q / %q, want %q", in, got.V, got.A, want)
		}
	}
}
