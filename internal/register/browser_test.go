package register

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

func chromiumPath() string {
	if p := os.Getenv("EKATALOG_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// TestBrowserDecisionFlow drives a real headless Chromium, without
// JavaScript, through both roles: the supplier submits, the submission is
// held for the buyer's review, the buyer rejects one line with a reason and
// accepts the rest, and the supplier sees the response. Every page is
// photographed in Danish and English, into $EKATALOG_SCREENSHOTS or a
// temporary folder.
func TestBrowserDecisionFlow(t *testing.T) {
	exe := chromiumPath()
	if exe == "" {
		t.Skip("no chromium binary (apt-get install chromium)")
	}
	s := newSite(t, "sqlite:"+filepath.Join(t.TempDir(), "register.db"))
	shots := os.Getenv("EKATALOG_SCREENSHOTS")
	if shots == "" {
		shots = t.TempDir()
	}
	os.MkdirAll(shots, 0o755)
	rise := priced(t, "katalog-december.csv", ";10,00;", ";10,80;", ";20,00;", ";21,00;")
	first, _ := filepath.Abs(filepath.Join(testdata, "diff", "old.csv"))
	if res, b := s.do(buyerA, "PUT", "/subscriptions/"+supplierID+"/rules", strings.NewReader(`{"maxPriceRisePercent": 5, "holdOnUnitChange": true}`), "application/json"); res.StatusCode != 200 {
		t.Fatalf("rules: %s", b)
	}

	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe), chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.Flag("disable-dev-shm-usage", true), chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(1200, 900))
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelAlloc()
	browser, cancelBrowser := chromedp.NewContext(actx)
	defer cancelBrowser()
	if err := chromedp.Do(browser); err != nil {
		t.Skipf("chromium does not start: %v", err)
	}
	ctx, cancel := context.WithTimeout(browser, 120*time.Second)
	defer cancel()
	do := func(what string, steps ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		chromedp.Run(ctx, chromedp.Evaluate[bool](`document.body ? (document.body.dataset.stale = '1', true) : true`))
		if err := chromedp.Do(ctx, steps...); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	eval := func(js string) string {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Evaluate[string](js))
		if err != nil {
			t.Fatalf("%s: %v", js, err)
		}
		return v
	}
	// waitFor waits until the page's path starts with prefix and it has
	// loaded (a click's form post navigates).
	waitFor := func(prefix string) {
		t.Helper()
		var path string
		for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
			// A page marked stale (before a click) does not count.
			path, _ = chromedp.Run(ctx, chromedp.Evaluate[string](`document.readyState === 'complete' && !document.body.dataset.stale ? location.pathname : ''`))
			if path == prefix || !strings.HasSuffix(prefix, "/register/") && strings.HasPrefix(path, prefix) {
				return
			}
		}
		t.Fatalf("the browser is at %q, not %s", path, prefix)
	}
	text := func() string { return eval(`document.body.innerText`) }
	n := 0
	// shoot photographs the page in both languages and ends in Danish.
	shoot := func(name string) {
		t.Helper()
		path := eval(`location.pathname`)
		for _, lang := range []string{"en", "da"} {
			do("language "+lang, chromedp.Navigate(s.base+path+"?lang="+lang))
			waitFor(path)
			png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
			if err != nil {
				t.Fatal(err)
			}
			n++
			os.WriteFile(filepath.Join(shots, fmt.Sprintf("%02d-%s-%s.png", n, name, lang)), png, 0o644)
		}
	}
	login := func(party string) {
		t.Helper()
		do("login page", chromedp.Navigate(s.base+"/register/login?lang=da"), chromedp.WaitVisible(chromedp.ID("token")))
		if n == 0 {
			shoot("login")
		}
		do("login", chromedp.SendKeys(chromedp.ID("token"), s.tokens[party]), chromedp.Click(chromedp.ID("login")))
		waitFor("/register/")
		if eval(`location.pathname`) != "/register/" {
			t.Fatalf("after login at %s", eval(`location.pathname`))
		}
	}
	logout := func() {
		t.Helper()
		do("logout", chromedp.Click(chromedp.ID("logout")))
		waitFor("/register/login")
	}
	submit := func(file string) {
		t.Helper()
		do("submit", chromedp.SetUploadFiles(chromedp.ID("file"), []string{file}), chromedp.Click(chromedp.ID("send")))
		waitFor("/register/submissions/")
	}

	// The supplier: a first catalogue (accepted), then one with an 8 %
	// rise, held for the buyer.
	login(supplierID)
	submit(first)
	if !strings.Contains(text(), "godkendt") {
		t.Fatalf("first submission:\n%s", text())
	}
	do("home", chromedp.Navigate(s.base+"/register/"))
	waitFor("/register/")
	submit(rise)
	subPath := eval(`location.pathname`)
	id := strings.TrimPrefix(subPath, "/register/submissions/")
	if tx := text(); !strings.Contains(tx, "afventer") || !strings.Contains(tx, "D-002") {
		t.Fatalf("held submission:\n%s", tx)
	}
	shoot("supplier-submission-pending")
	do("home", chromedp.Navigate(s.base+"/register/"))
	waitFor("/register/")
	shoot("supplier-home")
	logout()

	// The buyer: the pending submission, its diff, one line rejected.
	login(buyerA)
	if !strings.Contains(eval(`(document.querySelector('#pending') || {innerText: ''}).innerText`), "katalog-december.csv") {
		t.Fatalf("not in the buyer's pending list:\n%s", text())
	}
	shoot("buyer-home")
	do("incoming", chromedp.Click(chromedp.CSS(`#pending a`)))
	waitFor("/register/incoming/" + id)
	shoot("buyer-pending-review")
	do("decision",
		chromedp.Click(chromedp.ID("reject-D-002")),
		chromedp.SendKeys(chromedp.ID("reason-D-002"), "price rise above the agreement"),
		chromedp.SendKeys(chromedp.ID("reason"), "Priserne er kontrolleret mod udbuddet"),
		chromedp.Click(chromedp.ID("accept")))
	waitFor("/register/incoming/" + id)
	if tx := text(); !strings.Contains(tx, "D-002: price rise above the agreement") || !strings.Contains(tx, "Version 2") {
		t.Fatalf("after the decision:\n%s", tx)
	}
	shoot("buyer-decided")
	do("versions", chromedp.Navigate(s.base+"/register/versions/"+supplierID))
	waitFor("/register/versions/")
	if !strings.Contains(text(), id) {
		t.Errorf("the versions do not list the submission:\n%s", text())
	}
	shoot("buyer-versions")
	logout()

	// The supplier sees the decision and fetches the response.
	login(supplierID)
	do("submission", chromedp.Navigate(s.base+subPath))
	waitFor(subPath)
	if tx := text(); !strings.Contains(tx, "D-002: price rise above the agreement") || !strings.Contains(tx, "Priserne er kontrolleret mod udbuddet") {
		t.Fatalf("the supplier's page after the decision:\n%s", tx)
	}
	shoot("supplier-response")
	do("versions", chromedp.Navigate(s.base+"/register/versions/"+buyerA))
	waitFor("/register/versions/")
	shoot("supplier-versions")
	do("response", chromedp.Navigate(s.base+subPath+"/response/"+buyerA))
	xml := eval(`document.documentElement.outerHTML + document.body.innerText`)
	if !strings.Contains(xml, "D-002: price rise above the agreement") || !strings.Contains(xml, "AP") {
		t.Errorf("the response in the browser:\n%s", xml)
	}
	do("back", chromedp.Navigate(s.base+"/register/"))
	waitFor("/register/")
	logout()
	// Logged out: every page is the login page.
	do("after logout", chromedp.Navigate(s.base+subPath))
	waitFor("/register/login")
	t.Logf("%d screenshots in %s", n, shots)
}
