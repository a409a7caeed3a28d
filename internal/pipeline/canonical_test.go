package pipeline

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ekatalog/ekatalog/catalog"
	"github.com/ekatalog/ekatalog/formats"
	"github.com/ekatalog/ekatalog/testkit/golden"
)

// canonicalSources are the catalogues of testdata whose canonical JSON is a
// fixture: the compliant examples and a few that are not.
var canonicalSources = []string{
	"csv/katalog-da.csv", "csv/preisliste-de.csv", "csv/prisliste-da-varianter.csv",
	"demo/katalog.csv", "targets/formula.csv", "targets/katalog-fuld.csv",
}

// TestCanonicalFixtures: the canonical fixtures the writers' tests read
// (testdata/canonical, see formats/internal/writertest) are what `ekatalog
// convert FILE --to json` makes of the CSV catalogues of testdata: read,
// validated (unit words become codes, action words add/update/delete) and
// written. -update writes them again; a fixture whose source is gone fails.
// The CSV files of the same catalogue in other encodings, delimiters and
// languages (katalog-da-utf16.csv, katalog-en.csv, …) give the same lines
// as katalog-da.csv: they are the readers' tests, not fixtures of their own.
func TestCanonicalFixtures(t *testing.T) {
	target, err := formats.TargetByName("json")
	if err != nil {
		t.Fatal(err)
	}
	root := filepath.Join("..", "..", "testdata")
	want := map[string]bool{}
	for _, src := range canonicalSources {
		f := filepath.Join(root, filepath.FromSlash(src))
		name := strings.ReplaceAll(strings.TrimSuffix(src, ".csv"), "/", "-") + ".json"
		want[name] = true
		var out bytes.Buffer
		rep, err := Run(f, Options{Target: target,
			Writer: func(h catalog.Header, _ func(io.Writer) io.Writer) (formats.Writer, error) {
				return target.New(&out, h, formats.WriteOptions{})
			}})
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		if rep.Error != "" || rep.Summary.Lines == 0 {
			t.Fatalf("%s: %d lines read: %s", f, rep.Summary.Lines, rep.Error)
		}
		golden.Check(t, filepath.Join(root, "canonical", name), out.Bytes())
	}
	have, err := os.ReadDir(filepath.Join(root, "canonical"))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range have {
		if !want[e.Name()] {
			t.Errorf("testdata/canonical/%s: no source in canonicalSources makes it (remove it)", e.Name())
		}
	}
}
