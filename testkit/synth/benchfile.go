package synth

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
)

// BenchLines returns the number of lines a benchmark should use: the value
// of the environment variable, or def.
func BenchLines(env string, def int) int {
	if n, err := strconv.Atoi(os.Getenv(env)); err == nil && n > 0 {
		return n
	}
	return def
}

// CachedFile returns the path of a generated benchmark input, writing it
// on first use into a cache folder (EKATALOG_BENCH_DIR or the system's temp
// folder), so that repeated benchmark runs measure reading, not generating.
func CachedFile(name string, write func(*os.File) error) (string, error) {
	dir := os.Getenv("EKATALOG_BENCH_DIR")
	if dir == "" {
		dir = filepath.Join(os.TempDir(), "ekatalog-bench")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	path := filepath.Join(dir, name)
	if st, err := os.Stat(path); err == nil && st.Size() > 0 {
		return path, nil
	}
	tmp, err := os.CreateTemp(dir, name+".*.tmp")
	if err != nil {
		return "", err
	}
	if err := write(tmp); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return "", fmt.Errorf("writing %s: %w", name, err)
	}
	if err := tmp.Close(); err != nil {
		return "", err
	}
	return path, os.Rename(tmp.Name(), path)
}

// DanishUTF8 is the benchmark CSV: the Danish layout (';', decimal comma)
// in UTF-8, as the performance floors are measured.
var DanishUTF8 = CSVOptions{Delim: ';', Decimal: ',', Encoding: "utf-8"}

// CSVFile returns a cached CSV of n lines.
func CSVFile(n int, o CSVOptions, tag string) (string, error) {
	return CachedFile(fmt.Sprintf("katalog-%s-%d.csv", tag, n), func(f *os.File) error {
		return WriteCSV(f, 0, n, o)
	})
}

// XLSXFile returns a cached workbook of n rows below a title row, the
// benchmark layout of the performance floors.
func XLSXFile(n int) (string, error) {
	return CachedFile(fmt.Sprintf("katalog-%d.xlsx", n), func(f *os.File) error {
		return WriteXLSX(f, 0, n, XLSXOptions{Title: "Prisliste 2026"})
	})
}
