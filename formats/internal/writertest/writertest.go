// Package writertest runs catalogues through the pipeline into a target for
// the writers' tests and benchmarks: real files through the real reader and
// validator, so that a writer sees lines as convert gives them.
package writertest

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/ekatalog/ekatalog/catalog"
	"github.com/ekatalog/ekatalog/formats"
	"github.com/ekatalog/ekatalog/internal/pipeline"
)

// Root returns the repository root seen from the test's package directory.
func Root(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("go.mod not found above the test directory")
		}
		dir = parent
	}
}

// Path returns a repository-relative path from the test's directory; an
// absolute path stays as it is.
func Path(t testing.TB, rel string) string {
	if filepath.IsAbs(rel) {
		return rel
	}
	return filepath.Join(Root(t), filepath.FromSlash(rel))
}

// Header reads testdata/targets/header.json, the header a CSV lacks.
func Header(t testing.TB) *catalog.Header {
	t.Helper()
	b, err := os.ReadFile(Path(t, "testdata/targets/header.json"))
	if err != nil {
		t.Fatal(err)
	}
	var h catalog.Header
	if err := json.Unmarshal(b, &h); err != nil {
		t.Fatal(err)
	}
	return &h
}

// Convert converts the input (repository-relative) to the target with the
// header h merged over the input's own, as `ekatalog convert --header`
// does, and returns the output and the report.
func Convert(t testing.TB, input string, target *formats.Target, h *catalog.Header, o formats.WriteOptions) ([]byte, *catalog.Report) {
	t.Helper()
	var out bytes.Buffer
	rep, err := pipeline.Run(Path(t, input), pipeline.Options{
		Header: h,
		Target: target,
		Writer: func(h catalog.Header, tee func(io.Writer) io.Writer) (formats.Writer, error) {
			return target.New(tee(&out), h, o)
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Error != "" {
		t.Fatal(rep.Error)
	}
	return out.Bytes(), rep
}

// Rules counts the report's findings by rule and field: "TARGET-DROPPED
// images" → 1.
func Rules(rep *catalog.Report) map[string]int {
	m := map[string]int{}
	for _, f := range rep.Findings {
		m[f.Rule+" "+f.Field]++
	}
	return m
}

// collector keeps copies of the lines it is given.
type collector struct {
	h     catalog.Header
	lines []*catalog.Line
}

func (c *collector) Begin(h catalog.Header) error { c.h = h; return nil }
func (c *collector) Line(l *catalog.Line) error   { c.lines = append(c.lines, l.Clone()); return nil }
func (c *collector) End() error                   { return nil }

// Lines reads the input through the pipeline (so units are normalised as a
// writer sees them) and returns the header and n lines, the file's lines
// repeated with distinct item numbers: a benchmark's working set.
func Lines(t testing.TB, input string, h *catalog.Header, n int) (catalog.Header, []*catalog.Line) {
	t.Helper()
	c := &collector{}
	if _, err := pipeline.Run(Path(t, input), pipeline.Options{Header: h,
		Writer: func(catalog.Header, func(io.Writer) io.Writer) (formats.Writer, error) { return c, nil }}); err != nil {
		t.Fatal(err)
	}
	if len(c.lines) == 0 {
		t.Fatal("no lines")
	}
	out := make([]*catalog.Line, n)
	for i := range out {
		l := c.lines[i%len(c.lines)].Clone()
		if i >= len(c.lines) {
			l.SellerItemID += "-" + strconv.Itoa(i)
		}
		out[i] = l
	}
	return c.h, out
}

// Bench writes the lines with a new writer of the target per iteration and
// reports lines per second.
func Bench(b *testing.B, target *formats.Target, h catalog.Header, lines []*catalog.Line) {
	b.ReportAllocs()
	var size int64
	for i := 0; i < b.N; i++ {
		cw := &countWriter{}
		w, err := target.New(cw, h, formats.WriteOptions{})
		if err != nil {
			b.Fatal(err)
		}
		if err := w.Begin(h); err != nil {
			b.Fatal(err)
		}
		for _, l := range lines {
			if err := w.Line(l); err != nil {
				b.Fatal(err)
			}
		}
		if err := w.End(); err != nil {
			b.Fatal(err)
		}
		size = cw.n
	}
	b.SetBytes(size)
	b.ReportMetric(float64(b.N*len(lines))/b.Elapsed().Seconds(), "lines/s")
}

type countWriter struct{ n int64 }

func (c *countWriter) Write(p []byte) (int, error) { c.n += int64(len(p)); return len(p), nil }

var _ io.Writer = (*countWriter)(nil)
