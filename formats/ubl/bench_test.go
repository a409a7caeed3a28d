package ubl

import (
	"io"
	"testing"

	"github.com/ekatalog/ekatalog/catalog"
)

// BenchmarkWrite writes the lines of the official PEPPOL example, again
// and again, with each writer: the per-line cost of building, cleaning,
// sorting and printing a line's tree.
func BenchmarkWrite(b *testing.B) {
	_, h, lines := readFile(b, peppolExamples(b)[0])
	for _, bc := range []struct {
		name      string
		newWriter func(io.Writer, catalog.Header) (*Writer, error)
	}{{"peppol", NewPeppolWriter}, {"oioubl", NewOIOUBLWriter}} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			w, err := bc.newWriter(io.Discard, h)
			if err != nil {
				b.Fatal(err)
			}
			if err := w.Begin(h); err != nil {
				b.Fatal(err)
			}
			for b.Loop() {
				for _, l := range lines {
					if err := w.Line(l); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}
