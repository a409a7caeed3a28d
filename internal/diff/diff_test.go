package diff

import (
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/ekatalog/ekatalog/catalog"
	"github.com/ekatalog/ekatalog/formats"
	"github.com/ekatalog/ekatalog/internal/pipeline"
	"github.com/ekatalog/ekatalog/testkit/golden"
)

const testdata = "../../testdata/diff"

// fixtures keeps old.xlsx and new.xml the same catalogues as old.csv and
// new.csv, converted by ekatalog's own writers (-update rewrites them).
func fixtures(t *testing.T) {
	t.Helper()
	for _, fx := range []struct{ in, target, out string }{
		{"old.csv", "xlsx-da", "old.xlsx"},
		{"new.csv", "peppol-bis3", "new.xml"},
	} {
		out := filepath.Join(testdata, fx.out)
		if _, err := os.Stat(out); err == nil && !golden.Updating() {
			continue
		}
		tg, err := formats.TargetByName(fx.target)
		if err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile("../../testdata/ubl/header-peppol.json")
		if err != nil {
			t.Fatal(err)
		}
		var h catalog.Header
		if err := json.Unmarshal(b, &h); err != nil {
			t.Fatal(err)
		}
		f, err := os.Create(out)
		if err != nil {
			t.Fatal(err)
		}
		o := pipeline.Options{Target: tg, Header: &h, Writer: func(h catalog.Header, tee func(io.Writer) io.Writer) (formats.Writer, error) {
			return tg.New(f, h, formats.WriteOptions{})
		}}
		if _, err := pipeline.Run(filepath.Join(testdata, fx.in), o); err != nil {
			t.Fatal(err)
		}
		if err := f.Close(); err != nil {
			t.Fatal(err)
		}
	}
}

func run(t *testing.T, oldName, newName string) *Result {
	t.Helper()
	res, err := Diff(filepath.Join(testdata, oldName), filepath.Join(testdata, newName), pipeline.Options{}, pipeline.Options{}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// rows is a result as the lines of the expectation table.
func rows(r *Result) []string {
	var got []string
	for _, l := range r.Added {
		got = append(got, "added\t"+l.ItemID+"\t")
	}
	for _, l := range r.Removed {
		got = append(got, "removed\t"+l.ItemID+"\t")
	}
	for _, c := range r.Changed {
		var fs []string
		for _, f := range c.Fields {
			fs = append(fs, f.Field)
		}
		got = append(got, "changed\t"+c.ItemID+"\t"+strings.Join(fs, ","))
	}
	return got
}

func expectations(t *testing.T) []string {
	return golden.Lines(t, filepath.Join(testdata, "expect.tsv"))
}

// TestExactlyTheChanges: the same two versions as CSV, and across formats
// (an Excel workbook then a PEPPOL UBL document), give exactly the changed
// lines and fields of the expectation table.
func TestExactlyTheChanges(t *testing.T) {
	fixtures(t)
	want := expectations(t)
	for _, pair := range [][2]string{{"old.csv", "new.csv"}, {"old.xlsx", "new.xml"}, {"old.csv", "new.xml"}, {"old.xlsx", "new.csv"}} {
		t.Run(pair[0]+"→"+pair[1], func(t *testing.T) {
			got := rows(run(t, pair[0], pair[1]))
			slices.Sort(got)
			w := slices.Clone(want)
			slices.Sort(w)
			if !slices.Equal(got, w) {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(w, "\n"))
			}
		})
	}
}

// TestSameFile: a catalogue against itself has no change.
func TestSameFile(t *testing.T) {
	r := run(t, "old.csv", "old.csv")
	if s := r.Summary; s.Same != 12 || s.Added+s.Removed+s.Changed != 0 {
		t.Errorf("%+v", s)
	}
}

func TestPriceDistribution(t *testing.T) {
	r := run(t, "old.csv", "new.csv")
	p := r.Prices
	// D-002 +5 %, D-003 -10 %, D-005 +20 %, D-008 +40 %, D-012 +0.8 %.
	if p.Changed != 5 || p.Up != 4 || p.Down != 1 {
		t.Errorf("changed %d, up %d, down %d; want 5, 4, 1", p.Changed, p.Up, p.Down)
	}
	if !slices.Equal(p.UpBuckets, []int{1, 1, 0, 1, 1}) || !slices.Equal(p.DownBuckets, []int{0, 0, 1, 0, 0}) {
		t.Errorf("buckets up %v down %v", p.UpBuckets, p.DownBuckets)
	}
	if len(p.Largest) != 5 || p.Largest[0].ItemID != "D-008" || p.Largest[1].ItemID != "D-005" {
		t.Errorf("largest: %+v", p.Largest)
	}
}

// TestUnreadableRow: a row of either version that could not be read is
// named under problems, and the versions are then never "identical".
func TestUnreadableRow(t *testing.T) {
	r := run(t, "old-broken.csv", "old.csv")
	if len(r.Problems) == 0 || r.Problems[0].Source != catalog.SourceOld || r.Problems[0].RuleID() != "READ-ROW-TOO-FEW-CELLS" || r.Problems[0].Pos.Row != 4 {
		t.Errorf("problems: %+v", r.Problems)
	}
	if r.Identical() {
		t.Error("a diff with an unreadable row is reported identical")
	}
	if m := r.Problems[0].Message("da"); !strings.Contains(m, "rækken har") {
		t.Errorf("the problem's Danish message: %s", m)
	}
}
