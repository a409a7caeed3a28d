package cxml_test

import (
	"bytes"
	"io"
	"testing"
	"time"

	"github.com/ekatalog/ekatalog/catalog"
	"github.com/ekatalog/ekatalog/formats/cxml"
	"github.com/ekatalog/ekatalog/formats/ubl"
	"github.com/ekatalog/ekatalog/testkit/synth"
)

// BenchmarkRead reads the synthetic catalogue as a cXML Index (written by
// ekatalog's cXML writer from the synthetic PEPPOL document) and, as the
// floor of the same run, the PEPPOL document with the UBL reader.
func BenchmarkRead(b *testing.B) {
	const lines = 1000
	var peppol, doc bytes.Buffer
	if err := synth.WriteUBL(&peppol, 0, lines); err != nil {
		b.Fatal(err)
	}
	rd, err := ubl.Open(bytes.NewReader(peppol.Bytes()), "synth.xml")
	if err != nil {
		b.Fatal(err)
	}
	w := cxml.NewWriter(&doc, time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC))
	if err := w.Begin(rd.Header()); err != nil {
		b.Fatal(err)
	}
	var l catalog.Line
	for rd.Next(&l) == nil {
		w.Line(&l)
	}
	if err := w.End(); err != nil {
		b.Fatal(err)
	}
	b.Run("cxml", func(b *testing.B) {
		b.SetBytes(int64(doc.Len()))
		b.ReportAllocs()
		for b.Loop() {
			rd, err := cxml.Open(bytes.NewReader(doc.Bytes()), cxml.Options{Name: "bench.xml"})
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
		for b.Loop() {
			rd, err := ubl.Open(bytes.NewReader(peppol.Bytes()), "bench.xml")
			if err != nil {
				b.Fatal(err)
			}
			for rd.Next(&l) == nil {
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*lines), "ns/line")
	})
}
