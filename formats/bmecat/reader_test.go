package bmecat_test

import (
	"bytes"
	"encoding/xml"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/ekatalog/ekatalog/catalog"
	"github.com/ekatalog/ekatalog/formats/bmecat"
	"github.com/ekatalog/ekatalog/formats/jsoncat"
	"github.com/ekatalog/ekatalog/internal/golden"
)

// realworld returns the BMEcat files in ../shared/realworld.
func realworld(t testing.TB) []string {
	std := golden.Shared(t, 2)
	files, err := filepath.Glob(filepath.Join(filepath.Dir(std), "realworld", "bmecat", "bmecat", "*.xml"))
	if err != nil || len(files) == 0 {
		t.Skipf("no BMEcat files in the shared realworld folder (%v)", err)
	}
	return files
}

// readAll reads a whole document: header, lines (cloned) and the error
// that ended it (nil at io.EOF).
func readAll(t testing.TB, name string, b []byte) (*bmecat.Reader, catalog.Header, []*catalog.Line, error) {
	t.Helper()
	rd, err := bmecat.Open(bytes.NewReader(b), bmecat.Options{Name: name})
	if err != nil {
		return nil, catalog.Header{}, nil, err
	}
	var lines []*catalog.Line
	var l catalog.Line
	for {
		err := rd.Next(&l)
		if err == io.EOF {
			return rd, rd.Header(), lines, nil
		}
		if err != nil {
			return rd, rd.Header(), lines, err
		}
		lines = append(lines, l.Clone())
	}
}

// items counts the ARTICLE and PRODUCT elements of a transaction with
// encoding/xml, independently of the reader.
func items(t *testing.T, b []byte) int {
	t.Helper()
	// encoding/xml does not read a DOCTYPE's internal subset as markup
	// declarations, but it skips a DOCTYPE whole; its Strict mode is
	// enough to count elements.
	dec := xml.NewDecoder(bytes.NewReader(b))
	dec.CharsetReader = func(_ string, r io.Reader) (io.Reader, error) { return r, nil }
	depth, n := 0, 0
	var stack []string
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return n
		}
		if err != nil {
			t.Fatalf("encoding/xml: %v", err)
		}
		switch e := tok.(type) {
		case xml.StartElement:
			stack = append(stack, e.Name.Local)
			depth++
			if depth == 3 && strings.HasPrefix(stack[1], "T_") && (e.Name.Local == "ARTICLE" || e.Name.Local == "PRODUCT") {
				n++
			}
		case xml.EndElement:
			stack = stack[:len(stack)-1]
			depth--
		}
	}
}

var itemRE = regexp.MustCompile(`<(ARTICLE|PRODUCT)[\s>]`)

// TestRealWorld: every BMEcat file in ../shared/realworld is read, with as
// many lines as it has items, each with an item number.
func TestRealWorld(t *testing.T) {
	for _, f := range realworld(t) {
		t.Run(filepath.Base(f), func(t *testing.T) {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			_, h, lines, err := readAll(t, f, b)
			if err != nil {
				t.Fatal(err)
			}
			want := items(t, b)
			if re := len(itemRE.FindAll(b, -1)); re != want {
				t.Fatalf("encoding/xml counts %d items, the regexp %d", want, re)
			}
			if len(lines) != want {
				t.Errorf("%d lines, the file has %d items", len(lines), want)
			}
			var out []byte
			for _, l := range lines {
				out = jsoncat.AppendLine(out, l)
				out = append(out, '\n')
			}
			t.Logf("header %+v\n%s", h, out)
		})
	}
}
