package server

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"github.com/xuri/excelize/v2"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ekatalog/ekatalog/testkit/synth"
)

const (
	demo      = "../../testdata/demo/katalog.csv"
	agreement = "../../testdata/compare/agreement.csv"
)

// upload is one part of a multipart request: a file (name set) or a field.
type formPart struct {
	field, name string
	data        []byte
}

func file(field, path string) formPart {
	b, err := os.ReadFile(path)
	if err != nil {
		panic(err)
	}
	return formPart{field: field, name: path[strings.LastIndex(path, "/")+1:], data: b}
}

func field(name, value string) formPart { return formPart{field: name, data: []byte(value)} }

func multipartBody(parts ...formPart) (*bytes.Buffer, string) {
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	for _, p := range parts {
		var w io.Writer
		if p.name != "" {
			w, _ = mw.CreateFormFile(p.field, p.name)
		} else {
			w, _ = mw.CreateFormField(p.field)
		}
		w.Write(p.data)
	}
	mw.Close()
	return &b, mw.FormDataContentType()
}

// testServer runs a server whose uploads go to a folder the test checks is
// empty after every request.
type testServer struct {
	*httptest.Server
	srv *Server
	tmp string
}

func newTestServer(t *testing.T, cfg Config) *testServer {
	t.Helper()
	cfg.TempDir = t.TempDir()
	s, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ts := &testServer{Server: httptest.NewServer(s.Handler()), srv: s, tmp: cfg.TempDir}
	t.Cleanup(ts.Close)
	return ts
}

// post sends a multipart request and checks what every answer must have:
// the security headers, and no upload left behind.
func (ts *testServer) post(t *testing.T, path string, parts ...formPart) (*http.Response, []byte) {
	t.Helper()
	body, ct := multipartBody(parts...)
	return ts.do(t, "POST", path, ct, body)
}

func (ts *testServer) do(t *testing.T, method, path, ct string, body io.Reader) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, ts.URL+path, body)
	if err != nil {
		t.Fatal(err)
	}
	if ct != "" {
		req.Header.Set("Content-Type", ct)
	}
	resp, err := ts.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		t.Fatal(err)
	}
	checkSecurityHeaders(t, resp)
	ts.checkNothingKept(t)
	return resp, b
}

func checkSecurityHeaders(t *testing.T, resp *http.Response) {
	t.Helper()
	want := map[string]string{
		"X-Content-Type-Options": "nosniff",
		"X-Frame-Options":        "DENY",
		"Referrer-Policy":        "no-referrer",
	}
	for k, v := range want {
		if got := resp.Header.Get(k); got != v {
			t.Errorf("%s %s: header %s = %q, want %q", resp.Request.Method, resp.Request.URL.Path, k, got, v)
		}
	}
	csp := resp.Header.Get("Content-Security-Policy")
	if !strings.Contains(csp, "script-src 'self';") || strings.Contains(csp, "unsafe-inline") || !strings.Contains(csp, "frame-ancestors 'none'") {
		t.Errorf("%s: Content-Security-Policy %q", resp.Request.URL.Path, csp)
	}
	if !strings.HasPrefix(resp.Request.URL.Path, "/static/") && resp.Header.Get("Cache-Control") != "no-store" {
		t.Errorf("%s: Cache-Control %q, want no-store", resp.Request.URL.Path, resp.Header.Get("Cache-Control"))
	}
}

// checkNothingKept: the request's temporary files are gone once it has
// been answered. The handler removes them before it returns, which may be
// a moment after the client has read the answer.
func (ts *testServer) checkNothingKept(t *testing.T) {
	t.Helper()
	var left []os.DirEntry
	for i := 0; i < 100; i++ {
		left, _ = os.ReadDir(ts.tmp)
		if len(left) == 0 {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Errorf("uploads left behind in %s: %v", ts.tmp, left)
}

type apiErr struct {
	Error  string `json:"error"`
	Status int    `json:"status"`
}

func decodeError(t *testing.T, resp *http.Response, b []byte) apiErr {
	t.Helper()
	var e apiErr
	if ct := resp.Header.Get("Content-Type"); ct != "application/json" {
		t.Errorf("error Content-Type %q", ct)
	}
	if err := json.Unmarshal(b, &e); err != nil {
		t.Fatalf("error body is not JSON: %v: %s", err, b)
	}
	if e.Status != resp.StatusCode || e.Error == "" {
		t.Errorf("error body %+v for status %d", e, resp.StatusCode)
	}
	return e
}

func TestValidateJSON(t *testing.T) {
	ts := newTestServer(t, Config{})
	resp, b := ts.post(t, "/api/v1/validate", file("file", demo), field("profile", "dk-ehandel"))
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "application/json" {
		t.Fatalf("%d %s: %s", resp.StatusCode, resp.Header.Get("Content-Type"), b)
	}
	var rep struct {
		File     string
		Profile  string
		Summary  struct{ Lines, Errors int }
		Findings []struct{ Rule, Message string }
	}
	if err := json.Unmarshal(b, &rep); err != nil {
		t.Fatal(err)
	}
	if rep.File != "katalog.csv" || rep.Profile != "dk-ehandel" || rep.Summary.Lines != 10 || rep.Summary.Errors == 0 {
		t.Errorf("report %+v", rep)
	}
	if !strings.Contains(string(b), `"rule":"GTIN-CHECK-DIGIT"`) {
		t.Errorf("no GTIN-CHECK-DIGIT finding: %s", b)
	}
	if resp.Header.Get("X-Ekatalog-Compliant") != "false" || resp.Header.Get("X-Ekatalog-Errors") != strconv.Itoa(rep.Summary.Errors) {
		t.Errorf("summary headers %v", resp.Header)
	}
	// Danish messages with lang=da.
	_, b = ts.post(t, "/api/v1/validate", file("file", demo), field("lang", "da"))
	if !strings.Contains(string(b), "forkert kontrolciffer") {
		t.Errorf("lang=da: no Danish message: %s", b)
	}
}

func TestValidateFormats(t *testing.T) {
	ts := newTestServer(t, Config{})
	resp, b := ts.post(t, "/api/v1/validate?format=html&lang=da", file("file", demo))
	if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
		t.Fatalf("html: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	if !strings.Contains(string(b), "GTIN-CHECK-DIGIT") || !strings.Contains(string(b), "kontrolciffer") {
		t.Errorf("html report without the findings: %.500s", b)
	}
	if strings.Contains(string(b), "<style") && !strings.Contains(resp.Header.Get("Content-Security-Policy"), "'sha256-") {
		t.Errorf("the report's style sheet is not allowed by hash: %s", resp.Header.Get("Content-Security-Policy"))
	}
	resp, b = ts.post(t, "/api/v1/validate?format=text", file("file", demo))
	if resp.StatusCode != 200 || !strings.Contains(string(b), "NOT COMPLIANT") {
		t.Errorf("text: %d %.300s", resp.StatusCode, b)
	}
	resp, b = ts.post(t, "/api/v1/validate?format=xlsx", file("file", demo))
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != mediaTypes[".xlsx"] {
		t.Fatalf("xlsx: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	if _, err := zip.NewReader(bytes.NewReader(b), int64(len(b))); err != nil {
		t.Errorf("xlsx report is not a workbook: %v", err)
	}
	// The workbook opens on the supplier's own rows, read again from the
	// upload, with the offending cells commented.
	x, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	first := x.GetSheetList()[0]
	rows, _ := x.GetRows(first)
	var all strings.Builder
	for _, r := range rows {
		all.WriteString(strings.Join(r, ";") + "\n")
	}
	comments, _ := x.GetComments(first)
	if !strings.Contains(all.String(), "Varenr.") || !strings.Contains(all.String(), "KL-1003") || len(comments) == 0 {
		t.Errorf("the Excel report has not the supplier's rows with comments (sheet %q, %d comments):\n%.400s", first, len(comments), all.String())
	}
	_, params, _ := mime.ParseMediaType(resp.Header.Get("Content-Disposition"))
	if params["filename"] != "katalog-report.xlsx" {
		t.Errorf("Content-Disposition %q", resp.Header.Get("Content-Disposition"))
	}
}

func TestConvert(t *testing.T) {
	ts := newTestServer(t, Config{})
	resp, b := ts.post(t, "/api/v1/convert", file("file", demo), field("target", "json"))
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "application/json" {
		t.Fatalf("%d %s: %s", resp.StatusCode, resp.Header.Get("Content-Type"), b)
	}
	var cat struct{ Lines []map[string]any }
	if err := json.Unmarshal(b, &cat); err != nil || len(cat.Lines) != 10 {
		t.Errorf("converted: %d lines, %v", len(cat.Lines), err)
	}
	disp, params, _ := mime.ParseMediaType(resp.Header.Get("Content-Disposition"))
	if disp != "attachment" || params["filename"] != "katalog.json" {
		t.Errorf("Content-Disposition %q", resp.Header.Get("Content-Disposition"))
	}
	if resp.Header.Get("X-Ekatalog-Lines") != "10" || resp.Header.Get("X-Ekatalog-Compliant") != "false" || resp.Header.Get("X-Ekatalog-Errors") == "0" {
		t.Errorf("summary headers %v", resp.Header)
	}
	// To PEPPOL BIS 3 with the header a CSV cannot carry.
	header := formPart{field: "header", name: "header.json", data: []byte(`{"id": "KAT-1", "issueDate": "2026-01-01", "validFrom": "2026-01-01",
	  "seller": {"name": "Leverandøren A/S", "endpointId": "12345678", "endpointScheme": "0184"},
	  "receiver": {"name": "Eksempel Kommune", "endpointId": "5790000435951", "endpointScheme": "0088"}}`)}
	resp, b = ts.post(t, "/api/v1/convert", file("file", "../../testdata/xlsx/katalog.xlsx"), header, field("target", "peppol-bis3"))
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "application/xml" || !bytes.Contains(b, []byte("<cbc:ID>KAT-1</cbc:ID>")) {
		t.Errorf("peppol-bis3: %d %s %.500s", resp.StatusCode, resp.Header.Get("Content-Type"), b)
	}
	// A header that is not one.
	resp, b = ts.post(t, "/api/v1/convert", file("file", demo), formPart{field: "header", name: "h.json", data: []byte(`{"colour": "blue"}`)}, field("target", "json"))
	if resp.StatusCode != 400 || !strings.Contains(string(b), "h.json") {
		t.Errorf("bad header: %d %s", resp.StatusCode, b)
	}
	// A file name with a path, quotes and non-ASCII letters is made safe.
	data, _ := os.ReadFile(demo)
	resp, _ = ts.post(t, "/api/v1/convert", formPart{field: "file", name: `..\..\Varer "øst".csv`, data: data}, field("target", "json"))
	_, params, err := mime.ParseMediaType(resp.Header.Get("Content-Disposition"))
	if err != nil || params["filename"] != "Varer øst.json" {
		t.Errorf("Content-Disposition %q: %v", resp.Header.Get("Content-Disposition"), err)
	}
}

// brokenXLSX is a workbook cut off in the middle.
func brokenXLSX(t *testing.T) formPart {
	b, err := os.ReadFile("../../testdata/xlsx/katalog.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	return formPart{field: "file", name: "katalog.xlsx", data: b[:len(b)/2]}
}

const malformedXML = `<?xml version="1.0" encoding="UTF-8"?>
<Catalogue xmlns="urn:oasis:names:specification:ubl:schema:xsd:Catalogue-2"
  xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
  <cbc:ID>K-1</cbc:ID>
  <cbc:IssueDate>2026-01-01</cbc:Issue>
</Catalogue>
`

func TestErrors(t *testing.T) {
	ts := newTestServer(t, Config{MaxUpload: 64 << 10})
	big := formPart{field: "file", name: "big.csv", data: bytes.Repeat([]byte("Varenummer;Varenavn\n"), 10000)}
	tests := []struct {
		name   string
		path   string
		parts  []formPart
		status int
		want   string // in the message
	}{
		{"no file", "/api/v1/validate", []formPart{field("profile", "dk-ehandel")}, 400, `"file"`},
		{"unknown profile", "/api/v1/validate", []formPart{file("file", demo), field("profile", "nope")}, 400, "dk-ehandel"},
		{"unknown target", "/api/v1/convert", []formPart{file("file", demo), field("target", "nope")}, 400, "peppol-bis3"},
		{"no target", "/api/v1/convert", []formPart{file("file", demo)}, 400, "json"},
		{"bad lang", "/api/v1/validate", []formPart{file("file", demo), field("lang", "fr")}, 400, "fr"},
		{"bad format", "/api/v1/validate?format=pdf", []formPart{file("file", demo)}, 400, "pdf"},
		{"broken profile file", "/api/v1/validate", []formPart{file("file", demo), file("profile", "../../testdata/profiles/broken.json")}, 400, "colour"},
		{"too large", "/api/v1/validate", []formPart{big}, 413, "limit"},
		{"random binary", "/api/v1/validate", []formPart{file("file", "../../testdata/broken/random.bin")}, 415, "random.bin"},
		{"old xls", "/api/v1/validate", []formPart{file("file", "../../testdata/broken/old.xls")}, 415, "old.xls"},
		{"broken xlsx", "/api/v1/validate", []formPart{brokenXLSX(t)}, 422, "katalog.xlsx"},
		{"malformed xml", "/api/v1/validate", []formPart{{field: "file", name: "katalog.xml", data: []byte(malformedXML)}}, 422, "katalog.xml:5"},
		{"no header row", "/api/v1/validate", []formPart{file("file", "../../testdata/broken/noheader.csv")}, 422, "noheader.csv"},
		{"empty", "/api/v1/convert", []formPart{file("file", "../../testdata/broken/empty.csv"), field("target", "json")}, 422, "empty.csv"},
		{"header missing for UBL", "/api/v1/convert", []formPart{file("file", demo), field("target", "peppol-bis3")}, 422, "katalog.csv"},
		{"compare without agreement", "/api/v1/compare", []formPart{file("file", demo)}, 400, `"agreement"`},
		{"compare bad tolerance", "/api/v1/compare", []formPart{file("file", demo), file("agreement", agreement), field("tolerance", "-2")}, 400, "-2"},
		{"compare broken agreement", "/api/v1/compare", []formPart{file("file", demo), {field: "agreement", name: "aftale.xml", data: []byte(malformedXML)}}, 422, "aftale.xml:5"},
		{"compare binary catalogue", "/api/v1/compare", []formPart{file("file", "../../testdata/broken/random.bin"), file("agreement", agreement)}, 415, "random.bin"},
		{"compare bad format", "/api/v1/compare?format=pdf", []formPart{file("file", demo), file("agreement", agreement)}, 400, "pdf"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			resp, b := ts.post(t, tc.path, tc.parts...)
			if resp.StatusCode != tc.status {
				t.Fatalf("status %d, want %d: %s", resp.StatusCode, tc.status, b)
			}
			if e := decodeError(t, resp, b); !strings.Contains(e.Error, tc.want) {
				t.Errorf("message %q does not say %q", e.Error, tc.want)
			}
		})
	}
	t.Run("not multipart", func(t *testing.T) {
		resp, b := ts.do(t, "POST", "/api/v1/validate", "text/csv", strings.NewReader("a;b\n"))
		if resp.StatusCode != 400 {
			t.Errorf("%d: %s", resp.StatusCode, b)
		}
		decodeError(t, resp, b)
	})
	t.Run("wrong method", func(t *testing.T) {
		resp, b := ts.do(t, "GET", "/api/v1/validate", "", nil)
		if resp.StatusCode != 405 || resp.Header.Get("Allow") != "POST" {
			t.Errorf("%d Allow %q: %s", resp.StatusCode, resp.Header.Get("Allow"), b)
		}
		decodeError(t, resp, b)
	})
	t.Run("no such path", func(t *testing.T) {
		resp, b := ts.do(t, "GET", "/api/v1/nope", "", nil)
		if resp.StatusCode != 404 {
			t.Errorf("%d: %s", resp.StatusCode, b)
		}
		decodeError(t, resp, b)
	})
	t.Run("danish", func(t *testing.T) {
		resp, b := ts.post(t, "/api/v1/validate?lang=da", big)
		if e := decodeError(t, resp, b); resp.StatusCode != 413 || !strings.Contains(e.Error, "grænsen") {
			t.Errorf("%d %q", resp.StatusCode, e.Error)
		}
	})
}

// TestBusy saturates a server with one slot and no queue: a request while
// the slot is taken is refused at once with 503 and Retry-After; with a
// queue it waits, and gives up with 503 at the request's time limit.
func TestBusy(t *testing.T) {
	ts := newTestServer(t, Config{MaxConcurrent: 1, Queue: -1})
	if err := ts.srv.lim.acquire(context.Background(), 0); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	resp, b := ts.post(t, "/api/v1/validate", file("file", demo))
	if resp.StatusCode != 503 || resp.Header.Get("Retry-After") == "" {
		t.Errorf("%d Retry-After %q: %s", resp.StatusCode, resp.Header.Get("Retry-After"), b)
	}
	decodeError(t, resp, b)
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("refused after %s, not at once", d)
	}
	ts.srv.lim.release(0)
	if resp, b := ts.post(t, "/api/v1/validate", file("file", demo)); resp.StatusCode != 200 {
		t.Errorf("after release: %d %s", resp.StatusCode, b)
	}

	// Uploads in flight are bounded: beyond the bound a request is refused
	// before its body is read.
	for range cap(ts.srv.uploads) {
		ts.srv.uploads <- struct{}{}
	}
	resp, b = ts.post(t, "/api/v1/validate", file("file", demo))
	if resp.StatusCode != 503 || resp.Header.Get("Retry-After") == "" {
		t.Errorf("uploads full: %d %s", resp.StatusCode, b)
	}
	for range cap(ts.srv.uploads) {
		<-ts.srv.uploads
	}
	if resp, b := ts.post(t, "/api/v1/validate", file("file", demo)); resp.StatusCode != 200 {
		t.Errorf("after the uploads ended: %d %s", resp.StatusCode, b)
	}

	// Saturated by a real slow request: a 100,000-line catalogue.
	big, err := synth.CSVFile(100000, synth.DanishUTF8, "da-utf8")
	if err != nil {
		t.Fatal(err)
	}
	slow := make(chan int, 1)
	go func() {
		body, ct := multipartBody(file("file", big))
		resp, err := http.Post(ts.URL+"/api/v1/validate", ct, body)
		if err != nil {
			slow <- 0
			return
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		slow <- resp.StatusCode
	}()
	for deadline := time.Now().Add(90 * time.Second); ts.srv.lim.active.Load() == 0; {
		if time.Now().After(deadline) {
			t.Fatal("the slow request never started working")
		}
		time.Sleep(2 * time.Millisecond)
	}
	resp, b = ts.post(t, "/api/v1/validate", file("file", demo))
	if resp.StatusCode != 503 || resp.Header.Get("Retry-After") == "" {
		t.Errorf("while a slow request works: %d %s", resp.StatusCode, b)
	}
	if code := <-slow; code != 200 {
		t.Errorf("the slow request: %d", code)
	}

	// One may wait; the slot frees while it waits.
	tq := newTestServer(t, Config{MaxConcurrent: 1, Queue: 1, Timeout: 5 * time.Second})
	// The slot is freed once the request is seen in the queue, not after
	// a guess at how long it takes to get there.
	tq.srv.lim.acquire(context.Background(), 0)
	released := make(chan bool, 1)
	go func() {
		deadline := time.Now().Add(60 * time.Second)
		for tq.srv.lim.queued.Load() == 0 && time.Now().Before(deadline) {
			time.Sleep(time.Millisecond)
		}
		queued := tq.srv.lim.queued.Load() == 1
		tq.srv.lim.release(0)
		released <- queued
	}()
	if resp, b := tq.post(t, "/api/v1/validate", file("file", demo)); resp.StatusCode != 200 {
		t.Errorf("queued: %d %s", resp.StatusCode, b)
	}
	if !<-released {
		t.Error("the request was never seen waiting in the queue")
	}

	// One waits until its time is up.
	tt := newTestServer(t, Config{MaxConcurrent: 1, Queue: 1, Timeout: 300 * time.Millisecond})
	tt.srv.lim.acquire(context.Background(), 0)
	defer tt.srv.lim.release(0)
	resp, b = tt.post(t, "/api/v1/validate", file("file", demo))
	if e := decodeError(t, resp, b); resp.StatusCode != 503 || !strings.Contains(e.Error, "300ms") {
		t.Errorf("timed out in the queue: %d %q", resp.StatusCode, e.Error)
	}
	if resp, b := tt.do(t, "GET", "/healthz", "", nil); resp.StatusCode != 200 || !strings.Contains(string(b), `"active": 1`) {
		t.Errorf("healthz while busy: %d %s", resp.StatusCode, b)
	}
}

func TestCompare(t *testing.T) {
	ts := newTestServer(t, Config{})
	resp, b := ts.post(t, "/api/v1/compare?lang=da", file("file", "../../testdata/compare/katalog.csv"), file("agreement", agreement), field("tolerance", "2,5"))
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "application/json" {
		t.Fatalf("%d %s: %s", resp.StatusCode, resp.Header.Get("Content-Type"), b)
	}
	var res struct {
		Agreement, Catalogue struct{ File string }
		Tolerance            float64
		Summary              struct{ NotOnAgreement int }
	}
	if err := json.Unmarshal(b, &res); err != nil {
		t.Fatal(err)
	}
	if res.Agreement.File != "agreement.csv" || res.Catalogue.File != "katalog.csv" || res.Tolerance != 2.5 || res.Summary.NotOnAgreement == 0 {
		t.Errorf("result %+v", res)
	}
	if resp.Header.Get("X-Ekatalog-Conforming") != "false" || !strings.Contains(string(b), "ikke på aftalen") {
		t.Errorf("conforming %q; Danish messages? %.300s", resp.Header.Get("X-Ekatalog-Conforming"), b)
	}
	resp, b = ts.post(t, "/api/v1/compare?format=html", file("file", "../../testdata/compare/katalog.csv"), file("agreement", agreement))
	if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") || !strings.Contains(string(b), "ITEM-NOT-ON-AGREEMENT") {
		t.Errorf("html: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	resp, b = ts.post(t, "/api/v1/compare?format=xlsx", file("file", "../../testdata/compare/katalog.csv"), file("agreement", "../../testdata/compare/agreement.xlsx"))
	if resp.StatusCode != 200 || !bytes.HasPrefix(b, []byte("PK")) || !strings.Contains(resp.Header.Get("Content-Disposition"), "katalog-comparison.xlsx") {
		t.Errorf("xlsx: %d %s %q", resp.StatusCode, resp.Header.Get("Content-Type"), resp.Header.Get("Content-Disposition"))
	}
}

func TestListsAndHealth(t *testing.T) {
	ts := newTestServer(t, Config{})
	for _, path := range []string{"/api/v1/profiles", "/api/v1/targets", "/api/v1/profiles?lang=da"} {
		resp, b := ts.do(t, "GET", path, "", nil)
		var list []described
		if err := json.Unmarshal(b, &list); resp.StatusCode != 200 || err != nil || len(list) < 3 {
			t.Errorf("%s: %d %v %s", path, resp.StatusCode, err, b)
		}
		for _, d := range list {
			if d.Name == "" || d.Description == "" {
				t.Errorf("%s: %+v", path, d)
			}
		}
	}
	_, b := ts.do(t, "GET", "/api/v1/profiles?lang=da", "", nil)
	if !strings.Contains(string(b), "obligatoriske") {
		t.Errorf("Danish profiles: %s", b)
	}
	resp, b := ts.do(t, "GET", "/healthz", "", nil)
	if resp.StatusCode != 200 || !strings.Contains(string(b), `"status": "ok"`) {
		t.Errorf("healthz: %d %s", resp.StatusCode, b)
	}
}

// TestOpenAPI: the document parses, is OpenAPI 3, and describes every API
// route with its method.
func TestOpenAPI(t *testing.T) {
	ts := newTestServer(t, Config{})
	resp, b := ts.do(t, "GET", "/api/v1/openapi.json", "", nil)
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "application/json" {
		t.Fatalf("%d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	var doc struct {
		OpenAPI string                                `json:"openapi"`
		Paths   map[string]map[string]json.RawMessage `json:"paths"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(doc.OpenAPI, "3.") {
		t.Errorf("openapi %q", doc.OpenAPI)
	}
	api := 0
	for _, rt := range ts.srv.Routes() {
		if !rt.API {
			continue
		}
		api++
		if _, ok := doc.Paths[rt.Path][strings.ToLower(rt.Method)]; !ok {
			t.Errorf("%s %s is not in the OpenAPI document", rt.Method, rt.Path)
		}
	}
	described := 0
	for path, ops := range doc.Paths {
		if !strings.HasPrefix(path, "/api/v1/register/") { // the register's own test holds those to its routes
			described += len(ops)
		}
	}
	if described != api {
		t.Errorf("the document describes %d operations, the server has %d", described, api)
	}
	// Every $ref points at something.
	var all any
	json.Unmarshal(b, &all)
	checkRefs(t, all, all)
}

func checkRefs(t *testing.T, root, v any) {
	switch v := v.(type) {
	case map[string]any:
		if ref, ok := v["$ref"].(string); ok {
			node := root
			for _, k := range strings.Split(strings.TrimPrefix(ref, "#/"), "/") {
				m, _ := node.(map[string]any)
				node = m[k]
			}
			if node == nil {
				t.Errorf("dangling $ref %s", ref)
			}
		}
		for _, x := range v {
			checkRefs(t, root, x)
		}
	case []any:
		for _, x := range v {
			checkRefs(t, root, x)
		}
	}
}

func TestPage(t *testing.T) {
	ts := newTestServer(t, Config{})
	resp, b := ts.do(t, "GET", "/", "", nil)
	if resp.StatusCode != 200 || !strings.Contains(string(b), `lang="da"`) || !strings.Contains(string(b), "Tjek kataloget") {
		t.Errorf("GET /: %d %.400s", resp.StatusCode, b)
	}
	_, b = ts.do(t, "GET", "/?lang=en", "", nil)
	if !strings.Contains(string(b), "Check catalogue") || strings.Contains(string(b), "<script>") {
		t.Errorf("GET /?lang=en: %.400s", b)
	}
	resp, b = ts.do(t, "GET", "/static/app.js", "", nil)
	if resp.StatusCode != 200 || !strings.Contains(resp.Header.Get("Content-Type"), "javascript") || !strings.Contains(string(b), "XMLHttpRequest") {
		t.Errorf("app.js: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	for _, path := range []string{"/static/", "/static/nope.js", "/static/../server.go"} {
		if resp, b := ts.do(t, "GET", path, "", nil); resp.StatusCode != 404 {
			t.Errorf("GET %s: %d %.200s", path, resp.StatusCode, b)
		}
	}
	// The form without JavaScript: the result page.
	resp, b = ts.post(t, "/report", file("file", demo), field("lang", "da"), field("target", "json"), field("profile", "dk-ehandel"))
	page := string(b)
	if resp.StatusCode != 200 || !strings.Contains(page, "OVERHOLDER IKKE PROFILEN") || !strings.Contains(page, "GTIN-CHECK-DIGIT") {
		t.Errorf("POST /report: %d %.600s", resp.StatusCode, b)
	}
	if !strings.Contains(page, `download="katalog.json"`) || !strings.Contains(page, "data:application/json;base64,") {
		t.Errorf("POST /report: no converted file to download")
	}
	if !strings.Contains(page, `<option value="json" title=`) || !strings.Contains(page, `value="json" title="ekatalogs kanoniske katalog-JSON (schemas/catalogue.schema.json)" selected`) {
		t.Errorf("POST /report: the target choice is not kept")
	}
	// A target the input lacks header values for: the report, and why
	// there is no converted file.
	resp, b = ts.post(t, "/report", file("file", demo), field("lang", "en"), field("target", "peppol-bis3"))
	if resp.StatusCode != 200 || !strings.Contains(string(b), "Not converted to peppol-bis3: katalog.csv:") || !strings.Contains(string(b), "GTIN-CHECK-DIGIT") {
		t.Errorf("POST /report to peppol-bis3: %d %.3000s", resp.StatusCode, b)
	}
	// With the header from the page's "more" section, PEPPOL BIS 3 too.
	hdr := formPart{field: "header", name: "header.json", data: []byte(`{"id": "KAT-1", "issueDate": "2026-01-01", "validFrom": "2026-01-01",
	  "seller": {"name": "Leverandøren A/S", "endpointId": "12345678", "endpointScheme": "0184"},
	  "receiver": {"name": "Eksempel Kommune", "endpointId": "5790000435951", "endpointScheme": "0088"}}`)}
	resp, b = ts.post(t, "/report", file("file", demo), hdr, field("target", "peppol-bis3"), field("lang", "da"))
	if resp.StatusCode != 200 || !strings.Contains(string(b), `download="katalog.xml"`) {
		t.Errorf("POST /report to peppol-bis3 with a header: %d %.3000s", resp.StatusCode, b)
	}
	// With an agreement: the comparison too, and its workbook.
	resp, b = ts.post(t, "/report", file("file", "../../testdata/compare/katalog.csv"), file("agreement", agreement), field("tolerance", "2,5"), field("lang", "da"))
	page = string(b)
	if resp.StatusCode != 200 || !strings.Contains(page, "Sammenlignet med aftalen agreement.csv: AFVIGER FRA AFTALEN") || !strings.Contains(page, "ITEM-NOT-ON-AGREEMENT") ||
		!strings.Contains(page, `download="katalog-sammenligning.xlsx"`) || !strings.Contains(page, `value="2,5"`) {
		t.Errorf("POST /report with an agreement: %d %.3000s", resp.StatusCode, b)
	}
	resp, b = ts.post(t, "/report", file("file", demo), formPart{field: "agreement", name: "aftale.xml", data: []byte(malformedXML)}, field("lang", "en"))
	if resp.StatusCode != 200 || !strings.Contains(string(b), "Not compared with the agreement: aftale.xml:5") || !strings.Contains(string(b), "GTIN-CHECK-DIGIT") {
		t.Errorf("POST /report with a broken agreement: %d %.3000s", resp.StatusCode, b)
	}
	// An unreadable file: the page with the error and its status.
	resp, b = ts.post(t, "/report", file("file", "../../testdata/broken/random.bin"), field("lang", "en"))
	if resp.StatusCode != 415 || !strings.Contains(string(b), `role="alert"`) || !strings.Contains(string(b), "random.bin") {
		t.Errorf("POST /report random.bin: %d %.600s", resp.StatusCode, b)
	}
}

func TestSafeName(t *testing.T) {
	tests := []struct{ in, want string }{
		{"katalog.csv", "katalog.csv"}, {`C:\Users\x\Varer øst.xlsx`, "Varer øst.xlsx"}, {"../../etc/passwd", "passwd"},
		{"a\x00b\nc.csv", "abc.csv"}, {"..", "file"}, {"", "file"}, {strings.Repeat("æ", 150) + ".csv", strings.Repeat("æ", 100)},
	}
	for _, tc := range tests {
		if got := safeName(tc.in, "file"); got != tc.want {
			t.Errorf("safeName(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestPanic: a request whose work panics is answered 500 in JSON, its
// upload is removed and its places are freed.
func TestPanic(t *testing.T) {
	ts := newTestServer(t, Config{})
	s := ts.srv
	boom := s.secure(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		u, err := s.receive(w, r, "en")
		defer u.remove()
		if err != nil || u.files["file"] == nil {
			t.Errorf("receive: %v", err)
		}
		if err := s.lim.acquire(r.Context(), 0); err != nil {
			t.Error(err)
		}
		defer s.lim.release(0)
		panic("a reader's bug")
	}))
	hs := httptest.NewServer(boom)
	defer hs.Close()
	body, ct := multipartBody(file("file", demo))
	resp, err := http.Post(hs.URL, ct, body)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if e := decodeError(t, resp, b); resp.StatusCode != 500 || !strings.Contains(e.Error, "a reader's bug") {
		t.Errorf("%d %s", resp.StatusCode, b)
	}
	ts.checkNothingKept(t)
	if len(s.uploads) != 0 || s.lim.active.Load() != 0 {
		t.Errorf("places not freed: %d uploads, %d active", len(s.uploads), s.lim.active.Load())
	}
}
