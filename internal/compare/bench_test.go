package compare

import (
	"bufio"
	stdcsv "encoding/csv"
	"fmt"
	"os"
	"testing"

	"github.com/ekatalog/ekatalog/internal/pipeline"
	"github.com/ekatalog/ekatalog/testkit/synth"
)

// The benchmark pair: a synthetic catalogue of EKATALOG_BENCH_CSV_LINES
// lines (default 200,000) against an agreement of every tenth of its
// items, a seventh of them agreed 5 % below the catalogue's price. The
// floor is the bare encoding/csv loop over the same catalogue; the ratio
// of the two is the figure to watch.
//
// Measured on 2026-12-01 with 1,000,000 lines (226 MB) against 100,000
// agreed items, on a shared 2-core machine under a load average of 10–16:
// EKATALOG_BENCH_CSV_LINES=1000000 go test -bench 'Compare(Floor)?$'
// gave 1.45× and 1.31× the floor in two runs; the binary
// (/usr/bin/time -v ekatalog compare --agreement … …) 1.3–1.8× the wall
// time of a bare encoding/csv program over five alternating runs (median
// 1.45×), at a peak RSS of 66–71 MB (the floor's: 9–20 MB).

func benchFiles(b *testing.B) (catalogue, agreement string) {
	n := synth.BenchLines("EKATALOG_BENCH_CSV_LINES", 200_000)
	catalogue, err := synth.CSVFile(n, synth.DanishUTF8, "da-utf8")
	if err != nil {
		b.Fatal(err)
	}
	agreement, err = AgreementFile(n)
	if err != nil {
		b.Fatal(err)
	}
	return catalogue, agreement
}

// AgreementFile returns a cached agreement CSV for the synthetic catalogue
// of n lines: every tenth item, with unit and pack quantity, a seventh of
// them agreed 5 % below the catalogue's price, and a tolerance column.
func AgreementFile(n int) (string, error) {
	return synth.CachedFile(fmt.Sprintf("aftale-%d.csv", n/10), func(f *os.File) error {
		w := bufio.NewWriterSize(f, 1<<16)
		w.WriteString("Varenummer;EAN;Enhed;Antal pr. enhed;Aftalepris;Tolerance %\n")
		for i := 0; i < n; i += 10 {
			it := synth.At(i)
			price, tol := it.Price, ""
			if (i/10)%7 == 0 {
				price = it.Price / 1.05
			}
			if (i/10)%11 == 0 {
				tol = "2"
			}
			fmt.Fprintf(w, "%s;%s;%s;%d;%s;%s\n", it.ID, it.GTIN, it.Unit, it.Pack, synth.DanishNumber(price), tol)
		}
		return w.Flush()
	})
}

func BenchmarkCompareFloor(b *testing.B) {
	catalogue, _ := benchFiles(b)
	st, _ := os.Stat(catalogue)
	b.SetBytes(st.Size())
	for b.Loop() {
		f, err := os.Open(catalogue)
		if err != nil {
			b.Fatal(err)
		}
		r := stdcsv.NewReader(bufio.NewReaderSize(f, 1<<20))
		r.Comma, r.ReuseRecord, r.FieldsPerRecord = ';', true, -1
		for {
			if _, err := r.Read(); err != nil {
				break
			}
		}
		f.Close()
	}
}

// BenchmarkCompare is the whole comparison: reading the agreement into
// its index, then streaming the catalogue past it.
func BenchmarkCompare(b *testing.B) {
	catalogue, agreement := benchFiles(b)
	st, _ := os.Stat(catalogue)
	b.SetBytes(st.Size())
	b.ReportAllocs()
	for b.Loop() {
		a, err := LoadAgreement(agreement, pipeline.Options{})
		if err != nil {
			b.Fatal(err)
		}
		res, err := Compare(a, catalogue, pipeline.Options{}, Options{})
		if err != nil {
			b.Fatal(err)
		}
		if res.Summary.Matched != a.Len() {
			b.Fatalf("%d lines matched, want %d", res.Summary.Matched, a.Len())
		}
	}
}

// BenchmarkCompareStream is the catalogue side alone, the agreement
// indexed once: its allocations per line should round to zero.
func BenchmarkCompareStream(b *testing.B) {
	catalogue, agreement := benchFiles(b)
	a, err := LoadAgreement(agreement, pipeline.Options{})
	if err != nil {
		b.Fatal(err)
	}
	st, _ := os.Stat(catalogue)
	b.SetBytes(st.Size())
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Compare(a, catalogue, pipeline.Options{}, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
