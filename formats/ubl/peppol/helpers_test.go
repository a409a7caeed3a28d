package peppol_test

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
	"github.com/ekatalog/ekatalog/formats/ubl"
	"github.com/ekatalog/ekatalog/formats/ubl/peppol"
)

// repoRoot is the repository's root seen from this directory.
var repoRoot = filepath.Join("..", "..", "..")

// bis3 is the PEPPOL reference data beside the repository; tests that need
// it skip when it is absent.
var bis3 = filepath.Join("..", "..", "..", "..", "shared", "standards", "peppol-poacc-bis3")

func needBIS3(t testing.TB, rel string) string {
	t.Helper()
	p := filepath.Join(bis3, filepath.FromSlash(rel))
	if _, err := os.Stat(p); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			t.Skipf("reference data not available: %s", p)
		}
		t.Fatal(err)
	}
	return p
}

// examples are the official T19 example catalogues (CatalogueResponse is a
// T58 document).
func examples(t testing.TB) []string {
	dir := needBIS3(t, "examples")
	files, err := filepath.Glob(filepath.Join(dir, "*.xml"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no examples in %s: %v", dir, err)
	}
	return slices.DeleteFunc(files, func(f string) bool { return strings.Contains(f, "CatalogueResponse") })
}

func readFile(t testing.TB, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// runChecker reads a document with the PEPPOL checker whatever its flavour and
// returns the checker's findings (the reader's own are left out).
func runChecker(doc []byte) ([]catalog.Finding, error) {
	rd, err := ubl.OpenOptions(bytes.NewReader(doc), ubl.Options{Name: "doc.xml",
		Checkers: func(string) []ubl.Checker { return []ubl.Checker{peppol.New()} }})
	if err != nil {
		return nil, err
	}
	var out []catalog.Finding
	var l catalog.Line
	for {
		err := rd.Next(&l)
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		out = append(out, l.Findings...)
	}
	for _, f := range rd.Findings() {
		out = append(out, f)
	}
	return slices.DeleteFunc(out, func(f catalog.Finding) bool { return !strings.HasPrefix(f.RuleID(), "PEPPOL-") }), nil
}

// counts tallies findings by rule.
func counts(fs []catalog.Finding) map[string]int {
	m := map[string]int{}
	for _, f := range fs {
		m[f.RuleID()]++
	}
	return m
}
