package keyindex

import (
	"strconv"
	"testing"
)

// TestKeyIndex: every key put is found as its item through growth, and
// keys never put are not, also those that share a prefix or are empty.
func TestKeyIndex(t *testing.T) {
	var keys [][]byte
	x := New(func(i int32) []byte { return keys[i] })
	const n = 5000
	for i := range n {
		keys = append(keys, []byte("SUP-"+strconv.Itoa(i)))
		x.Put(string(keys[i]), int32(i))
	}
	for i := range n {
		if got, ok := x.Get("SUP-" + strconv.Itoa(i)); !ok || got != int32(i) {
			t.Fatalf("SUP-%d: got %d, %v", i, got, ok)
		}
		if _, ok := x.Get("SUP-" + strconv.Itoa(i) + "x"); ok {
			t.Fatalf("SUP-%dx found", i)
		}
	}
	if _, ok := x.Get(""); ok {
		t.Error("the empty key was found")
	}
	if allocs := testing.AllocsPerRun(100, func() { x.Get("SUP-17"); x.Get("NOPE") }); allocs != 0 {
		t.Errorf("a look-up allocates %v times", allocs)
	}
}
