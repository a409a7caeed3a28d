package bmecat_test

import (
	"bytes"
	"io"
	"testing"

	"github.com/ekatalog/ekatalog/catalog"
	"github.com/ekatalog/ekatalog/formats/bmecat"
	"github.com/ekatalog/ekatalog/formats/ubl"
	"github.com/ekatalog/ekatalog/testkit/synth"
)

// BenchmarkRead reads the synthetic catalogue as BMEcat 2005 and, as the
// floor of the same run, the same catalogue as PEPPOL UBL with the UBL
// reader (no rule checkers): BMEcat should cost no more per MB.
func BenchmarkRead(b *testing.B) {
	const lines = 1000
	var bme, peppol bytes.Buffer
	if err := synth.WriteBMEcat(&bme, 0, lines); err != nil {
		b.Fatal(err)
	}
	if err := synth.WriteUBL(&peppol, 0, lines); err != nil {
		b.Fatal(err)
	}
	b.Run("bmecat", func(b *testing.B) {
		b.SetBytes(int64(bme.Len()))
		b.ReportAllocs()
		var l catalog.Line
		for b.Loop() {
			rd, err := bmecat.Open(bytes.NewReader(bme.Bytes()), bmecat.Options{Name: "bench.xml"})
			if err != nil {
				b.Fatal(err)
			}
			n := 0
			for ; ; n++ {
				err := rd.Next(&l)
				if err == io.EOF {
					break
				}
				if err != nil {
					b.Fatal(err)
				}
			}
			if n != lines {
				b.Fatalf("%d lines", n)
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*lines), "ns/line")
	})
	b.Run("ubl-floor", func(b *testing.B) {
		b.SetBytes(int64(peppol.Len()))
		b.ReportAllocs()
		var l catalog.Line
		for b.Loop() {
			rd, err := ubl.Open(bytes.NewReader(peppol.Bytes()), "bench.xml")
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
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*lines), "ns/line")
	})
}
