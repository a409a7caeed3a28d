package main

import (
	"bytes"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/ekatalog/ekatalog/internal/server"
)

// postFile sends a catalogue to an API route as a browser or curl would.
func postFile(t *testing.T, url, path string) (*http.Response, []byte) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	w, _ := mw.CreateFormFile("file", filepath.Base(path))
	w.Write(data)
	mw.Close()
	resp, err := http.Post(url, mw.FormDataContentType(), &body)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, b
}

// TestServeValidateSameAsCLI: POST /api/v1/validate answers with the same
// bytes as `ekatalog validate --format json` on the same file (run from the
// file's folder, so that both name it alike).
func TestServeValidateSameAsCLI(t *testing.T) {
	srv, err := server.New(server.Config{TempDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	for _, f := range []string{"../../testdata/demo/katalog.csv", "../../testdata/xlsx/katalog.xlsx", "../../testdata/csv/katalog-da-utf16.csv", "../../testdata/broken/ragged.csv"} {
		_, cli, _ := cli(t, "", "validate", "--format", "json", f)
		cli = strings.Replace(cli, `"file":"`+f+`"`, `"file":"`+filepath.Base(f)+`"`, 1)
		resp, api := postFile(t, ts.URL+"/api/v1/validate", f)
		if resp.StatusCode != 200 {
			t.Errorf("%s: %d %s", f, resp.StatusCode, api)
			continue
		}
		if string(api) != cli {
			t.Errorf("%s: the API's report differs from the CLI's\n--- api ---\n%.1500s\n--- cli ---\n%.1500s", f, api, cli)
		}
	}
}

// TestServeCompareSameAsCLI: POST /api/v1/compare answers with the same
// bytes as `ekatalog compare --format json`.
func TestServeCompareSameAsCLI(t *testing.T) {
	srv, err := server.New(server.Config{TempDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	const cat, agr = "../../testdata/compare/katalog.csv", "../../testdata/compare/agreement.xlsx"
	_, cli, _ := cli(t, "", "compare", "--format", "json", "--agreement", agr, cat)
	cli = strings.NewReplacer(`"file":"`+cat+`"`, `"file":"katalog.csv"`, `"file":"`+agr+`"`, `"file":"agreement.xlsx"`).Replace(cli)
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for part, path := range map[string]string{"file": cat, "agreement": agr} {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		w, _ := mw.CreateFormFile(part, filepath.Base(path))
		w.Write(data)
	}
	mw.Close()
	resp, err := http.Post(ts.URL+"/api/v1/compare", mw.FormDataContentType(), &body)
	if err != nil {
		t.Fatal(err)
	}
	api, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || string(api) != cli {
		t.Errorf("%d: the API's comparison differs from the CLI's\n--- api ---\n%.1500s\n--- cli ---\n%.1500s", resp.StatusCode, api, cli)
	}
}

// syncBuffer is a buffer the server's goroutine writes while the test reads.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestServeCommand runs `ekatalog serve` in-process on a free port, uses
// it, and stops it with SIGTERM as a service manager would.
func TestServeCommand(t *testing.T) {
	var stderr syncBuffer
	code := make(chan int, 1)
	go func() {
		code <- run([]string{"serve", "--addr", "127.0.0.1:0", "--max-upload", "1MiB", "--queue", "0"}, strings.NewReader(""), io.Discard, &stderr)
	}()
	var base string
	for deadline := time.Now().Add(10 * time.Second); base == "" && time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if out := stderr.String(); strings.Contains(out, "listening on http://") {
			base = strings.Fields(out[strings.Index(out, "http://"):])[0]
		}
	}
	if base == "" {
		t.Fatalf("serve did not start: %s", stderr.String())
	}
	if !strings.Contains(stderr.String(), "max upload 1 MiB") || !strings.Contains(stderr.String(), "queue 0") {
		t.Errorf("banner: %s", stderr.String())
	}
	resp, b := postFile(t, base+"/api/v1/validate", "../../testdata/demo/katalog.csv")
	if resp.StatusCode != 200 || resp.Header.Get("X-Ekatalog-Compliant") != "false" {
		t.Errorf("validate: %d %s", resp.StatusCode, b)
	}
	syscall.Kill(os.Getpid(), syscall.SIGTERM)
	select {
	case c := <-code:
		if c != 0 || !strings.Contains(stderr.String(), "stopped") {
			t.Errorf("exit %d after SIGTERM: %s", c, stderr.String())
		}
	case <-time.After(30 * time.Second):
		t.Fatal("serve did not stop on SIGTERM")
	}
}

func TestServeUsage(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"serve", "--max-upload", "lots"}, "--max-upload"},
		{[]string{"serve", "--max-concurrent", "0"}, "--max-concurrent"},
		{[]string{"serve", "--addr", "127.0.0.1:99999"}, "99999"},
		{[]string{"serve", "extra"}, "unknown command"},
	} {
		code, _, errOut := cli(t, "", tc.args...)
		if code != 2 || !strings.Contains(errOut, tc.want) {
			t.Errorf("%v: exit %d, %q; want 2 and %q", tc.args, code, errOut, tc.want)
		}
	}
	code, out, _ := cli(t, "", "serve", "--help")
	if code != 0 || !strings.Contains(out, "/api/v1/openapi.json") || !strings.Contains(out, "curl -F file=@katalog.csv") {
		t.Errorf("serve --help: exit %d\n%s", code, out)
	}
}
