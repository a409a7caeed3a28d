package server

import (
	"archive/zip"
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/ekatalog/ekatalog/formats"
	"github.com/ekatalog/ekatalog/internal/compare"
	"github.com/ekatalog/ekatalog/testkit/synth"
)

// TestLoad sends concurrent uploads of a 10,000-line catalogue on
// loopback: every answer is 200 or 503, the server stays under 512 MB
// resident, and it answers /healthz afterwards. By default 20 uploads to an
// in-process server; with EKATALOG_LOAD=1, 200 uploads to the built
// ekatalog binary, whose own peak RSS is read from /proc.
func TestLoad(t *testing.T) {
	full := os.Getenv("EKATALOG_LOAD") == "1"
	n := 20
	if full {
		n = 200
	}
	if testing.Short() && !full {
		t.Skip("-short")
	}
	// EKATALOG_LOAD_FORMAT=xlsx sends the catalogue as a workbook, which
	// the reader holds in memory whole.
	var cat bytes.Buffer
	name := "katalog.csv"
	if os.Getenv("EKATALOG_LOAD_FORMAT") == "xlsx" {
		name = "katalog.xlsx"
		if err := synth.WriteXLSX(&cat, 0, 10000, synth.XLSXOptions{}); err != nil {
			t.Fatal(err)
		}
	} else if err := synth.WriteCSV(&cat, 0, 10000, synth.DanishUTF8); err != nil {
		t.Fatal(err)
	}
	body, ct := multipartBody(formPart{field: "file", name: name, data: cat.Bytes()}, field("profile", "dk-ehandel"))

	var base string
	var peakRSS func() int64 // kB
	var stop func()
	if full {
		base, peakRSS, stop = startBinary(t)
	} else {
		limit := debug.SetMemoryLimit(SoftMemoryLimit(DefaultMaxMemory))
		defer debug.SetMemoryLimit(limit)
		ts := newTestServer(t, Config{})
		base = ts.URL
		peakRSS = func() int64 { return procStatus(t, "self", "VmHWM") }
		stop = func() {}
	}

	client := &http.Client{
		Timeout:   3 * time.Minute,
		Transport: &http.Transport{MaxIdleConnsPerHost: n, DisableCompression: true},
	}
	start := time.Now()
	var mu sync.Mutex
	statuses := map[string]int{}
	var slowest time.Duration
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			t0 := time.Now()
			req, _ := http.NewRequest("POST", base+"/api/v1/validate", bytes.NewReader(body.Bytes()))
			req.Header.Set("Content-Type", ct)
			key := ""
			resp, err := client.Do(req)
			if err != nil {
				key = "error: " + err.Error()
			} else {
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				key = strconv.Itoa(resp.StatusCode)
				if resp.StatusCode == 503 && resp.Header.Get("Retry-After") == "" {
					key = "503 without Retry-After"
				}
				if resp.StatusCode == 200 && resp.Header.Get("X-Ekatalog-Lines") != "10000" {
					key = "200 with " + resp.Header.Get("X-Ekatalog-Lines") + " lines"
				}
			}
			mu.Lock()
			statuses[key]++
			slowest = max(slowest, time.Since(t0))
			mu.Unlock()
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	rss := peakRSS()
	t.Logf("%s%d uploads of %s, %d bytes (10,000 lines) in %s, slowest %s: %v; server peak RSS %d MB (GOMAXPROCS %d)",
		os.Getenv("EKATALOG_LOAD_FLAGS")+" ", n, name, body.Len(), elapsed.Round(time.Millisecond), slowest.Round(time.Millisecond), statuses, rss/1024, runtime.GOMAXPROCS(0))
	for k := range statuses {
		if k != "200" && k != "503" {
			t.Errorf("answers other than 200 and 503: %v", statuses)
			break
		}
	}
	if statuses["200"] == 0 {
		t.Errorf("no upload was served: %v", statuses)
	}
	if rss > 512*1024 {
		t.Errorf("peak RSS %d MB, want < 512 MB", rss/1024)
	}
	resp, err := client.Get(base + "/healthz")
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("healthz after the load: %v %v", resp, err)
	}
	resp.Body.Close()
	stop()
}

// startBinary builds ekatalog and runs `ekatalog serve` on a free loopback
// port; stop sends SIGTERM and checks that it shuts down cleanly.
func startBinary(t *testing.T) (base string, peakRSS func() int64, stop func()) {
	t.Helper()
	dir := t.TempDir()
	bin := filepath.Join(dir, "ekatalog")
	build := exec.Command("go", "build", "-o", bin, "github.com/ekatalog/ekatalog/cmd/ekatalog")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	// EKATALOG_LOAD_FLAGS adds flags: "--max-concurrent 8 --queue 64".
	cmd := exec.Command(bin, append([]string{"serve", "--addr", "127.0.0.1:0"}, strings.Fields(os.Getenv("EKATALOG_LOAD_FLAGS"))...)...)
	cmd.Env = append(os.Environ(), "TMPDIR="+dir)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	t.Cleanup(func() {
		cmd.Process.Kill()
	})
	lines := bufio.NewScanner(stderr)
	if !lines.Scan() {
		t.Fatal("ekatalog serve printed nothing")
	}
	first := lines.Text()
	i := strings.Index(first, "http://")
	if i < 0 {
		t.Fatalf("ekatalog serve: %s", first)
	}
	base = strings.Fields(first[i:])[0]
	if _, _, err := net.SplitHostPort(strings.TrimPrefix(base, "http://")); err != nil {
		t.Fatalf("address %q: %v", base, err)
	}
	var rest bytes.Buffer
	go func() {
		for lines.Scan() {
			rest.WriteString(lines.Text() + "\n")
		}
		done <- cmd.Wait()
	}()
	pid := strconv.Itoa(cmd.Process.Pid)
	peakRSS = func() int64 { return procStatus(t, pid, "VmHWM") }
	stop = func() {
		cmd.Process.Signal(syscall.SIGTERM)
		select {
		case err := <-done:
			if err != nil {
				out := rest.String()
				t.Errorf("ekatalog serve after SIGTERM: %v\n%s", err, out[:min(len(out), 4000)])
			}
		case <-time.After(30 * time.Second):
			t.Error("ekatalog serve did not stop within 30s of SIGTERM")
		}
		if left, _ := filepath.Glob(filepath.Join(dir, "ekatalog-serve-*")); len(left) > 0 {
			t.Errorf("uploads left behind: %v", left)
		}
	}
	return base, peakRSS, stop
}

// procStatus reads a kB figure of /proc/PID/status.
func procStatus(t *testing.T, pid, key string) int64 {
	b, err := os.ReadFile("/proc/" + pid + "/status")
	if err != nil {
		t.Skipf("no /proc: %v", err)
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, key+":"); ok {
			var kb int64
			fmt.Sscanf(strings.TrimSpace(v), "%d", &kb)
			return kb
		}
	}
	return 0
}

// TestShutdown: Serve returns once its context ends, after the request
// under way has been answered.
func TestShutdown(t *testing.T) {
	s, err := New(Config{TempDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- s.Serve(ctx, ln, 10*time.Second) }()
	resp, err := http.Get("http://" + ln.Addr().String() + "/healthz")
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("%v %v", resp, err)
	}
	resp.Body.Close()
	cancel()
	select {
	case err := <-served:
		if err != nil {
			t.Errorf("Serve: %v", err)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("Serve did not return after its context ended")
	}
	if _, err := http.Get("http://" + ln.Addr().String() + "/healthz"); err == nil {
		t.Error("still answering after shutdown")
	}
}

// TestWorkStopsAtTimeout: a validation, a conversion and a comparison stop
// soon after the request's time is up, and answer 503.
func TestWorkStopsAtTimeout(t *testing.T) {
	path, err := synth.CSVFile(100000, synth.DanishUTF8, "da-utf8")
	if err != nil {
		t.Fatal(err)
	}
	s, err := New(Config{TempDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	j := &job{lang: "en", in: &part{path: path, name: "big.csv"}, up: &upload{dir: t.TempDir()}}
	start := time.Now()
	if _, err := s.run(context.Background(), j, nil); err != nil {
		t.Fatal(err)
	}
	whole := time.Since(start)

	ctx, cancel := context.WithTimeout(context.Background(), whole/10)
	defer cancel()
	start = time.Now()
	_, err = s.run(ctx, j, nil)
	if he := asHTTPError(err, "en"); err == nil || he.status != 503 {
		t.Errorf("validation past its time: %v", err)
	}
	if d := time.Since(start); d > whole/2 {
		t.Errorf("validation went on for %s after a limit of %s (the whole takes %s)", d, whole/10, whole)
	}

	j.target, _ = formats.TargetByName("json")
	ctx2, cancel2 := context.WithTimeout(context.Background(), whole/10)
	defer cancel2()
	if _, _, err := s.convertTo(ctx2, j); asHTTPError(err, "en").status != 503 {
		t.Errorf("conversion past its time: %v", err)
	}

	ctx3, cancel3 := context.WithCancel(context.Background())
	cancel3()
	agr := &part{path: "../../testdata/compare/agreement.csv", name: "agreement.csv"}
	if _, err := s.compareFiles(ctx3, j, agr, compare.Options{}); err == nil || asHTTPError(err, "en").status != 503 {
		t.Errorf("comparison past its time: %v", err)
	}
}

// TestWorkAnswersAtTimeout: at the end of the request's time the answer
// goes out at once even when the work does not notice; the slot stays
// taken until the work ends. A panic in the work is a 500.
func TestWorkAnswersAtTimeout(t *testing.T) {
	s, err := New(Config{MaxConcurrent: 1, Queue: -1, TempDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	finish := make(chan struct{})
	start := time.Now()
	err = s.work(ctx, "en", 0, func() error { <-finish; return nil })
	if he := asHTTPError(err, "en"); he.status != 503 || time.Since(start) > 2*time.Second {
		t.Errorf("after %s: %v", time.Since(start), err)
	}
	if err := s.work(context.Background(), "en", 0, func() error { return nil }); asHTTPError(err, "en").status != 503 {
		t.Errorf("the slot was freed while the work still ran: %v", err)
	}
	close(finish)
	for deadline := time.Now().Add(5 * time.Second); s.lim.active.Load() != 0 && time.Now().Before(deadline); {
		time.Sleep(10 * time.Millisecond)
	}
	err = s.work(context.Background(), "en", 0, func() error { panic("boom") })
	if he := asHTTPError(err, "en"); he.status != 500 || !strings.Contains(he.msg, "boom") {
		t.Errorf("panic: %v", err)
	}
	if err := s.work(context.Background(), "en", 0, func() error { return nil }); err != nil {
		t.Errorf("after the panic: %v", err)
	}
}

// cellBomb is a workbook of about 300 KB whose one cell, in a data row
// after a good header, unpacks to 300 MB.
func cellBomb(t *testing.T) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	part := func(name string, body ...string) {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, b := range body {
			io.WriteString(w, b)
		}
	}
	part("[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`)
	part("_rels/.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`)
	part("xl/workbook.xml", `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Ark1" sheetId="1" r:id="rId1"/></sheets></workbook>`)
	part("xl/_rels/workbook.xml.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`)
	w, err := zw.Create("xl/worksheets/sheet1.xml")
	if err != nil {
		t.Fatal(err)
	}
	io.WriteString(w, `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`+
		`<row r="1"><c r="A1" t="inlineStr"><is><t>Varenummer</t></is></c><c r="B1" t="inlineStr"><is><t>Varenavn</t></is></c><c r="C1" t="inlineStr"><is><t>Pris</t></is></c></row>`+
		`<row r="2"><c r="A2" t="inlineStr"><is><t>V-1</t></is></c><c r="B2" t="inlineStr"><is><t>`)
	chunk := bytes.Repeat([]byte("A"), 1<<20)
	for range 300 {
		w.Write(chunk)
	}
	io.WriteString(w, `</t></is></c></row></sheetData></worksheet>`)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestBombsAndGoodUploads posts 20 workbook bombs and 20 good 10,000-line
// CSV catalogues at the same time to the built ekatalog binary, on
// loopback: every bomb is refused (4xx, or 503 when the server is full),
// every good upload gets 200 in the end (the client retries on 503, a
// bounded number of times), the server's peak RSS from /proc stays under
// 512 MB, and it answers /healthz afterwards.
func TestBombsAndGoodUploads(t *testing.T) {
	if testing.Short() {
		t.Skip("-short")
	}
	bomb, bct := multipartBody(formPart{field: "file", name: "bombe.xlsx", data: cellBomb(t)}, field("profile", "dk-ehandel"))
	var cat bytes.Buffer
	if err := synth.WriteCSV(&cat, 0, 10000, synth.DanishUTF8); err != nil {
		t.Fatal(err)
	}
	good, gct := multipartBody(formPart{field: "file", name: "katalog.csv", data: cat.Bytes()}, field("profile", "dk-ehandel"))
	base, peakRSS, stop := startBinary(t)
	client := &http.Client{
		Timeout:   3 * time.Minute,
		Transport: &http.Transport{MaxIdleConnsPerHost: 40, DisableCompression: true},
	}
	const n, attempts = 20, 120
	type answer struct {
		status, tries int
		lines         string
		err           error
	}
	post := func(body *bytes.Buffer, ct string, retry bool) answer {
		var a answer
		for a.tries < attempts {
			a.tries++
			req, _ := http.NewRequest("POST", base+"/api/v1/validate", bytes.NewReader(body.Bytes()))
			req.Header.Set("Content-Type", ct)
			resp, err := client.Do(req)
			if err != nil {
				a.err = err
				return a
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			a.status, a.lines = resp.StatusCode, resp.Header.Get("X-Ekatalog-Lines")
			if a.status != 503 || !retry {
				return a
			}
			if resp.Header.Get("Retry-After") == "" {
				a.err = fmt.Errorf("503 without Retry-After")
				return a
			}
			// Retry-After says 5 s; a patient client on loopback tries
			// again sooner, with some spread.
			time.Sleep(time.Duration(300+100*(a.tries%5)) * time.Millisecond)
		}
		return a
	}
	start := time.Now()
	bombs := make([]answer, n)
	goods := make([]answer, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(2)
		go func() { defer wg.Done(); bombs[i] = post(bomb, bct, false) }()
		go func() { defer wg.Done(); goods[i] = post(good, gct, true) }()
	}
	wg.Wait()
	elapsed := time.Since(start)
	rss := peakRSS()
	bombStatus, goodTries := map[int]int{}, 0
	for i := range n {
		b, g := bombs[i], goods[i]
		bombStatus[b.status]++
		goodTries += g.tries
		if b.err != nil || b.status < 400 || b.status >= 500 && b.status != 503 {
			t.Errorf("bomb %d: %d %v", i, b.status, b.err)
		}
		if g.err != nil || g.status != 200 || g.lines != "10000" {
			t.Errorf("good upload %d: %d (%s lines) after %d tries: %v", i, g.status, g.lines, g.tries, g.err)
		}
	}
	t.Logf("%d bombs (%d bytes each) and %d good uploads (%d bytes) in %s: bombs %v, good uploads all 200 after %d tries in all; server peak RSS %d MB",
		n, bomb.Len(), n, good.Len(), elapsed.Round(time.Millisecond), bombStatus, goodTries, rss/1024)
	if rss > 512*1024 {
		t.Errorf("peak RSS %d MB, want ≤ 512 MB", rss/1024)
	}
	resp, err := client.Get(base + "/healthz")
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("healthz after the load: %v %v", resp, err)
	}
	resp.Body.Close()
	stop()
}
