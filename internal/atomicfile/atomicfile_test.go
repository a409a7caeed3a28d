package atomicfile

import (
	"os"
	"path/filepath"
	"testing"
)

func TestCommitAndAbort(t *testing.T) {
	p := filepath.Join(t.TempDir(), "out.txt")
	if err := Write(p, []byte("one")); err != nil {
		t.Fatal(err)
	}
	f, err := Create(p, nil)
	if err != nil {
		t.Fatal(err)
	}
	f.Write([]byte("two"))
	f.Abort()
	if b, _ := os.ReadFile(p); string(b) != "one" {
		t.Fatalf("an aborted write changed the target: %q", b)
	}
	entries, _ := os.ReadDir(filepath.Dir(p))
	if len(entries) != 1 {
		t.Fatalf("temporary files left behind: %v", entries)
	}
}

// TestDevice: a target that exists and is not a regular file is written in
// place; renaming over /dev/null would replace the device with a file.
func TestDevice(t *testing.T) {
	fi, err := os.Stat(os.DevNull)
	if err != nil || fi.Mode()&os.ModeDevice == 0 {
		t.Skip("no /dev/null device here")
	}
	f, err := Create(os.DevNull, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.Write([]byte("report")); err != nil {
		t.Fatal(err)
	}
	if err := f.Commit(); err != nil {
		t.Fatal(err)
	}
	after, err := os.Stat(os.DevNull)
	if err != nil || after.Mode()&os.ModeDevice == 0 {
		t.Fatalf("%s is no longer a device: %v %v", os.DevNull, after.Mode(), err)
	}
}
