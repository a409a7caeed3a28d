package server

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"os"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"github.com/ekatalog/ekatalog/catalog"
	"github.com/ekatalog/ekatalog/formats"
	"github.com/ekatalog/ekatalog/internal/pipeline"
	"github.com/ekatalog/ekatalog/internal/report"
	"github.com/ekatalog/ekatalog/mappings"
)

// httpError is an error with the HTTP status it is answered with.
type httpError struct {
	status int
	msg    string
	// retryAfter, in seconds, is sent as Retry-After when positive.
	retryAfter int
}

func (e *httpError) Error() string { return e.msg }

func errorf(status int, text string) *httpError { return &httpError{status: status, msg: text} }

// retryAfter is what an overloaded server asks clients to wait, seconds.
const retryAfter = 5

// asHTTPError gives every error a status: 500 for what is not the
// client's doing.
func asHTTPError(err error, lang string) *httpError {
	var he *httpError
	if errors.As(err, &he) {
		return he
	}
	return errorf(http.StatusInternalServerError, msg(lang, "internal", err))
}

// apiError answers {"error": "...", "status": N}.
func (s *Server) apiError(w http.ResponseWriter, r *http.Request, err error, lang string) {
	he := asHTTPError(err, lang)
	s.logFailure(r, he)
	if he.retryAfter > 0 {
		w.Header().Set("Retry-After", strconv.Itoa(he.retryAfter))
	}
	writeJSON(w, he.status, struct {
		Error  string `json:"error"`
		Status int    `json:"status"`
	}{he.msg, he.status})
}

func (s *Server) logFailure(r *http.Request, he *httpError) {
	s.log.Printf("%s %s: %d %s", r.Method, r.URL.Path, he.status, he.msg)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false) // messages quote tags: </cbc:Issue>
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

// job is a parsed validate or convert request.
type job struct {
	up     *upload
	lang   string
	in     *part
	opts   pipeline.Options
	target *formats.Target // nil: validate only
}

// langOf is the request's language from ?lang=, else def.
func langOf(r *http.Request, def string) string {
	if l := r.URL.Query().Get("lang"); l == "en" || l == "da" {
		return l
	}
	return def
}

// parseJob receives the upload and reads the form: the catalogue in
// "file", and "profile", "mapping", "target" and "lang". The caller
// removes j.up whatever the error.
func (s *Server) parseJob(w http.ResponseWriter, r *http.Request, defLang string) (*job, error) {
	j := &job{lang: langOf(r, defLang)}
	j.opts.Limits = s.cfg.Limits
	var err error
	j.up, err = s.receive(w, r, j.lang)
	if err != nil {
		return j, err
	}
	if l := j.up.field("lang"); l != "" {
		if l != "en" && l != "da" {
			return j, errorf(http.StatusBadRequest, msg(j.lang, "badLang", l))
		}
		j.lang = l
	}
	if j.in = j.up.files["file"]; j.in == nil {
		return j, errorf(http.StatusBadRequest, msg(j.lang, "missingPart", "file", msg(j.lang, "partCatalogue")))
	}
	if j.opts.Profile, err = s.profile(j.up, j.lang); err != nil {
		return j, err
	}
	if m := j.up.files["mapping"]; m != nil {
		b, err := os.ReadFile(m.path)
		if err != nil {
			return j, err
		}
		if j.opts.Mapping, err = mappings.Parse(m.name, b); err != nil {
			return j, errorf(http.StatusBadRequest, err.Error())
		}
	}
	if hf := j.up.files["header"]; hf != nil {
		if j.opts.Header, err = loadHeader(hf); err != nil {
			return j, err
		}
	}
	if t := j.up.field("target"); t != "" {
		if j.target, err = formats.TargetByName(t); err != nil {
			return j, errorf(http.StatusBadRequest, msg(j.lang, "badTarget", t, strings.Join(targetNames(), ", ")))
		}
	}
	return j, nil
}

// profile is the uploaded profile file, the named built-in profile, or nil
// for the input's default.
func (s *Server) profile(u *upload, lang string) (*catalog.Profile, error) {
	if f := u.files["profile"]; f != nil {
		b, err := os.ReadFile(f.path)
		if err != nil {
			return nil, err
		}
		p, err := formats.ParseProfile(f.name, b)
		if err != nil {
			return nil, errorf(http.StatusBadRequest, err.Error())
		}
		return p, nil
	}
	name := u.field("profile")
	if name == "" {
		return nil, nil
	}
	p, err := catalog.BuiltinProfile(name)
	if err != nil {
		return nil, errorf(http.StatusBadRequest, msg(lang, "badProfile", name, strings.Join(catalog.BuiltinProfiles, ", ")))
	}
	return p, nil
}

// loadHeader reads an uploaded catalogue header (the CLI's --header): a
// JSON object shaped like the canonical catalogue's header.
func loadHeader(p *part) (*catalog.Header, error) {
	b, err := os.ReadFile(p.path)
	if err != nil {
		return nil, err
	}
	h, err := catalog.ParseHeader(p.name, b)
	if err != nil {
		return nil, errorf(http.StatusBadRequest, err.Error())
	}
	return h, nil
}

func targetNames() []string {
	var n []string
	for _, t := range formats.Targets {
		n = append(n, t.Name)
	}
	return n
}

// work runs fn holding a conversion slot, in a goroutine of its own, and
// waits for it or for the end of the request's time. At the end of the
// time the answer (503) goes out at once, whatever fn is doing (a large
// workbook is parsed whole before its first line); fn stops at its next
// line and frees the slot when it has, so the bound on work holds.
//
// cost is the work's worst case in memory: it starts when that fits in
// the budget next to the work under way.
func (s *Server) work(ctx context.Context, lang string, cost int64, fn func() error) error {
	switch err := s.lim.acquire(ctx, cost); {
	case errors.Is(err, errBusy):
		return &httpError{status: http.StatusServiceUnavailable, msg: msg(lang, "busy", retryAfter), retryAfter: retryAfter}
	case errors.Is(err, errTooLarge):
		return errorf(http.StatusRequestEntityTooLarge, msg(lang, "overBudget", FormatSize(cost), FormatSize(s.cfg.MaxMemory)))
	case err != nil:
		return s.timeoutError(lang)
	}
	done := make(chan error, 1)
	go func() {
		defer s.lim.release(cost)
		defer func() {
			if p := recover(); p != nil {
				s.log.Printf("panic: %v\n%s", p, debug.Stack())
				done <- errorf(http.StatusInternalServerError, msg(lang, "internal", p))
			}
		}()
		done <- fn()
	}()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		return s.timeoutError(lang)
	}
}

func (s *Server) timeoutError(lang string) error {
	return &httpError{status: http.StatusServiceUnavailable, msg: msg(lang, "timeout", s.cfg.Timeout), retryAfter: retryAfter}
}

// run validates the job's catalogue and, with out, converts it into the
// job's target. The work stops at the next line when ctx ends.
func (s *Server) run(ctx context.Context, j *job, out io.Writer) (*catalog.Report, error) {
	opts := j.opts
	opts.Name = j.in.name
	if opts.InputFormat == "" {
		opts.InputFormat = j.in.format // detected once, by the cost
	}
	if out != nil {
		opts.Target = j.target
	}
	// A writer is always installed: it is where the work notices that the
	// request has ended. Without a target it writes nothing and changes
	// nothing in the report.
	opts.Writer = func(h catalog.Header, tee func(io.Writer) io.Writer) (formats.Writer, error) {
		var w formats.Writer = nopWriter{}
		if out != nil {
			var err error
			if w, err = j.target.New(tee(out), h, formats.WriteOptions{}); err != nil {
				// The input lacks what the target needs (header values).
				return nil, errorf(http.StatusUnprocessableEntity, j.in.name+": "+err.Error())
			}
		}
		return &ctxWriter{ctx: ctx, w: w}, nil
	}
	rep, err := pipeline.Run(j.in.path, opts)
	if ctx.Err() != nil {
		return nil, s.timeoutError(j.lang)
	}
	if err != nil {
		return nil, s.readError(ctx, err, j.in, j.lang)
	}
	return rep, nil
}

// unsupported reports whether a file is in no format ekatalog reads (an
// old .xls, a ZIP that is not a workbook, binary data), as opposed to a
// file of a known format that is broken.
func unsupported(p *part) bool {
	f, err := os.Open(p.path)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, 4096)
	n, _ := io.ReadFull(f, head)
	head = head[:n]
	format, err := formats.Detect(p.name, head)
	if err != nil {
		return true
	}
	utf16 := bytes.HasPrefix(head, []byte{0xff, 0xfe}) || bytes.HasPrefix(head, []byte{0xfe, 0xff})
	return format == formats.CSV && !utf16 && bytes.IndexByte(head, 0) >= 0
}

type nopWriter struct{}

func (nopWriter) Begin(catalog.Header) error { return nil }
func (nopWriter) Line(*catalog.Line) error   { return nil }
func (nopWriter) End() error                 { return nil }

// ctxWriter stops the pipeline when the request's context ends.
type ctxWriter struct {
	ctx context.Context
	w   formats.Writer
}

func (c *ctxWriter) Begin(h catalog.Header) error { return c.w.Begin(h) }
func (c *ctxWriter) End() error                   { return c.w.End() }
func (c *ctxWriter) Line(l *catalog.Line) error {
	select {
	case <-c.ctx.Done():
		return c.ctx.Err()
	default:
		return c.w.Line(l)
	}
}

// summaryHeaders put a report's verdict in response headers.
func summaryHeaders(w http.ResponseWriter, rep *catalog.Report) {
	h := w.Header()
	h.Set("X-Ekatalog-Profile", rep.Profile)
	h.Set("X-Ekatalog-Lines", strconv.Itoa(rep.Summary.Lines))
	h.Set("X-Ekatalog-Errors", strconv.Itoa(rep.Summary.Errors))
	h.Set("X-Ekatalog-Warnings", strconv.Itoa(rep.Summary.Warnings))
	h.Set("X-Ekatalog-Compliant", strconv.FormatBool(rep.Summary.Compliant))
}

// printer is a report format as the service offers it.
type printer struct {
	name, ext, mediaType string
	attachment           bool
	print                func(w io.Writer, reps []*catalog.Report, o report.Options) error
}

var mediaTypes = map[string]string{
	".json": "application/json",
	".html": "text/html; charset=utf-8",
	".txt":  "text/plain; charset=utf-8",
	".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	".xml":  "application/xml",
	".csv":  "text/csv",
}

// printerFor looks a report format up among the printers of
// internal/report. Until an html printer exists, html is the text report
// in a <pre>.
func printerFor(name, lang string) (*printer, error) {
	if p, err := report.ByName(name); err == nil {
		mt := mediaTypes[p.Extension]
		if mt == "" {
			mt = "application/octet-stream"
		}
		return &printer{name: p.Name, ext: p.Extension, mediaType: mt, attachment: p.Extension == ".xlsx", print: p.Print}, nil
	}
	if name == "html" {
		if text, err := report.ByName("text"); err == nil {
			return &printer{name: "html", ext: ".html", mediaType: mediaTypes[".html"], print: preReport(text.Print)}, nil
		}
	}
	return nil, errorf(http.StatusBadRequest, msg(lang, "badFormat", name, strings.Join(append(report.Names(), "html"), ", ")))
}

// preReport wraps a text report in a small HTML document.
func preReport(text func(io.Writer, []*catalog.Report, report.Options) error) func(io.Writer, []*catalog.Report, report.Options) error {
	return func(w io.Writer, reps []*catalog.Report, o report.Options) error {
		var b bytes.Buffer
		if err := text(&b, reps, o); err != nil {
			return err
		}
		return preTemplate.Execute(w, struct{ Lang, Title, Text string }{o.Lang, msg(o.Lang, "report"), b.String()})
	}
}

// sendFile answers with a file from the upload folder. An HTML document's
// own style sheets are allowed by the response's policy.
func (s *Server) sendFile(w http.ResponseWriter, path, mediaType, disposition string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return err
	}
	// A large answer to a slow client gets its own time, whatever the
	// work took.
	http.NewResponseController(w).SetWriteDeadline(time.Now().Add(s.cfg.Timeout))
	h := w.Header()
	if strings.HasPrefix(mediaType, "text/html") {
		head := make([]byte, 256<<10)
		n, _ := io.ReadFull(f, head)
		s.allowStyles(w, head[:n])
		if _, err := f.Seek(0, io.SeekStart); err != nil {
			return err
		}
	}
	h.Set("Content-Type", mediaType)
	h.Set("Content-Length", strconv.FormatInt(st.Size(), 10))
	if disposition != "" {
		h.Set("Content-Disposition", disposition)
	}
	w.WriteHeader(http.StatusOK)
	_, err = io.Copy(w, f)
	return err
}

// attachment is a Content-Disposition that saves a file under name; mime
// encodes names beyond ASCII as RFC 2231 says.
func attachment(name string) string {
	return mime.FormatMediaType("attachment", map[string]string{"filename": name})
}

// outName is the name of a file made from the input: its stem and ext.
func outName(in, suffix string) string {
	return strings.TrimSuffix(in, filepath.Ext(in)) + suffix
}

// printReport writes the report into a file of the upload folder, so that
// a failure is still answered with an error status.
func printReport(j *job, p *printer, rep *catalog.Report) (string, error) {
	path := filepath.Join(j.up.dir, "report"+p.ext)
	f, err := os.Create(path)
	if err != nil {
		return "", err
	}
	bw := bufio.NewWriterSize(f, 64<<10)
	// The Excel report shows the supplier's own rows: it reads the upload
	// again, from its temporary file, under the name the report gives it.
	o := report.Options{Lang: j.lang, Inputs: report.At(map[string]string{rep.File: j.in.path}), Limits: j.opts.Limits}
	err = p.print(bw, []*catalog.Report{rep}, o)
	if err == nil {
		err = bw.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return path, err
}

// validate answers POST /api/v1/validate with the report: JSON by default,
// ?format=html|xlsx|text.
func (s *Server) validate(w http.ResponseWriter, r *http.Request) {
	j, err := s.parseJob(w, r, "en")
	defer j.up.remove()
	if err == nil {
		err = s.validateJob(w, r, j)
	}
	if err != nil {
		s.apiError(w, r, err, j.lang)
	}
}

func (s *Server) validateJob(w http.ResponseWriter, r *http.Request, j *job) error {
	format := r.URL.Query().Get("format")
	if format == "" {
		format = "json"
	}
	p, err := printerFor(format, j.lang)
	if err != nil {
		return err
	}
	var rep *catalog.Report
	var path string
	err = s.work(r.Context(), j.lang, s.jobCost(j), func() error {
		var err error
		if rep, err = s.run(r.Context(), j, nil); err == nil {
			path, err = printReport(j, p, rep)
		}
		return err
	})
	if err != nil {
		return err
	}
	disp := ""
	if p.attachment {
		disp = attachment(outName(j.in.name, "-"+strings.ToLower(msg(j.lang, "report"))+p.ext))
	}
	summaryHeaders(w, rep)
	s.sendFile(w, path, p.mediaType, disp)
	return nil
}

// convert answers POST /api/v1/convert with the converted file; the
// verdict is in the X-Ekatalog-* headers.
func (s *Server) convert(w http.ResponseWriter, r *http.Request) {
	j, err := s.parseJob(w, r, "en")
	defer j.up.remove()
	if err == nil {
		err = s.convertJob(w, r, j)
	}
	if err != nil {
		s.apiError(w, r, err, j.lang)
	}
}

func (s *Server) convertJob(w http.ResponseWriter, r *http.Request, j *job) error {
	if j.target == nil {
		return errorf(http.StatusBadRequest, msg(j.lang, "needTarget", strings.Join(targetNames(), ", ")))
	}
	var rep *catalog.Report
	var path string
	err := s.work(r.Context(), j.lang, s.jobCost(j), func() error {
		var err error
		path, rep, err = s.convertTo(r.Context(), j)
		return err
	})
	if err != nil {
		return err
	}
	mt := mediaTypes[j.target.Extension]
	if mt == "" {
		mt = "application/octet-stream"
	}
	summaryHeaders(w, rep)
	s.sendFile(w, path, mt, attachment(outName(j.in.name, j.target.Extension)))
	return nil
}

// convertTo converts the job's catalogue into a file of the upload folder.
// A catalogue that could not be read to the end is not converted.
func (s *Server) convertTo(ctx context.Context, j *job) (string, *catalog.Report, error) {
	path := filepath.Join(j.up.dir, "converted"+j.target.Extension)
	f, err := os.Create(path)
	if err != nil {
		return "", nil, err
	}
	bw := bufio.NewWriterSize(f, 64<<10)
	rep, err := s.run(ctx, j, bw)
	if err == nil {
		err = bw.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return "", nil, err
	}
	if rep.Error != "" {
		return "", rep, errorf(http.StatusUnprocessableEntity, msg(j.lang, "notConvertedAPI", rep.Error))
	}
	return path, rep, nil
}

// healthz answers GET /healthz: the server is up, and how busy it is.
func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]any{
		"status": "ok", "active": s.lim.active.Load(), "queued": s.lim.queued.Load(), "uploads": len(s.uploads),
		"memoryReserved": s.lim.reserved.Load(), "memoryBudget": s.cfg.MaxMemory,
		"maxConcurrent": s.cfg.MaxConcurrent, "queue": s.cfg.Queue, "maxUploads": cap(s.uploads),
	})
}

type described struct {
	Name        string `json:"name"`
	Description string `json:"description"`
	Extension   string `json:"extension,omitempty"`
	MediaType   string `json:"mediaType,omitempty"`
}

// profiles answers GET /api/v1/profiles.
func (s *Server) profiles(w http.ResponseWriter, r *http.Request) {
	list, err := profileList(langOf(r, "en"))
	if err != nil {
		s.apiError(w, r, err, "en")
		return
	}
	writeJSON(w, http.StatusOK, list)
}

func profileList(lang string) ([]described, error) {
	var list []described
	for _, name := range catalog.BuiltinProfiles {
		p, err := catalog.BuiltinProfile(name)
		if err != nil {
			return nil, fmt.Errorf("built-in profile %s: %w", name, err)
		}
		list = append(list, described{Name: p.Name, Description: describe(lang, "profile", p.Name, p.Description)})
	}
	return list, nil
}

// targets answers GET /api/v1/targets.
func (s *Server) targets(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, targetList(langOf(r, "en")))
}

func targetList(lang string) []described {
	var list []described
	for _, t := range formats.Targets {
		list = append(list, described{Name: t.Name, Description: describe(lang, "target", t.Name, t.Description),
			Extension: t.Extension, MediaType: mediaTypes[t.Extension]})
	}
	return list
}

// openapi answers GET /api/v1/openapi.json.
func (s *Server) openapi(w http.ResponseWriter, r *http.Request) {
	b, err := assets.ReadFile("assets/openapi.json")
	if err != nil {
		s.apiError(w, r, err, "en")
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Write(b)
}

// notFound answers every path no route has: 405 with Allow when the path
// exists for another method, else 404; JSON for the API, a page otherwise.
func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	lang := langOf(r, "en")
	var allow []string
	for _, rt := range s.routes() {
		if strings.TrimSuffix(rt.Path, "{$}") == r.URL.Path {
			allow = append(allow, rt.Method)
		}
	}
	err := errorf(http.StatusNotFound, msg(lang, "notFound", r.URL.Path))
	if len(allow) > 0 {
		w.Header().Set("Allow", strings.Join(allow, ", "))
		err = errorf(http.StatusMethodNotAllowed, msg(lang, "badMethod", r.Method))
	}
	s.apiError(w, r, err, lang)
}
