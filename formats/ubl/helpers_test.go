package ubl

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/ekatalog/ekatalog/catalog"
	"github.com/ekatalog/ekatalog/formats/jsoncat"
)

// sharedStandards holds the reference data (see its SOURCES.md); tests that
// need it skip when it is absent, and nothing of it is copied here.
var sharedStandards = filepath.Join("..", "..", "..", "shared", "standards")

func needShared(t testing.TB) {
	t.Helper()
	if _, err := os.Stat(sharedStandards); errors.Is(err, fs.ErrNotExist) {
		t.Skipf("%s not found", sharedStandards)
	}
}

// peppolExamples are the official PEPPOL BIS Catalogue 3 example catalogues
// (CatalogueResponse_Example.xml is an ApplicationResponse, not one).
func peppolExamples(t testing.TB) []string {
	needShared(t)
	files, err := filepath.Glob(filepath.Join(sharedStandards, "peppol-poacc-bis3", "examples", "*.xml"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no PEPPOL examples: %v", err)
	}
	return slices.DeleteFunc(files, func(f string) bool { return strings.Contains(f, "CatalogueResponse") })
}

func oioublExample(t testing.TB) string {
	needShared(t)
	return filepath.Join(sharedStandards, "oioubl", "examples", "OIOUBL_Catalogue_v2p2.xml")
}

// readFile reads a whole catalogue.
func readFile(t testing.TB, path string) (*Reader, catalog.Header, []*catalog.Line) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	return readAll(t, f, filepath.Base(path))
}

func readAll(t testing.TB, r io.Reader, name string) (*Reader, catalog.Header, []*catalog.Line) {
	t.Helper()
	rd, err := Open(r, name)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	var lines []*catalog.Line
	var l catalog.Line
	for {
		err := rd.Next(&l)
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		lines = append(lines, l.Clone())
	}
	return rd, rd.Header(), lines
}

// canonical is the canonical JSON of a catalogue, header extras included:
// what the round trip must preserve.
func canonical(h catalog.Header, lines []*catalog.Line) []byte {
	var b bytes.Buffer
	w := jsoncat.NewWriter(&b)
	w.Begin(h)
	for _, l := range lines {
		w.Line(l)
	}
	w.End()
	return b.Bytes()
}

// writeUBL writes a catalogue with a UBL writer.
func writeUBL(t testing.TB, newWriter func(io.Writer, catalog.Header) (*Writer, error), h catalog.Header, lines []*catalog.Line) []byte {
	t.Helper()
	var b bytes.Buffer
	w, err := newWriter(&b, h)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Begin(h); err != nil {
		t.Fatal(err)
	}
	for _, l := range lines {
		if err := w.Line(l); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.End(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// diffLines reports the first differing text lines of two outputs, around
// the first difference in each.
func diffLines(t testing.TB, want, got []byte) {
	t.Helper()
	w, g := strings.Split(string(want), "\n"), strings.Split(string(got), "\n")
	shown := 0
	for i := range max(len(w), len(g)) {
		var a, b string
		if i < len(w) {
			a = w[i]
		}
		if i < len(g) {
			b = g[i]
		}
		if a == b {
			continue
		}
		j := 0
		for j < len(a) && j < len(b) && a[j] == b[j] {
			j++
		}
		from := max(0, j-60)
		t.Errorf("line %d, at byte %d:\nwant …%s\ngot  …%s", i+1, j, a[from:min(len(a), j+120)], b[from:min(len(b), j+120)])
		if shown++; shown == 3 {
			return
		}
	}
}
