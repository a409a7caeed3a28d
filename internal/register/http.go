package register

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"mime"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"

	"github.com/ekatalog/ekatalog/catalog"
	"github.com/ekatalog/ekatalog/internal/report"
)

// Prefix is where the register's API is mounted.
const Prefix = "/api/v1/register"

// HandlerConfig bounds the register's work in one server.
type HandlerConfig struct {
	// MaxUpload is the largest submission accepted; beyond it 413.
	MaxUpload int64
	// MaxConcurrent submissions, feed conversions and diffs run at once;
	// Queue more wait; beyond that 503 with Retry-After.
	MaxConcurrent, Queue int
	// Log receives failures; nil discards them.
	Log io.Writer
	// Admit, when set, admits the reading of a submitted file against the
	// server's memory budget once it is on disk (ekatalog serve's
	// --max-memory); it returns ErrBusy or ErrTooLarge to refuse it.
	Admit func(ctx context.Context, name, path string) (release func(), err error)
}

// Handler is the register's HTTP API. It keeps no state of its own
// between requests beyond the bounds of the work it admits: any number of
// servers can answer for one database.
type Handler struct {
	store *Store
	cfg   HandlerConfig
	log   *log.Logger
	mux   *http.ServeMux
	// work and pulls bound submissions, and feed conversions and diffs,
	// each with slots and a queue of their own: buyers' pulls are not
	// starved by a crowd of suppliers, nor the other way round.
	work, pulls *limiter
}

// limiter bounds work running at once; a bounded queue waits.
type limiter struct {
	slots chan struct{}
	queue chan struct{}
}

func newLimiter(slots, queue int) *limiter {
	return &limiter{slots: make(chan struct{}, slots), queue: make(chan struct{}, queue)}
}

// retryAfter is what an overloaded register asks clients to wait, seconds.
const retryAfter = 2

// NewHandler returns the API over a store.
func NewHandler(s *Store, cfg HandlerConfig) *Handler {
	if cfg.MaxUpload <= 0 {
		cfg.MaxUpload = 64 << 20
	}
	if cfg.MaxConcurrent <= 0 {
		cfg.MaxConcurrent = runtime.GOMAXPROCS(0)
	}
	if cfg.Queue < 0 {
		cfg.Queue = 0
	}
	w := cfg.Log
	if w == nil {
		w = io.Discard
	}
	h := &Handler{store: s, cfg: cfg, log: log.New(w, "ekatalog register: ", log.LstdFlags),
		work: newLimiter(cfg.MaxConcurrent, cfg.Queue), pulls: newLimiter(cfg.MaxConcurrent, cfg.Queue)}
	mux := http.NewServeMux()
	for _, rt := range h.routes() {
		mux.HandleFunc(rt.Method+" "+Prefix+rt.Path, h.authed(rt.Party, rt.fn))
	}
	mux.HandleFunc(Prefix+"/", h.authed("", func(w http.ResponseWriter, r *http.Request, p Party) error {
		return ErrNotFound
	}))
	h.mux = mux
	return h
}

// Route is one endpoint of the API: its method, its path under Prefix and
// the kind of party it answers.
type Route struct {
	Method, Path, Party string
	fn                  func(w http.ResponseWriter, r *http.Request, p Party) error
}

// routes is the API: one table, which NewHandler mounts and Routes lists.
func (h *Handler) routes() []Route {
	return []Route{
		{"POST", "/submissions", Supplier, h.submit},
		{"GET", "/submissions", Supplier, h.submissions},
		{"GET", "/submissions/{id}", Supplier, h.submission},
		{"GET", "/submissions/{id}/original", Supplier, h.original},
		{"GET", "/feeds", Buyer, h.feeds},
		{"GET", "/feeds/{supplier}", Buyer, h.feed},
		{"GET", "/feeds/{supplier}/versions", Buyer, h.versions},
		{"GET", "/feeds/{supplier}/diff", Buyer, h.diff},
		{"PUT", "/subscriptions/{supplier}/rules", Buyer, h.setRules},
		{"GET", "/pending", Buyer, h.pending},
		{"POST", "/submissions/{id}/decision", Buyer, h.decide},
		{"GET", "/submissions/{id}/response", Supplier, h.response},
	}
}

// Routes lists the API's endpoints (for its description in the server's
// OpenAPI document).
func Routes() []Route { return (&Handler{}).routes() }

func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) { h.mux.ServeHTTP(w, r) }

// apiError is an error with its HTTP status.
type apiError struct {
	status     int
	msg        string
	retryAfter int
}

func (e *apiError) Error() string { return e.msg }

func errStatus(status int, format string, args ...any) error {
	return &apiError{status: status, msg: fmt.Sprintf(format, args...)}
}

var errBusy = &apiError{status: http.StatusServiceUnavailable, msg: "the register is busy; try again in a moment", retryAfter: retryAfter}

// ErrBusy and ErrTooLarge are what HandlerConfig.Admit returns to refuse
// a submission: 503 with Retry-After, or 413 for one whose worst case is
// larger than the server's whole memory budget.
var (
	ErrBusy     error = errBusy
	ErrTooLarge error = &apiError{status: http.StatusRequestEntityTooLarge, msg: "the catalogue could need more memory than the server's whole budget (--max-memory): split it, or ask the operator for a larger budget"}
)

// statusOf maps an error to its answer. Anything that does not exist or
// belongs to another party is the same 404.
func statusOf(err error) *apiError {
	var ae *apiError
	var ie *InputError
	switch {
	case errors.As(err, &ae):
		return ae
	case errors.Is(err, ErrNoVersion):
		return &apiError{status: http.StatusNotFound, msg: "not found: the feed has no accepted version yet"}
	case errors.Is(err, ErrNotFound):
		return &apiError{status: http.StatusNotFound, msg: "not found"}
	case errors.As(err, &ie):
		return &apiError{status: http.StatusUnprocessableEntity, msg: ie.Error()}
	case busy(err), errors.Is(err, context.DeadlineExceeded):
		return errBusy
	}
	return &apiError{status: http.StatusInternalServerError, msg: "internal error"}
}

// recorder keeps the status of an answer for the audit log.
type recorder struct {
	http.ResponseWriter
	status int
	detail string
}

func (r *recorder) WriteHeader(status int) {
	if r.status == 0 {
		r.status = status
	}
	r.ResponseWriter.WriteHeader(status)
}

func (r *recorder) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	return r.ResponseWriter.Write(b)
}

func (r *recorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

// detailKey lets handlers add a detail to their audit row.
type detailKey struct{}

func setDetail(r *http.Request, format string, args ...any) {
	if rec, ok := r.Context().Value(detailKey{}).(*recorder); ok {
		rec.detail = fmt.Sprintf(format, args...)
	}
}

// authed authenticates a request, checks the party's kind (a party of the
// other kind gets 404: nothing of the kind exists for it), runs fn and
// writes the audit row.
func (h *Handler) authed(kind string, fn func(w http.ResponseWriter, r *http.Request, p Party) error) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		rec := &recorder{ResponseWriter: w}
		r = r.WithContext(context.WithValue(r.Context(), detailKey{}, rec))
		var p Party
		err := func() error {
			auth := r.Header.Get("Authorization")
			token, ok := strings.CutPrefix(auth, "Bearer ")
			if !ok || strings.TrimSpace(token) == "" {
				return &apiError{status: http.StatusUnauthorized, msg: "no bearer token: send Authorization: Bearer TOKEN (ekatalog register token --party ID)"}
			}
			var err error
			p, err = h.store.Authenticate(r.Context(), strings.TrimSpace(token))
			if errors.Is(err, ErrNotFound) {
				return &apiError{status: http.StatusUnauthorized, msg: "unknown or revoked token"}
			}
			if err != nil {
				return err
			}
			if kind != "" && p.Kind != kind {
				return ErrNotFound
			}
			return fn(rec, r, p)
		}()
		if err != nil {
			ae := statusOf(err)
			if ae.status >= 500 && ae.status != http.StatusServiceUnavailable {
				h.log.Printf("%s %s: %v", r.Method, r.URL.Path, err)
			}
			if rec.detail == "" {
				rec.detail = ae.msg
			}
			if ae.status == http.StatusUnauthorized {
				w.Header().Set("WWW-Authenticate", `Bearer realm="ekatalog register"`)
			}
			if ae.retryAfter > 0 {
				w.Header().Set("Retry-After", strconv.Itoa(ae.retryAfter))
			}
			writeJSON(rec, ae.status, map[string]any{"error": ae.msg, "status": ae.status})
		}
		e := AuditEntry{Party: p.ID, Actor: p.ID, Action: r.Method + " " + r.URL.Path, Object: r.URL.RequestURI(),
			Status: rec.status, Detail: rec.detail}
		if e.Status == 0 {
			e.Status = http.StatusOK
		}
		if err := h.store.Audit(r.Context(), e); err != nil {
			h.log.Printf("audit of %s %s: %v", r.Method, r.URL.Path, err)
		}
	}
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		status = http.StatusInternalServerError
		b.Reset()
		b.WriteString(`{"error":"internal error","status":500}` + "\n")
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Length", strconv.Itoa(b.Len()))
	w.WriteHeader(status)
	w.Write(b.Bytes())
}

// admit takes a work slot, waiting in the queue while there is room; a
// full queue answers 503 at once.
func (h *limiter) admit(ctx context.Context) (func(), error) {
	select {
	case h.slots <- struct{}{}:
		return func() { <-h.slots }, nil
	default:
	}
	select {
	case h.queue <- struct{}{}:
	default:
		return nil, errBusy
	}
	defer func() { <-h.queue }()
	select {
	case h.slots <- struct{}{}:
		return func() { <-h.slots }, nil
	case <-ctx.Done():
		return nil, errBusy
	}
}

// submit receives a catalogue: the part "file", an optional "header" (JSON,
// as --header) and "buyer" parts naming subscribers.
func (h *Handler) submit(w http.ResponseWriter, r *http.Request, p Party) error {
	release, err := h.work.admit(r.Context())
	if err != nil {
		return err
	}
	defer release()
	dir, err := os.MkdirTemp("", "ekatalog-submission-*")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	req := SubmitRequest{Supplier: p.ID, Lang: "en"}
	if l := r.URL.Query().Get("lang"); l == "da" {
		req.Lang = l
	}
	r.Body = http.MaxBytesReader(w, r.Body, h.cfg.MaxUpload)
	mr, err := r.MultipartReader()
	if err != nil {
		return errStatus(http.StatusBadRequest, "send the catalogue as multipart/form-data in the part \"file\"")
	}
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			return uploadError(err, h.cfg.MaxUpload)
		}
		switch part.FormName() {
		case "file":
			if req.Path != "" {
				return errStatus(http.StatusBadRequest, "more than one part \"file\": submit one catalogue at a time")
			}
			name := filepath.Base(strings.ReplaceAll(part.FileName(), "\\", "/"))
			if name == "" || name == "." || name == "/" {
				name = "catalogue"
			}
			req.Name = name
			req.Path = filepath.Join(dir, "upload"+strings.ToLower(extOf(name)))
			f, err := os.Create(req.Path)
			if err != nil {
				return err
			}
			_, err = io.Copy(f, part)
			if e := f.Close(); err == nil {
				err = e
			}
			if err != nil {
				return uploadError(err, h.cfg.MaxUpload)
			}
		case "header":
			b, err := io.ReadAll(io.LimitReader(part, 1<<20))
			if err != nil {
				return uploadError(err, h.cfg.MaxUpload)
			}
			if req.Header, err = catalog.ParseHeader("header", b); err != nil {
				return errStatus(http.StatusBadRequest, "%v", err)
			}
		case "buyer":
			b, err := io.ReadAll(io.LimitReader(part, 200))
			if err != nil {
				return uploadError(err, h.cfg.MaxUpload)
			}
			if id := strings.TrimSpace(string(b)); id != "" {
				req.Buyers = append(req.Buyers, id)
			}
		default:
			io.Copy(io.Discard, part)
		}
	}
	if req.Path == "" {
		return errStatus(http.StatusBadRequest, "no catalogue: send it in the multipart part \"file\"")
	}
	if h.cfg.Admit != nil {
		release, err := h.cfg.Admit(r.Context(), req.Name, req.Path)
		if err != nil {
			return err
		}
		defer release()
	}
	sub, err := h.store.Submit(r.Context(), req)
	if err != nil {
		return err
	}
	var outs []string
	for _, o := range sub.Feeds {
		v := "-"
		if o.Version != nil {
			v = strconv.FormatInt(*o.Version, 10)
		}
		outs = append(outs, o.Buyer+":"+o.Status+":"+v)
	}
	setDetail(r, "submission %s %s sha256 %s; %s", sub.ID, sub.File, sub.SHA256, strings.Join(outs, " "))
	w.Header().Set("Location", Prefix+"/submissions/"+sub.ID)
	writeJSON(w, http.StatusCreated, sub)
	return nil
}

func uploadError(err error, max int64) error {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return errStatus(http.StatusRequestEntityTooLarge, "the upload is larger than the %d bytes accepted", max)
	}
	return errStatus(http.StatusBadRequest, "the upload broke off: %v", err)
}

func (h *Handler) submissions(w http.ResponseWriter, r *http.Request, p Party) error {
	subs, err := h.store.Submissions(r.Context(), p.ID)
	if err != nil {
		return err
	}
	if subs == nil {
		subs = []*Submission{}
	}
	writeJSON(w, http.StatusOK, map[string]any{"submissions": subs})
	return nil
}

func (h *Handler) submission(w http.ResponseWriter, r *http.Request, p Party) error {
	sub, err := h.store.Submission(r.Context(), p.ID, r.PathValue("id"))
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, sub)
	return nil
}

func (h *Handler) original(w http.ResponseWriter, r *http.Request, p Party) error {
	name, data, err := h.store.Original(r.Context(), p.ID, r.PathValue("id"))
	if err != nil {
		return err
	}
	ct := mime.TypeByExtension(strings.ToLower(extOf(name)))
	if ct == "" {
		ct = "application/octet-stream"
	}
	w.Header().Set("Content-Type", ct)
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name}))
	w.Header().Set("Content-Length", strconv.Itoa(len(data)))
	w.Write(data)
	return nil
}

func (h *Handler) feeds(w http.ResponseWriter, r *http.Request, p Party) error {
	feeds, err := h.store.Feeds(r.Context(), p.ID)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]any{"feeds": feeds})
	return nil
}

// feed answers a supplier's current catalogue. The ETag is the version:
// If-None-Match with it answers 304 without converting anything.
func (h *Handler) feed(w http.ResponseWriter, r *http.Request, p Party) error {
	supplier := r.PathValue("supplier")
	_, v, err := h.store.CurrentVersion(r.Context(), p.ID, supplier)
	if err != nil {
		return err
	}
	if v == 0 {
		return ErrNoVersion
	}
	q := r.URL.Query()
	since := int64(-1)
	if s := q.Get("since"); s != "" {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil || n < 0 || n > v {
			return errStatus(http.StatusBadRequest, "since=%q: give a version of this feed, 0 to %d", s, v)
		}
		since = n
	}
	etag := fmt.Sprintf(`"%d"`, v)
	if since >= 0 {
		// The changes answer has an ETag of its own: it depends on both
		// versions.
		etag = fmt.Sprintf(`"%d-since-%d"`, v, since)
	}
	w.Header().Set("Cache-Control", "private, no-cache")
	if inm := r.Header.Get("If-None-Match"); inm != "" && etagMatch(inm, etag) {
		w.Header().Set("ETag", etag)
		setDetail(r, "version %d not modified", v)
		w.WriteHeader(http.StatusNotModified)
		return nil
	}
	release, err := h.pulls.admit(r.Context())
	if err != nil {
		return err
	}
	defer release()
	sub, err := h.store.Subscription(r.Context(), p.ID, supplier)
	if err != nil {
		return err
	}
	target, err := h.store.target(r.Context(), sub, q.Get("format"))
	if err != nil {
		return errStatus(http.StatusBadRequest, "format: %v", err)
	}
	var out *Rendered
	switch {
	case since == v:
		w.Header().Set("ETag", etag)
		w.Header().Set("Ekatalog-Delta", "none; version "+strconv.FormatInt(v, 10)+" is the current one")
		setDetail(r, "version %d since %d: no changes", v, since)
		w.WriteHeader(http.StatusNoContent)
		return nil
	case since >= 0 && target.Delta != nil:
		var changed bool
		if out, changed, err = h.store.RenderDelta(r.Context(), sub, since, v, target); err != nil {
			return err
		}
		if !changed {
			w.Header().Set("ETag", etag)
			w.Header().Set("Ekatalog-Delta", "none; nothing "+target.Name+" carries changed since version "+strconv.FormatInt(since, 10))
			setDetail(r, "version %d since %d: no changes", v, since)
			w.WriteHeader(http.StatusNoContent)
			return nil
		}
		w.Header().Set("Ekatalog-Delta", "update; "+target.DeltaDoc)
	default:
		if since >= 0 {
			// A template target has no update document: the whole
			// catalogue, and the answer says so.
			w.Header().Set("Ekatalog-Delta", "full; the target "+target.Name+" has no update document, so this is the whole catalogue")
		}
		if out, err = h.store.RenderVersion(r.Context(), sub, v, target); err != nil {
			return err
		}
	}
	defer out.Close()
	ct := mime.TypeByExtension(target.Extension)
	switch {
	case target.Extension == ".json":
		ct = "application/json"
	case target.Extension == ".xml":
		ct = "application/xml"
	case target.Extension == ".csv":
		ct = "text/csv" // no charset: a template may write Windows-1252
	case ct == "":
		ct = "application/octet-stream"
	}
	setDetail(r, "version %d as %s", v, target.Name)
	w.Header().Set("ETag", etag)
	w.Header().Set("Ekatalog-Version", strconv.FormatInt(v, 10))
	w.Header().Set("Content-Type", ct)
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": out.Name}))
	w.Header().Set("Content-Length", strconv.FormatInt(out.Size, 10))
	io.Copy(w, out.File)
	return nil
}

// etagMatch reports whether an If-None-Match list names etag (or is *).
func etagMatch(list, etag string) bool {
	for _, t := range strings.Split(list, ",") {
		t = strings.TrimPrefix(strings.TrimSpace(t), "W/")
		if t == etag || t == "*" {
			return true
		}
	}
	return false
}

func (h *Handler) versions(w http.ResponseWriter, r *http.Request, p Party) error {
	vs, err := h.store.Versions(r.Context(), p.ID, r.PathValue("supplier"))
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]any{"versions": vs})
	return nil
}

func (h *Handler) diff(w http.ResponseWriter, r *http.Request, p Party) error {
	supplier := r.PathValue("supplier")
	if _, err := h.store.Subscription(r.Context(), p.ID, supplier); err != nil {
		return err
	}
	q := r.URL.Query()
	from, err1 := strconv.ParseInt(q.Get("from"), 10, 64)
	to, err2 := strconv.ParseInt(q.Get("to"), 10, 64)
	if err1 != nil || err2 != nil || from < 1 || to < 1 {
		return errStatus(http.StatusBadRequest, "give two versions: ?from=N&to=M")
	}
	release, err := h.pulls.admit(r.Context())
	if err != nil {
		return err
	}
	defer release()
	res, err := h.store.Diff(r.Context(), p.ID, supplier, from, to)
	if err != nil {
		return err
	}
	pr, err := report.For(report.Diffs, "json")
	if err != nil {
		return err
	}
	var b bytes.Buffer
	if err := pr.Diff(&b, res, report.Options{Lang: "en"}); err != nil {
		return err
	}
	setDetail(r, "versions %d to %d", from, to)
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Length", strconv.Itoa(b.Len()))
	w.Write(b.Bytes())
	return nil
}

// readJSON decodes a small JSON body strictly.
func readJSON(w http.ResponseWriter, r *http.Request, v any) error {
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, 1<<20))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return errStatus(http.StatusBadRequest, "the body is not the JSON expected: %v", err)
	}
	return nil
}

func (h *Handler) setRules(w http.ResponseWriter, r *http.Request, p Party) error {
	var rules Rules
	if err := readJSON(w, r, &rules); err != nil {
		return err
	}
	supplier := r.PathValue("supplier")
	rules, err := h.store.SetRules(r.Context(), p.ID, supplier, rules)
	if err != nil {
		return err
	}
	b, _ := json.Marshal(rules)
	setDetail(r, "rules for %s: %s", supplier, b)
	writeJSON(w, http.StatusOK, rules)
	return nil
}

func (h *Handler) pending(w http.ResponseWriter, r *http.Request, p Party) error {
	subs, err := h.store.Pending(r.Context(), p.ID)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]any{"submissions": subs})
	return nil
}

func (h *Handler) decide(w http.ResponseWriter, r *http.Request, p Party) error {
	var req DecideRequest
	id := r.PathValue("id")
	// Another buyer's submission is 404 before anything about the body.
	if _, err := h.store.SubmissionForBuyer(r.Context(), p.ID, id); err != nil {
		return err
	}
	if err := readJSON(w, r, &req); err != nil {
		return err
	}
	d, err := h.store.Decide(r.Context(), p.ID, id, req)
	if err != nil {
		return err
	}
	setDetail(r, "decision %d: %s -> %s; response %s", d.ID, d.Decision, d.Status, d.ResponseID)
	writeJSON(w, http.StatusOK, map[string]any{"status": d.Status, "version": d.Version, "response": absoluteURL(r, ResponsePath(id, p.ID))})
	return nil
}

func (h *Handler) response(w http.ResponseWriter, r *http.Request, p Party) error {
	id := r.PathValue("id")
	sub, err := h.store.Submission(r.Context(), p.ID, id)
	if err != nil {
		return err
	}
	buyer := r.URL.Query().Get("buyer")
	if buyer == "" {
		if len(sub.Feeds) != 1 {
			return errStatus(http.StatusBadRequest, "give the buyer: ?buyer=ID (the submission went to %d buyers)", len(sub.Feeds))
		}
		buyer = sub.Feeds[0].Buyer
	}
	xml, err := h.store.Response(r.Context(), p.ID, id, buyer)
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/xml")
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": "catalogue-response-" + id + "-" + buyer + ".xml"}))
	w.Header().Set("Content-Length", strconv.Itoa(len(xml)))
	io.WriteString(w, xml)
	return nil
}

// absoluteURL is path on the server the request came to, as a client
// reached it (https behind TLS or a proxy that says so).
func absoluteURL(r *http.Request, path string) string {
	scheme := "http"
	if r.TLS != nil || strings.EqualFold(r.Header.Get("X-Forwarded-Proto"), "https") {
		scheme = "https"
	}
	return scheme + "://" + r.Host + path
}
