package bmecat_test

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/ekatalog/ekatalog/catalog"
	"github.com/ekatalog/ekatalog/formats/bmecat"
	"github.com/ekatalog/ekatalog/formats/jsoncat"
	"github.com/ekatalog/ekatalog/testkit/golden"
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
			checkItems(t, b, lines)
			if h.Seller.Name == "" && h.Seller.ID == "" {
				t.Error("no supplier in the header")
			}
		})
	}
}

var (
	chunkRE = regexp.MustCompile(`(?s)<(ARTICLE|PRODUCT)[\s>].*?</(ARTICLE|PRODUCT)>`)
	idRE    = regexp.MustCompile(`<SUPPLIER_[AP]ID(?:\s[^>]*)?>\s*([^<]*?)\s*</SUPPLIER_[AP]ID>`)
	gtinRE  = regexp.MustCompile(`<(?:EAN|INTERNATIONAL_PID(?:\s+type="(?:gtin|ean|GTIN|EAN)")?)>\s*([^<]*?)\s*</`)
	unitRE  = regexp.MustCompile(`<ORDER_UNIT>\s*([^<]*?)\s*</ORDER_UNIT>`)
	amtRE   = regexp.MustCompile(`<PRICE_AMOUNT>\s*([^<]*?)\s*</PRICE_AMOUNT>`)
	srcRE   = regexp.MustCompile(`<MIME_SOURCE>\s*([^<]*?)\s*</MIME_SOURCE>`)
)

// checkItems compares each line with its item's text, found with regular
// expressions: the item number, the GTIN, the order unit, a price amount
// and the image sources land in their fields.
func checkItems(t *testing.T, b []byte, lines []*catalog.Line) {
	t.Helper()
	chunks := chunkRE.FindAll(b, -1)
	if len(chunks) != len(lines) {
		t.Fatalf("%d item chunks, %d lines", len(chunks), len(lines))
	}
	for i, c := range chunks {
		l := lines[i]
		if m := idRE.FindSubmatch(c); m == nil || string(m[1]) != l.SellerItemID {
			t.Errorf("line %d: sellerItemId %q, the item says %q", i+1, l.SellerItemID, m)
		}
		if m := gtinRE.FindSubmatch(c); m != nil && string(m[1]) != l.GTIN {
			t.Errorf("line %d: gtin %q, the item says %q", i+1, l.GTIN, m[1])
		}
		if m := unitRE.FindSubmatch(c); m != nil && string(m[1]) != l.Unit && string(m[1]) != l.UnitText {
			t.Errorf("line %d: unit %q (%q), the item says %q", i+1, l.Unit, l.UnitText, m[1])
		}
		if amts := amtRE.FindAllSubmatch(c, -1); len(amts) > 0 {
			found := false
			for _, a := range amts {
				x, err := strconv.ParseFloat(strings.Replace(string(a[1]), ",", ".", 1), 64)
				found = found || err == nil && l.Price.Valid && (x == l.Price.V || bytes.Contains(c, []byte("PRICE_FACTOR")))
			}
			if !found {
				t.Errorf("line %d: price %v is none of the item's amounts %q", i+1, l.Price, amts)
			}
		}
		srcs := map[string]bool{}
		for _, m := range srcRE.FindAllSubmatch(c, -1) {
			srcs[string(m[1])] = true
		}
		for _, im := range l.Images {
			if !srcs[im] && !srcs[im[strings.LastIndexByte(im, '/')+1:]] {
				t.Errorf("line %d: image %q is not a MIME_SOURCE of the item", i+1, im)
			}
		}
		if len(srcs) > 0 && len(l.Images) == 0 && bytes.Contains(c, []byte("image/")) {
			t.Errorf("line %d: the item has images, the line none", i+1)
		}
	}
}

// TestGoldenJSON: a few real files as canonical JSON lines (go test
// -update rewrites them).
func TestGoldenJSON(t *testing.T) {
	for _, f := range realworld(t) {
		base := filepath.Base(f)
		if !strings.HasPrefix(base, "testdata__") && !strings.HasPrefix(base, "1.01") {
			continue
		}
		t.Run(base, func(t *testing.T) {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			_, h, lines, err := readAll(t, f, b)
			if err != nil {
				t.Fatal(err)
			}
			golden.Check(t, filepath.Join("testdata", "golden", strings.TrimSuffix(base, ".xml")+".json"), canonical(t, h, lines))
		})
	}
}

// canonical is the header and lines as canonical JSON, one line per line.
func canonical(t *testing.T, h catalog.Header, lines []*catalog.Line) []byte {
	t.Helper()
	out, err := json.Marshal(h)
	if err != nil {
		t.Fatal(err)
	}
	out = append(out, '\n')
	for _, l := range lines {
		out = jsoncat.AppendLine(out, l)
		out = append(out, '\n')
	}
	return out
}
