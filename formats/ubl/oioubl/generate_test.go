package oioubl

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestGenerated: rules_gen.go and codes_gen.go are what the generator makes
// of the reference data now, so a forgotten go generate shows up here.
func TestGenerated(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the generator")
	}
	std := filepath.Join(sharedStandards, "oioubl")
	if _, err := os.Stat(std); errors.Is(err, fs.ErrNotExist) {
		t.Skipf("%s not found", std)
	}
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command")
	}
	dir := t.TempDir()
	cmd := exec.Command(gobin, "run", "./internal/gen", "-standards", std,
		"-rules", filepath.Join(dir, "rules_gen.go"), "-codes", filepath.Join(dir, "codes_gen.go"))
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("generator: %v\n%s", err, out)
	}
	for _, f := range []string{"rules_gen.go", "codes_gen.go"} {
		want, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s is out of date with the reference data: run go generate ./formats/ubl/oioubl", f)
		}
	}
}
