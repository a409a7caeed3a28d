// Package writertest runs catalogues through the pipeline into a target for
// the writers' tests and benchmarks: real files through the real reader and
// validator, so that a writer sees lines as convert gives them.
package writertest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/ekatalog/ekatalog/catalog"
	"github.com/ekatalog/ekatalog/formats"
	"github.com/ekatalog/ekatalog/formats/internal/xsdcheck"
	"github.com/ekatalog/ekatalog/internal/pipeline"
	"github.com/ekatalog/ekatalog/testkit/synth"
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

// TryConvert is Convert for inputs that may not convert at all (a header
// the target cannot do without): the pipeline's error is returned.
func TryConvert(t testing.TB, input string, target *formats.Target, h *catalog.Header, o formats.WriteOptions) ([]byte, *catalog.Report, error) {
	t.Helper()
	var out bytes.Buffer
	rep, err := pipeline.Run(Path(t, input), pipeline.Options{
		Header: h,
		Target: target,
		// The writer under test alone: the check of written files is the
		// pipeline's own test.
		Writer: func(h catalog.Header, _ func(io.Writer) io.Writer) (formats.Writer, error) {
			return target.New(&out, h, o)
		},
	})
	if err != nil {
		return nil, nil, err
	}
	return out.Bytes(), rep, nil
}

// SynthCSV writes n lines of the synthetic catalogue (testkit/synth, as a
// Danish Excel export) to a temporary file and returns its path.
func SynthCSV(t testing.TB, n int) string {
	t.Helper()
	f, err := os.Create(filepath.Join(t.TempDir(), "synth.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := synth.WriteCSV(f, 0, n, synth.Danish); err != nil {
		t.Fatal(err)
	}
	return f.Name()
}

// CSVs returns the CSV catalogues of testdata (csv/, targets/, demo/):
// the compliant examples and a few that are not.
func CSVs(t testing.TB) []string {
	t.Helper()
	var files []string
	for _, d := range []string{"testdata/csv", "testdata/targets", "testdata/demo"} {
		fs, err := filepath.Glob(filepath.Join(Root(t), d, "*.csv"))
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, fs...)
	}
	if len(files) < 5 {
		t.Fatalf("only %d CSV files in testdata", len(files))
	}
	return files
}

// RealUBL returns the real UBL catalogues in ../shared/realworld; the test
// skips when the folder is absent.
func RealUBL(t testing.TB) []string {
	t.Helper()
	dir := filepath.Join(Root(t), "..", "shared", "realworld")
	files, err := filepath.Glob(filepath.Join(dir, "*", "ubl", "*.xml"))
	if err != nil || len(files) == 0 {
		t.Skipf("no real UBL catalogues under %s", dir)
	}
	return files
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
// repeated with distinct item numbers: a benchmark's working set (n <= 0:
// the file's lines once).
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
	if n <= 0 {
		return c.h, c.lines
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

// Doc is a written document and the name the test gives it.
type Doc struct {
	Name string
	Data []byte
}

// Validate checks the documents against the schema (an XSD, or a DTD when
// dtd is set) in one run of xmllint and fails the test with each problem,
// by document and line, with the offending line's text.
func Validate(t testing.TB, schema string, dtd bool, docs []Doc) {
	t.Helper()
	dir := t.TempDir()
	var files []string
	for i, d := range docs {
		f := filepath.Join(dir, fmt.Sprintf("%03d.xml", i))
		if err := os.WriteFile(f, d.Data, 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	rs, err := xsdcheck.CheckFiles(context.Background(), files, schema, dtd, 10)
	if err == xsdcheck.ErrNoXmllint {
		t.Skip(err)
	}
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range rs {
		if r.Total == 0 {
			continue
		}
		lines := bytes.Split(docs[i].Data, []byte("\n"))
		for _, p := range r.Problems {
			l := ""
			if p.Line > 0 && p.Line <= len(lines) {
				l = strings.TrimSpace(string(lines[p.Line-1]))
			}
			t.Errorf("%s: %v\n\t%s", docs[i].Name, p, l)
		}
		t.Errorf("%s: %d schema problems", docs[i].Name, r.Total)
	}
}

// Project returns a copy of l with only the fields in keep (and its line
// ordinal): what a target can carry, for comparing a line written and read
// back with the line given.
func Project(l *catalog.Line, keep catalog.FieldSet) *catalog.Line {
	p := &catalog.Line{Src: catalog.Src{Line: l.Src.Line}}
	for f := catalog.FieldNone + 1; f <= catalog.FieldExtra; f++ {
		if !keep.Has(f) {
			continue
		}
		if s := l.StringField(f); s != nil {
			*p.StringField(f) = *s
			continue
		}
		if n := l.NumField(f); n != nil {
			*p.NumField(f) = *n
			continue
		}
		switch f {
		case catalog.FieldKeywords:
			p.Keywords = append([]string(nil), l.Keywords...)
		case catalog.FieldClassification:
			p.Classification = append([]catalog.Classification(nil), l.Classification...)
		case catalog.FieldImages:
			p.Images = append([]string(nil), l.Images...)
		case catalog.FieldOrderable:
			p.Orderable = l.Orderable
		case catalog.FieldExtra:
			p.Extra = append([]catalog.Extra(nil), l.Extra...)
		}
	}
	return p
}
