package ubl

import (
	"bytes"
	"path/filepath"
	"testing"
)

// TestRoundTripPeppol: UBL → canonical → UBL → canonical is the identity on
// every PEPPOL example.
func TestRoundTripPeppol(t *testing.T) {
	for _, f := range peppolExamples(t) {
		t.Run(filepath.Base(f), func(t *testing.T) {
			_, h, lines := readFile(t, f)
			want := canonical(h, lines)
			out := writeUBL(t, NewPeppolWriter, h, lines)
			_, h2, lines2 := readAll(t, bytes.NewReader(out), "written")
			if got := canonical(h2, lines2); !bytes.Equal(got, want) {
				diffLines(t, want, got)
			}
		})
	}
}
