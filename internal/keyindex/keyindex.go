// Package keyindex finds items by a string key without a pointer in sight:
// the keys stay where the caller keeps them (a byte arena), the table is a
// slice of integers. The garbage collector never scans the index of a
// 100,000-line agreement while a million catalogue lines stream past, and
// a key that is absent costs one probe of a small table. compare indexes
// the agreement with it, diff the old version.
package keyindex

import "hash/maphash"

// Index maps keys to item numbers (int32). The caller stores the keys;
// Key returns the key of an item.
type Index struct {
	seed  maphash.Seed
	slots []uint64 // hash tag in the high 32 bits, item+1 in the low 32; 0 is empty
	n     int
	key   func(item int32) []byte
}

// New returns an empty index over the keys key returns.
func New(key func(int32) []byte) *Index {
	return &Index{seed: maphash.MakeSeed(), slots: make([]uint64, 1024), key: key}
}

// Get returns the item with the key; the empty key is never found.
func (x *Index) Get(key string) (int32, bool) {
	if key == "" {
		return 0, false
	}
	h := maphash.String(x.seed, key)
	tag := h >> 32
	mask := uint64(len(x.slots) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		s := x.slots[i]
		if s == 0 {
			return 0, false
		}
		if s>>32 == tag {
			if it := int32(uint32(s)) - 1; string(x.key(it)) == key {
				return it, true
			}
		}
	}
}

// Put adds an item under its key; the caller has checked that the key is
// not there yet (Get).
func (x *Index) Put(key string, item int32) {
	if 2*(x.n+1) > len(x.slots) {
		x.grow()
	}
	x.insert(maphash.String(x.seed, key), item)
	x.n++
}

func (x *Index) insert(h uint64, item int32) {
	mask := uint64(len(x.slots) - 1)
	i := h & mask
	for x.slots[i] != 0 {
		i = (i + 1) & mask
	}
	x.slots[i] = h>>32<<32 | uint64(uint32(item+1))
}

func (x *Index) grow() {
	old := x.slots
	x.slots = make([]uint64, 2*len(old))
	for _, s := range old {
		if s != 0 {
			it := int32(uint32(s)) - 1
			x.insert(maphash.Bytes(x.seed, x.key(it)), it)
		}
	}
}

// Replace points the key, which must be in the index, at another item
// whose key is the same; it reports whether the key was there.
func (x *Index) Replace(key string, item int32) bool {
	if key == "" {
		return false
	}
	h := maphash.String(x.seed, key)
	tag := h >> 32
	mask := uint64(len(x.slots) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		s := x.slots[i]
		if s == 0 {
			return false
		}
		if s>>32 == tag {
			if it := int32(uint32(s)) - 1; string(x.key(it)) == key {
				x.slots[i] = tag<<32 | uint64(uint32(item+1))
				return true
			}
		}
	}
}
