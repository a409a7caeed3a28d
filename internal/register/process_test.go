package register

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

var (
	binOnce sync.Once
	binPath string
	binErr  error
)

// binary builds ekatalog once for the tests that run it as a process.
func binary(t testing.TB) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds and runs ekatalog processes")
	}
	binOnce.Do(func() {
		dir, err := os.MkdirTemp("", "ekatalog-register-bin-*")
		if err != nil {
			binErr = err
			return
		}
		binPath = filepath.Join(dir, "ekatalog")
		out, err := exec.Command("go", "build", "-o", binPath, "github.com/ekatalog/ekatalog/cmd/ekatalog").CombinedOutput()
		if err != nil {
			binErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if binErr != nil {
		t.Fatal(binErr)
	}
	return binPath
}

// ekatalog runs the binary and returns its standard output.
func ekatalog(t testing.TB, db string, args ...string) string {
	t.Helper()
	cmd := exec.Command(binary(t), args...)
	cmd.Env = append(os.Environ(), "EKATALOG_DB="+db)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("ekatalog %s: %v\n%s", strings.Join(args, " "), err, stderr.String())
	}
	return strings.TrimSpace(string(out))
}

// operatorSetup makes the parties of setup through the command line and
// returns the supplier's and the buyers' tokens.
func operatorSetup(t testing.TB, db string) (supplierTok, buyerTok string) {
	t.Helper()
	if v := ekatalog(t, db, "register", "migrate"); v != "2" {
		t.Fatalf("migrate printed %q", v)
	}
	for _, p := range [][3]string{{"supplier", supplierID, "Kontorgrossisten A/S"}, {"buyer", buyerA, "Aarhus Kommune"}, {"buyer", buyerB, "Odense Kommune"}} {
		if id := ekatalog(t, db, "register", "party", "add", "--kind", p[0], "--id", p[1], "--name", p[2]); id != p[1] {
			t.Fatalf("party add printed %q", id)
		}
	}
	ekatalog(t, db, "register", "subscribe", "--buyer", buyerA, "--supplier", supplierID, "--target", "csv-da", "--profile", "dk-ehandel")
	ekatalog(t, db, "register", "subscribe", "--buyer", buyerB, "--supplier", supplierID, "--target", "json", "--profile", "minimal")
	supplierTok = ekatalog(t, db, "register", "token", "--party", supplierID)
	buyerTok = ekatalog(t, db, "register", "token", "--party", buyerA)
	if !strings.HasPrefix(supplierTok, tokenPrefix) || strings.ContainsAny(supplierTok, " \n") {
		t.Fatalf("token printed as %q", supplierTok)
	}
	return supplierTok, buyerTok
}

// server is a running `ekatalog serve`.
type server struct {
	cmd *exec.Cmd
	url string
	log *bytes.Buffer
	mu  *sync.Mutex
}

var listening = regexp.MustCompile(`listening on (http://[0-9.:]+)`)

// serve starts `ekatalog serve` on a free loopback port; it is killed at
// the test's end.
func serve(t testing.TB, db string, env ...string) *server {
	t.Helper()
	return serveArgs(t, db, nil, env...)
}

// serveArgs is serve with more flags.
func serveArgs(t testing.TB, db string, args []string, env ...string) *server {
	t.Helper()
	cmd := exec.Command(binary(t), append([]string{"serve", "--addr", "127.0.0.1:0", "--db", db}, args...)...)
	cmd.Env = append(os.Environ(), env...)
	pr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	s := &server{cmd: cmd, log: &bytes.Buffer{}, mu: &sync.Mutex{}}
	t.Cleanup(func() { s.kill() })
	urlc := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(pr)
		for sc.Scan() {
			s.mu.Lock()
			s.log.WriteString(sc.Text() + "\n")
			s.mu.Unlock()
			if m := listening.FindStringSubmatch(sc.Text()); m != nil {
				urlc <- m[1]
			}
		}
	}()
	select {
	case s.url = <-urlc:
	case <-time.After(60 * time.Second):
		s.kill()
		t.Fatalf("ekatalog serve did not start:\n%s", s.logText())
	}
	return s
}

func (s *server) logText() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.log.String()
}

// kill ends the server with SIGKILL: no clean-up of any kind runs.
func (s *server) kill() {
	if s.cmd.ProcessState == nil {
		s.cmd.Process.Signal(syscall.SIGKILL)
		s.cmd.Wait()
	}
}

// post submits a file to a server; body, when set, is the upload's
// content instead of the file's.
func post(url, token string, body io.Reader, name string) (*http.Response, []byte, error) {
	pr, pw := io.Pipe()
	mw := multipart.NewWriter(pw)
	go func() {
		fw, err := mw.CreateFormFile("file", name)
		if err == nil {
			_, err = io.Copy(fw, body)
		}
		if err == nil {
			err = mw.Close()
		}
		pw.CloseWithError(err)
	}()
	req, _ := http.NewRequest("POST", url+Prefix+"/submissions", pr)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Authorization", "Bearer "+token)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, nil, err
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	return res, b, err
}

// postRetrying submits, waiting as Retry-After says while the answer is
// 503 (what a client does); any other error answer is returned.
func postRetrying(url, token, path string) (*http.Response, []byte, error) {
	for {
		f, err := os.Open(path)
		if err != nil {
			return nil, nil, err
		}
		res, b, err := post(url, token, f, filepath.Base(path))
		f.Close()
		if err != nil || res.StatusCode != http.StatusServiceUnavailable {
			return res, b, err
		}
		s, _ := strconv.Atoi(res.Header.Get("Retry-After"))
		if s <= 0 {
			return res, b, fmt.Errorf("503 without Retry-After")
		}
		time.Sleep(time.Duration(s) * time.Second / 4)
	}
}

func dbURLs(t *testing.T) map[string]string {
	return map[string]string{"sqlite": "sqlite:" + filepath.Join(t.TempDir(), "register.db")}
}

// TestKillDuringSubmission kills `ekatalog serve` with SIGKILL while a
// submission's transaction has written everything but its commit, and
// while an upload is under way: after a restart the register holds no
// trace of either, and the next submission is version 1.
func TestKillDuringSubmission(t *testing.T) {
	eachDB(t, func(t *testing.T, db string) {
		stok, _ := operatorSetup(t, db)
		old := filepath.Join(testdata, "diff", "old.csv")

		// 1. Killed inside the transaction: the server waits 5 s before
		// committing; the kill comes once the rows are written.
		srv := serve(t, db, "EKATALOG_TEST_COMMIT_DELAY=5s")
		done := make(chan error, 1)
		go func() {
			f, _ := os.Open(old)
			defer f.Close()
			_, _, err := post(srv.url, stok, f, "old.csv")
			done <- err
		}()
		s := openStore(t, db)
		waitFor(t, func() bool { return inTransaction(s) })
		srv.kill()
		if err := <-done; err == nil {
			t.Error("the submission was answered although its server was killed")
		}

		// 2. Killed during an upload that never finishes.
		srv = serve(t, db)
		pr, pw := io.Pipe()
		go func() {
			b, _ := os.ReadFile(old)
			pw.Write(b[:len(b)/2])
			// …and the rest never comes.
		}()
		go func() {
			_, _, err := post(srv.url, stok, pr, "old.csv")
			done <- err
		}()
		time.Sleep(300 * time.Millisecond)
		srv.kill()
		pw.Close()
		<-done

		checkConsistent(t, s, 0)
		var n int
		s.db.QueryRow(`SELECT COUNT(*) FROM submissions`).Scan(&n)
		if n != 0 {
			t.Errorf("%d submissions after two killed ones", n)
		}

		// 3. Killed at a random moment among concurrent submissions.
		srv = serve(t, db)
		var wg sync.WaitGroup
		for range 6 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				postRetrying(srv.url, stok, old)
			}()
		}
		time.Sleep(150 * time.Millisecond)
		srv.kill()
		wg.Wait()
		checkConsistent(t, s, -1)

		// The register goes on: the next version follows the last without
		// a gap.
		_, before, _ := s.CurrentVersion(context.Background(), buyerA, supplierID)
		srv = serve(t, db)
		res, b, err := postRetrying(srv.url, stok, old)
		if err != nil || res.StatusCode != 201 {
			t.Fatalf("after the restart: %v %s\n%s", err, b, srv.logText())
		}
		if sub := decode[Submission](t, b); *sub.Feeds[0].Version != before+1 {
			t.Errorf("version %d after %d", *sub.Feeds[0].Version, before)
		}
		checkConsistent(t, s, int(before+1))
	})
}

// inTransaction reports whether a submission's transaction holds its rows
// uncommitted: on PostgreSQL a session of the server idles in a
// transaction; on SQLite the write lock is taken.
func inTransaction(s *Store) bool {
	if s.dialect == Postgres {
		var n int
		s.db.QueryRow(`SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() AND state = 'idle in transaction'`).Scan(&n)
		return n > 0
	}
	// A write transaction of our own fails at once while another holds
	// the lock.
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return true
	}
	tx.Rollback()
	return false
}

func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("timed out")
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestTwoServers runs two `ekatalog serve` processes on one database and
// submits to both at once: the feeds have gapless versions, and both
// servers answer the same feed with the same version.
func TestTwoServers(t *testing.T) {
	eachDB(t, func(t *testing.T, db string) {
		stok, btok := operatorSetup(t, db)
		srvs := []*server{serve(t, db), serve(t, db)}
		old := filepath.Join(testdata, "diff", "old.csv")
		const n = 12
		var wg sync.WaitGroup
		errs := make(chan string, n)
		for i := range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				res, b, err := postRetrying(srvs[i%2].url, stok, old)
				if err != nil {
					errs <- err.Error()
				} else if res.StatusCode != 201 {
					errs <- fmt.Sprintf("%d %s", res.StatusCode, b)
				}
			}()
		}
		wg.Wait()
		close(errs)
		for e := range errs {
			t.Error(e)
		}
		checkConsistent(t, openStore(t, db), n)
		for _, s := range srvs {
			req, _ := http.NewRequest("GET", s.url+Prefix+"/feeds/"+supplierID+"/versions", nil)
			req.Header.Set("Authorization", "Bearer "+btok)
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(res.Body)
			res.Body.Close()
			vs := decode[struct{ Versions []Version }](t, b)
			if len(vs.Versions) != n {
				t.Errorf("%s: %d versions", s.url, len(vs.Versions))
			}
			req, _ = http.NewRequest("GET", s.url+Prefix+"/feeds/"+supplierID, nil)
			req.Header.Set("Authorization", "Bearer "+btok)
			req.Header.Set("If-None-Match", fmt.Sprintf(`"%d"`, n))
			res, err = http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
			if res.StatusCode != 304 {
				t.Errorf("%s: the current version's ETag gets %d", s.url, res.StatusCode)
			}
		}
	})
}

// TestSubmissionMemoryBudget: a submission is admitted against serve's
// --max-memory as the server's own uploads are. A catalogue whose worst
// case is larger than the whole budget is refused with 413 (a CSV's is
// 64 MB and more with the default limits), and under the default budget the
// same file is read.
func TestSubmissionMemoryBudget(t *testing.T) {
	db := "sqlite:" + filepath.Join(t.TempDir(), "register.db")
	sup, _ := operatorSetup(t, db)
	const file = "../../testdata/csv/katalog-da.csv"
	small := serveArgs(t, db, []string{"--max-memory", "48MB"})
	res, b, err := postRetrying(small.url, sup, file)
	if err != nil {
		t.Fatal(err)
	}
	if res.StatusCode != http.StatusRequestEntityTooLarge || !strings.Contains(string(b), "--max-memory") {
		t.Fatalf("under a 48 MB budget: %d %s", res.StatusCode, b)
	}
	small.kill()
	s := serve(t, db)
	res, b, err = postRetrying(s.url, sup, file)
	if err != nil {
		t.Fatal(err)
	}
	if res.StatusCode != http.StatusCreated {
		t.Fatalf("under the default budget: %d %s", res.StatusCode, b)
	}
}

// TestOpenAPI: the server's OpenAPI document describes every endpoint of
// the register, and nothing under its prefix that is not one.
func TestOpenAPI(t *testing.T) {
	s := serve(t, "sqlite:"+filepath.Join(t.TempDir(), "register.db"))
	res, err := http.Get(s.url + "/api/v1/openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var doc struct {
		Paths map[string]map[string]struct {
			Security []map[string][]string `json:"security"`
		} `json:"paths"`
	}
	if err := json.NewDecoder(res.Body).Decode(&doc); err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, rt := range Routes() {
		op, ok := doc.Paths[Prefix+rt.Path][strings.ToLower(rt.Method)]
		if !ok {
			t.Errorf("%s %s is not in the OpenAPI document", rt.Method, Prefix+rt.Path)
			continue
		}
		if len(op.Security) == 0 {
			t.Errorf("%s %s: no bearer token in its description", rt.Method, Prefix+rt.Path)
		}
		n++
	}
	described := 0
	for path, ops := range doc.Paths {
		if strings.HasPrefix(path, Prefix+"/") {
			described += len(ops)
		}
	}
	if described != len(Routes()) || n != described {
		t.Errorf("the document describes %d register operations, the register has %d", described, len(Routes()))
	}
}
