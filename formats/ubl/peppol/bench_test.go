package peppol_test

import (
	"bytes"
	"io"
	"testing"

	"github.com/ekatalog/ekatalog/catalog"
	"github.com/ekatalog/ekatalog/formats/ubl"
	"github.com/ekatalog/ekatalog/formats/ubl/peppol"
	"github.com/ekatalog/ekatalog/testkit/synth"
)

// loopChecker runs the PEPPOL checker b.N times on the first line tree it
// is given, so that the benchmark measures the rules alone, not reading.
type loopChecker struct {
	b    *testing.B
	c    *peppol.Checker
	done bool
	n    int
}

func (l *loopChecker) Header(root *ubl.Node, add func(catalog.Finding)) { l.c.Header(root, add) }
func (l *loopChecker) End(add func(catalog.Finding))                    {}
func (l *loopChecker) Line(line *ubl.Node, ord int, add func(catalog.Finding)) {
	if l.done {
		return
	}
	l.done = true
	count := func(catalog.Finding) { l.n++ }
	l.b.ReportAllocs()
	l.b.ResetTimer()
	for l.b.Loop() {
		l.c.Line(line, ord, count)
	}
}

// BenchmarkChecker is the cost of the official rules on one synthetic
// PEPPOL line (~1.5 KB, 40 elements) that passes them all: ns/op and
// allocs/op are per line.
func BenchmarkChecker(b *testing.B) {
	var doc bytes.Buffer
	if err := synth.WriteUBL(&doc, 0, 1); err != nil {
		b.Fatal(err)
	}
	lc := &loopChecker{b: b, c: peppol.New()}
	rd, err := ubl.OpenOptions(bytes.NewReader(doc.Bytes()), ubl.Options{Name: "bench.xml",
		Checkers: func(string) []ubl.Checker { return []ubl.Checker{lc} }})
	if err != nil {
		b.Fatal(err)
	}
	var l catalog.Line
	for rd.Next(&l) != io.EOF {
	}
	if lc.n != 0 {
		b.Fatalf("%d findings on a valid line", lc.n)
	}
}

// BenchmarkRead reads a synthetic PEPPOL catalogue with and without the
// checker: the difference is what the official rules add to reading.
func BenchmarkRead(b *testing.B) {
	var doc bytes.Buffer
	const lines = 1000
	if err := synth.WriteUBL(&doc, 0, lines); err != nil {
		b.Fatal(err)
	}
	for _, bc := range []struct {
		name     string
		checkers func(string) []ubl.Checker
	}{
		{"plain", nil},
		{"peppol", func(string) []ubl.Checker { return []ubl.Checker{peppol.New()} }},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.SetBytes(int64(doc.Len()))
			b.ReportAllocs()
			var l catalog.Line
			for b.Loop() {
				rd, err := ubl.OpenOptions(bytes.NewReader(doc.Bytes()), ubl.Options{Name: "bench.xml", Checkers: bc.checkers})
				if err != nil {
					b.Fatal(err)
				}
				for {
					err := rd.Next(&l)
					if err == io.EOF {
						break
					}
					if err != nil {
						b.Fatal(err)
					}
					if len(l.Findings) > 0 {
						b.Fatalf("%s", l.Findings[0].Rule)
					}
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*lines), "ns/line")
		})
	}
}

// allocChecker measures the PEPPOL checker's allocations on each line.
type allocChecker struct {
	c      *peppol.Checker
	allocs []float64
}

func (a *allocChecker) Header(root *ubl.Node, add func(catalog.Finding)) { a.c.Header(root, add) }
func (a *allocChecker) End(add func(catalog.Finding))                    {}
func (a *allocChecker) Line(line *ubl.Node, ord int, add func(catalog.Finding)) {
	a.allocs = append(a.allocs, testing.AllocsPerRun(20, func() { a.c.Line(line, ord, add) }))
}

// TestCheckerAllocs: a line that passes every rule costs the checker no
// allocation.
func TestCheckerAllocs(t *testing.T) {
	var doc bytes.Buffer
	if err := synth.WriteUBL(&doc, 0, 20); err != nil {
		t.Fatal(err)
	}
	ac := &allocChecker{c: peppol.New()}
	rd, err := ubl.OpenOptions(bytes.NewReader(doc.Bytes()), ubl.Options{Name: "a.xml",
		Checkers: func(string) []ubl.Checker { return []ubl.Checker{ac} }})
	if err != nil {
		t.Fatal(err)
	}
	var l catalog.Line
	for rd.Next(&l) != io.EOF {
	}
	if len(ac.allocs) != 20 {
		t.Fatalf("%d lines checked", len(ac.allocs))
	}
	for i, a := range ac.allocs {
		if a != 0 {
			t.Errorf("line %d: %v allocations", i+1, a)
		}
	}
}
