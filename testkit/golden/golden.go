// Package golden compares test output with committed golden files;
// `go test ./... -update` rewrites them, and the reviewer reads the diff.
package golden

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files")

// Updating reports whether -update was given.
func Updating() bool { return *update }

// Check compares got with the file at path, or rewrites the file with -update.
func Check(t testing.TB, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run the test with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s: output differs from the golden file (run with -update and review the diff)\n--- got ---\n%s\n--- want ---\n%s", path, clip(got), clip(want))
	}
}

func clip(b []byte) []byte {
	if len(b) > 3000 {
		return append(b[:3000:3000], "…"...)
	}
	return b
}

// Shared returns the path of ../shared/standards seen from a package
// directory depth levels below the repository root, and skips the test when
// it is absent (a clone without the shared folder).
func Shared(t testing.TB, depth int) string {
	t.Helper()
	p := filepath.Join(append(repeat("..", depth+1), "shared", "standards")...)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("reference data not found at %s", p)
	}
	return p
}

func repeat(s string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = s
	}
	return out
}

// Lines returns the lines of an expectation table (a .tsv of what a test
// must find), without blank lines and "#" comments.
func Lines(t testing.TB, path string) []string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, l := range strings.Split(strings.ReplaceAll(string(b), "\r\n", "\n"), "\n") {
		if l != "" && !strings.HasPrefix(l, "#") {
			out = append(out, l)
		}
	}
	return out
}

// Table is Lines split into tab-separated cells.
func Table(t testing.TB, path string) [][]string {
	t.Helper()
	var out [][]string
	for _, l := range Lines(t, path) {
		out = append(out, strings.Split(l, "\t"))
	}
	return out
}
