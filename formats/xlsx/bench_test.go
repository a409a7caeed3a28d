package xlsx

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"testing"

	"github.com/ekatalog/ekatalog/catalog"
	"github.com/ekatalog/ekatalog/testkit/synth"
	"github.com/xuri/excelize/v2"
)

var bench struct {
	once sync.Once
	data []byte
	rows int
}

// benchWorkbook is the benchmarks' synthetic catalogue (testkit/synth) as a workbook
// (13 columns, a title row), written once into the first benchmark's
// temporary directory; EKATALOG_BENCH_XLSX_ROWS sets its size.
func benchWorkbook(b *testing.B) ([]byte, int) {
	bench.once.Do(func() {
		bench.rows = 20000
		if v, err := strconv.Atoi(os.Getenv("EKATALOG_BENCH_XLSX_ROWS")); err == nil && v > 0 {
			bench.rows = v
		}
		path := filepath.Join(b.TempDir(), "katalog.xlsx")
		fh, err := os.Create(path)
		if err != nil {
			b.Fatal(err)
		}
		if err := synth.WriteXLSX(fh, 0, bench.rows, synth.XLSXOptions{Title: "Prisliste 2026"}); err != nil {
			b.Fatal(err)
		}
		if err := fh.Close(); err != nil {
			b.Fatal(err)
		}
		if bench.data, err = os.ReadFile(path); err != nil {
			b.Fatal(err)
		}
	})
	if bench.data == nil {
		b.Fatal("no benchmark workbook")
	}
	return bench.data, bench.rows
}

// BenchmarkReader reads every line, as validate does.
func BenchmarkReader(b *testing.B) {
	data, rows := benchWorkbook(b)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		rd, err := Open(bytes.NewReader(data), Options{Name: "katalog.xlsx"})
		if err != nil {
			b.Fatal(err)
		}
		var l catalog.Line
		lines := 0
		for {
			err := rd.Next(&l)
			if err == io.EOF {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
			lines++
		}
		if lines != rows {
			b.Fatalf("%d lines, want %d", lines, rows)
		}
		n += lines
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "lines/s")
}

// BenchmarkExcelizeRows is the floor: excelize's own row iterator over the
// same workbook, the raw values of every row and nothing done with them.
func BenchmarkExcelizeRows(b *testing.B) {
	data, rows := benchWorkbook(b)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		f, err := excelize.OpenReader(bytes.NewReader(data))
		if err != nil {
			b.Fatal(err)
		}
		it, err := f.Rows(f.GetSheetName(0))
		if err != nil {
			b.Fatal(err)
		}
		count := 0
		for it.Next() {
			if _, err := it.Columns(excelize.Options{RawCellValue: true}); err != nil {
				b.Fatal(err)
			}
			count++
		}
		if err := it.Close(); err != nil {
			b.Fatal(err)
		}
		f.Close()
		if lines := count - 3; lines != rows { // title, blank and header rows
			b.Fatalf("%d lines, want %d", lines, rows)
		}
		n += count - 3
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "lines/s")
}
