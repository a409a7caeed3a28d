package register

import (
	"bytes"
	"context"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io"
	"mime"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/ekatalog/ekatalog/catalog"
	"github.com/ekatalog/ekatalog/internal/pipeline"
	"github.com/ekatalog/ekatalog/internal/report"
)

// PagesPrefix is where the register's web pages are mounted.
const PagesPrefix = "/register"

// Cookie names of the pages.
const (
	sessionCookie = "ekr_session"
	loginCookie   = "ekr_login" // the login form's double-submit token
	langCookie    = "ekr_lang"
)

// Pages are the register's web pages for people: a supplier's submissions,
// reports and responses, a buyer's incoming submissions and decisions, and
// both sides' feed versions. They work without JavaScript; a bearer token
// logs a person in to a session kept in the database.
type Pages struct {
	store *Store
	api   *Handler
	tmpl  *template.Template
	mux   *http.ServeMux
}

// NewPages returns the pages over a store; api bounds their submissions as
// the API's are bounded.
func NewPages(s *Store, api *Handler) *Pages {
	p := &Pages{store: s, api: api}
	p.tmpl = template.Must(template.New("page").Funcs(template.FuncMap{
		"t":    func(lang, key string) string { return tr(lang, key) },
		"pct":  func(f *float64) string { return pctOf(f) },
		"time": func(t time.Time) string { return t.UTC().Format("2006-01-02 15:04 UTC") },
		"ver": func(v *int64) string {
			if v == nil {
				return "–"
			}
			return strconv.FormatInt(*v, 10)
		},
	}).Parse(pageTemplate))
	p.mux = p.routes()
	return p
}

func pctOf(f *float64) string {
	if f == nil {
		return ""
	}
	return pct(*f) + " %"
}

// view is what a page template gets.
type view struct {
	Lang, Other string // the page's language and the other one
	Path        string // the page's path, for the language switch
	Party       *Party
	CSRF        string
	LoginToken  string
	Error       string
	Page        string
	Data        any
}

type pageError struct {
	status int
	msg    string
}

func (e *pageError) Error() string { return e.msg }

// ServeHTTP routes the pages.
func (p *Pages) ServeHTTP(w http.ResponseWriter, r *http.Request) { p.mux.ServeHTTP(w, r) }

// routes is the table of pages.
func (p *Pages) routes() *http.ServeMux {
	mux := http.NewServeMux()
	type route struct {
		pattern string
		kind    string // "" any party, "-" no session needed
		fn      func(w http.ResponseWriter, r *http.Request, v *view, sess *Session) error
	}
	for _, rt := range []route{
		{"GET /login", "-", p.loginPage},
		{"POST /login", "-", p.login},
		{"POST /logout", "", p.logout},
		{"GET /{$}", "", p.home},
		{"POST /submit", Supplier, p.submit},
		{"GET /submissions/{id}", Supplier, p.submission},
		{"GET /submissions/{id}/report.html", Supplier, p.report},
		{"GET /submissions/{id}/report.xlsx", Supplier, p.report},
		{"GET /submissions/{id}/response/{buyer}", Supplier, p.response},
		{"GET /incoming/{id}", Buyer, p.incoming},
		{"POST /incoming/{id}/decision", Buyer, p.decide},
		{"GET /versions/{party}", "", p.versions},
	} {
		method, path, _ := strings.Cut(rt.pattern, " ")
		mux.HandleFunc(method+" "+PagesPrefix+path, p.wrap(rt.kind, rt.fn))
	}
	mux.HandleFunc(PagesPrefix+"/", p.wrap("", func(w http.ResponseWriter, r *http.Request, v *view, sess *Session) error {
		return ErrNotFound
	}))
	return mux
}

// langOf is the page's language: ?lang=, else the cookie, else Danish.
func langOf(w http.ResponseWriter, r *http.Request) string {
	if l := r.URL.Query().Get("lang"); l == "da" || l == "en" {
		http.SetCookie(w, &http.Cookie{Name: langCookie, Value: l, Path: PagesPrefix, HttpOnly: true, SameSite: http.SameSiteStrictMode, Secure: secure(r)})
		return l
	}
	if c, err := r.Cookie(langCookie); err == nil && (c.Value == "da" || c.Value == "en") {
		return c.Value
	}
	return "da"
}

// secure reports whether the request came over TLS (directly, or through a
// proxy that says so): cookies are Secure then.
func secure(r *http.Request) bool {
	return r.TLS != nil || strings.EqualFold(r.Header.Get("X-Forwarded-Proto"), "https")
}

// wrap finds the session, checks the party's kind (another kind: 404) and
// the CSRF token of posts, runs fn, renders errors and audits the request.
func (p *Pages) wrap(kind string, fn func(w http.ResponseWriter, r *http.Request, v *view, sess *Session) error) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		rec := &recorder{ResponseWriter: w}
		r = r.WithContext(context.WithValue(r.Context(), detailKey{}, rec))
		lang := langOf(rec, r)
		v := &view{Lang: lang, Other: map[string]string{"da": "en", "en": "da"}[lang], Path: r.URL.Path}
		var sess *Session
		err := func() error {
			if kind != "-" {
				c, err := r.Cookie(sessionCookie)
				if err != nil {
					return errLogin
				}
				if sess, err = p.store.SessionOf(r.Context(), c.Value); err != nil {
					if errors.Is(err, ErrNotFound) {
						return errLogin
					}
					return err
				}
				v.Party, v.CSRF = &sess.Party, sess.CSRF
				if kind != "" && sess.Party.Kind != kind {
					return ErrNotFound
				}
				if r.Method == http.MethodPost {
					if err := r.ParseMultipartForm(32 << 10); err != nil && !errors.Is(err, http.ErrNotMultipart) {
						return &pageError{http.StatusBadRequest, err.Error()}
					}
					got := r.FormValue("csrf")
					if subtle.ConstantTimeCompare([]byte(got), []byte(sess.CSRF)) != 1 {
						return &pageError{http.StatusForbidden, tr(lang, "csrf")}
					}
				}
			}
			return fn(rec, r, v, sess)
		}()
		if err == errLogin {
			// Not logged in (or logged out): the login page, nothing else.
			rec.detail = "no session"
			http.Redirect(rec, r, PagesPrefix+"/login?lang="+lang, http.StatusSeeOther)
		} else if err != nil {
			status, msg := http.StatusInternalServerError, tr(lang, "internal")
			var pe *pageError
			var ae *apiError
			switch {
			case errors.As(err, &pe):
				status, msg = pe.status, pe.msg
			case errors.As(err, &ae), errors.Is(err, ErrNotFound), busy(err):
				a := statusOf(err)
				status, msg = a.status, a.msg
				if status == http.StatusNotFound {
					msg = tr(lang, "notfound")
				}
			default:
				var ie *InputError
				if errors.As(err, &ie) {
					status, msg = http.StatusUnprocessableEntity, ie.Error()
				} else {
					p.api.log.Printf("%s %s: %v", r.Method, r.URL.Path, err)
				}
			}
			rec.detail = msg
			v.Error, v.Page = msg, "error"
			p.render(rec, status, v)
		}
		e := AuditEntry{Action: "page " + r.Method + " " + r.URL.Path, Object: r.URL.RequestURI(), Status: rec.status, Detail: rec.detail}
		if sess != nil {
			e.Party, e.Actor = sess.Party.ID, sess.Party.ID
		}
		if e.Status == 0 {
			e.Status = http.StatusOK
		}
		if err := p.store.Audit(r.Context(), e); err != nil {
			p.api.log.Printf("audit of %s %s: %v", r.Method, r.URL.Path, err)
		}
	}
}

var errLogin = errors.New("log in")

func (p *Pages) render(w http.ResponseWriter, status int, v *view) {
	var b bytes.Buffer
	if err := p.tmpl.Execute(&b, v); err != nil {
		p.api.log.Printf("page %s: %v", v.Page, err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Length", strconv.Itoa(b.Len()))
	w.WriteHeader(status)
	w.Write(b.Bytes())
}

func (p *Pages) loginPage(w http.ResponseWriter, r *http.Request, v *view, _ *Session) error {
	// A session that is still live goes home.
	if c, err := r.Cookie(sessionCookie); err == nil {
		if _, err := p.store.SessionOf(r.Context(), c.Value); err == nil {
			http.Redirect(w, r, PagesPrefix+"/", http.StatusSeeOther)
			return nil
		}
	}
	v.LoginToken = randomToken()
	http.SetCookie(w, &http.Cookie{Name: loginCookie, Value: v.LoginToken, Path: PagesPrefix + "/login", HttpOnly: true,
		SameSite: http.SameSiteStrictMode, Secure: secure(r), MaxAge: 3600})
	v.Page = "login"
	p.render(w, http.StatusOK, v)
	return nil
}

func (p *Pages) login(w http.ResponseWriter, r *http.Request, v *view, _ *Session) error {
	r.Body = http.MaxBytesReader(w, r.Body, 16<<10)
	if err := r.ParseForm(); err != nil {
		return &pageError{http.StatusBadRequest, err.Error()}
	}
	c, err := r.Cookie(loginCookie)
	if err != nil || c.Value == "" || subtle.ConstantTimeCompare([]byte(c.Value), []byte(r.PostFormValue("csrf"))) != 1 {
		return &pageError{http.StatusForbidden, tr(v.Lang, "csrf")}
	}
	value, sess, err := p.store.NewSession(r.Context(), strings.TrimSpace(r.PostFormValue("token")))
	if errors.Is(err, ErrNotFound) {
		setDetail(r, "login refused: unknown or revoked token")
		v.LoginToken, v.Error, v.Page = c.Value, tr(v.Lang, "badtoken"), "login"
		p.render(w, http.StatusUnauthorized, v)
		return nil
	}
	if err != nil {
		return err
	}
	setDetail(r, "login of %s", sess.Party.ID)
	if err := p.store.Audit(r.Context(), AuditEntry{Party: sess.Party.ID, Actor: sess.Party.ID, Action: "login", Object: "session", Detail: "logged in to the pages"}); err != nil {
		return err
	}
	http.SetCookie(w, &http.Cookie{Name: loginCookie, Value: "", Path: PagesPrefix + "/login", MaxAge: -1})
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: value, Path: PagesPrefix, HttpOnly: true, SameSite: http.SameSiteStrictMode,
		Secure: secure(r), MaxAge: int(SessionTTL / time.Second)})
	http.Redirect(w, r, PagesPrefix+"/", http.StatusSeeOther)
	return nil
}

func (p *Pages) logout(w http.ResponseWriter, r *http.Request, v *view, sess *Session) error {
	c, _ := r.Cookie(sessionCookie)
	if err := p.store.EndSession(r.Context(), c.Value); err != nil {
		return err
	}
	setDetail(r, "logout of %s", sess.Party.ID)
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: "", Path: PagesPrefix, HttpOnly: true, SameSite: http.SameSiteStrictMode, Secure: secure(r), MaxAge: -1})
	http.Redirect(w, r, PagesPrefix+"/login", http.StatusSeeOther)
	return nil
}

// homeData is the start page of either party.
type homeData struct {
	Submissions []*Submission
	Pending     []*Submission
	Feeds       []Feed
	Buyers      []Subscription
}

func (p *Pages) home(w http.ResponseWriter, r *http.Request, v *view, sess *Session) error {
	ctx := r.Context()
	var d homeData
	var err error
	if sess.Party.Kind == Supplier {
		if d.Submissions, err = p.store.Submissions(ctx, sess.Party.ID); err != nil {
			return err
		}
		if d.Buyers, err = p.store.SubscribersOf(ctx, sess.Party.ID); err != nil {
			return err
		}
	} else {
		if d.Pending, err = p.store.Pending(ctx, sess.Party.ID); err != nil {
			return err
		}
		if d.Submissions, err = p.store.Incoming(ctx, sess.Party.ID); err != nil {
			return err
		}
		if d.Feeds, err = p.store.Feeds(ctx, sess.Party.ID); err != nil {
			return err
		}
	}
	v.Page, v.Data = "home", d
	p.render(w, http.StatusOK, v)
	return nil
}

// submit takes a catalogue from the supplier's form, as the API does.
func (p *Pages) submit(w http.ResponseWriter, r *http.Request, v *view, sess *Session) error {
	release, err := p.api.work.admit(r.Context())
	if err != nil {
		return err
	}
	defer release()
	f, fh, err := r.FormFile("file")
	if err != nil {
		return &pageError{http.StatusBadRequest, tr(v.Lang, "nofile")}
	}
	defer f.Close()
	dir, err := os.MkdirTemp("", "ekatalog-submission-*")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	name := filepath.Base(strings.ReplaceAll(fh.Filename, "\\", "/"))
	if name == "" || name == "." || name == "/" {
		name = "catalogue"
	}
	path := filepath.Join(dir, "upload"+strings.ToLower(extOf(name)))
	out, err := os.Create(path)
	if err != nil {
		return err
	}
	_, err = io.Copy(out, io.LimitReader(f, p.api.cfg.MaxUpload+1))
	if e := out.Close(); err == nil {
		err = e
	}
	if err != nil {
		return err
	}
	sub, err := p.store.Submit(r.Context(), SubmitRequest{Supplier: sess.Party.ID, Path: path, Name: name, Lang: v.Lang})
	if err != nil {
		return err
	}
	setDetail(r, "submission %s %s sha256 %s", sub.ID, sub.File, sub.SHA256)
	http.Redirect(w, r, PagesPrefix+"/submissions/"+sub.ID, http.StatusSeeOther)
	return nil
}

// outcomeView is a buyer's outcome with what the page shows of it.
type outcomeView struct {
	FeedOutcome
	BuyerName string
	Decisions []Decision
	Diff      *diffView
	Compare   *compareView
}

type diffView struct {
	Summary struct {
		OldLines, NewLines, Added, Removed, Changed, Unchanged int
	} `json:"summary"`
	Added   []struct{ ItemID, Name string } `json:"added"`
	Removed []struct{ ItemID, Name string } `json:"removed"`
	Changed []struct {
		ItemID      string
		Fields      []struct{ Field, Old, New string }
		PriceChange *float64
	} `json:"changed"`
}

type compareView struct {
	Summary struct {
		Matched, NotOnAgreement, AgreementItems, AgreementFound, Above, AboveMax, UnitMismatch int
		Coverage                                                                               float64
	} `json:"summary"`
	Findings []struct {
		Rule, Severity, Message string
		ItemID                  *string
	} `json:"findings"`
}

func (p *Pages) outcome(ctx context.Context, sub *Submission, o FeedOutcome) (outcomeView, error) {
	ov := outcomeView{FeedOutcome: o}
	if b, err := p.store.Party(ctx, o.Buyer); err == nil {
		ov.BuyerName = b.Name
	}
	var err error
	if ov.Decisions, err = p.store.Decisions(ctx, sub.ID, o.Buyer); err != nil {
		return ov, err
	}
	if o.Diff != nil {
		ov.Diff = &diffView{}
		if err := json.Unmarshal(o.Diff, ov.Diff); err != nil {
			return ov, err
		}
	}
	if o.Comparison != nil {
		ov.Compare = &compareView{}
		if err := json.Unmarshal(o.Comparison, ov.Compare); err != nil {
			return ov, err
		}
		if len(ov.Compare.Findings) > 200 {
			ov.Compare.Findings = ov.Compare.Findings[:200]
		}
	}
	return ov, nil
}

type submissionData struct {
	Sub      *Submission
	Outcomes []outcomeView
	Summary  struct{ Errors, Warnings int }
}

func (p *Pages) submission(w http.ResponseWriter, r *http.Request, v *view, sess *Session) error {
	sub, err := p.store.Submission(r.Context(), sess.Party.ID, r.PathValue("id"))
	if err != nil {
		return err
	}
	d := submissionData{Sub: sub}
	for _, o := range sub.Feeds {
		ov, err := p.outcome(r.Context(), sub, o)
		if err != nil {
			return err
		}
		d.Outcomes = append(d.Outcomes, ov)
	}
	v.Page, v.Data = "submission", d
	p.render(w, http.StatusOK, v)
	return nil
}

func (p *Pages) incoming(w http.ResponseWriter, r *http.Request, v *view, sess *Session) error {
	sub, err := p.store.SubmissionForBuyer(r.Context(), sess.Party.ID, r.PathValue("id"))
	if err != nil {
		return err
	}
	d := submissionData{Sub: sub}
	for _, o := range sub.Feeds {
		ov, err := p.outcome(r.Context(), sub, o)
		if err != nil {
			return err
		}
		d.Outcomes = append(d.Outcomes, ov)
	}
	v.Page, v.Data = "incoming", d
	p.render(w, http.StatusOK, v)
	return nil
}

// decide takes the buyer's decision form: "decision" (accept or reject),
// "reason", and per line to reject a checked "reject" box with the item's
// ID and its reason in "reason-ID".
func (p *Pages) decide(w http.ResponseWriter, r *http.Request, v *view, sess *Session) error {
	id := r.PathValue("id")
	if _, err := p.store.SubmissionForBuyer(r.Context(), sess.Party.ID, id); err != nil {
		return err
	}
	req := DecideRequest{Decision: r.PostFormValue("decision"), Reason: r.PostFormValue("reason")}
	for _, item := range r.PostForm["reject"] {
		req.RejectLines = append(req.RejectLines, LineRejection{SellerItemID: item, Reason: r.PostFormValue("reason-" + item)})
	}
	d, err := p.store.Decide(r.Context(), sess.Party.ID, id, req)
	if err != nil {
		var ae *apiError
		if errors.As(err, &ae) && ae.status < 500 {
			return &pageError{ae.status, ae.msg}
		}
		return err
	}
	setDetail(r, "decision %d: %s -> %s; response %s", d.ID, d.Decision, d.Status, d.ResponseID)
	http.Redirect(w, r, PagesPrefix+"/incoming/"+url.PathEscape(id), http.StatusSeeOther)
	return nil
}

// report answers the submission's validation report as HTML or as the
// Excel workbook of the supplier's own rows, made again from the original
// under the profile of its first buyer.
func (p *Pages) report(w http.ResponseWriter, r *http.Request, v *view, sess *Session) error {
	format := "html"
	if strings.HasSuffix(r.URL.Path, ".xlsx") {
		format = "xlsx"
	}
	release, err := p.api.work.admit(r.Context())
	if err != nil {
		return err
	}
	defer release()
	var b bytes.Buffer
	name, err := p.store.WriteReport(r.Context(), &b, sess.Party.ID, r.PathValue("id"), format, v.Lang)
	if err != nil {
		return err
	}
	if format == "xlsx" {
		w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
		w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name + ".report.xlsx"}))
	} else {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
	}
	w.Header().Set("Content-Length", strconv.Itoa(b.Len()))
	w.Write(b.Bytes())
	return nil
}

func (p *Pages) response(w http.ResponseWriter, r *http.Request, v *view, sess *Session) error {
	xml, err := p.store.Response(r.Context(), sess.Party.ID, r.PathValue("id"), r.PathValue("buyer"))
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/xml")
	w.Header().Set("Content-Length", strconv.Itoa(len(xml)))
	io.WriteString(w, xml)
	return nil
}

type versionsData struct {
	Other    Party
	Versions []Version
}

// versions lists a feed's versions: a buyer names the supplier, a
// supplier the buyer.
func (p *Pages) versions(w http.ResponseWriter, r *http.Request, v *view, sess *Session) error {
	other := r.PathValue("party")
	buyer, supplier := sess.Party.ID, other
	if sess.Party.Kind == Supplier {
		buyer, supplier = other, sess.Party.ID
	}
	vs, err := p.store.Versions(r.Context(), buyer, supplier)
	if err != nil {
		return err
	}
	op, err := p.store.Party(r.Context(), other)
	if err != nil {
		return err
	}
	v.Page, v.Data = "versions", versionsData{Other: op, Versions: vs}
	p.render(w, http.StatusOK, v)
	return nil
}

// WriteReport writes a supplier's submission's validation report ("html"
// or "xlsx") and returns the submission's file name: the original is read
// again under the profile of its first buyer, as the submission was.
func (s *Store) WriteReport(ctx context.Context, w io.Writer, supplier, id, format, lang string) (string, error) {
	sub, err := s.Submission(ctx, supplier, id)
	if err != nil {
		return "", err
	}
	name, data, err := s.Original(ctx, supplier, id)
	if err != nil {
		return "", err
	}
	dir, err := os.MkdirTemp("", "ekatalog-report-*")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "original"+strings.ToLower(extOf(name)))
	if err := os.WriteFile(path, data, 0o600); err != nil {
		return "", err
	}
	var checkers []*checker
	if len(sub.Feeds) > 0 {
		sb, err := s.Subscription(ctx, sub.Feeds[0].Buyer, supplier)
		if err != nil {
			return "", err
		}
		prof, err := s.profile(ctx, sb)
		if err != nil {
			return "", err
		}
		b, err := s.Party(ctx, sb.Buyer)
		if err != nil {
			return "", err
		}
		checkers = append(checkers, &checker{name: sb.Profile, profile: prof, receiver: headerParty(b)})
	}
	sp, err := s.Party(ctx, supplier)
	if err != nil {
		return "", err
	}
	def := defaults(id, sp)
	def.IssueDate, def.ValidFrom = sub.Received.Format("2006-01-02"), sub.Received.Format("2006-01-02")
	if len(checkers) == 0 {
		// No buyer: the format's default profile, as the submission had.
		src, err := pipeline.Open(path, pipeline.Options{Name: name})
		if err != nil {
			return "", err
		}
		prof, err := catalog.BuiltinProfile(pipeline.DefaultProfile(src))
		src.Close()
		if err != nil {
			return "", err
		}
		checkers = append(checkers, &checker{name: prof.Name, profile: prof})
	}
	req := SubmitRequest{Supplier: supplier, Path: path, Name: name, Lang: lang}
	if _, _, _, _, err := readOnce(req, checkers, def); err != nil {
		return "", err
	}
	rep := checkers[0].rep
	pr, err := report.ByName(format)
	if err != nil {
		return "", err
	}
	opts := report.Options{Lang: lang, Inputs: report.At(map[string]string{rep.File: path})}
	if err := pr.Print(w, []*catalog.Report{rep}, opts); err != nil {
		return "", fmt.Errorf("report of %s: %w", id, err)
	}
	return name, nil
}
