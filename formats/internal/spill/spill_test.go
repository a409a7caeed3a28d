package spill

import (
	"bytes"
	"os"
	"testing"

	_ "github.com/ekatalog/ekatalog/testkit/golden" // -update, as every package's tests take it
)

// TestBuffer: what is written comes back whole, from memory while small
// and from the temporary file past Limit; Close leaves no file behind.
func TestBuffer(t *testing.T) {
	for _, n := range []int{0, 100, Limit, 3 * Limit} {
		var b Buffer
		want := bytes.Repeat([]byte("0123456789"), n/10+1)[:n]
		for i := 0; i < len(want); i += 4096 {
			if _, err := b.Write(want[i:min(i+4096, len(want))]); err != nil {
				t.Fatal(err)
			}
		}
		if (n > Limit) != (b.f != nil) {
			t.Errorf("%d bytes: on disk %v", n, b.f != nil)
		}
		var got bytes.Buffer
		if _, err := b.WriteTo(&got); err != nil || !bytes.Equal(got.Bytes(), want) {
			t.Errorf("%d bytes: got %d back, %v", n, got.Len(), err)
		}
		name := ""
		if b.f != nil {
			name = b.f.Name()
		}
		if err := b.Close(); err != nil {
			t.Fatal(err)
		}
		if name != "" {
			if _, err := os.Stat(name); !os.IsNotExist(err) {
				t.Errorf("%s left behind", name)
			}
		}
	}
}
