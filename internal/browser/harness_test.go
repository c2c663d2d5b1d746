package browser

import (
	"context"
	"flag"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/storage"
	"github.com/chromedp/chromedp"

	"github.com/talksite/talksite"
	"github.com/talksite/talksite/internal/build"
	"github.com/talksite/talksite/internal/output"
	"github.com/talksite/talksite/internal/policy"
)

// TestMain stops the shared Chromium and removes the built site after the tests.
//
// The tests run in parallel (t.Parallel): most of their time is waiting for pages, so
// unless -test.parallel says otherwise, more of them run at once than there are CPUs.
func TestMain(m *testing.M) {
	flag.Parse()
	parallelSet := false
	flag.Visit(func(f *flag.Flag) { parallelSet = parallelSet || f.Name == "test.parallel" })
	if !parallelSet {
		flag.Set("test.parallel", "4")
	}
	code := m.Run()
	if chromium.cancel != nil {
		chromium.cancel()
	}
	if siteDir != "" {
		os.RemoveAll(filepath.Dir(siteDir))
	}
	os.Exit(code)
}

func env(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}

// need skips the test when a judge is missing, or fails it under CI.
func need(t *testing.T, what string, err error) {
	t.Helper()
	if err == nil {
		return
	}
	if os.Getenv("CI") != "" {
		t.Fatalf("%s is required in CI: %v", what, err)
	}
	t.Skipf("skipping browser test: %s not available (%v); run `bash .ci/run` or install chromium-headless-shell and `npm ci`", what, err)
}

// chromePath is the Chromium the tests drive: CHROME_PATH, or Debian's
// chromium-headless-shell, Chromium's own engine built without the browser's windows,
// profile and services (the same Blink, V8 and axe results). Loading and judging a page
// in it takes about a third less CPU than in chromium --headless, which is the whole
// browser run without a screen: the package's tests use 185 instead of 316 CPU-s. The
// golden screenshots are drawn by it: chromium spaces Arabic text a few pixels
// differently, so its lines break elsewhere and its screenshots would not match.
func chromePath(t *testing.T) string {
	t.Helper()
	chrome := env("CHROME_PATH", "/usr/bin/chromium-headless-shell")
	_, err := exec.LookPath(chrome)
	need(t, "chromium-headless-shell", err)
	return chrome
}

var (
	siteOnce sync.Once
	siteDir  string
	siteErr  error
)

// builtSite builds the default site once per test run into a temporary folder.
func builtSite(t *testing.T) string {
	t.Helper()
	siteOnce.Do(func() {
		res, err := build.Run(build.Options{Default: talksite.DefaultSite()})
		if err != nil {
			siteErr = err
			return
		}
		dir, err := os.MkdirTemp("", "talksite-browser-")
		if err != nil {
			siteErr = err
			return
		}
		siteDir = filepath.Join(dir, "public")
		siteErr = output.Write(siteDir, res.Output.Files)
	})
	if siteErr != nil {
		t.Fatal(siteErr)
	}
	return siteDir
}

// pages lists every HTML page of the built site, as paths from its root.
func pages(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".html") {
			rel, _ := filepath.Rel(dir, p)
			out = append(out, filepath.ToSlash(rel))
		}
		return err
	})
	return out
}

// serveSite serves dir on 127.0.0.1 with the headers a well-configured host sends.
func serveSite(t *testing.T, dir string) *httptest.Server {
	t.Helper()
	files := http.FileServer(http.Dir(dir))
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for _, h := range policy.Headers {
			w.Header().Set(h[0], h[1])
		}
		files.ServeHTTP(w, r)
	}))
	t.Cleanup(ts.Close)
	return ts
}

// chromiumOptions are the flags of every Chromium the tests start: headless, and able to
// reach nothing but the loopback address.
func chromiumOptions(chrome string, extra ...chromedp.ExecAllocatorOption) []chromedp.ExecAllocatorOption {
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chrome),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-component-update", true),
		// Every host name fails to resolve except loopback: requests to other sites still
		// appear in the network log, then fail.
		chromedp.Flag("host-resolver-rules", "MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"),
		// No optimising JavaScript compilers (Maglev, TurboFan), only the interpreter and
		// the baseline compiler: each page is a new document, so the code they optimise
		// (axe-core's, mostly) is thrown away a few hundred milliseconds later. Without them
		// TestEveryPage uses about an eighth less CPU; what scripts do is the same.
		chromedp.Flag("js-flags", "--no-opt --no-maglev"),
		// chromedp's two (no Translate offer on an Arabic page), and: each navigation in a
		// tab reuses its frame instead of making a new one (RenderDocument), and the page it
		// leaves is thrown away instead of kept for Back (BackForwardCache). TestEveryPage,
		// 247 navigations in two tabs, uses about a sixth less CPU (119 → 99 CPU-s, five
		// runs each). No test goes Back to a page.
		chromedp.Flag("disable-features", "Translate,BlinkGenPropertyTrees,RenderDocument,BackForwardCache"),
		chromedp.WindowSize(1280, 900),
	)
	return append(opts, extra...)
}

// chromium is the one Chromium that the tests of this package share: starting one takes
// a second or more of CPU, and each test gets a browser context of its own in it (see
// newBrowser). TestMain stops it.
var chromium struct {
	once   sync.Once
	ctx    context.Context
	cancel context.CancelFunc
	err    error
}

func sharedChromium(t *testing.T) context.Context {
	t.Helper()
	chrome := chromePath(t)
	chromium.once.Do(func() {
		allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), chromiumOptions(chrome)...)
		ctx, cancelCtx := chromedp.NewContext(allocCtx)
		chromium.ctx, chromium.cancel = ctx, func() { cancelCtx(); cancelAlloc() }
		chromium.err = chromedp.Do(ctx)
	})
	if chromium.err != nil {
		t.Fatalf("start chromium: %v", chromium.err)
	}
	return chromium.ctx
}

// newBrowser returns a browser for one test: a browser context of its own (its own
// cookies, storage, cache and downloads, like a fresh profile) in the shared Chromium, or,
// with extra flags, a Chromium of its own.
func newBrowser(t *testing.T, extra ...chromedp.ExecAllocatorOption) context.Context {
	t.Helper()
	// A hung page (a dialog, a script in a loop) fails the test instead of blocking it.
	const limit = 6 * time.Minute
	if len(extra) > 0 {
		chrome := chromePath(t)
		deadline, cancelDeadline := context.WithTimeout(context.Background(), limit)
		t.Cleanup(cancelDeadline)
		allocCtx, cancelAlloc := chromedp.NewExecAllocator(deadline, chromiumOptions(chrome, extra...)...)
		ctx, cancelCtx := chromedp.NewContext(allocCtx)
		t.Cleanup(func() { cancelCtx(); cancelAlloc() })
		if err := chromedp.Do(ctx); err != nil {
			t.Fatalf("start chromium: %v", err)
		}
		return ctx
	}
	deadline, cancelDeadline := context.WithTimeout(sharedChromium(t), limit)
	ctx, cancelCtx := chromedp.NewContext(deadline, chromedp.WithNewBrowserContext())
	t.Cleanup(func() { cancelCtx(); cancelDeadline() })
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("new browser context: %v", err)
	}
	return ctx
}

// netLog records every request of a tab.
type netLog struct {
	mu       sync.Mutex
	urls     []string
	started  bool
	idle     chan struct{}
	idleOnce sync.Once
}

func (nl *netLog) all() []string {
	nl.mu.Lock()
	defer nl.mu.Unlock()
	return append([]string(nil), nl.urls...)
}

// forget clears the log, for a tab's next page.
func (nl *netLog) forget() {
	nl.mu.Lock()
	nl.urls = nil
	nl.mu.Unlock()
}

// foreign returns the requests to any origin but origin (data: and blob: never leave).
func (nl *netLog) foreign(origin string) []string {
	var out []string
	for _, u := range nl.all() {
		p, err := url.Parse(u)
		if err != nil {
			out = append(out, u)
			continue
		}
		switch p.Scheme {
		case "data", "blob":
			continue
		case "file":
			if origin == "file://" {
				continue
			}
		}
		if p.Scheme+"://"+p.Host != origin {
			out = append(out, u)
		}
	}
	return out
}

// newTab opens a tab in browser with the network log running.
func newTab(t *testing.T, browser context.Context) (context.Context, *netLog) {
	t.Helper()
	tab, cancel := chromedp.NewContext(browser)
	t.Cleanup(cancel)
	nl := &netLog{idle: make(chan struct{})}
	if err := chromedp.Listen(tab, func(ev any) {
		nl.mu.Lock()
		defer nl.mu.Unlock()
		switch ev := ev.(type) {
		case *network.EventRequestWillBeSent:
			nl.urls = append(nl.urls, ev.Request.URL)
			if ev.Type == network.ResourceTypeDocument {
				nl.started = true
			}
		case *page.EventLifecycleEvent:
			if ev.Name == "networkIdle" && nl.started {
				nl.idleOnce.Do(func() { close(nl.idle) })
			}
		}
	}); err != nil {
		t.Fatal(err)
	}
	// Record every Content Security Policy violation, from the first byte of each page.
	if _, err := chromedp.Call(tab, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{
		Source: `window.__csp = []; document.addEventListener('securitypolicyviolation', e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + (e.sourceFile || '') + ':' + e.lineNumber));`,
	}); err != nil {
		t.Fatal(err)
	}
	return tab, nl
}

// cspViolations returns the policy violations the page has had so far.
func cspViolations(t *testing.T, tab context.Context) []string {
	t.Helper()
	return eval[[]string](t, tab, `window.__csp || []`)
}

// open navigates a new tab to pageURL and waits for the network to go idle.
func open(t *testing.T, browser context.Context, pageURL string) (context.Context, *netLog) {
	t.Helper()
	tab, nl := newTab(t, browser)
	navigate(t, tab, nl, pageURL)
	return tab, nl
}

func navigate(t *testing.T, tab context.Context, nl *netLog, pageURL string) {
	t.Helper()
	nl.mu.Lock()
	nl.started, nl.idle, nl.idleOnce = false, make(chan struct{}), sync.Once{}
	idle := nl.idle
	nl.mu.Unlock()
	if err := chromedp.Do(tab, chromedp.Navigate(pageURL)); err != nil {
		t.Fatalf("navigate %s: %v", pageURL, err)
	}
	select {
	case <-idle:
	case <-time.After(10 * time.Second):
		t.Logf("no networkIdle within 10s for %s", pageURL)
	}
}

// eval runs JavaScript in the tab and returns its result.
func eval[T any](t *testing.T, tab context.Context, js string) T {
	t.Helper()
	v, err := chromedp.Run(tab, chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("evaluate %.80q: %v", js, err)
	}
	return v
}

type storageState struct {
	Cookie         string   `json:"cookie"`
	LocalStorage   []string `json:"localStorage"`
	SessionStorage []string `json:"sessionStorage"`
	IndexedDB      []string `json:"indexedDB"`
}

// stored reads what the page can see of its storage, and every cookie the browser holds.
func stored(t *testing.T, tab context.Context) (storageState, int) {
	t.Helper()
	st := eval[storageState](t, tab, `(async () => ({
	  cookie: document.cookie,
	  localStorage: Object.keys(localStorage),
	  sessionStorage: Object.keys(sessionStorage),
	  indexedDB: indexedDB.databases ? (await indexedDB.databases()).map(d => d.name) : []
	}))()`)
	all, err := chromedp.CallBrowser(tab, storage.GetCookies, storage.GetCookiesParams{})
	if err != nil {
		t.Fatal(err)
	}
	return st, len(all.Cookies)
}

func (s storageState) empty() bool {
	return s.Cookie == "" && len(s.LocalStorage) == 0 && len(s.SessionStorage) == 0 && len(s.IndexedDB) == 0
}

// axe-core

type axeNode struct {
	Target  string `json:"target"`
	Summary string `json:"summary"`
}

type axeViolation struct {
	ID     string    `json:"id"`
	Impact string    `json:"impact"`
	Help   string    `json:"help"`
	Nodes  []axeNode `json:"nodes"`
}

// WCAG 2.0, 2.1 and 2.2 at levels A and AA, plus axe's best practices (landmarks, one h1,
// heading order) which only that tag checks.
const axeRun = `axe.run(document, {
  runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']},
  resultTypes: ['violations']
}).then(r => r.violations.map(v => ({
  id: v.id, impact: v.impact || '', help: v.help,
  nodes: v.nodes.map(n => ({target: n.target.join(' '), summary: n.failureSummary || ''}))
})))`

var axeSource struct {
	once sync.Once
	src  string
	err  error
}

func axeJS(t *testing.T) string {
	t.Helper()
	axeSource.once.Do(func() {
		b, err := os.ReadFile(env("AXE_JS", filepath.Join("..", "..", "node_modules", "axe-core", "axe.min.js")))
		axeSource.src, axeSource.err = string(b), err
	})
	need(t, "axe-core (npm ci)", axeSource.err)
	return axeSource.src
}

// axe injects axe-core (through the DevTools protocol, which the page's CSP does not
// govern) and returns the violations.
func axe(t *testing.T, tab context.Context) []axeViolation {
	t.Helper()
	src := axeJS(t)
	if err := chromedp.Do(tab, chromedp.Evaluate[chromedp.Void](src)); err != nil {
		t.Fatalf("inject axe: %v", err)
	}
	return eval[[]axeViolation](t, tab, axeRun)
}

// axeOnEveryPage makes every page the tab loads from now on start with axe-core, loaded
// before the page's own scripts: the DevTools protocol carries the source once a tab
// instead of once a page, which is a tenth of TestEveryPage's CPU.
func axeOnEveryPage(t *testing.T, tab context.Context) {
	t.Helper()
	if _, err := chromedp.Call(tab, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: axeJS(t)}); err != nil {
		t.Fatal(err)
	}
}

func reportAxe(t *testing.T, where string, vs []axeViolation) {
	t.Helper()
	for _, v := range vs {
		var targets []string
		for i, n := range v.Nodes {
			if i == 3 {
				targets = append(targets, "...")
				break
			}
			targets = append(targets, n.Target)
		}
		t.Errorf("%s: axe %s (%s): %s at %s; %s", where, v.ID, v.Impact, v.Help, strings.Join(targets, ", "), v.Nodes[0].Summary)
	}
}

// pageURL joins a site's base URL and a page path.
func pageURL(base, p string) string {
	if strings.HasSuffix(base, "/") {
		return base + p
	}
	return base + "/" + path.Clean(p)
}

// inTabs runs do for every job in two tabs of browser at once, collecting what each
// reports as failing, and returns the failures once every job is done. Pages are judged
// in parallel because loading them one at a time is most of the suite's time; two tabs
// keep two CPUs busy, and a third costs CPU (TestEveryPage: 107 CPU-s in two tabs, 112
// in three, 121 in four) without saving time. prepare, if not nil, readies each tab
// before its first job.
func inTabs[J any](t *testing.T, browser context.Context, jobs []J, prepare func(t *testing.T, tab context.Context), do func(tab context.Context, nl *netLog, job J, fail func(format string, args ...any))) []string {
	t.Helper()
	const tabs = 2
	queue := make(chan J)
	var mu sync.Mutex
	var failures []string
	fail := func(format string, args ...any) {
		mu.Lock()
		failures = append(failures, fmt.Sprintf(format, args...))
		mu.Unlock()
	}
	var wg sync.WaitGroup
	for range tabs {
		tab, nl := newTab(t, browser)
		if prepare != nil {
			prepare(t, tab)
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range queue {
				do(tab, nl, j, fail)
			}
		}()
	}
	for _, j := range jobs {
		queue <- j
	}
	close(queue)
	wg.Wait()
	return failures
}
