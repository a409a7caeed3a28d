package archtest

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestEveryPackageTakesUpdate: every test binary of the module links
// testkit/golden, which defines -update, so that `go test ./... -update`
// runs as written in every package (a package that does not know the flag
// fails the whole command).
func TestEveryPackageTakesUpdate(t *testing.T) {
	root := repoRoot(t)
	watchAll(t, root)
	pkgs := goList(t, root, "-deps", "-test", "-json=ImportPath,Deps", "./...")
	if missing := withoutUpdate(pkgs); len(missing) > 0 {
		t.Errorf("these test binaries do not take -update: give the package a goldenflag_test.go that imports testkit/golden:\n%s", strings.Join(missing, "\n"))
	}
}

// withoutUpdate lists the module's test binaries (their generated mains,
// "p.test") that do not link testkit/golden.
func withoutUpdate(pkgs []pkg) []string {
	var out []string
	for _, p := range pkgs {
		if !strings.HasSuffix(p.ImportPath, ".test") || !under(p.ImportPath, module) {
			continue
		}
		if !slices.Contains(p.Deps, module+"/testkit/golden") {
			out = append(out, strings.TrimSuffix(p.ImportPath, ".test"))
		}
	}
	slices.Sort(out)
	return out
}

func TestWithoutUpdate(t *testing.T) {
	m := module
	got := withoutUpdate([]pkg{
		{ImportPath: m + "/catalog.test", Deps: []string{m + "/catalog", m + "/testkit/golden"}},
		{ImportPath: m + "/internal/source.test", Deps: []string{m + "/catalog"}},
		{ImportPath: m + "/internal/source"},
	})
	if !slices.Equal(got, []string{m + "/internal/source"}) {
		t.Errorf("got %v", got)
	}
}

// watchAll stats every Go file of the module, so that go test caches the
// result only while none of them changes.
func watchAll(t *testing.T, root string) {
	t.Helper()
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == ".git" || d.Name() == "testdata" || d.Name() == "bin") {
			return filepath.SkipDir
		}
		if !d.IsDir() && strings.HasSuffix(path, ".go") {
			_, err = os.Stat(path)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}
