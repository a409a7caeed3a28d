package server

import (
	"bytes"
	"context"
	"crypto/sha256"
	"embed"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log"
	"net"
	"net/http"
	"os"
	"regexp"
	"runtime"
	"runtime/debug"
	"slices"
	"time"

	"github.com/ekatalog/ekatalog/catalog"
	"github.com/ekatalog/ekatalog/formats"
	"github.com/ekatalog/ekatalog/internal/compare"
	"github.com/ekatalog/ekatalog/internal/report"
)

//go:embed assets
var assets embed.FS

// Config bounds the work of a server. The zero value of a field means its
// default (see Defaults).
type Config struct {
	// MaxUpload is the largest request body accepted; beyond it 413.
	MaxUpload int64
	// Timeout bounds a whole request: upload, work and answer.
	Timeout time.Duration
	// MaxConcurrent is the number of catalogues worked on at once.
	MaxConcurrent int
	// Queue is the number of requests that may wait for a slot; beyond it
	// requests are refused at once with 503 and Retry-After. Negative means
	// none may wait.
	Queue int
	// MaxMemory is the memory budget of the work at once: each request
	// is admitted against its worst case (see budget.go).
	MaxMemory int64
	// Limits bound what one upload may make a reader hold (zero values:
	// the readers' defaults); the worst cases are reckoned from them.
	Limits formats.Limits
	// TempDir holds uploads while their request runs ("" = the system's).
	TempDir string
	// Log receives one line per failed request and the server's own
	// messages; nil discards them.
	Log io.Writer
	// Register, when set, answers everything under /api/v1/register/
	// (package register).
	Register http.Handler
	// RegisterPages, when set, answers the register's web pages under
	// /register/ (package register).
	RegisterPages http.Handler
}

// Defaults are the limits of `ekatalog serve` without flags.
func Defaults() Config {
	return Config{
		MaxUpload:     64 << 20,
		Timeout:       2 * time.Minute,
		MaxConcurrent: runtime.GOMAXPROCS(0),
		Queue:         16,
		MaxMemory:     DefaultMaxMemory,
	}
}

// Server is the web service.
type Server struct {
	cfg     Config
	lim     *limiter
	log     *log.Logger
	handler http.Handler
	page    *pageTemplates
	// uploads bounds the requests receiving or holding uploads.
	uploads chan struct{}
	// styles are the hashes of the inline style sheets every page allows.
	styles []string
}

// New returns a server with cfg's limits.
func New(cfg Config) (*Server, error) {
	def := Defaults()
	if cfg.MaxUpload <= 0 {
		cfg.MaxUpload = def.MaxUpload
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = def.Timeout
	}
	if cfg.MaxConcurrent <= 0 {
		cfg.MaxConcurrent = def.MaxConcurrent
	}
	if cfg.MaxMemory <= 0 {
		cfg.MaxMemory = def.MaxMemory
	}
	switch {
	case cfg.Queue == 0:
		cfg.Queue = def.Queue
	case cfg.Queue < 0:
		cfg.Queue = 0
	}
	w := cfg.Log
	if w == nil {
		w = io.Discard
	}
	s := &Server{cfg: cfg, lim: newLimiter(cfg.MaxConcurrent, cfg.Queue, cfg.MaxMemory), log: log.New(w, "ekatalog serve: ", log.LstdFlags),
		styles: reportStyles(), uploads: make(chan struct{}, maxUploads(cfg))}
	var err error
	if s.page, err = loadTemplates(); err != nil {
		return nil, err
	}
	mux := http.NewServeMux()
	for _, rt := range s.routes() {
		mux.HandleFunc(rt.Method+" "+rt.Path, rt.handler)
	}
	static, _ := fs.Sub(assets, "assets/static")
	files := http.StripPrefix("/static/", http.FileServerFS(static))
	mux.HandleFunc("GET /static/{file}", func(w http.ResponseWriter, r *http.Request) {
		if st, err := fs.Stat(static, r.PathValue("file")); err != nil || st.IsDir() {
			s.notFound(w, r)
			return
		}
		files.ServeHTTP(w, r)
	})
	if cfg.Register != nil {
		mux.Handle("/api/v1/register/", cfg.Register)
	}
	if cfg.RegisterPages != nil {
		mux.Handle("/register/", cfg.RegisterPages)
	}
	mux.HandleFunc("/", s.notFound)
	s.handler = s.secure(mux)
	return s, nil
}

// maxUploads is how many requests may receive or hold uploads at once:
// twice those that may work or wait, so that the next ones are uploading
// while a slot frees, and the disk holds at most that many uploads.
func maxUploads(cfg Config) int {
	return max(2*(cfg.MaxConcurrent+cfg.Queue), 4)
}

// Route is one endpoint of the service.
type Route struct {
	Method, Path string
	// API routes answer JSON and are described by the OpenAPI document.
	API     bool
	handler http.HandlerFunc
}

// routes is the table of endpoints.
func (s *Server) routes() []Route {
	return []Route{
		{"GET", "/{$}", false, s.index},
		{"POST", "/report", false, s.reportPage},
		{"GET", "/healthz", true, s.healthz},
		{"GET", "/api/v1/openapi.json", true, s.openapi},
		{"GET", "/api/v1/profiles", true, s.profiles},
		{"GET", "/api/v1/targets", true, s.targets},
		{"POST", "/api/v1/validate", true, s.validate},
		{"POST", "/api/v1/convert", true, s.convert},
		{"POST", "/api/v1/compare", true, s.compare},
	}
}

// Routes lists the endpoints (for documentation and tests).
func (s *Server) Routes() []Route { return s.routes() }

// Handler is the service's HTTP handler.
func (s *Server) Handler() http.Handler { return s.handler }

// policy is the Content-Security-Policy: scripts and styles from the
// server only, and the inline style sheets with these hashes (those of the
// HTML reports, which carry their own styles so that they stand alone).
func policy(styleHashes ...string) string {
	style := "'self'"
	for _, h := range styleHashes {
		style += " " + h
	}
	return "default-src 'none'; script-src 'self'; style-src " + style + "; img-src 'self' data:; " +
		"connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
}

var styleElement = regexp.MustCompile(`(?s)<style[^>]*>(.*?)</style>`)

// styleHashes returns the CSP hashes of an HTML document's inline style
// sheets. Style sheets sit in a report's head, so only the start of a large
// document is searched.
func styleHashes(doc []byte) []string {
	doc = doc[:min(len(doc), 256<<10)]
	var hashes []string
	for _, m := range styleElement.FindAllSubmatch(doc, -1) {
		sum := sha256.Sum256(m[1])
		h := "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
		if !slices.Contains(hashes, h) {
			hashes = append(hashes, h)
		}
	}
	return hashes
}

// reportStyles are the hashes of the HTML report's style sheets, allowed on
// every page: the page's script puts a report into a page whose policy was
// set before the report existed.
func reportStyles() []string {
	p, err := report.ByName("html")
	if err != nil {
		return nil
	}
	var hashes []string
	add := func(b []byte) {
		for _, h := range styleHashes(b) {
			if !slices.Contains(hashes, h) {
				hashes = append(hashes, h)
			}
		}
	}
	for _, lang := range []string{"en", "da"} {
		var b bytes.Buffer
		rep := &catalog.Report{File: "-", Format: "csv", Profile: "-"}
		rep.Finish()
		if p.Print(&b, []*catalog.Report{rep}, report.Options{Lang: lang}) == nil {
			add(b.Bytes())
		}
		b.Reset()
		if p.Compare(&b, &compare.Result{}, report.Options{Lang: lang}) == nil {
			add(b.Bytes())
		}
	}
	return hashes
}

// allowStyles lets an HTML document's inline style sheets through the
// response's policy by their hashes.
func (s *Server) allowStyles(w http.ResponseWriter, doc []byte) {
	hashes := slices.Clone(s.styles)
	for _, h := range styleHashes(doc) {
		if !slices.Contains(hashes, h) {
			hashes = append(hashes, h)
		}
	}
	w.Header().Set("Content-Security-Policy", policy(hashes...))
}

// secure sets the security headers of every response and bounds the
// request's time; reports and API results are never cached.
func (s *Server) secure(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", policy(s.styles...))
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		if len(r.URL.Path) > len("/static/") && r.URL.Path[:len("/static/")] == "/static/" {
			h.Set("Cache-Control", "public, max-age=300")
		} else {
			h.Set("Cache-Control", "no-store")
		}
		deadline := time.Now().Add(s.cfg.Timeout)
		rc := http.NewResponseController(w)
		rc.SetReadDeadline(deadline)
		// The answer may take a little longer than the work: a timeout
		// error must still get out.
		rc.SetWriteDeadline(deadline.Add(10 * time.Second))
		ctx, cancel := context.WithDeadline(r.Context(), deadline)
		defer cancel()
		// A bug in a reader must not cost more than its request: the
		// request's own deferred clean-up has run by now; answer 500.
		defer func() {
			if p := recover(); p != nil {
				if p == http.ErrAbortHandler {
					panic(p)
				}
				s.log.Printf("panic in %s %s: %v\n%s", r.Method, r.URL.Path, p, debug.Stack())
				s.apiError(w, r, errorf(http.StatusInternalServerError, msg(langOf(r, "en"), "internal", p)), "en")
			}
		}()
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// Serve answers on ln until ctx is done, then shuts down gracefully:
// requests under way get up to grace to finish.
func (s *Server) Serve(ctx context.Context, ln net.Listener, grace time.Duration) error {
	srv := &http.Server{
		Handler:           s.handler,
		ReadHeaderTimeout: 10 * time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          s.log,
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	s.log.Printf("shutting down: waiting up to %s for %d requests under way", grace, s.lim.active.Load()+s.lim.queued.Load())
	sctx, cancel := context.WithTimeout(context.Background(), grace)
	defer cancel()
	err := srv.Shutdown(sctx)
	if errors.Is(err, context.DeadlineExceeded) {
		srv.Close()
		return fmt.Errorf("requests still running after %s were cut off", grace)
	}
	if e := <-errc; e != nil && !errors.Is(e, http.ErrServerClosed) {
		return e
	}
	return err
}

// tempDir returns the folder for a request's uploads.
func (s *Server) tempDir() (string, error) {
	return os.MkdirTemp(s.cfg.TempDir, "ekatalog-serve-*")
}
