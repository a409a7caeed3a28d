package synth

import (
	"bytes"
	"github.com/ekatalog/ekatalog/testkit/golden"
	"os"
	"path/filepath"
	"testing"
)

// fixtures are the committed test catalogues made from synthetic items: the
// same 20 items in every encoding and layout a supplier's export takes.
var fixtures = []struct {
	file string
	opts CSVOptions
}{
	{"csv/katalog-da.csv", CSVOptions{Delim: ';', Decimal: ',', CRLF: true, Encoding: "windows-1252", Title: "Prisliste 2026 – Kontorartikler (alle priser ekskl. moms)"}},
	{"csv/katalog-da-utf8bom.csv", CSVOptions{Delim: ';', Decimal: ',', CRLF: true, Encoding: "utf-8-bom"}},
	{"csv/katalog-da-utf16.csv", CSVOptions{Delim: '\t', Decimal: ',', CRLF: true, Encoding: "utf-16le"}},
	{"csv/katalog-en.csv", English},
	{"csv/katalog-pipe.csv", CSVOptions{Delim: '|', Decimal: '.', Encoding: "utf-8"}},
}

const fixtureLines = 20

func TestFixtures(t *testing.T) {
	for _, fx := range fixtures {
		var b bytes.Buffer
		if err := WriteCSV(&b, 0, fixtureLines, fx.opts); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join("..", "..", "testdata", fx.file)
		if golden.Updating() {
			if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		got, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run go test ./testkit/synth -update)", err)
		}
		if !bytes.Equal(got, b.Bytes()) {
			t.Errorf("%s differs from what synth writes; run go test ./testkit/synth -update", fx.file)
		}
	}
}

func TestDanishNumber(t *testing.T) {
	for x, want := range map[float64]string{0.95: "0,95", 1234.5: "1.234,50", 1234567.891: "1.234.567,89", 12: "12,00"} {
		if got := DanishNumber(x); got != want {
			t.Errorf("DanishNumber(%v) = %q, want %q", x, got, want)
		}
	}
}
