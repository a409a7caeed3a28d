// Package writertest gives the writers' tests and benchmarks their lines
// and checks their output. The lines are canonical fixtures: catalogues in
// canonical JSON under testdata/canonical (what `ekatalog convert --to json`
// makes of the CSV catalogues of testdata, kept current by a golden test
// of internal/pipeline), synthetic UBL, or real UBL, each read by its
// format's reader alone. A writer's test thus sees the lines convert gives
// a writer, without running the validator or the pipeline: the end-to-end
// tests (read, validate, write, check) are internal/pipeline's.
package writertest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/ekatalog/ekatalog/catalog"
	"github.com/ekatalog/ekatalog/formats"
	"github.com/ekatalog/ekatalog/formats/internal/xsdcheck"
	"github.com/ekatalog/ekatalog/mappings"
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

// Read reads the input (repository-relative, or absolute) with its
// format's reader alone, no validation, and returns its header with h
// merged over it, as `ekatalog convert --header` does, and its lines. A
// read error is returned; the test fails only when the file cannot be
// opened.
func Read(t testing.TB, input string, h *catalog.Header) (catalog.Header, []*catalog.Line, error) {
	t.Helper()
	path := Path(t, input)
	format := formats.DetectFile(path)
	if format == nil {
		t.Fatalf("%s: not a catalogue format ekatalog reads", path)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rd, err := format.Open(f, formats.Options{Name: path, Mapping: mappings.Default()})
	if err != nil {
		return catalog.Header{}, nil, err
	}
	if c, ok := rd.(io.Closer); ok {
		defer c.Close()
	}
	hd := rd.Header()
	if h != nil {
		hd.Merge(*h)
	}
	var lines []*catalog.Line
	for {
		var l catalog.Line
		err := rd.Next(&l)
		if err == io.EOF {
			return hd, lines, nil
		}
		if err != nil {
			return hd, lines, err
		}
		lines = append(lines, l.Clone())
	}
}

// Result is what a writer said about a document it wrote.
type Result struct {
	Header catalog.Header
	// Findings are the findings the pipeline makes of the writer's answers,
	// in the same shape: TARGET-DROPPED for a field the target has no place
	// for or that the writer kept only in part (Carries, Dropper) and for
	// a source path left out (PathDropper), with the number of lines and
	// the first; TARGET-REQUIRED for a field the target needs (Checker);
	// the writer's own notes (Noter: TARGET-HEADER …).
	Findings []catalog.Finding
	// Check is what the target's own check of the written document found
	// (Target.Check), nil for a target without one.
	Check []catalog.Finding
	// Error is the read error that stopped the input midway ("" when it
	// was read to the end): the lines before it were written.
	Error string
}

// Errors returns the error-level findings of the target's check.
func (r *Result) Errors() []catalog.Finding {
	var out []catalog.Finding
	for _, f := range r.Check {
		if f.Severity == catalog.Error {
			out = append(out, f)
		}
	}
	return out
}

// Convert writes the input's lines (see Read) to the target with the header
// h merged over the input's own, and returns the output and what the
// writer said. A read error or a writer's error fails the test.
func Convert(t testing.TB, input string, target *formats.Target, h *catalog.Header, o formats.WriteOptions) ([]byte, *Result) {
	t.Helper()
	out, res, err := TryConvert(t, input, target, h, o)
	if err != nil {
		t.Fatal(err)
	}
	if res.Error != "" {
		t.Fatal(res.Error)
	}
	return out, res
}

// TryConvert is Convert for inputs that may not convert at all (a header
// the target cannot do without, a file that cannot be opened): the error
// is returned. A file that breaks off midway has its lines up to there
// written and the read error in Result.Error.
func TryConvert(t testing.TB, input string, target *formats.Target, h *catalog.Header, o formats.WriteOptions) ([]byte, *Result, error) {
	t.Helper()
	hd, lines, readErr := Read(t, input, h)
	if readErr != nil && len(lines) == 0 {
		return nil, nil, readErr
	}
	out, res, err := Write(target, hd, lines, o)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", input, err)
	}
	if readErr != nil {
		res.Error = readErr.Error()
	}
	return out, res, nil
}

// Write writes the lines to the target and gathers what the writer says
// about them: the fields it left out (the target's Carries, Dropper,
// PathDropper), the fields it needs (Checker), its notes (Noter), and what
// the target's own check finds in the output.
func Write(target *formats.Target, h catalog.Header, lines []*catalog.Line, o formats.WriteOptions) ([]byte, *Result, error) {
	var out bytes.Buffer
	var w io.Writer = &out
	var check formats.OutputCheck
	if target.Check != nil {
		check = target.Check(h)
		defer func() {
			if check != nil {
				check.Close()
			}
		}()
		w = io.MultiWriter(&out, check)
	}
	wr, err := target.New(w, h, o)
	if err != nil {
		return nil, nil, err
	}
	if err := wr.Begin(h); err != nil {
		return nil, nil, err
	}
	res := &Result{Header: h}
	carries := formats.AllFields
	if target.Carries != 0 {
		carries = target.Carries
	}
	type tally struct{ n, first int }
	var dropped, missing [len(catalog.Fields)]tally
	count := func(t *tally, line int) {
		if t.n++; t.n == 1 {
			t.first = line
		}
	}
	paths := map[string]*tally{}
	pd, _ := wr.(formats.PathDropper)
	droppedPaths := func(line int) {
		for _, p := range pd.DroppedPaths() {
			if paths[p] == nil {
				paths[p] = &tally{}
			}
			count(paths[p], line)
		}
	}
	if pd != nil {
		droppedPaths(0)
	}
	dropper, _ := wr.(formats.Dropper)
	checker, _ := wr.(formats.Checker)
	for _, l := range lines {
		if check != nil {
			check.Line(l)
		}
		if err := wr.Line(l); err != nil {
			return nil, nil, err
		}
		lost := l.Present() &^ carries
		if dropper != nil {
			lost |= dropper.Dropped(l)
		}
		var need catalog.FieldSet
		if checker != nil {
			need = checker.Missing(l)
		}
		for f := range catalog.Fields {
			if lost.Has(catalog.Field(f)) {
				count(&dropped[f], l.Src.Line)
			}
			if need.Has(catalog.Field(f)) {
				count(&missing[f], l.Src.Line)
			}
		}
		if pd != nil {
			droppedPaths(l.Src.Line)
		}
	}
	args := func(t tally) []string {
		return []string{target.Name, strconv.Itoa(t.n), strconv.Itoa(t.first)}
	}
	for f, t := range dropped {
		if t.n > 0 {
			res.Findings = append(res.Findings, catalog.Finding{Rule: catalog.RuleTargetDropped, Severity: catalog.RuleTargetDropped.Severity,
				Field: catalog.Field(f).String(), Args: args(t)})
		}
	}
	for _, p := range slices.Sorted(maps.Keys(paths)) {
		res.Findings = append(res.Findings, catalog.Finding{Rule: catalog.RuleTargetDropped, Severity: catalog.RuleTargetDropped.Severity,
			Field: catalog.FieldExtra.String(), Line: paths[p].first, Pos: catalog.Pos{XPath: p}, Args: args(*paths[p])})
	}
	for f, t := range missing {
		if t.n > 0 {
			res.Findings = append(res.Findings, catalog.Finding{Rule: catalog.RuleTargetRequired, Severity: catalog.RuleTargetRequired.Severity,
				Field: catalog.Field(f).String(), Args: args(t)})
		}
	}
	if nt, ok := wr.(formats.Noter); ok {
		res.Findings = append(res.Findings, nt.Findings()...)
	}
	if err := wr.End(); err != nil {
		return nil, nil, err
	}
	if check != nil {
		res.Check = check.Close().List
		check = nil
	}
	return out.Bytes(), res, nil
}

// Synth writes n lines of the synthetic catalogue (testkit/synth) as a UBL
// document, whose units are codes as a writer gets them, to a temporary
// file and returns its path.
func Synth(t testing.TB, n int) string {
	t.Helper()
	f, err := os.Create(filepath.Join(t.TempDir(), "synth.xml"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := synth.WriteUBL(f, 0, n); err != nil {
		t.Fatal(err)
	}
	return f.Name()
}

// Fixtures returns the canonical fixtures of testdata/canonical: the CSV
// catalogues of testdata (csv/, targets/, demo/) as convert gives them to a
// writer, the compliant examples and a few that are not.
func Fixtures(t testing.TB) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(Root(t), "testdata", "canonical", "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 5 {
		t.Fatalf("only %d canonical fixtures in testdata/canonical", len(files))
	}
	slices.Sort(files)
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

// Rules counts a result's findings by rule and field: "TARGET-DROPPED
// images" → 1.
func Rules(r *Result) map[string]int {
	m := map[string]int{}
	for _, f := range r.Findings {
		m[f.RuleID()+" "+f.Field]++
	}
	return m
}

// Lines reads the input (see Read; a read error fails the test) and
// returns the header and n lines, the file's lines repeated with distinct
// item numbers: a benchmark's working set (n <= 0: the file's lines once).
func Lines(t testing.TB, input string, h *catalog.Header, n int) (catalog.Header, []*catalog.Line) {
	t.Helper()
	hd, lines, err := Read(t, input, h)
	if err != nil {
		t.Fatal(err)
	}
	if len(lines) == 0 {
		t.Fatal("no lines")
	}
	if n <= 0 {
		return hd, lines
	}
	out := make([]*catalog.Line, n)
	for i := range out {
		l := lines[i%len(lines)].Clone()
		if i >= len(lines) {
			l.SellerItemID += "-" + strconv.Itoa(i)
		}
		out[i] = l
	}
	return hd, out
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
