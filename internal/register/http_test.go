package register

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// api is a register served over real HTTP on loopback, with tokens of the
// setup's parties and of a second supplier and a third buyer.
type api struct {
	t      *testing.T
	url    string
	s      *Store
	tokens map[string]string
}

const (
	otherSupplier = "87654321"
	otherBuyer    = "5798000000025"
)

func newAPI(t *testing.T, url string) *api {
	s := openStore(t, url)
	setup(t, s)
	ctx := context.Background()
	for _, p := range []Party{{ID: otherSupplier, Kind: Supplier, Name: "Anden Leverandør ApS"}, {ID: otherBuyer, Kind: Buyer, Name: "Vejle Kommune"}} {
		if _, err := s.AddParty(ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	// The other buyer subscribes to the other supplier only.
	if _, err := s.Subscribe(ctx, SubscribeOptions{Buyer: otherBuyer, Supplier: otherSupplier, Target: "json"}); err != nil {
		t.Fatal(err)
	}
	a := &api{t: t, s: s, tokens: map[string]string{}}
	for _, id := range []string{supplierID, buyerA, buyerB, otherSupplier, otherBuyer} {
		tok, err := s.NewToken(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		a.tokens[id] = tok
	}
	srv := httptest.NewServer(NewHandler(s, HandlerConfig{MaxUpload: 8 << 20}))
	t.Cleanup(srv.Close)
	a.url = srv.URL + Prefix
	return a
}

func (a *api) do(party, method, path string, body io.Reader, ctype string, hdr ...string) (*http.Response, []byte) {
	a.t.Helper()
	req, err := http.NewRequest(method, a.url+path, body)
	if err != nil {
		a.t.Fatal(err)
	}
	if party != "" {
		tok := a.tokens[party]
		if tok == "" {
			tok = party // a made-up token
		}
		req.Header.Set("Authorization", "Bearer "+tok)
	}
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		a.t.Fatal(err)
	}
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	return res, b
}

func (a *api) get(party, path string, hdr ...string) (*http.Response, []byte) {
	return a.do(party, "GET", path, nil, "", hdr...)
}

// submitFile posts a catalogue as a supplier.
func (a *api) submitFile(party, path string, buyers ...string) (*http.Response, []byte) {
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	fw, _ := mw.CreateFormFile("file", filepath.Base(path))
	data, err := os.ReadFile(path)
	if err != nil {
		a.t.Fatal(err)
	}
	fw.Write(data)
	for _, by := range buyers {
		mw.WriteField("buyer", by)
	}
	mw.Close()
	return a.do(party, "POST", "/submissions", &b, mw.FormDataContentType())
}

func decode[T any](t *testing.T, b []byte) T {
	t.Helper()
	var v T
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatalf("%v: %s", err, b)
	}
	return v
}

func TestAPIFlow(t *testing.T) {
	eachDB(t, func(t *testing.T, url string) {
		a := newAPI(t, url)
		oldPath, newPath := filepath.Join(testdata, "diff", "old.csv"), filepath.Join(testdata, "diff", "new.csv")
		res, b := a.submitFile(supplierID, oldPath)
		if res.StatusCode != 201 {
			t.Fatalf("submit: %d %s", res.StatusCode, b)
		}
		s1 := decode[Submission](t, b)
		if len(s1.Feeds) != 2 || s1.Feeds[0].Status != Accepted || *s1.Feeds[0].Version != 1 {
			t.Fatalf("submission: %s", b)
		}
		res, b = a.submitFile(supplierID, brokenCopy(t), buyerA)
		s2 := decode[Submission](t, b)
		if res.StatusCode != 201 || len(s2.Feeds) != 1 || s2.Feeds[0].Status != Rejected || s2.Feeds[0].Version != nil {
			t.Fatalf("broken submission to A: %d %s", res.StatusCode, b)
		}
		if !bytes.Contains(s2.Report, []byte("GTIN")) {
			t.Errorf("the report does not name the GTIN: %s", s2.Report)
		}
		res, b = a.submitFile(supplierID, newPath)
		if res.StatusCode != 201 {
			t.Fatal(string(b))
		}
		s3 := decode[Submission](t, b)

		res, b = a.get(buyerA, "/feeds")
		feeds := decode[struct{ Feeds []Feed }](t, b)
		if res.StatusCode != 200 || len(feeds.Feeds) != 1 || feeds.Feeds[0].Version != 2 || feeds.Feeds[0].Lines != 12 {
			t.Errorf("feeds: %s", b)
		}
		res, b = a.get(buyerA, "/feeds/"+supplierID)
		if res.StatusCode != 200 || res.Header.Get("ETag") != `"2"` || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/csv") {
			t.Fatalf("feed: %d %v", res.StatusCode, res.Header)
		}
		csv := b
		res, _ = a.get(buyerA, "/feeds/"+supplierID, "If-None-Match", `"2"`)
		if res.StatusCode != 304 {
			t.Errorf("If-None-Match of the current version: %d", res.StatusCode)
		}
		res, _ = a.get(buyerA, "/feeds/"+supplierID, "If-None-Match", `"1"`)
		if res.StatusCode != 200 {
			t.Errorf("If-None-Match of an old version: %d", res.StatusCode)
		}
		res, b = a.get(buyerA, "/feeds/"+supplierID+"?format=json")
		doc := decode[struct {
			Lines []struct{ SellerItemID string }
		}](t, b)
		if res.StatusCode != 200 || len(doc.Lines) != 12 {
			t.Fatalf("json feed: %d %d lines", res.StatusCode, len(doc.Lines))
		}
		for _, l := range doc.Lines {
			if !bytes.Contains(csv, []byte(l.SellerItemID+";")) {
				t.Errorf("%s in the JSON feed, not in the CSV one", l.SellerItemID)
			}
		}
		// csv-da has no update document: the whole catalogue, and the
		// answer says so.
		res, b = a.get(buyerA, "/feeds/"+supplierID+"?since=1")
		if res.StatusCode != 200 || !strings.HasPrefix(res.Header.Get("Ekatalog-Delta"), "full") || !bytes.Equal(b, csv) {
			t.Errorf("since as csv-da: %d %v", res.StatusCode, res.Header)
		}
		// As canonical JSON the changes since version 1 are the update
		// document: the lines the diff of the two versions adds and
		// removes, and at least those it changes (the diff report leaves
		// out fields such as unitText that canonical JSON carries).
		res, b = a.get(buyerA, "/feeds/"+supplierID+"?since=1&format=json")
		upd := decode[struct {
			Catalogue struct{ Action string }
			Lines     []struct{ SellerItemID, Action string }
		}](t, b)
		acts := map[string]int{}
		for _, l := range upd.Lines {
			acts[l.Action]++
		}
		sum, err := a.s.Diff(context.Background(), buyerA, supplierID, 1, 2)
		if err != nil {
			t.Fatal(err)
		}
		if res.StatusCode != 200 || !strings.HasPrefix(res.Header.Get("Ekatalog-Delta"), "update") || upd.Catalogue.Action != "update" ||
			acts["add"] != sum.Summary.Added || acts["delete"] != sum.Summary.Removed || acts["update"] < sum.Summary.Changed ||
			acts["update"] > sum.Summary.Changed+sum.Summary.Same || len(upd.Lines) != acts["add"]+acts["delete"]+acts["update"] || len(upd.Lines) == 0 {
			t.Errorf("since=1 as json: %d %v %v against %+v\n%s", res.StatusCode, res.Header, acts, sum.Summary, b)
		}
		if res.Header.Get("ETag") != `"2-since-1"` {
			t.Errorf("since: ETag %q", res.Header.Get("ETag"))
		}
		// Since version 0 every line is added; since the current one
		// nothing changed.
		res, b = a.get(buyerA, "/feeds/"+supplierID+"?since=0&format=json")
		upd.Lines = nil
		upd = decode[struct {
			Catalogue struct{ Action string }
			Lines     []struct{ SellerItemID, Action string }
		}](t, b)
		if res.StatusCode != 200 || len(upd.Lines) != 12 || upd.Lines[0].Action != "add" {
			t.Errorf("since=0: %d %d lines", res.StatusCode, len(upd.Lines))
		}
		res, _ = a.get(buyerA, "/feeds/"+supplierID+"?since=2&format=json")
		if res.StatusCode != http.StatusNoContent {
			t.Errorf("since the current version: %d", res.StatusCode)
		}
		res, _ = a.get(buyerA, "/feeds/"+supplierID+"?format=nonesuch")
		if res.StatusCode != 400 {
			t.Errorf("unknown format: %d", res.StatusCode)
		}
		res, b = a.get(buyerA, "/feeds/"+supplierID+"/versions")
		vs := decode[struct{ Versions []Version }](t, b)
		if res.StatusCode != 200 || len(vs.Versions) != 2 || vs.Versions[1].Submission != s3.ID {
			t.Errorf("versions: %s", b)
		}
		res, b = a.get(buyerA, "/feeds/"+supplierID+"/diff?from=1&to=2")
		if res.StatusCode != 200 {
			t.Fatalf("diff: %d %s", res.StatusCode, b)
		}
		// The same JSON as `ekatalog diff --format json` of the files, but
		// for the names of the files.
		want, err := a.s.Diff(context.Background(), buyerA, supplierID, 1, 2)
		if err != nil || !json.Valid(b) || want.Summary.Changed == 0 {
			t.Fatalf("diff: %v", err)
		}
		res, b = a.get(supplierID, "/submissions")
		list := decode[struct{ Submissions []Submission }](t, b)
		if res.StatusCode != 200 || len(list.Submissions) != 3 || list.Submissions[0].ID != s3.ID {
			t.Errorf("submissions: %d", len(list.Submissions))
		}
		res, b = a.get(supplierID, "/submissions/"+s1.ID+"/original")
		orig, _ := os.ReadFile(oldPath)
		if res.StatusCode != 200 || !bytes.Equal(b, orig) {
			t.Errorf("original: %d, %d bytes", res.StatusCode, len(b))
		}
		// The audit has a row for every request.
		es, err := a.s.AuditLog(context.Background(), supplierID, time.Time{})
		if err != nil || len(es) < 5 {
			t.Errorf("audit of the supplier: %d rows, %v", len(es), err)
		}
	})
}

// TestWrongParty tries every endpoint as each party it does not belong to
// (404, as for what does not exist), without a token and with an unknown
// one (401).
func TestWrongParty(t *testing.T) {
	eachDB(t, func(t *testing.T, url string) {
		a := newAPI(t, url)
		res, b := a.submitFile(supplierID, filepath.Join(testdata, "diff", "old.csv"))
		if res.StatusCode != 201 {
			t.Fatal(string(b))
		}
		sub := decode[Submission](t, b)
		type call struct {
			method, path string
			owner        string
		}
		calls := []call{
			{"POST", "/submissions", supplierID},
			{"GET", "/submissions", supplierID},
			{"GET", "/submissions/" + sub.ID, supplierID},
			{"GET", "/submissions/" + sub.ID + "/original", supplierID},
			{"GET", "/feeds", buyerA},
			{"GET", "/feeds/" + supplierID, buyerA},
			{"GET", "/feeds/" + supplierID + "/versions", buyerA},
			{"GET", "/feeds/" + supplierID + "/diff?from=1&to=1", buyerA},
		}
		send := func(party string, c call) (*http.Response, []byte) {
			if c.method == "POST" {
				return a.submitFile(party, filepath.Join(testdata, "diff", "old.csv"))
			}
			return a.get(party, c.path)
		}
		for _, c := range calls {
			if res, b := send(c.owner, c); res.StatusCode/100 != 2 {
				t.Errorf("%s %s as its owner: %d %s", c.method, c.path, res.StatusCode, b)
			}
			for _, p := range []string{"", "ekr_made-up", "nonsense"} {
				if res, _ := send(p, c); res.StatusCode != 401 || res.Header.Get("WWW-Authenticate") == "" {
					t.Errorf("%s %s with token %q: %d", c.method, c.path, p, res.StatusCode)
				}
			}
			for _, p := range []string{supplierID, buyerA, buyerB, otherSupplier, otherBuyer} {
				if p == c.owner || c.path == "/feeds" && p != supplierID && p != otherSupplier ||
					c.path == "/submissions" && p == otherSupplier || c.method == "POST" && p == otherSupplier {
					continue // their own list or their own submission
				}
				if c.path == "/feeds/"+supplierID && p == buyerB || strings.HasPrefix(c.path, "/feeds/"+supplierID+"/") && p == buyerB {
					continue // B subscribes to the supplier too
				}
				res, b := send(p, c)
				if res.StatusCode != 404 {
					t.Errorf("%s %s as %s: %d %s", c.method, c.path, p, res.StatusCode, b)
				}
				// Exactly as for what does not exist.
				if !bytes.Equal(bytes.TrimSpace(b), []byte("{\n  \"error\": \"not found\",\n  \"status\": 404\n}")) {
					t.Errorf("%s %s as %s: %s", c.method, c.path, p, b)
				}
			}
		}
		// The other supplier's submission to a buyer that is not its
		// subscriber, and a submission that does not exist.
		if res, b := a.submitFile(otherSupplier, filepath.Join(testdata, "diff", "old.csv"), buyerA); res.StatusCode != 404 {
			t.Errorf("submitting to another's buyer: %d %s", res.StatusCode, b)
		}
		if res, _ := a.get(supplierID, "/submissions/ffffffffffffffffffffffff"); res.StatusCode != 404 {
			t.Errorf("a submission that does not exist: %d", res.StatusCode)
		}
		if res, _ := a.get(otherBuyer, "/feeds/"+supplierID+"?format=json"); res.StatusCode != 404 {
			t.Errorf("another's feed: %d", res.StatusCode)
		}
		// Every one of these requests is in the audit log.
		var n int
		a.s.db.QueryRow(`SELECT COUNT(*) FROM audit WHERE status IN (401, 404)`).Scan(&n)
		if n < len(calls)*5 {
			t.Errorf("%d refused requests in the audit log", n)
		}
	})
}
