package compare

import "hash/maphash"

// keyIndex finds agreed items by a key (item number or GTIN) without a
// pointer in sight: the keys live in one byte arena, the table is a slice
// of integers, so the garbage collector never scans the index of a
// 100,000-line agreement while a million catalogue lines stream past, and
// a key that is not on the agreement costs one probe of a small table.
type keyIndex struct {
	seed  maphash.Seed
	slots []uint64 // hash tag in the high 32 bits, item+1 in the low 32; 0 is empty
	n     int
	key   func(item int32) []byte
}

func newKeyIndex(key func(int32) []byte) *keyIndex {
	return &keyIndex{seed: maphash.MakeSeed(), slots: make([]uint64, 1024), key: key}
}

// get returns the item with the key.
func (x *keyIndex) get(key string) (int32, bool) {
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

// put adds an item under its key; the caller has checked that the key is
// not there yet.
func (x *keyIndex) put(key string, item int32) {
	if 2*(x.n+1) > len(x.slots) {
		x.grow()
	}
	x.insert(maphash.String(x.seed, key), item)
	x.n++
}

func (x *keyIndex) insert(h uint64, item int32) {
	mask := uint64(len(x.slots) - 1)
	i := h & mask
	for x.slots[i] != 0 {
		i = (i + 1) & mask
	}
	x.slots[i] = h>>32<<32 | uint64(uint32(item+1))
}

func (x *keyIndex) grow() {
	old := x.slots
	x.slots = make([]uint64, 2*len(old))
	for _, s := range old {
		if s != 0 {
			it := int32(uint32(s)) - 1
			x.insert(maphash.Bytes(x.seed, x.key(it)), it)
		}
	}
}
