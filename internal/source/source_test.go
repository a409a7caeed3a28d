package source

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/ekatalog/ekatalog/catalog"
	"github.com/ekatalog/ekatalog/formats"
)

const broken = "../../testdata/diff/old-broken.csv" // row 4 has an unclosed quote

// read reads a file through Each and returns what fn saw: item number,
// line, and the findings' rule, line and row.
func read(t *testing.T, name string, o Options) (*Source, []string) {
	t.Helper()
	src, err := Open(name, o)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { src.Close() })
	var seen []string
	if err := src.Each(func(l *catalog.Line) error {
		s := l.SellerItemID
		for _, f := range l.Findings {
			s += " " + f.RuleID() + "@" + strconv.Itoa(f.Line) + "/" + strconv.Itoa(f.Pos.Row)
		}
		seen = append(seen, s)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return src, seen
}

// TestEachStampsPositions: a line's reading findings reach the caller
// with the line's position, read ahead or in sequence alike.
func TestEachStampsPositions(t *testing.T) {
	ahead, a := read(t, broken, Options{})
	seq, s := read(t, broken, Options{Sequential: true})
	if !slices.Equal(a, s) {
		t.Fatalf("read ahead and in sequence differ:\n%q\n%q", a, s)
	}
	found := false
	for _, l := range a {
		if strings.Contains(l, "READ-ROW-TOO-FEW-CELLS@") {
			found = true
			if strings.Contains(l, "@0") || strings.Contains(l, "/0") {
				t.Errorf("a finding without its position: %s", l)
			}
		}
	}
	if !found {
		t.Errorf("no reading finding on a line: %q", a)
	}
	for _, src := range []*Source{ahead, seq} {
		if src.Err() != nil || src.Unreadable() != nil || src.Empty() || src.Lines() != len(a) {
			t.Errorf("err %v, unreadable %v, empty %v, lines %d of %d", src.Err(), src.Unreadable(), src.Empty(), src.Lines(), len(a))
		}
	}
}

// TestHeaderMerged: the user's header goes over the file's own.
func TestHeaderMerged(t *testing.T) {
	src, err := Open(broken, Options{Header: &catalog.Header{Currency: "EUR", ID: "K-1"}})
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	if h := src.Header(); h.Currency != "EUR" || h.ID != "K-1" {
		t.Errorf("header %+v", h)
	}
	if src.Format.Name != "csv" || src.Name != broken || src.Size == 0 || src.EstimateLines() <= 0 {
		t.Errorf("format %s, name %s, size %d, estimate %d", src.Format.Name, src.Name, src.Size, src.EstimateLines())
	}
}

// TestEmpty: a file read to its end without a line yields READ-NO-LINES.
func TestEmpty(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "empty.csv")
	if err := os.WriteFile(p, []byte("Varenummer;EAN;Varenavn;Enhed;Pris\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	src, lines := read(t, p, Options{})
	if len(lines) != 0 || !src.Empty() || src.Err() != nil {
		t.Fatalf("lines %q, empty %v, err %v", lines, src.Empty(), src.Err())
	}
	if fs := src.Findings(); len(fs) == 0 || fs[len(fs)-1].RuleID() != "READ-NO-LINES" {
		t.Errorf("findings %+v", fs)
	}
}

// TestReadErrorNamesTheFile: a read that breaks off after some lines
// keeps them and says why, naming the file; one that breaks off before
// the first line is Unreadable.
func TestReadErrorNamesTheFile(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct {
		name, text string
		lines      int
	}{
		{"cut.json", `{"catalogue":{},"lines":[` + "\n" + `{"sellerItemId":"A-1","price":1},` + "\n" + `{"sellerItemId":"A-2","pri`, 1},
		{"nothing.json", `{"catalogue":{},"lines":[{"sellerItemId":`, 0},
	} {
		p := filepath.Join(dir, c.name)
		if err := os.WriteFile(p, []byte(c.text), 0o644); err != nil {
			t.Fatal(err)
		}
		for _, seq := range []bool{false, true} {
			src, lines := read(t, p, Options{Sequential: seq, Name: "upload/" + c.name})
			var re *catalog.ReadError
			if len(lines) != c.lines || !errors.As(src.Err(), &re) || re.File != "upload/"+c.name {
				t.Errorf("%s: lines %q, err %v", c.name, lines, src.Err())
			}
			if (src.Unreadable() != nil) != (c.lines == 0) || src.Empty() {
				t.Errorf("%s: unreadable %v, empty %v", c.name, src.Unreadable(), src.Empty())
			}
		}
	}
}

// TestEachStops: fn's error stops the reading and is Each's.
func TestEachStops(t *testing.T) {
	stop := errors.New("stop")
	for _, seq := range []bool{false, true} {
		src, err := Open(broken, Options{Sequential: seq})
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		err = src.Each(func(*catalog.Line) error {
			if n++; n == 2 {
				return stop
			}
			return nil
		})
		src.Close()
		if err != stop || n != 2 || src.Err() != nil {
			t.Errorf("sequential %v: err %v after %d lines, read error %v", seq, err, n, src.Err())
		}
	}
}

// TestOpenRefuses: what cannot be opened at all is an error naming it.
func TestOpenRefuses(t *testing.T) {
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty.csv")
	if err := os.WriteFile(empty, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{filepath.Join(dir, "missing.csv"), empty, dir} {
		if _, err := Open(name, Options{}); err == nil || !strings.Contains(err.Error(), name) {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// unplaced is a reader that leaves its line findings' positions to the
// read loop, as the formats.Reader contract allows.
type unplaced struct{ formats.Reader }

func (u unplaced) Next(l *catalog.Line) error {
	err := u.Reader.Next(l)
	for i := range l.Findings {
		l.Findings[i].Line, l.Findings[i].Pos = 0, catalog.Pos{}
	}
	return err
}

// TestEachPlacesFindings: a finding the reader did not place gets its
// line's number and row.
func TestEachPlacesFindings(t *testing.T) {
	for _, seq := range []bool{false, true} {
		src, err := Open(broken, Options{Sequential: seq})
		if err != nil {
			t.Fatal(err)
		}
		src.Reader = unplaced{src.Reader}
		n := 0
		src.Each(func(l *catalog.Line) error {
			for _, f := range l.Findings {
				n++
				if f.Line != l.Src.Line || f.Pos.Row != l.Src.Row || f.Line == 0 {
					t.Errorf("finding %s at line %d row %d on line %d row %d", f.RuleID(), f.Line, f.Pos.Row, l.Src.Line, l.Src.Row)
				}
			}
			return nil
		})
		src.Close()
		if n == 0 {
			t.Error("no finding")
		}
	}
}
