package archtest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

const module = "github.com/ekatalog/ekatalog"

// pkg is what the go tool says about one package of the listing.
type pkg struct {
	ImportPath string
	Imports    []string
	Deps       []string
}

// base is the directory a listed package belongs to: its test variants
// ("p [p.test]", "p_test [p.test]") and its test main ("p.test") count as p.
func base(importPath string) string {
	if i := strings.IndexByte(importPath, ' '); i >= 0 {
		importPath = importPath[:i]
	}
	importPath = strings.TrimSuffix(importPath, ".test")
	return strings.TrimSuffix(importPath, "_test")
}

// under reports whether the package path p is dir or a package below it.
func under(p, dir string) bool {
	return p == dir || strings.HasPrefix(p, dir+"/")
}

// layer rules: a package under from may not depend on one under to. The
// internal/ folders of catalog/ and formats/ (formats/internal/xmlscan…)
// are theirs: only module/internal/ is the upper layer.
var rules = []struct{ from, to string }{
	{module + "/catalog", module + "/internal"},
	{module + "/catalog", module + "/formats"},
	{module + "/catalog", module + "/cmd"},
	{module + "/formats", module + "/internal"},
	{module + "/formats", module + "/cmd"},
	// the test helpers every layer imports
	{module + "/testkit", module + "/internal"},
	{module + "/testkit", module + "/cmd"},
}

// violations returns, for every listed package that breaks a rule, the
// package, the forbidden dependency and the import that brings it in.
func violations(pkgs []pkg) []string {
	byPath := map[string]pkg{}
	for _, p := range pkgs {
		byPath[p.ImportPath] = p
	}
	var out []string
	for _, p := range pkgs {
		if strings.HasSuffix(p.ImportPath, ".test") {
			continue // a test's generated main: its test package is listed too
		}
		from := base(p.ImportPath)
		for _, r := range rules {
			if !under(from, r.from) {
				continue
			}
			for _, d := range p.Deps {
				if !under(base(d), r.to) {
					continue
				}
				out = append(out, fmt.Sprintf("%s depends on %s (through %s)", p.ImportPath, d, via(p, d, byPath)))
			}
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// via names the direct import of p through which p depends on d.
func via(p pkg, d string, byPath map[string]pkg) string {
	for _, imp := range p.Imports {
		if imp == d || slices.Contains(byPath[imp].Deps, d) {
			return imp
		}
	}
	return "?"
}

// TestLayering lists catalog/, formats/ and testkit/ with their tests, as `go list
// -deps -test` does, and fails on every arrow that runs up the tree.
func TestLayering(t *testing.T) {
	root := repoRoot(t)
	watchAll(t, root)
	pkgs := goList(t, root, "-deps", "-test", "-json=ImportPath,Imports,Deps", "./catalog/...", "./formats/...", "./testkit/...")
	seen := 0
	for _, p := range pkgs {
		if under(base(p.ImportPath), module+"/formats") {
			seen++
		}
	}
	if seen < 20 {
		t.Fatalf("go list gave %d packages under formats/; the listing is not what this test expects", seen)
	}
	for _, v := range violations(pkgs) {
		t.Error(v)
	}
}

// repoRoot is the module's folder.
func repoRoot(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	return root
}

// goList runs go list in root and decodes its JSON; it skips the test when
// the go tool is not on PATH.
func goList(t *testing.T, root string, args ...string) []pkg {
	t.Helper()
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("the go tool is not on PATH: cannot list the packages")
	}
	cmd := exec.Command(goTool, append([]string{"list"}, args...)...)
	cmd.Dir = root
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, stderr.Bytes())
	}
	pkgs, err := decode(out)
	if err != nil {
		t.Fatal(err)
	}
	return pkgs
}

func decode(b []byte) ([]pkg, error) {
	var pkgs []pkg
	dec := json.NewDecoder(bytes.NewReader(b))
	for {
		var p pkg
		if err := dec.Decode(&p); errors.Is(err, io.EOF) {
			return pkgs, nil
		} else if err != nil {
			return nil, fmt.Errorf("go list output: %w", err)
		}
		pkgs = append(pkgs, p)
	}
}

// TestViolations holds the checker to listings made up to break each rule,
// and to ones that keep them.
func TestViolations(t *testing.T) {
	m := module
	listing := []pkg{
		{ImportPath: m + "/internal/pipeline", Imports: []string{m + "/formats"}, Deps: []string{m + "/catalog", m + "/formats"}},
		{ImportPath: m + "/formats/internal/xmlscan"},
		{ImportPath: m + "/testkit/golden"},
		// allowed: formats' own internal/ folder, the catalogue, testkit
		{ImportPath: m + "/formats/ubl", Imports: []string{m + "/formats/internal/xmlscan"}, Deps: []string{m + "/catalog", m + "/formats/internal/xmlscan"}},
		{ImportPath: m + "/formats/ubl_test [" + m + "/formats/ubl.test]", Imports: []string{m + "/testkit/golden"}, Deps: []string{m + "/testkit/golden"}},
		// a writer test that runs the pipeline, through a helper
		{ImportPath: m + "/formats/internal/writertest", Imports: []string{m + "/internal/pipeline"}, Deps: []string{m + "/catalog", m + "/formats", m + "/internal/pipeline"}},
		{ImportPath: m + "/formats/cif_test [" + m + "/formats/cif.test]", Imports: []string{m + "/formats/internal/writertest"},
			Deps: []string{m + "/catalog", m + "/formats", m + "/formats/internal/writertest", m + "/internal/pipeline"}},
		// the catalogue reaching for a format
		{ImportPath: m + "/catalog/units [" + m + "/catalog/units.test]", Imports: []string{m + "/formats/csv"}, Deps: []string{m + "/formats/csv"}},
	}
	got := violations(listing)
	want := []string{
		m + "/catalog/units [" + m + "/catalog/units.test] depends on " + m + "/formats/csv (through " + m + "/formats/csv)",
		m + "/formats/cif_test [" + m + "/formats/cif.test] depends on " + m + "/internal/pipeline (through " + m + "/formats/internal/writertest)",
		m + "/formats/internal/writertest depends on " + m + "/internal/pipeline (through " + m + "/internal/pipeline)",
	}
	if !slices.Equal(got, want) {
		t.Errorf("violations:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if v := violations(listing[:5]); len(v) != 0 {
		t.Errorf("a listing that keeps the layers gave %v", v)
	}
}
