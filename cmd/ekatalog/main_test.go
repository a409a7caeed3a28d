package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ekatalog/ekatalog/testkit/golden"
)

// cli runs the command in-process, as main does.
func cli(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

// TestGolden runs the scenarios whose whole output is reviewed as a file.
func TestGolden(t *testing.T) {
	tests := []struct {
		name string
		args []string
		code int
	}{
		{"validate-demo-en", []string{"validate", "../../testdata/demo/katalog.csv"}, 1},
		{"validate-demo-da", []string{"validate", "--lang", "da", "../../testdata/demo/katalog.csv"}, 1},
		{"validate-demo-json", []string{"validate", "--format", "json", "../../testdata/demo/katalog.csv"}, 1},
		{"validate-clean", []string{"validate", "../../testdata/csv/katalog-da.csv"}, 0},
		{"validate-two-json", []string{"validate", "--format", "json", "../../testdata/csv/katalog-en.csv", "../../testdata/broken/ragged.csv"}, 1},
		{"validate-gtin-profile", []string{"validate", "--profile", "../../testdata/profiles/gtin-mandatory.json", "../../testdata/profiles/no-gtin.csv"}, 1},
		{"validate-mapping", []string{"validate", "--mapping", "../../testdata/mappings/columns.json", "../../testdata/mappings/own-headers.csv"}, 0},
		{"convert-json", []string{"convert", "../../testdata/demo/katalog.csv", "--to", "json"}, 1},
		{"units-kasse", []string{"units", "kasse"}, 0},
		{"units-XBX", []string{"units", "XBX"}, 0},
		{"units-words", []string{"units", "stk", "æske", "pk.", "PK"}, 0},
		{"units-ps", []string{"units", "ps"}, 0},
		{"validate-prisliste-da-varianter", []string{"validate", "../../testdata/csv/prisliste-da-varianter.csv"}, 1},
		{"validate-cif", []string{"validate", "--format", "json", "../../testdata/cif/katalog-trinvis.cif"}, 1},
		{"profiles", []string{"profiles"}, 0},
		{"targets", []string{"targets"}, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := cli(t, "", tc.args...)
			if code != tc.code {
				t.Errorf("exit %d, want %d; stderr: %s", code, tc.code, errOut)
			}
			golden.Check(t, filepath.Join("../../testdata/golden/cli", tc.name+".txt"), []byte(out))
		})
	}
}

// TestUnreadable: each exits 2 with one line naming the file, and no panic.
func TestUnreadable(t *testing.T) {
	files, _ := filepath.Glob("../../testdata/broken/*")
	files = append(files, "../../testdata/nope.csv")
	for _, f := range files {
		if strings.HasSuffix(f, "ragged.csv") {
			continue
		}
		code, out, errOut := cli(t, "", "validate", f)
		if code != 2 {
			t.Errorf("%s: exit %d, want 2", f, code)
		}
		lines := strings.Split(strings.TrimSpace(errOut), "\n")
		if len(lines) != 1 || !strings.Contains(lines[0], f) {
			t.Errorf("%s: stderr is not one line naming the file: %q", f, errOut)
		}
		if !strings.Contains(out, "NOT COMPLIANT") {
			t.Errorf("%s: an unreadable file must be reported as not compliant: %q", f, out)
		}
	}
}

func TestUsageErrors(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"validate"}, "requires at least 1 arg"},
		{[]string{"validate", "--lang", "fr", "x.csv"}, "--lang"},
		{[]string{"validate", "--format", "pdf", "x.csv"}, "unknown report format"},
		{[]string{"validate", "--profile", "nope", "x.csv"}, "neither a built-in profile"},
		{[]string{"validate", "--profile", "../../testdata/profiles/broken.json", "x.csv"}, "at /fields: additional properties 'colour' not allowed"},
		{[]string{"validate", "--mapping", "../../testdata/mappings/broken.json", "x.csv"}, "at /columns/Vores nr"},
		{[]string{"convert", "../../testdata/demo/katalog.csv", "--to", "nope"}, "unknown target"},
		{[]string{"convert", "../../testdata/demo/katalog.csv"}, "required flag"},
		{[]string{"validate", "--bogus", "x.csv"}, "unknown flag"},
	}
	for _, tc := range tests {
		code, _, errOut := cli(t, "", tc.args...)
		if code != 2 || !strings.Contains(errOut, tc.want) {
			t.Errorf("%v: exit %d, stderr %q; want 2 and %q", tc.args, code, errOut, tc.want)
		}
	}
}

func TestStdin(t *testing.T) {
	data, err := os.ReadFile("../../testdata/csv/katalog-en.csv")
	if err != nil {
		t.Fatal(err)
	}
	code, out, _ := cli(t, string(data), "validate", "-")
	if code != 0 || !strings.Contains(out, "- (csv, profile dk-ehandel): COMPLIANT") {
		t.Errorf("exit %d: %s", code, out)
	}
}

// TestConvertWritesAtomically: the output appears complete, and not at all
// for an input that cannot be read.
func TestConvertWritesAtomically(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "out.json")
	code, _, errOut := cli(t, "", "convert", "../../testdata/csv/katalog-da.csv", "--to", "json", "-o", out, "--report", filepath.Join(dir, "r.json"), "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	b, err := os.ReadFile(out)
	if err != nil || !bytes.HasSuffix(b, []byte("]}\n")) {
		t.Errorf("output %q, %v", b, err)
	}
	if _, err := os.Stat(filepath.Join(dir, "r.json")); err != nil {
		t.Error(err)
	}
	bad := filepath.Join(dir, "bad.json")
	if code, _, _ := cli(t, "", "convert", "../../testdata/broken/random.bin", "--to", "json", "-o", bad); code != 2 {
		t.Errorf("exit %d", code)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if e.Name() != "out.json" && e.Name() != "r.json" {
			t.Errorf("left behind: %s", e.Name())
		}
	}
}
