package catalog

import (
	"bufio"
	"bytes"
	"cmp"
	"encoding/binary"
	"hash/maphash"
	"io"
	"math/bits"
	"slices"
)

// The catalogue-wide checks (an item number used twice, a GTIN used for two
// items) must remember every line. A hash table of a million entries misses
// the cache on nearly every line (~0.5 µs each here), so they work in two
// steps instead:
//
//  1. Per line, a blocked Bloom filter small enough to stay in cache says
//     whether the key is new; almost always it is. Every key is appended to a
//     sequential log (hash, line, row); a key the filter may have seen makes
//     the line a suspect, kept with its value.
//  2. At the end, one sequential scan of the log finds the first occurrence
//     of every suspect key, which settles each suspect exactly.
//
// Keys are 64-bit hashes: two different IDs share one with probability
// about n²/2⁶⁵, below one in ten thousand for ten million lines.

var seed = maphash.MakeSeed()

func hashString(s string) uint64 { return maphash.String(seed, s) }

// slotOf maps a hash to [0, size) by its high bits.
func slotOf(key uint64, size int) int {
	hi, _ := bits.Mul64(key, uint64(size))
	return int(hi)
}

// bloom is a blocked Bloom filter: the k bits of a key lie in one 64-byte
// block, so a test costs one cache line. Filters are chained when more keys
// arrive than the first was sized for.
type bloom struct {
	filters []bloomFilter
}

type bloomFilter struct {
	blocks   [][8]uint64
	count    int
	capacity int
}

// bloomBitsPerKey and bloomProbes give a false-positive rate of about
// 0.8% (4 probes gave 1.2%): fewer suspects, kept with their values, at
// the same size of filter.
const (
	bloomBitsPerKey = 10
	bloomProbes     = 6
)

func newBloomFilter(capacity int) bloomFilter {
	n := max(1, capacity*bloomBitsPerKey/512)
	return bloomFilter{blocks: make([][8]uint64, n), capacity: capacity}
}

// test reports whether h may be in the filter; with set, it adds it.
func (f *bloomFilter) test(h uint64, set bool) bool {
	blk := &f.blocks[slotOf(h, len(f.blocks))]
	seen := true
	// The block is chosen by the high bits; the bits within it come from a
	// remix, so that the two do not depend on each other.
	m := h * 0x9e3779b97f4a7c15
	for k := 0; k < bloomProbes; k++ {
		bit := (m >> (10 + 9*k)) & 511
		w, m := bit>>6, uint64(1)<<(bit&63)
		if blk[w]&m == 0 {
			seen = false
			if set {
				blk[w] |= m
			}
		}
	}
	return seen
}

func (b *bloom) reserve(n int) {
	if len(b.filters) == 0 && n > 0 {
		b.filters = append(b.filters, newBloomFilter(n))
	}
}

// add records h and reports whether it may have been recorded before.
func (b *bloom) add(h uint64) (maybe bool) {
	if len(b.filters) == 0 {
		b.filters = append(b.filters, newBloomFilter(1<<16))
	}
	last := &b.filters[len(b.filters)-1]
	if last.count >= last.capacity {
		b.filters = append(b.filters, newBloomFilter(2*last.capacity))
		last = &b.filters[len(b.filters)-1]
	}
	for i := range b.filters[:len(b.filters)-1] {
		if b.filters[i].test(h, false) {
			maybe = true
		}
	}
	if last.test(h, true) {
		maybe = true
	} else {
		last.count++
	}
	return maybe
}

// logRec is one key occurrence in the log.
type logRec struct {
	key  uint64
	item uint32 // for GTINs: low half of the item number's hash
	line int32
	row  int32
}

const logRecSize = 20

// Spill stores the key log: append-only bytes, read back once at the end.
// The pipeline gives a temporary file, so that memory stays flat however
// long the catalogue; NewMemorySpill keeps it in memory.
type Spill interface {
	Write(p []byte) (int, error)
	// Replay returns a reader of everything written.
	Replay() (io.Reader, error)
}

// memorySpill keeps the log in fixed chunks, so it never copies itself.
type memorySpill struct{ chunks [][]byte }

// NewMemorySpill returns a Spill held in memory.
func NewMemorySpill() Spill { return &memorySpill{} }

func (m *memorySpill) Write(p []byte) (int, error) {
	m.chunks = append(m.chunks, append([]byte(nil), p...))
	return len(p), nil
}

func (m *memorySpill) Replay() (io.Reader, error) {
	rs := make([]io.Reader, len(m.chunks))
	for i, c := range m.chunks {
		rs[i] = bytes.NewReader(c)
	}
	return io.MultiReader(rs...), nil
}

// keyLog buffers records and writes them to its spill in blocks.
type keyLog struct {
	spill Spill
	buf   []byte
	err   error
}

func (l *keyLog) add(r logRec) {
	if l.buf == nil {
		l.buf = make([]byte, 0, 64<<10)
	}
	b := binary.LittleEndian.AppendUint64(l.buf, r.key)
	b = binary.LittleEndian.AppendUint32(b, r.item)
	b = binary.LittleEndian.AppendUint32(b, uint32(r.line))
	l.buf = binary.LittleEndian.AppendUint32(b, uint32(r.row))
	if len(l.buf)+logRecSize > cap(l.buf) {
		l.flush()
	}
}

func (l *keyLog) flush() {
	if len(l.buf) == 0 || l.err != nil {
		return
	}
	if l.spill == nil {
		l.spill = NewMemorySpill()
	}
	_, l.err = l.spill.Write(l.buf)
	l.buf = l.buf[:0]
}

// scan calls fn for every record in order.
func (l *keyLog) scan(fn func(logRec)) error {
	l.flush()
	if l.err != nil || l.spill == nil {
		return l.err
	}
	r, err := l.spill.Replay()
	if err != nil {
		return err
	}
	br := bufio.NewReaderSize(r, 64<<10)
	var rec [logRecSize]byte
	for {
		if _, err := io.ReadFull(br, rec[:]); err == io.EOF {
			return nil
		} else if err != nil {
			return err
		}
		fn(logRec{key: binary.LittleEndian.Uint64(rec[0:]), item: binary.LittleEndian.Uint32(rec[8:]),
			line: int32(binary.LittleEndian.Uint32(rec[12:])), row: int32(binary.LittleEndian.Uint32(rec[16:]))})
	}
}

// suspect is a line whose key the filter may have seen before.
type suspect struct {
	logRec
	value string
}

// dupFinder finds repeated keys. Keys are tested against the filter in
// batches: the tests of a batch are independent, so the processor overlaps
// their cache misses instead of stalling on each one between the other
// checks of a line.
type dupFinder struct {
	bloom    bloom
	log      keyLog
	suspects []suspect
	batch    []suspect
	sink     uint64 // keeps the block loads of flush from being optimised away
}

const dupBatch = 256

func (d *dupFinder) reserve(n int) { d.bloom.reserve(n) }

// add logs a use of key (what values are matched by: catalog.ItemKey,
// catalog.GTINKey); value is the key as written, for the finding.
func (d *dupFinder) add(key, value string, item uint32, line, row int) {
	if d.batch == nil {
		d.batch = make([]suspect, 0, dupBatch)
	}
	d.batch = append(d.batch, suspect{logRec{key: hashString(key), item: item, line: int32(line), row: int32(row)}, value})
	if len(d.batch) == dupBatch {
		d.flush()
	}
}

// flush tests and logs the batch. The first loop only loads each key's
// block: the loads are independent, so their misses overlap, and the second
// loop finds the blocks in cache.
func (d *dupFinder) flush() {
	if n := len(d.bloom.filters); n > 0 {
		blocks := d.bloom.filters[n-1].blocks
		var touch uint64
		for i := range d.batch {
			touch += blocks[slotOf(d.batch[i].key, len(blocks))][0]
		}
		d.sink += touch
	}
	for i := range d.batch {
		s := &d.batch[i]
		if d.bloom.add(s.key) {
			d.suspects = append(d.suspects, suspect{logRec: s.logRec, value: clone(s.value)})
		}
		d.log.add(s.logRec)
		s.value = "" // let the line's text go
	}
	d.batch = d.batch[:0]
}

func clone(s string) string { return string([]byte(s)) }

// firsts returns, for each suspect key, its first occurrence in the log.
func (d *dupFinder) firsts() (map[uint64]logRec, error) {
	d.flush()
	first := make(map[uint64]logRec, len(d.suspects))
	for _, s := range d.suspects {
		first[s.key] = logRec{line: -1}
	}
	if len(first) == 0 {
		return first, nil
	}
	err := d.log.scan(func(r logRec) {
		if f, ok := first[r.key]; ok && f.line < 0 {
			first[r.key] = r
		}
	})
	return first, err
}

// sortFindings orders findings by line, then position, keeping the order of
// findings that tie.
func sortFindings(fs []Finding) {
	slices.SortStableFunc(fs, func(a, b Finding) int {
		// The source's findings first, then those on the written file.
		return cmp.Or(cmpBool(a.Output, b.Output), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Pos.Row, b.Pos.Row), cmp.Compare(a.Pos.Col, b.Pos.Col))
	})
}

func cmpBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}
