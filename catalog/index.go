package catalog

import (
	"cmp"
	"hash/maphash"
	"math/bits"
	"slices"
)

// The catalogue-wide checks (duplicate item numbers, a GTIN shared by two
// items) must remember every line. They keep 64-bit hashes in flat
// open-addressing tables instead of the strings in a map: 12-16 bytes a line
// rather than ~100, which is what keeps a million-line catalogue within a
// small, flat memory budget. Two different IDs share a hash with probability
// about n²/2⁶⁵, far below one in a million for ten million lines.

var seed = maphash.MakeSeed()

func hashString(s string) uint64 {
	h := maphash.String(seed, s)
	if h == 0 {
		h = 1 // 0 marks an empty slot
	}
	return h
}

// idIndex remembers the first line of each item number.
type idIndex struct {
	keys  []uint64
	refs  []int32
	count int
}

// tableSize is the number of slots for n entries at a load of at most 3/4.
// Sizes are not powers of two (slots are found by multiplying, not masking),
// so a table for a million lines is 1.4 million slots, not two million.
func tableSize(n int) int {
	return max(1024, n+n/3+n/16)
}

// slotOf maps a hash to a slot in [0, size) by its high bits.
func slotOf(key uint64, size int) int {
	hi, _ := bits.Mul64(key, uint64(size))
	return int(hi)
}

func (x *idIndex) reserve(n int) {
	if size := tableSize(n); size > len(x.keys) {
		x.rehash(size)
	}
}

func (x *idIndex) rehash(size int) {
	oldK, oldR := x.keys, x.refs
	x.keys, x.refs, x.count = make([]uint64, size), make([]int32, size), 0
	for i, k := range oldK {
		if k != 0 {
			x.insert(k, oldR[i])
		}
	}
}

// insert returns the slot of key, inserting ref when the key is new.
func (x *idIndex) insert(key uint64, ref int32) (slot int, found bool) {
	size := len(x.keys)
	for i := slotOf(key, size); ; i = next(i, size) {
		switch x.keys[i] {
		case key:
			return i, true
		case 0:
			x.keys[i], x.refs[i] = key, ref
			x.count++
			return i, false
		}
	}
}

func next(i, size int) int {
	if i++; i == size {
		return 0
	}
	return i
}

// add records id at ref; for an id seen before it returns the first ref.
func (x *idIndex) add(id string, ref int32) (first int32, dup bool) {
	if (x.count+1)*4 > len(x.keys)*3 {
		x.rehash(tableSize(2 * (x.count + 1)))
	}
	slot, found := x.insert(hashString(id), ref)
	return x.refs[slot], found
}

// gtinIndex remembers, for each GTIN, the item number it was first given
// for (as a hash) and where.
type gtinIndex struct {
	keys  []uint64
	items []uint32 // low half of the item number's hash: enough to tell two items apart
	refs  []int32
	count int
}

func (x *gtinIndex) reserve(n int) {
	if size := tableSize(n); size > len(x.keys) {
		x.rehash(size)
	}
}

func (x *gtinIndex) rehash(size int) {
	oldK, oldI, oldR := x.keys, x.items, x.refs
	x.keys, x.items, x.refs, x.count = make([]uint64, size), make([]uint32, size), make([]int32, size), 0
	for i, k := range oldK {
		if k != 0 {
			x.insert(k, oldI[i], oldR[i])
		}
	}
}

func (x *gtinIndex) insert(key uint64, item uint32, ref int32) (slot int, found bool) {
	size := len(x.keys)
	for i := slotOf(key, size); ; i = next(i, size) {
		switch x.keys[i] {
		case key:
			return i, true
		case 0:
			x.keys[i], x.items[i], x.refs[i] = key, item, ref
			x.count++
			return i, false
		}
	}
}

// add records that gtin is used for item at ref; it reports a clash when
// the GTIN was first used for a different item.
func (x *gtinIndex) add(gtin, item string, ref int32) (first int32, clash bool) {
	if (x.count+1)*4 > len(x.keys)*3 {
		x.rehash(tableSize(2 * (x.count + 1)))
	}
	ih := uint32(hashString(item))
	slot, found := x.insert(hashString(gtin), ih, ref)
	return x.refs[slot], found && x.items[slot] != ih
}

// sortFindings orders findings by line, then position, then rule, keeping
// the order of findings that tie.
func sortFindings(fs []Finding) {
	slices.SortStableFunc(fs, func(a, b Finding) int {
		return cmp.Or(cmp.Compare(a.Line, b.Line), cmp.Compare(a.Pos.Row, b.Pos.Row), cmp.Compare(a.Pos.Col, b.Pos.Col))
	})
}
