package register

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ekatalog/ekatalog/internal/procstat"
	"github.com/ekatalog/ekatalog/testkit/synth"
)

// gln appends the check digit to 12 digits.
func gln(s string) string {
	sum := 0
	for i := range s {
		d := int(s[len(s)-1-i] - '0')
		if i%2 == 0 {
			d *= 3
		}
		sum += d
	}
	return s + strconv.Itoa((10-sum%10)%10)
}

func envInt(name string, def int) int {
	if n, err := strconv.Atoi(os.Getenv(name)); err == nil && n > 0 {
		return n
	}
	return def
}

// TestRegisterLoad is the register's load test, run only with
// EKATALOG_REGISTER_LOAD=1, on SQLite and PostgreSQL: SUPPLIERS suppliers
// (default 50) each submit VERSIONS versions (20) of a LINES-line catalogue
// (10,000) to a real `ekatalog serve` on loopback, while BUYERS buyers (200,
// spread over the suppliers) poll their feeds every POLL_MS (500) with
// If-None-Match. Every answer must be 2xx, 304, or 503 with Retry-After
// (which clients obey); a feed with no version yet answers 404 and is
// counted apart. It prints submissions/s, feed latency p50/p99 and the
// server's peak RSS.
func TestRegisterLoad(t *testing.T) {
	if os.Getenv("EKATALOG_REGISTER_LOAD") != "1" {
		t.Skip("set EKATALOG_REGISTER_LOAD=1 (and EKATALOG_LOAD_SUPPLIERS, _VERSIONS, _LINES, _BUYERS, _POLL_MS to scale)")
	}
	nSup := envInt("EKATALOG_LOAD_SUPPLIERS", 50)
	nVer := envInt("EKATALOG_LOAD_VERSIONS", 20)
	nLines := envInt("EKATALOG_LOAD_LINES", 10000)
	nBuy := envInt("EKATALOG_LOAD_BUYERS", 200)
	poll := time.Duration(envInt("EKATALOG_LOAD_POLL_MS", 500)) * time.Millisecond
	// The versions: a window over the synthetic items moving by one line
	// per version, so each adds one line and drops one.
	versions := make([][]byte, nVer)
	for v := range versions {
		var b bytes.Buffer
		if err := synth.WriteCSV(&b, v, nLines, synth.DanishUTF8); err != nil {
			t.Fatal(err)
		}
		versions[v] = b.Bytes()
	}
	eachDB(t, func(t *testing.T, db string) {
		s := openStore(t, db)
		ctx := context.Background()
		sup := make([]string, nSup)
		supTok := make([]string, nSup)
		for i := range sup {
			sup[i] = fmt.Sprintf("%08d", 10000000+i)
			if _, err := s.AddParty(ctx, Party{ID: sup[i], Kind: Supplier, Name: "Leverandør " + sup[i]}); err != nil {
				t.Fatal(err)
			}
			supTok[i], _ = s.NewToken(ctx, sup[i])
		}
		type buyer struct{ id, tok, supplier string }
		buyers := make([]buyer, nBuy)
		targets := []string{"csv-da", "json", "peppol-bis3", "csv-en"}
		for i := range buyers {
			b := &buyers[i]
			b.id = gln(fmt.Sprintf("5798%08d", i))
			b.supplier = sup[i%nSup]
			if _, err := s.AddParty(ctx, Party{ID: b.id, Kind: Buyer, Name: "Kommune " + b.id}); err != nil {
				t.Fatal(err)
			}
			b.tok, _ = s.NewToken(ctx, b.id)
			if _, err := s.Subscribe(ctx, SubscribeOptions{Buyer: b.id, Supplier: b.supplier, Target: targets[i%len(targets)], Profile: "dk-ehandel"}); err != nil {
				t.Fatal(err)
			}
		}
		// The floor, measured in this run: the least a submission costs,
		// `ekatalog convert --to json` of one version as a process of its
		// own (the fastest of three).
		in := filepath.Join(t.TempDir(), "katalog.csv")
		if err := os.WriteFile(in, versions[0], 0o644); err != nil {
			t.Fatal(err)
		}
		floor := time.Duration(1 << 62)
		for range 3 {
			t0 := time.Now()
			ekatalog(t, db, "convert", in, "--to", "json", "-o", in+".json")
			floor = min(floor, time.Since(t0))
		}
		srv := serve(t, db)
		peak := procstat.WatchPeak(srv.cmd.Process.Pid)

		var (
			mu                        sync.Mutex
			feedLat, feed200Lat       []time.Duration
			submitted, rejected       atomic.Int64
			busy503, noVersion, polls atomic.Int64
			notModified, fetched      atomic.Int64
			badAnswers                []string
		)
		bad := func(format string, args ...any) {
			mu.Lock()
			if len(badAnswers) < 20 {
				badAnswers = append(badAnswers, fmt.Sprintf(format, args...))
			}
			mu.Unlock()
		}
		client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: nBuy + nSup}, Timeout: 5 * time.Minute}
		done := make(chan struct{})
		var pollers sync.WaitGroup
		for _, b := range buyers {
			pollers.Add(1)
			go func() {
				defer pollers.Done()
				etag := ""
				for {
					select {
					case <-done:
						return
					case <-time.After(poll):
					}
					req, _ := http.NewRequest("GET", srv.url+Prefix+"/feeds/"+b.supplier, nil)
					req.Header.Set("Authorization", "Bearer "+b.tok)
					if etag != "" {
						req.Header.Set("If-None-Match", etag)
					}
					t0 := time.Now()
					res, err := client.Do(req)
					if err != nil {
						bad("poll: %v", err)
						continue
					}
					io.Copy(io.Discard, res.Body)
					res.Body.Close()
					d := time.Since(t0)
					polls.Add(1)
					switch res.StatusCode {
					case 200:
						etag = res.Header.Get("ETag")
						fetched.Add(1)
						mu.Lock()
						feed200Lat = append(feed200Lat, d)
						mu.Unlock()
					case 304:
						notModified.Add(1)
					case 404:
						if etag != "" {
							bad("feed 404 after version %s", etag)
						}
						noVersion.Add(1)
						continue
					case 503:
						busy503.Add(1)
						ra, _ := strconv.Atoi(res.Header.Get("Retry-After"))
						if ra <= 0 {
							bad("503 without Retry-After")
						}
						// Wait as asked (the poll interval follows).
						select {
						case <-done:
							return
						case <-time.After(time.Duration(ra) * time.Second):
						}
						continue
					default:
						bad("feed: %d", res.StatusCode)
						continue
					}
					mu.Lock()
					feedLat = append(feedLat, d)
					mu.Unlock()
				}
			}()
		}
		start := time.Now()
		var suppliers sync.WaitGroup
		for i := range sup {
			suppliers.Add(1)
			go func() {
				defer suppliers.Done()
				for v := 0; v < nVer; v++ {
					for {
						res, b, err := post(srv.url, supTok[i], bytes.NewReader(versions[v]), "katalog.csv")
						if err != nil {
							bad("submit: %v", err)
							return
						}
						if res.StatusCode == 503 {
							busy503.Add(1)
							ra, _ := strconv.Atoi(res.Header.Get("Retry-After"))
							if ra <= 0 {
								bad("503 without Retry-After")
								return
							}
							time.Sleep(time.Duration(ra) * time.Second)
							continue
						}
						if res.StatusCode != 201 {
							bad("submit: %d %.200s", res.StatusCode, b)
							return
						}
						sub := decode[Submission](t, b)
						for _, o := range sub.Feeds {
							if o.Status != Accepted {
								rejected.Add(1)
							}
						}
						submitted.Add(1)
						break
					}
				}
			}()
		}
		suppliers.Wait()
		wall := time.Since(start)
		// One more poll round so every buyer sees the last version.
		time.Sleep(2 * poll)
		close(done)
		pollers.Wait()
		srv.kill()
		rss := peak()
		for _, b := range badAnswers {
			t.Error(b)
		}
		if len(badAnswers) > 0 {
			log := srv.logText()
			t.Logf("server log (end):\n%s", log[max(0, len(log)-3000):])
		}
		if n := submitted.Load(); n != int64(nSup*nVer) {
			t.Errorf("%d of %d submissions stored", n, nSup*nVer)
		}
		if rejected.Load() != 0 {
			t.Errorf("%d rejected outcomes of valid catalogues", rejected.Load())
		}
		// The register is consistent: every buyer's feed has nVer versions.
		for _, b := range buyers {
			_, v, err := s.CurrentVersion(ctx, b.id, b.supplier)
			if err != nil || v != int64(nVer) {
				t.Errorf("buyer %s: version %d, %v", b.id, v, err)
				break
			}
		}
		pct := func(ds []time.Duration, p float64) time.Duration {
			if len(ds) == 0 {
				return 0
			}
			slices.Sort(ds)
			return ds[min(len(ds)-1, int(float64(len(ds))*p))]
		}
		t.Logf("%s: %d suppliers × %d versions of %d lines, %d buyers polling every %s", s.dialect, nSup, nVer, nLines, nBuy, poll)
		t.Logf("  submissions: %d in %.1f s = %.2f/s (%d answers 503 + Retry-After, obeyed)", submitted.Load(), wall.Seconds(),
			float64(submitted.Load())/wall.Seconds(), busy503.Load())
		t.Logf("  feed polls: %d (%d 304, %d 200, %d 404 before the first version); p50 %s, p99 %s; full feeds (200) p50 %s, p99 %s",
			polls.Load(), notModified.Load(), fetched.Load(), noVersion.Load(), pct(feedLat, .5).Round(time.Millisecond), pct(feedLat, .99).Round(time.Millisecond),
			pct(feed200Lat, .5).Round(time.Millisecond), pct(feed200Lat, .99).Round(time.Millisecond))
		t.Logf("  server peak RSS: %d MB", rss/1024)
		t.Logf("  floor: ekatalog convert --to json of one version %s; submissions at %.2f/s are %.1f× the floor's time each",
			floor.Round(time.Millisecond), float64(submitted.Load())/wall.Seconds(),
			(wall.Seconds()/float64(submitted.Load()))/floor.Seconds())
	})
}
