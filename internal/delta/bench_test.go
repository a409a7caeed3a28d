package delta

import (
	"io"
	"testing"

	"github.com/ekatalog/ekatalog/catalog"
	"github.com/ekatalog/ekatalog/formats"
)

// BenchmarkChanges: OLD of 20,000 lines held, NEW streamed past it, the
// changes written as canonical JSON. The floor is the same lines copied
// and encoded as records without matching or writing (BenchmarkRecords).
func BenchmarkChanges(b *testing.B) {
	old, nw := versions(7, 20000)
	h := header(b)
	tg, _ := formats.TargetByName("json")
	b.ReportAllocs()
	for b.Loop() {
		begin, _ := TargetWriter(tg, io.Discard, formats.WriteOptions{}, true)
		if _, err := Changes("old", &lines{h: h, ls: old}, "new", &lines{h: h, ls: nw}, begin, Options{}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N*(len(old)+len(nw)))/b.Elapsed().Seconds(), "lines/s")
}

// BenchmarkRecords is the floor of BenchmarkChanges: both versions' lines
// copied out of their sources and encoded.
func BenchmarkRecords(b *testing.B) {
	old, nw := versions(7, 20000)
	h := header(b)
	b.ReportAllocs()
	var buf []byte
	for b.Loop() {
		var l catalog.Line
		for _, s := range []*lines{{h: h, ls: old}, {h: h, ls: nw}} {
			for s.Next(&l) == nil {
				buf = catalog.AppendRecord(buf[:0], &l, formats.AllFields)
			}
		}
	}
	b.ReportMetric(float64(b.N*(len(old)+len(nw)))/b.Elapsed().Seconds(), "lines/s")
}
