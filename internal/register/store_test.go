package register

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/ekatalog/ekatalog/internal/diff"
	"github.com/ekatalog/ekatalog/internal/pipeline"
)

const (
	supplierID = "12345678"
	buyerA     = "5798000000001"
	buyerB     = "5798000000018"
)

var testdata = filepath.Join("..", "..", "testdata")

// setup makes a supplier and two buyers: A gets csv-da under dk-ehandel,
// B canonical JSON under minimal.
func setup(t *testing.T, s *Store) {
	t.Helper()
	ctx := context.Background()
	for _, p := range []Party{{ID: supplierID, Kind: Supplier, Name: "Kontorgrossisten A/S"},
		{ID: buyerA, Kind: Buyer, Name: "Aarhus Kommune"}, {ID: buyerB, Kind: Buyer, Name: "Odense Kommune"}} {
		if _, err := s.AddParty(ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.Subscribe(ctx, SubscribeOptions{Buyer: buyerA, Supplier: supplierID, Target: "csv-da", Profile: "dk-ehandel"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Subscribe(ctx, SubscribeOptions{Buyer: buyerB, Supplier: supplierID, Target: "json", Profile: "minimal"}); err != nil {
		t.Fatal(err)
	}
}

func submit(t *testing.T, s *Store, path string) *Submission {
	t.Helper()
	sub, err := s.Submit(context.Background(), SubmitRequest{Supplier: supplierID, Path: path, Name: filepath.Base(path)})
	if err != nil {
		t.Fatal(err)
	}
	return sub
}

// brokenCopy writes old.csv with the first line's GTIN check digit wrong.
func brokenCopy(t *testing.T) string {
	b, err := os.ReadFile(filepath.Join(testdata, "diff", "old.csv"))
	if err != nil {
		t.Fatal(err)
	}
	b = bytes.Replace(b, []byte("5790001000011"), []byte("5790001000012"), 1)
	p := filepath.Join(t.TempDir(), "broken.csv")
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestParties(t *testing.T) {
	eachDB(t, func(t *testing.T, url string) {
		s := openStore(t, url)
		ctx := context.Background()
		for _, c := range []struct{ id, scheme, want string }{
			{"12345678", "", "0184"}, {"5798000000001", "", "0088"}, {"DK-ABC", "9902", "9902"},
		} {
			p, err := s.AddParty(ctx, Party{ID: c.id, Kind: Supplier, Name: "x", Scheme: c.scheme})
			if err != nil || p.Scheme != c.want {
				t.Errorf("%s: scheme %q, %v; want %q", c.id, p.Scheme, err, c.want)
			}
		}
		if _, err := s.AddParty(ctx, Party{ID: "ABC", Kind: Buyer, Name: "x"}); err == nil || !strings.Contains(err.Error(), "--scheme") {
			t.Errorf("an ID of no known form without --scheme: %v", err)
		}
		if _, err := s.AddParty(ctx, Party{ID: "5798000000002", Kind: Buyer, Name: "x"}); err == nil || !strings.Contains(err.Error(), "not a valid") {
			t.Errorf("a GLN with a wrong check digit: %v", err)
		}
		if _, err := s.AddParty(ctx, Party{ID: "12345678", Kind: Buyer, Name: "y"}); err == nil || !strings.Contains(err.Error(), "exists") {
			t.Errorf("a second party with one ID: %v", err)
		}
		tok, err := s.NewToken(ctx, "12345678")
		if err != nil {
			t.Fatal(err)
		}
		p, err := s.Authenticate(ctx, tok)
		if err != nil || p.ID != "12345678" {
			t.Fatalf("authenticate: %v %v", p, err)
		}
		if _, err := s.Authenticate(ctx, tok+"x"); !errors.Is(err, ErrNotFound) {
			t.Errorf("a wrong token: %v", err)
		}
		// The token is nowhere in the database in clear.
		var n int
		s.db.QueryRow(`SELECT COUNT(*) FROM tokens WHERE hash = $1`, tok).Scan(&n)
		var hash string
		s.db.QueryRow(`SELECT hash FROM tokens`).Scan(&hash)
		if n != 0 || hash != hashToken(tok) || strings.Contains(hash, tok[len(tokenPrefix):]) {
			t.Errorf("token stored as %q", hash)
		}
		if s.dialect == SQLite {
			b, _ := os.ReadFile(strings.TrimPrefix(url, "sqlite:"))
			w, _ := os.ReadFile(strings.TrimPrefix(url, "sqlite:") + "-wal")
			if bytes.Contains(append(b, w...), []byte(tok)) {
				t.Error("the token is in the database file in clear")
			}
		}
	})
}

func TestRegisterFlow(t *testing.T) {
	eachDB(t, func(t *testing.T, url string) {
		ctx := context.Background()
		s := openStore(t, url)
		setup(t, s)
		oldPath, newPath := filepath.Join(testdata, "diff", "old.csv"), filepath.Join(testdata, "diff", "new.csv")

		s1 := submit(t, s, oldPath)
		if len(s1.Feeds) != 2 || s1.Feeds[0].Status != Accepted || *s1.Feeds[0].Version != 1 || *s1.Feeds[1].Version != 1 {
			t.Fatalf("first submission: %+v", s1.Feeds)
		}
		if len(s1.Reports) != 2 {
			t.Errorf("two profiles, %d reports", len(s1.Reports))
		}
		// Rejected under dk-ehandel (GTIN check digit is an error there):
		// the current version stays.
		s2 := submit(t, s, brokenCopy(t))
		a := s2.Feeds[slices.IndexFunc(s2.Feeds, func(o FeedOutcome) bool { return o.Buyer == buyerA })]
		if a.Status != Rejected || a.Version != nil || a.Errors == 0 {
			t.Fatalf("broken submission for A: %+v", a)
		}
		if _, v, _ := s.CurrentVersion(ctx, buyerA, supplierID); v != 1 {
			t.Errorf("after a rejected submission the version is %d", v)
		}
		s3 := submit(t, s, newPath)
		if v := s3.Feeds[0].Version; v == nil || *v != 2 {
			t.Fatalf("third submission for A: %+v", s3.Feeds[0])
		}

		check := func(s *Store) {
			t.Helper()
			vs, err := s.Versions(ctx, buyerA, supplierID)
			if err != nil || len(vs) != 2 || vs[0].Submission != s1.ID || vs[1].Submission != s3.ID {
				t.Fatalf("versions: %+v %v", vs, err)
			}
			// The diff names exactly what diff of the files names.
			got, err := s.Diff(ctx, buyerA, supplierID, 1, 2)
			if err != nil {
				t.Fatal(err)
			}
			want, err := diff.Diff(oldPath, newPath, pipeline.Options{}, pipeline.Options{}, diff.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if g, w := changed(got), changed(want); g != w || g == "" {
				t.Errorf("diff of versions:\n%s\nwant\n%s", g, w)
			}
			name, orig, err := s.Original(ctx, supplierID, s3.ID)
			want3, _ := os.ReadFile(newPath)
			if err != nil || name != "new.csv" || !bytes.Equal(orig, want3) {
				t.Errorf("original: %q %d bytes, %v", name, len(orig), err)
			}
			// The feed in the target and as JSON have the same lines.
			r, err := s.Render(ctx, buyerA, supplierID, "")
			if err != nil {
				t.Fatal(err)
			}
			defer r.Close()
			j, err := s.Render(ctx, buyerA, supplierID, "json")
			if err != nil {
				t.Fatal(err)
			}
			defer j.Close()
			rb, _ := r.Bytes()
			jb, _ := j.Bytes()
			var doc struct {
				Lines []struct {
					SellerItemID string `json:"sellerItemId"`
				} `json:"lines"`
			}
			if err := json.Unmarshal(jb, &doc); err != nil {
				t.Fatal(err)
			}
			if len(doc.Lines) != 12 {
				t.Errorf("json feed: %d lines", len(doc.Lines))
			}
			for _, l := range doc.Lines {
				if !bytes.Contains(rb, []byte(l.SellerItemID+";")) {
					t.Errorf("%s is in the JSON feed, not in csv-da", l.SellerItemID)
				}
			}
			subs, err := s.Submissions(ctx, supplierID)
			if err != nil || len(subs) != 3 || subs[0].ID != s3.ID {
				t.Errorf("submissions: %d, %v", len(subs), err)
			}
			feeds, err := s.Feeds(ctx, buyerB)
			if err != nil || len(feeds) != 1 || feeds[0].Version != 2 || feeds[0].Lines != 12 {
				t.Errorf("feeds of B: %+v %v", feeds, err)
			}
		}
		check(s)
		// A restart: a new connection to the same database.
		s.Close()
		check(openStore(t, url))
	})
}

// changed lists a diff's added, removed and changed item IDs.
func changed(r *diff.Result) string {
	var b strings.Builder
	for _, l := range r.Added {
		fmt.Fprintf(&b, "+%s ", l.ItemID)
	}
	for _, l := range r.Removed {
		fmt.Fprintf(&b, "-%s ", l.ItemID)
	}
	for _, c := range r.Changed {
		fmt.Fprintf(&b, "~%s ", c.ItemID)
	}
	return b.String()
}

// TestConcurrentSubmissions submits from many goroutines over two
// connection pools (as two servers would): every feed's versions are
// 1…N with no gap and none lost.
func TestConcurrentSubmissions(t *testing.T) {
	eachDB(t, func(t *testing.T, url string) {
		s1 := openStore(t, url)
		s2 := openStore(t, url)
		setup(t, s1)
		const n = 16
		path := filepath.Join(testdata, "diff", "old.csv")
		var wg sync.WaitGroup
		errs := make(chan error, n)
		for i := range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				s := s1
				if i%2 == 1 {
					s = s2
				}
				_, err := s.Submit(context.Background(), SubmitRequest{Supplier: supplierID, Path: path, Name: "old.csv"})
				errs <- err
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Fatal(err)
			}
		}
		checkConsistent(t, s1, n)
	})
}

// checkConsistent checks that every feed's versions are 1…current with no
// gap, each pointing at a stored submission, that the number of accepted
// outcomes equals the versions, and, when want ≥ 0, that each feed has want
// versions.
func checkConsistent(t *testing.T, s *Store, want int) {
	t.Helper()
	ctx := context.Background()
	for _, b := range []string{buyerA, buyerB} {
		_, cur, err := s.CurrentVersion(ctx, b, supplierID)
		if err != nil {
			t.Fatal(err)
		}
		vs, err := s.Versions(ctx, b, supplierID)
		if err != nil {
			t.Fatal(err)
		}
		if want >= 0 && cur != int64(want) {
			t.Errorf("%s: version %d, want %d", b, cur, want)
		}
		if int64(len(vs)) != cur {
			t.Errorf("%s: %d versions, current %d", b, len(vs), cur)
		}
		for i, v := range vs {
			if v.Version != int64(i+1) {
				t.Errorf("%s: version %d at %d: a gap", b, v.Version, i+1)
			}
			if _, gz, err := s.canonicalOf(ctx, b, supplierID, v.Version); err != nil || len(gz) == 0 {
				t.Errorf("%s v%d: no canonical catalogue: %v", b, v.Version, err)
			}
		}
		var accepted int64
		s.db.QueryRow(`SELECT COUNT(*) FROM submission_feeds WHERE buyer_id = $1 AND status = 'accepted'`, b).Scan(&accepted)
		if accepted != cur {
			t.Errorf("%s: %d accepted outcomes, %d versions", b, accepted, cur)
		}
	}
	var orphans int
	s.db.QueryRow(`SELECT COUNT(*) FROM submissions s WHERE NOT EXISTS (SELECT 1 FROM submission_feeds f WHERE f.submission_id = s.id)`).Scan(&orphans)
	if orphans != 0 {
		t.Errorf("%d submissions without outcomes", orphans)
	}
}
