package csv

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ekatalog/ekatalog/catalog"
	"github.com/ekatalog/ekatalog/testkit/synth"
)

// readText is readWith as one text, for comparison.
func readText(t *testing.T, data []byte, o Options) string {
	lines, findings, err := readWith(t, data, o)
	return fmt.Sprintf("%q\n%q\n%v", lines, findings, err)
}

// TestReadAheadReadsTheSame: parsing on a goroutine of its own gives the
// same lines, findings and errors as parsing in Next, on every test file,
// on broken ones, and across many batches.
func TestReadAheadReadsTheSame(t *testing.T) {
	files, _ := filepath.Glob("../../testdata/csv/*.csv")
	more, _ := filepath.Glob("../../testdata/broken/*.csv")
	files = append(append(files, more...), "../../testdata/defects/defects-da.csv", "../../testdata/demo/katalog.csv")
	inputs := map[string][]byte{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		inputs[filepath.Base(f)] = b
	}
	var big bytes.Buffer
	if err := synth.WriteCSV(&big, 0, 3000, synth.DanishUTF8); err != nil {
		t.Fatal(err)
	}
	inputs["synth-3000"] = big.Bytes()
	// A syntax error and a record past the limit deep in the file.
	inputs["syntax"] = append(append([]byte(nil), big.Bytes()...), "V-X;\"a\"b;stk\r\nV-Y;ok;stk\r\n"...)
	inputs["too-large"] = append(append([]byte(nil), big.Bytes()...), ("V-Z;\"" + strings.Repeat("x", 3<<20))...)
	for name, data := range inputs {
		o := Options{Name: name, MaxRecordBytes: 1 << 20}
		plain := readText(t, data, o)
		o.ReadAhead = true
		if got := readText(t, data, o); got != plain {
			t.Errorf("%s: read-ahead differs:\n%.400s\nwant\n%.400s", name, got, plain)
		}
	}
}

// TestReadAheadStops: closing a reader in the middle stops its goroutine.
func TestReadAheadStops(t *testing.T) {
	var big bytes.Buffer
	synth.WriteCSV(&big, 0, 20000, synth.DanishUTF8)
	r, err := Open(bytes.NewReader(big.Bytes()), Options{Name: "x.csv", ReadAhead: true})
	if err != nil {
		t.Fatal(err)
	}
	var l catalog.Line
	for i := 0; i < 1000; i++ {
		if err := r.Next(&l); err != nil {
			t.Fatal(err)
		}
	}
	r.Close()
	r.Close() // twice is fine
	// The goroutine ends and closes its channel; a leak would hang here
	// until the test's timeout.
	for range r.ahead.full {
	}
}
