package server

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// chromium returns the path of a Chromium or Chrome binary, or "".
func chromium() string {
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

// TestBrowser drives a real headless Chromium: it chooses the defect
// catalogue and an agreement on the page, sends the form and reads the
// findings from the rendered report and comparison; once with JavaScript (the form goes in the background
// and the result is put into the page) and once without (a plain form
// POST that answers with the result page).
func TestBrowser(t *testing.T) {
	exe := chromium()
	if exe == "" {
		t.Skip("no chromium binary (apt-get install chromium)")
	}
	ts := newTestServer(t, Config{})
	demoPath, err := filepath.Abs(demo)
	if err != nil {
		t.Fatal(err)
	}
	agreementPath, err := filepath.Abs(agreement)
	if err != nil {
		t.Fatal(err)
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe), chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.Flag("disable-dev-shm-usage", true), chromedp.UserDataDir(t.TempDir()))
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelAlloc()
	browser, cancelBrowser := chromedp.NewContext(actx)
	defer cancelBrowser()
	if err := chromedp.Do(browser); err != nil {
		t.Skipf("chromium does not start: %v", err)
	}

	// report reads the result: the heading and the text of the report in
	// its frame (or the text report), once it has the findings.
	const report = `(() => {
	  const r = document.querySelector('#result');
	  const f = r && r.querySelector('iframe.report');
	  const d = f && f.contentDocument && f.contentDocument.body;
	  const text = d ? d.innerText : ((r && r.querySelector('pre.report')) || {}).innerText || '';
	  return text.includes('GTIN-CHECK-DIGIT') ? r.querySelector('h2').innerText + '\n' + text : '';
	})()`

	t.Run("too-large", func(t *testing.T) { checkTooLarge(t, browser, demoPath) })
	for _, tc := range []struct {
		name   string
		script bool
		path   string // where the browser is after sending
	}{
		{"javascript", true, "/"},
		{"no-javascript", false, "/report"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx, cancel := chromedp.NewContext(browser)
			defer cancel()
			ctx, cancelTime := context.WithTimeout(ctx, 60*time.Second)
			defer cancelTime()
			err := chromedp.Do(ctx,
				chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
					_, err := cdp.Call(ctx, tg, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: !tc.script})
					return err
				}),
				chromedp.Navigate(ts.URL+"/?lang=da"),
				chromedp.WaitVisible(chromedp.ID("file")),
				chromedp.SetUploadFiles(chromedp.ID("file"), []string{demoPath}),
				chromedp.SetValue(chromedp.ID("profile"), "dk-ehandel"),
				chromedp.SetValue(chromedp.ID("target"), "json"),
				chromedp.SetUploadFiles(chromedp.ID("agreement"), []string{agreementPath}),
				chromedp.Click(chromedp.ID("check")),
			)
			if err != nil {
				t.Fatal(err)
			}
			// Read until the report is there. Without JavaScript the form
			// navigates, and the page's own timers do not run, so the
			// test polls from here.
			var text string
			for deadline := time.Now().Add(30 * time.Second); text == "" && time.Now().Before(deadline); {
				text, err = chromedp.Run(ctx, chromedp.Evaluate[string](report))
				if text == "" {
					time.Sleep(100 * time.Millisecond)
				}
			}
			if text == "" {
				t.Fatalf("no report with the findings on the page (last error: %v)", err)
			}
			path, err := chromedp.Run(ctx, chromedp.Evaluate[string](`location.pathname`))
			if err != nil {
				t.Fatal(err)
			}
			downloads, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('#result .downloads a[download]').length`))
			if err != nil {
				t.Fatal(err)
			}
			// The report's own style sheet passes the page's policy.
			styled, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(() => {
			  const f = document.querySelector('#result iframe.report');
			  if (!f) return true;
			  const st = f.contentDocument.querySelector('style');
			  return !st || (st.sheet !== null && st.sheet.cssRules.length > 0);
			})()`))
			if err != nil || !styled {
				t.Errorf("the report's style sheet was not applied (%v)", err)
			}
			if tc.script {
				checkDownload(t, ctx)
			}
			if shot := os.Getenv("EKATALOG_SCREENSHOT"); shot != "" {
				if png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100)); err == nil {
					os.WriteFile(strings.TrimSuffix(shot, ".png")+"-"+tc.name+".png", png, 0o644)
				}
			}
			for _, want := range []string{"katalog.csv: OVERHOLDER IKKE PROFILEN", "GTIN-CHECK-DIGIT", "ITEM-DUPLICATE", "forkert kontrolciffer"} {
				if !strings.Contains(text, want) {
					t.Errorf("the rendered report does not say %q:\n%s", want, text)
				}
			}
			if path != tc.path {
				t.Errorf("the browser is at %s after sending, want %s", path, tc.path)
			}
			if downloads < 3 {
				t.Errorf("%d download links, want the converted file, the Excel report and the comparison", downloads)
			}
			// The comparison with the agreement, in its own frame.
			cmp, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(() => {
			  const f = document.querySelector('#result iframe.comparison');
			  return document.querySelector('#comparison').innerText + '\n' + (f && f.contentDocument.body ? f.contentDocument.body.innerText : '');
			})()`))
			if err != nil || !strings.Contains(cmp, "AFVIGER FRA AFTALEN") || !strings.Contains(cmp, "ITEM-NOT-ON-AGREEMENT") {
				t.Errorf("the comparison is not on the page (%v):\n%s", err, cmp)
			}
		})
	}
}

// checkTooLarge: with JavaScript, a file over the server's limit is
// refused on the page before it is sent.
func checkTooLarge(t *testing.T, browser context.Context, file string) {
	t.Helper()
	small := newTestServer(t, Config{MaxUpload: 512})
	ctx, cancel := chromedp.NewContext(browser)
	defer cancel()
	ctx, cancelTime := context.WithTimeout(ctx, 30*time.Second)
	defer cancelTime()
	err := chromedp.Do(ctx,
		chromedp.Navigate(small.URL+"/?lang=da"),
		chromedp.WaitVisible(chromedp.ID("file")),
		chromedp.SetUploadFiles(chromedp.ID("file"), []string{file}),
		chromedp.Click(chromedp.ID("check")),
	)
	if err != nil {
		t.Fatal(err)
	}
	var status string
	for deadline := time.Now().Add(10 * time.Second); !strings.Contains(status, "grænsen") && time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		status, _ = chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById('status').innerText`))
	}
	if !strings.Contains(status, "større end grænsen på 512 bytes") {
		t.Errorf("status %q", status)
	}
}

// checkDownload presses "download converted file" on a page whose form is
// filled in: the script sends the form again and saves the answer.
func checkDownload(t *testing.T, ctx context.Context) {
	t.Helper()
	dir := t.TempDir()
	_, err := chromedp.CallBrowser(ctx, browser.SetDownloadBehavior,
		browser.SetDownloadBehaviorParams{Behavior: browser.SetDownloadBehaviorBehaviorAllow, DownloadPath: dir})
	if err == nil {
		err = chromedp.Do(ctx, chromedp.Click(chromedp.ID("get-converted")))
	}
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "katalog.json")
	var b []byte
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		if b, err = os.ReadFile(path); err == nil && len(b) > 0 && bytes.HasSuffix(bytes.TrimSpace(b), []byte("}")) {
			break
		}
	}
	var cat struct{ Lines []json.RawMessage }
	if err := json.Unmarshal(b, &cat); err != nil || len(cat.Lines) != 10 {
		entries, _ := os.ReadDir(dir)
		t.Errorf("downloaded %s: %d lines, %v (folder: %v)", path, len(cat.Lines), err, entries)
	}
}
