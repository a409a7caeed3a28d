package batch

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/ekatalog/ekatalog/formats"
	"github.com/ekatalog/ekatalog/internal/batch/batchtest"
	"github.com/ekatalog/ekatalog/internal/report"
)

func options(t testing.TB, out string, jobs int) Options {
	t.Helper()
	target, err := formats.TargetByName("json")
	if err != nil {
		t.Fatal(err)
	}
	p, err := report.ByName("json")
	if err != nil {
		t.Fatal(err)
	}
	return Options{Target: target, Out: out, Jobs: jobs, Report: p, Lang: "da"}
}

// snapshot reads every file below dir.
func snapshot(t testing.TB, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[rel] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// TestBatch: 20 catalogues with one corrupt: 19 converted, 1 reported, a
// report each, summary.json and index.html; a second run changes nothing.
func TestBatch(t *testing.T) {
	in := t.TempDir()
	bad := batchtest.Catalogues(t, in, 20, 40, 7)
	// Not inputs: hidden files and folders, other files, the output folder.
	os.WriteFile(filepath.Join(in, ".skjult.csv"), []byte("x"), 0o644)
	os.MkdirAll(filepath.Join(in, ".git"), 0o755)
	os.WriteFile(filepath.Join(in, ".git", "a.csv"), []byte("x"), 0o644)
	os.WriteFile(filepath.Join(in, "LÆSMIG.md"), []byte("x"), 0o644)
	out := filepath.Join(in, "ud")

	inputs, err := Collect([]string{in}, out)
	if err != nil {
		t.Fatal(err)
	}
	if len(inputs) != 20 {
		t.Fatalf("%d inputs, want 20: %v", len(inputs), inputs)
	}
	s, err := Run(inputs, options(t, out, 2))
	if err != nil {
		t.Fatal(err)
	}
	if s.Inputs != 20 || s.Converted != 19 || s.Failed != 1 || s.OK() {
		t.Fatalf("inputs %d, converted %d, failed %d, ok %v; want 20, 19, 1, false", s.Inputs, s.Converted, s.Failed, s.OK())
	}
	for _, r := range s.Files {
		if _, err := os.Stat(filepath.Join(out, r.Report)); err != nil {
			t.Errorf("%s: no report: %v", r.Input, err)
		}
		if r.Input == bad {
			if r.Status != Failed || r.Output != "" || !strings.Contains(r.Error, bad) {
				t.Errorf("the corrupt file: %+v", r)
			}
			continue
		}
		if r.Status != Converted || r.Lines != 40 {
			t.Errorf("%s: %s, %d lines: %s", r.Input, r.Status, r.Lines, r.Error)
		}
		b, err := os.ReadFile(filepath.Join(out, r.Output))
		if err != nil || !json.Valid(b) {
			t.Errorf("%s: output %s missing or not JSON: %v", r.Input, r.Output, err)
		}
	}
	first := snapshot(t, out)
	// Reports, outputs (19), summary.json, index.html; no temporary files.
	if len(first) != 20+19+2 {
		names := slices.Sorted(func(yield func(string) bool) {
			for k := range first {
				if !yield(k) {
					return
				}
			}
		})
		t.Errorf("%d files in the output folder, want 41: %v", len(first), names)
	}
	for _, name := range []string{"summary.json", "index.html", "underleverandør__katalog-03.json", "katalog-04.report.json"} {
		if first[name] == nil {
			t.Errorf("no %s", name)
		}
	}
	var sum Summary
	if err := json.Unmarshal(first["summary.json"], &sum); err != nil || sum.Failed != 1 || len(sum.Files) != 20 {
		t.Errorf("summary.json: %v, %+v", err, sum)
	}
	page := string(first["index.html"])
	if !strings.Contains(page, "IKKE KONVERTERET") || !strings.Contains(page, `href="katalog-00.json"`) {
		t.Error("index.html does not list the inputs")
	}

	// Again, with another number of jobs: the same bytes.
	inputs, _ = Collect([]string{in}, out)
	if _, err := Run(inputs, options(t, out, 1)); err != nil {
		t.Fatal(err)
	}
	second := snapshot(t, out)
	if len(second) != len(first) {
		t.Errorf("the second run left %d files, the first %d", len(second), len(first))
	}
	for name, b := range first {
		if !bytes.Equal(second[name], b) {
			t.Errorf("%s differs between two runs", name)
		}
	}
}

// TestBatchHTMLReports: the reports can be HTML (and name their inputs).
func TestBatchHTMLReports(t *testing.T) {
	in := t.TempDir()
	batchtest.Catalogues(t, in, 3, 5, -1)
	out := t.TempDir()
	o := options(t, out, 2)
	o.Report, _ = report.ByName("html")
	inputs, _ := Collect([]string{in}, out)
	s, err := Run(inputs, o)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range s.Files {
		b, err := os.ReadFile(filepath.Join(out, r.Report))
		if err != nil || !strings.HasSuffix(r.Report, ".report.html") || !bytes.Contains(b, []byte("<svg")) {
			t.Errorf("%s: report %s: %v", r.Input, r.Report, err)
		}
	}
}

func TestCollect(t *testing.T) {
	dir := t.TempDir()
	for _, p := range []string{"a.csv", "b.XLSX", "c.txt", "d.md", ".e.csv", "sub/f.xml", ".hid/g.csv", "out/h.csv", "old.xls"} {
		os.MkdirAll(filepath.Join(dir, filepath.Dir(p)), 0o755)
		os.WriteFile(filepath.Join(dir, p), []byte("x"), 0o644)
	}
	inputs, err := Collect([]string{dir, filepath.Join(dir, "a.csv"), filepath.Join(dir, ".e.csv")}, filepath.Join(dir, "out"))
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	for _, in := range inputs {
		keys = append(keys, in.Key)
	}
	// a.csv named twice is listed once; .e.csv named by itself is taken.
	want := []string{".e.csv", "a.csv", "b.XLSX", "c.txt", "old.xls", "sub/f.xml"}
	if !slices.Equal(keys, want) {
		t.Errorf("keys %q, want %q", keys, want)
	}
}

func TestPlan(t *testing.T) {
	keys := []string{
		"../../etc/passwd.csv", "/abs/x.csv", `C:\Windows\y.csv`, "a/b.csv", "a__b.csv", "K.csv", "k.csv",
		"summary.csv", "index.csv", "con.csv", ".hidden.csv", "..", "x/../../z.csv", "trailing. .csv",
		`q<>:"|?*.csv`, "noext", "dup.csv", "dup.xlsx",
	}
	var inputs []Input
	for _, k := range keys {
		inputs = append(inputs, Input{Path: k, Key: k})
	}
	names, err := Plan(inputs, ".json", ".json")
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]string{}
	var outs []string
	for i, n := range names {
		for _, p := range []string{n.Output, n.Report} {
			if !filepath.IsLocal(p) || strings.ContainsAny(p, `/\:*?"<>|`) || strings.HasPrefix(p, ".") {
				t.Errorf("%q: unsafe name %q", keys[i], p)
			}
			low := strings.ToLower(p)
			if prev, dup := seen[low]; dup {
				t.Errorf("%q and %q both get %q", prev, keys[i], p)
			}
			seen[low] = keys[i]
		}
		if slices.Contains(Reserved, strings.ToLower(n.Output)) || slices.Contains(Reserved, strings.ToLower(n.Report)) {
			t.Errorf("%q takes a reserved name: %+v", keys[i], n)
		}
		outs = append(outs, n.Output)
	}
	want := []string{"etc__passwd.json", "abs__x.json", "C___Windows__y.json", "a__b.json", "a__b~2.json", "K.json", "k~2.json",
		"summary~2.json", "index.json", "_con.json", "hidden.json", "_.json", "x__z.json", "trailing.json",
		"q_______.json", "noext.json", "dup.json", "dup~2.json"}
	if !slices.Equal(outs, want) {
		t.Errorf("outputs\n%q\nwant\n%q", outs, want)
	}
	// The same inputs, the same names.
	again, _ := Plan(inputs, ".json", ".json")
	if !slices.Equal(names, again) {
		t.Error("planning twice gave other names")
	}
}

// TestNoOverwrite: a run whose output would replace one of its inputs is
// refused before anything is written.
func TestNoOverwrite(t *testing.T) {
	in, out := t.TempDir(), t.TempDir()
	batchtest.Catalogues(t, in, 1, 3, -1)
	inputs, _ := Collect([]string{in}, out)
	if _, err := Run(inputs, options(t, out, 1)); err != nil {
		t.Fatal(err)
	}
	// The canonical JSON written by the first run, converted to JSON
	// into its own folder.
	converted := filepath.Join(out, "katalog-00.json")
	before, _ := os.ReadFile(converted)
	inputs, _ = Collect([]string{converted}, out)
	_, err := Run(inputs, options(t, out, 1))
	if err == nil || !strings.Contains(err.Error(), "would be written over input") {
		t.Fatalf("err = %v", err)
	}
	if after, _ := os.ReadFile(converted); !bytes.Equal(before, after) {
		t.Error("the input was changed")
	}
}
