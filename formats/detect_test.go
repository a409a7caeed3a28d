package formats_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ekatalog/ekatalog/formats"
)

// TestDetectRealWorld: every real BMEcat, cXML and UBL file is detected as
// its format from its content alone (as .xml, as a file of no extension and
// under a misleading .csv name), by the table walk.
func TestDetectRealWorld(t *testing.T) {
	rw := filepath.Join("..", "..", "shared", "realworld")
	if _, err := os.Stat(rw); err != nil {
		t.Skip("no ../shared/realworld")
	}
	for want, pattern := range map[string]string{
		"bmecat": "bmecat/bmecat/*.xml",
		"cxml":   "cxml/cxml/*.xml",
		"ubl":    "*/ubl*/*.xml",
	} {
		files, _ := filepath.Glob(filepath.Join(rw, pattern))
		if len(files) == 0 {
			t.Errorf("no files for %s", pattern)
		}
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			head := b[:min(len(b), 4096)]
			for _, name := range []string{"katalog.xml", "katalog", "katalog.csv"} {
				got, err := formats.Detect(name, head)
				if err != nil || got.Name != want {
					t.Errorf("%s as %s: %v, %v; want %s", filepath.Base(f), name, got, err, want)
				}
			}
		}
	}
}

// TestDetectRefusals: a file no format reads is refused saying what it is.
func TestDetectRefusals(t *testing.T) {
	for _, c := range []struct{ name, head, want string }{
		{"x.xml", `<?xml version="1.0"?><rss version="2.0"><channel/></rss>`, "an XML document whose root element is rss: not a catalogue"},
		{"x.xml", `<svg xmlns="http://www.w3.org/2000/svg"/>`, "root element is svg (namespace http://www.w3.org/2000/svg)"},
		{"x.xls", "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "old binary Excel file"},
		{"x.zip", "PK\x03\x04", ""},
		{"x.xlsx", "Varenummer;Navn", "not a valid .xlsx workbook"},
	} {
		f, err := formats.Detect(c.name, []byte(c.head))
		if c.want == "" {
			if err != nil || f.Name != "xlsx" {
				t.Errorf("%s: %v %v", c.name, f, err)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s %.30q: %v, %v; want %q", c.name, c.head, f, err, c.want)
		}
	}
	// A DOCTYPE subset longer than the bytes sniffed still names the format.
	long := `<?xml version="1.0"?><!DOCTYPE BMECAT SYSTEM "bmecat_new_catalog_1_2.dtd" [` + strings.Repeat(`<!ELEMENT UDX.A (#PCDATA)>`, 200) + `]><BMECAT version="1.2">`
	if f, err := formats.Detect("k.xml", []byte(long)[:4096]); err != nil || f.Name != "bmecat" {
		t.Errorf("a long DOCTYPE: %v %v", f, err)
	}
	// CSV and JSON still go where they did.
	for head, want := range map[string]string{"Varenummer;Navn\n1;a": "csv", `{"catalogue":{}}`: "json"} {
		if f, err := formats.Detect("k", []byte(head)); err != nil || f.Name != want {
			t.Errorf("%q: %v %v", head, f, err)
		}
	}
}
