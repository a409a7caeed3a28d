package register

import (
	"bytes"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	ekserver "github.com/ekatalog/ekatalog/internal/server"
	"github.com/xuri/excelize/v2"
)

// site is the register's API and pages behind ekatalog's web server.
type site struct {
	*api
	base string
}

func newSite(t *testing.T, url string) *site {
	a := newAPI(t, url)
	h := NewHandler(a.s, HandlerConfig{MaxUpload: 8 << 20})
	srv, err := ekserver.New(ekserver.Config{Register: h, RegisterPages: NewPages(a.s, h)})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	a.url = ts.URL + Prefix
	return &site{api: a, base: ts.URL}
}

// person is a browser without JavaScript: a cookie jar.
type person struct {
	t    *testing.T
	c    *http.Client
	base string
	csrf string
}

var csrfField = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

func (s *site) login(party string) *person {
	s.t.Helper()
	jar, _ := cookiejar.New(nil)
	p := &person{t: s.t, c: &http.Client{Jar: jar}, base: s.base}
	_, b := p.get("/register/login?lang=en")
	m := csrfField.FindSubmatch(b)
	if m == nil {
		s.t.Fatalf("login page without its token:\n%s", b)
	}
	res, b := p.post("/register/login", url.Values{"csrf": {string(m[1])}, "token": {s.tokens[party]}})
	if res.StatusCode != 200 || res.Request.URL.Path != "/register/" {
		s.t.Fatalf("login of %s: %d %s\n%s", party, res.StatusCode, res.Request.URL, b)
	}
	if m := csrfField.FindSubmatch(b); m != nil {
		p.csrf = string(m[1])
	}
	return p
}

func (p *person) get(path string) (*http.Response, []byte) {
	p.t.Helper()
	res, err := p.c.Get(p.base + path)
	if err != nil {
		p.t.Fatal(err)
	}
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	return res, b
}

func (p *person) post(path string, form url.Values) (*http.Response, []byte) {
	p.t.Helper()
	res, err := p.c.PostForm(p.base+path, form)
	if err != nil {
		p.t.Fatal(err)
	}
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	return res, b
}

func (p *person) upload(path, file string, csrf string) (*http.Response, []byte) {
	p.t.Helper()
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	mw.WriteField("csrf", csrf)
	fw, _ := mw.CreateFormFile("file", filepath.Base(file))
	data, _ := os.ReadFile(file)
	fw.Write(data)
	mw.Close()
	res, err := p.c.Post(p.base+path, mw.FormDataContentType(), &b)
	if err != nil {
		p.t.Fatal(err)
	}
	out, _ := io.ReadAll(res.Body)
	res.Body.Close()
	return res, out
}

// TestPages walks both roles through the pages without JavaScript, checks
// the session cookie, CSRF, escaping and logout, and tries every page as
// every wrong party (404).
func TestPages(t *testing.T) {
	eachDB(t, func(t *testing.T, dburl string) {
		s := newSite(t, dburl)
		// Not logged in: every page sends to the login page.
		anon := &person{t: t, c: &http.Client{}, base: s.base}
		if res, _ := anon.get("/register/"); res.Request.URL.Path != "/register/login" {
			t.Errorf("a page without a session: %s", res.Request.URL)
		}
		// The session cookie.
		jar, _ := cookiejar.New(nil)
		raw := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
		res, _ := raw.Get(s.base + "/register/login")
		b, _ := io.ReadAll(res.Body)
		m := csrfField.FindSubmatch(b)
		if res.Header.Get("Content-Security-Policy") == "" || strings.Contains(string(b), "<script") {
			t.Errorf("login page: CSP %q", res.Header.Get("Content-Security-Policy"))
		}
		res, _ = raw.PostForm(s.base+"/register/login", url.Values{"csrf": {"forged"}, "token": {s.tokens[supplierID]}})
		if res.StatusCode != 403 {
			t.Errorf("login with a forged form token: %d", res.StatusCode)
		}
		res, _ = raw.PostForm(s.base+"/register/login", url.Values{"csrf": {string(m[1])}, "token": {"ekr_wrong"}})
		if res.StatusCode != 401 {
			t.Errorf("login with a wrong token: %d", res.StatusCode)
		}
		res, _ = raw.PostForm(s.base+"/register/login", url.Values{"csrf": {string(m[1])}, "token": {s.tokens[supplierID]}})
		var cookie string
		for _, c := range res.Header.Values("Set-Cookie") {
			if strings.HasPrefix(c, sessionCookie+"=") {
				cookie = c
			}
		}
		if res.StatusCode != 303 || !strings.Contains(cookie, "HttpOnly") || !strings.Contains(cookie, "SameSite=Strict") || strings.Contains(cookie, "Secure") {
			t.Errorf("login: %d, cookie %q", res.StatusCode, cookie)
		}
		// Behind TLS (as a proxy says) the cookie is Secure.
		req, _ := http.NewRequest("POST", s.base+"/register/login", strings.NewReader(url.Values{"csrf": {string(m[1])}, "token": {s.tokens[supplierID]}}.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("X-Forwarded-Proto", "https")
		req.AddCookie(&http.Cookie{Name: loginCookie, Value: string(m[1])})
		res, _ = http.DefaultTransport.RoundTrip(req)
		if c := res.Header.Get("Set-Cookie"); !strings.Contains(strings.Join(res.Header.Values("Set-Cookie"), " "), "Secure") {
			t.Errorf("cookie behind TLS: %q", c)
		}

		sup, buyer := s.login(supplierID), s.login(buyerA)
		// Rules for A, a first version, then a rise that is held.
		s.do(buyerA, "PUT", "/subscriptions/"+supplierID+"/rules", strings.NewReader(`{"maxPriceRisePercent": 5}`), "application/json")
		if res, b := sup.upload("/register/submit", filepath.Join(testdata, "diff", "old.csv"), sup.csrf); res.StatusCode != 200 {
			t.Fatalf("submit: %d %s", res.StatusCode, b)
		}
		// A form post without the session's token: 403.
		if res, _ := sup.upload("/register/submit", filepath.Join(testdata, "diff", "old.csv"), "forged"); res.StatusCode != 403 {
			t.Errorf("submit without CSRF token: %d", res.StatusCode)
		}
		evil := priced(t, "<script>alert(1)<\\script>.csv", ";10,00;", ";10,80;", "Printerpapir A4", "Papir <script>alert(2)</script>")
		res, b = sup.upload("/register/submit", evil, sup.csrf)
		if res.StatusCode != 200 || !strings.Contains(string(b), "pending") {
			t.Fatalf("held submission page: %d %s", res.StatusCode, b)
		}
		if strings.Contains(string(b), "<script>") || !strings.Contains(string(b), "&lt;script&gt;") {
			t.Errorf("the file name is not escaped:\n%s", b)
		}
		subPath := res.Request.URL.Path
		id := strings.TrimPrefix(subPath, "/register/submissions/")
		// The buyer's view: the held line, the diff, the form.
		res, b = buyer.get("/register/incoming/" + id)
		if res.StatusCode != 200 || !strings.Contains(string(b), `value="D-002"`) || !strings.Contains(string(b), "HOLD") && !strings.Contains(string(b), "8 %") {
			t.Fatalf("incoming: %d %s", res.StatusCode, b)
		}
		if strings.Contains(string(b), "<script>") {
			t.Error("catalogue text unescaped on the buyer's page")
		}
		res, b = buyer.post("/register/incoming/"+id+"/decision", url.Values{"csrf": {buyer.csrf}, "decision": {"accept"}, "reason": {"ok"},
			"reject": {"D-002"}, "reason-D-002": {"price rise above the agreement"}})
		if res.StatusCode != 200 || !strings.Contains(string(b), "D-002: price rise above the agreement") {
			t.Fatalf("decision: %d %s", res.StatusCode, b)
		}
		res, b = sup.get(subPath)
		if !strings.Contains(string(b), "D-002: price rise above the agreement") || !strings.Contains(string(b), "/response/"+buyerA) {
			t.Errorf("the supplier does not see the response:\n%s", b)
		}
		res, b = sup.get(subPath + "/response/" + buyerA)
		if res.StatusCode != 200 || !strings.Contains(string(b), "<cbc:Note>D-002: price rise above the agreement</cbc:Note>") {
			t.Errorf("response: %d %s", res.StatusCode, b)
		}
		res, b = sup.get(subPath + "/report.html")
		if res.StatusCode != 200 || !strings.Contains(string(b), "<html") {
			t.Errorf("HTML report: %d", res.StatusCode)
		}
		res, b = sup.get(subPath + "/report.xlsx")
		if res.StatusCode != 200 || !bytes.HasPrefix(b, []byte("PK")) {
			t.Errorf("Excel report: %d", res.StatusCode)
		} else if wb, err := excelize.OpenReader(bytes.NewReader(b)); err != nil {
			t.Errorf("Excel report: %v", err)
		} else {
			// The supplier's own rows, read again from the stored
			// original, before the findings and the summary.
			if sheets := wb.GetSheetList(); len(sheets) != 3 {
				t.Errorf("Excel report sheets %q: the supplier's rows are missing", sheets)
			}
			wb.Close()
		}
		res, b = buyer.get("/register/versions/" + supplierID)
		if res.StatusCode != 200 || !strings.Contains(string(b), id) {
			t.Errorf("versions: %d", res.StatusCode)
		}
		if res, _ := sup.get("/register/versions/" + buyerA); res.StatusCode != 200 {
			t.Errorf("the supplier's versions: %d", res.StatusCode)
		}

		// Every page as every wrong party: 404.
		others := map[string]*person{otherSupplier: s.login(otherSupplier), otherBuyer: s.login(otherBuyer), buyerB: s.login(buyerB)}
		others[buyerA], others[supplierID] = buyer, sup
		pages := []struct {
			path  string
			owner []string
		}{
			{subPath, []string{supplierID}},
			{subPath + "/report.html", []string{supplierID}},
			{subPath + "/report.xlsx", []string{supplierID}},
			{subPath + "/response/" + buyerA, []string{supplierID}},
			{"/register/incoming/" + id, []string{buyerA, buyerB}},
			{"/register/versions/" + supplierID, []string{buyerA, buyerB}},
			{"/register/versions/" + buyerA, []string{supplierID}},
			{"/register/nonesuch", nil},
		}
		for _, pg := range pages {
			for party, p := range others {
				owner := false
				for _, o := range pg.owner {
					owner = owner || o == party
				}
				res, _ := p.get(pg.path)
				if owner && res.StatusCode != 200 || !owner && res.StatusCode != 404 {
					t.Errorf("%s as %s: %d", pg.path, party, res.StatusCode)
				}
			}
		}
		for party, p := range others {
			if party == buyerA {
				continue
			}
			res, _ := p.post("/register/incoming/"+id+"/decision", url.Values{"csrf": {p.csrf}, "decision": {"reject"}, "reason": {"x"}})
			if party == buyerB {
				if res.StatusCode != 409 {
					t.Errorf("decision as B (accepted already): %d", res.StatusCode)
				}
			} else if res.StatusCode != 404 {
				t.Errorf("decision as %s: %d", party, res.StatusCode)
			}
		}
		// Logout ends the session: no page opens for it afterwards.
		cookies := sup.c.Jar.Cookies(mustURL(s.base + "/register/"))
		if res, _ := sup.post("/register/logout", url.Values{"csrf": {sup.csrf}}); res.Request.URL.Path != "/register/login" {
			t.Errorf("logout went to %s", res.Request.URL)
		}
		replay := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
		for _, path := range []string{"/register/", subPath, subPath + "/report.html"} {
			req, _ := http.NewRequest("GET", s.base+path, nil)
			for _, c := range cookies {
				req.AddCookie(c)
			}
			res, err := replay.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
			if res.StatusCode != 303 || res.Header.Get("Location") != "/register/login?lang=en" {
				t.Errorf("%s with the logged-out session: %d %s", path, res.StatusCode, res.Header.Get("Location"))
			}
		}
	})
}

func mustURL(s string) *url.URL {
	u, err := url.Parse(s)
	if err != nil {
		panic(err)
	}
	return u
}
