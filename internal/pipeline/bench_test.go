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
	"github.com/ekatalog/ekatalog/testkit/synth"
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

// BenchmarkCSVFloor is the bare encoding/csv loop (ReuseRecord, 1 MiB buffer)
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

// benchHeader is what a PEPPOL document needs that a CSV cannot say.
var benchHeader = catalog.Header{ID: "BENCH-1", IssueDate: "2026-12-01", ValidFrom: "2026-12-01", Currency: "DKK",
	Seller:   catalog.Party{Name: "Leverandør A/S", EndpointID: "5790000435951", EndpointScheme: "0088"},
	Receiver: catalog.Party{Name: "Kommune", EndpointID: "5798009811578", EndpointScheme: "0088"}}

// benchConvertPeppol writes PEPPOL BIS 3, with or without the check of
// the written document under T19 as it streams (Target.Check): their
// ratio is the cost of the self-check.
func benchConvertPeppol(b *testing.B, checked bool) {
	path, n := csvBenchFile(b)
	tg, err := formats.TargetByName("peppol-bis3")
	if err != nil {
		b.Fatal(err)
	}
	if !checked {
		c := *tg
		c.Check = nil
		tg = &c
	}
	b.ReportAllocs()
	for b.Loop() {
		w := bufio.NewWriterSize(io.Discard, 1<<16)
		rep, err := Run(path, Options{Target: tg, Header: &benchHeader, Writer: func(h catalog.Header, tee func(io.Writer) io.Writer) (formats.Writer, error) {
			return tg.New(tee(w), h, formats.WriteOptions{})
		}})
		if err != nil {
			b.Fatal(err)
		}
		if checked && (rep.Output == nil || rep.Summary.Lines != n) {
			b.Fatalf("output not checked: %+v", rep.Summary)
		}
	}
	lineRate(b, n)
}

func BenchmarkConvertCSVToPeppol(b *testing.B)          { benchConvertPeppol(b, true) }
func BenchmarkConvertCSVToPeppolUnchecked(b *testing.B) { benchConvertPeppol(b, false) }
