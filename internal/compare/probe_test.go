package compare

import (
	"bufio"
	stdcsv "encoding/csv"
	"io"
	"os"
	"testing"

	"github.com/ekatalog/ekatalog/catalog"
	"github.com/ekatalog/ekatalog/internal/pipeline"
	"github.com/ekatalog/ekatalog/internal/synth"
)

func BenchmarkProbeFloor(b *testing.B) {
	path, _ := synth.CSVFile(200000, synth.DanishUTF8, "da-utf8")
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
}

func BenchmarkProbeReader(b *testing.B) {
	path, _ := synth.CSVFile(200000, synth.DanishUTF8, "da-utf8")
	b.ReportAllocs()
	for b.Loop() {
		src, err := pipeline.Open(path, pipeline.Options{})
		if err != nil {
			b.Fatal(err)
		}
		var l catalog.Line
		for src.Reader.Next(&l) != io.EOF {
		}
		src.Close()
	}
}
