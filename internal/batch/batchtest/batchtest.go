// Package batchtest makes folders of catalogues for the tests and
// benchmarks of batch runs.
package batchtest

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/ekatalog/ekatalog/testkit/synth"
)

// Catalogues makes a folder of n catalogues of lines lines each (CSV in
// several layouts, some Excel, some in a subfolder) with the file at index
// corrupt damaged (a workbook cut in half; -1 for none). It returns the
// damaged file's path.
func Catalogues(t testing.TB, dir string, n, lines, corrupt int) string {
	t.Helper()
	bad := ""
	for i := range n {
		sub := ""
		if i%4 == 3 {
			sub = "underleverandør"
		}
		var buf bytes.Buffer
		var name string
		var err error
		switch i % 5 {
		case 0, 2:
			name = fmt.Sprintf("katalog-%02d.csv", i)
			err = synth.WriteCSV(&buf, i*lines, lines, synth.Danish)
		case 1, 3:
			name = fmt.Sprintf("katalog-%02d.csv", i)
			err = synth.WriteCSV(&buf, i*lines, lines, synth.DanishUTF8)
		case 4:
			name = fmt.Sprintf("katalog-%02d.xlsx", i)
			err = synth.WriteXLSX(&buf, i*lines, lines, synth.XLSXOptions{Title: "Prisliste"})
		}
		if err != nil {
			t.Fatal(err)
		}
		data := buf.Bytes()
		if i == corrupt {
			name = fmt.Sprintf("katalog-%02d.xlsx", i)
			var x bytes.Buffer
			if err := synth.WriteXLSX(&x, 0, lines, synth.XLSXOptions{}); err != nil {
				t.Fatal(err)
			}
			data = x.Bytes()[:x.Len()/2]
			bad = filepath.Join(dir, sub, name)
		}
		if err := os.MkdirAll(filepath.Join(dir, sub), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, sub, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return bad
}
