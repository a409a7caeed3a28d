package formats_test

import (
	"bufio"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ekatalog/ekatalog/formats"
)

// TestLayoutAndRows: a reader says how it read its rows exactly when its
// format can read them again (Rows), and Rows, given what the reader
// recorded, reads the file back from its first row through the header.
func TestLayoutAndRows(t *testing.T) {
	var files []string
	for _, pattern := range []string{"csv/*.csv", "xlsx/*.xlsx", "compare/katalog.xml", "diff/new.xml", "cif/*.cif"} {
		m, _ := filepath.Glob(filepath.Join("..", "testdata", pattern))
		files = append(files, m...)
	}
	for _, pattern := range []string{"bmecat/bmecat/*.xml", "cxml/cxml/*.xml"} {
		m, _ := filepath.Glob(filepath.Join("..", "..", "shared", "realworld", pattern))
		files = append(files, m[:min(len(m), 3)]...)
	}
	withRows := map[string]bool{}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			f := formats.DetectFile(file)
			if f == nil {
				t.Fatal("not detected")
			}
			fh, err := os.Open(file)
			if err != nil {
				t.Fatal(err)
			}
			defer fh.Close()
			rd, err := f.Open(bufio.NewReader(fh), formats.Options{Name: file})
			if err != nil && strings.HasPrefix(file, filepath.Join("..", "..", "shared")) {
				t.Skipf("a real file its reader refuses: %v", err)
			}
			if err != nil {
				t.Fatal(err)
			}
			if c, ok := rd.(io.Closer); ok {
				defer c.Close()
			}
			l := formats.LayoutOf(rd)
			if (l != nil) != (f.Rows != nil) {
				t.Fatalf("%s: layout %v, but Rows is set: %v", f.Name, l, f.Rows != nil)
			}
			if l == nil {
				return
			}
			withRows[f.Name] = true
			again, err := os.Open(file)
			if err != nil {
				t.Fatal(err)
			}
			defer again.Close()
			rows, err := f.Rows(again, *l, formats.Options{Name: file})
			if err != nil {
				t.Fatal(err)
			}
			defer rows.Close()
			last := 0
			for last < l.HeaderRow {
				n, cells, err := rows.Next()
				if err != nil {
					t.Fatalf("after row %d: %v (header on row %d)", last, err, l.HeaderRow)
				}
				if n <= last {
					t.Fatalf("row %d after row %d", n, last)
				}
				if n == l.HeaderRow && len(cells) < 2 {
					t.Errorf("header row %d: %q", n, cells)
				}
				last = n
			}
			if last != l.HeaderRow {
				t.Errorf("no row %d: the header row", l.HeaderRow)
			}
		})
	}
	for _, f := range formats.Formats {
		if f.Rows != nil && !withRows[f.Name] {
			t.Errorf("%s has Rows but no file of it was read", f.Name)
		}
	}
}
