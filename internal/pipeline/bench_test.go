package pipeline

import (
	"bufio"
	stdcsv "encoding/csv"
	"io"
	"os"
	"testing"

	"github.com/ekatalog/ekatalog/catalog"
	"github.com/ekatalog/ekatalog/formats"
	"github.com/ekatalog/ekatalog/formats/jsoncat"
	"github.com/ekatalog/ekatalog/internal/synth"
)

func csvBenchFile(b *testing.B) (string, int) {
	n := synth.BenchLines("EKATALOG_BENCH_CSV_LINES", 200000)
	path, err := synth.CSVFile(n, synth.DanishUTF8, "da-utf8")
	if err != nil {
		b.Fatal(err)
	}
	st, _ := os.Stat(path)
	b.SetBytes(st.Size())
	return path, n
}

func lineRate(b *testing.B, n int) {
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "lines/s")
}

// BenchmarkCSVFloor is the bare encoding/csv loop of ../shared/PERFORMANCE.md
// on the same file as the benchmarks below: their ratio to it is the figure
// that holds on a noisy machine.
func BenchmarkCSVFloor(b *testing.B) {
	path, n := csvBenchFile(b)
	for b.Loop() {
		f, _ := os.Open(path)
		r := stdcsv.NewReader(bufio.NewReaderSize(f, 1<<20))
		r.Comma, r.ReuseRecord, r.FieldsPerRecord = ';', true, -1
		for {
			if _, err := r.Read(); err != nil {
				break
			}
		}
		f.Close()
	}
	lineRate(b, n)
}

// BenchmarkValidateCSV validates the file under dk-ehandel, duplicate
// detection included.
func BenchmarkValidateCSV(b *testing.B) {
	path, n := csvBenchFile(b)
	b.ReportAllocs()
	for b.Loop() {
		rep, err := Run(path, Options{})
		if err != nil || rep.Summary.Lines != n || rep.Summary.Errors != 0 {
			b.Fatalf("%v %+v", err, rep.Summary)
		}
	}
	lineRate(b, n)
}

// BenchmarkConvertCSVToJSON validates and writes canonical JSON.
func BenchmarkConvertCSVToJSON(b *testing.B) {
	path, n := csvBenchFile(b)
	b.ReportAllocs()
	for b.Loop() {
		w := bufio.NewWriterSize(io.Discard, 1<<16)
		_, err := Run(path, Options{Writer: func(catalog.Header, func(io.Writer) io.Writer) (formats.Writer, error) {
			return jsoncat.NewWriter(w), nil
		}})
		if err != nil {
			b.Fatal(err)
		}
	}
	lineRate(b, n)
}
