package browser

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// exitPrefix is where the default site's quick exit goes (site.toml, exit_url).
const exitPrefix = "https://www.bbc.co.uk/weather"

// serveBare serves dir the way GitHub Pages does, or a folder opened from disk: without
// the policy headers, so without frame-ancestors and Cross-Origin-Opener-Policy.
func serveBare(t *testing.T, dir string) *httptest.Server {
	t.Helper()
	ts := httptest.NewServer(http.FileServer(http.Dir(dir)))
	t.Cleanup(ts.Close)
	return ts
}

// serveFramer serves, on an origin of its own (another port), a page that frames src.
func serveFramer(t *testing.T, src, sandbox string) *httptest.Server {
	t.Helper()
	attr := ""
	if sandbox != "" {
		attr = fmt.Sprintf(` sandbox="%s"`, sandbox)
	}
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, `<!DOCTYPE html><html lang="en"><title>Framer</title><body style="margin:0">`+
			`<iframe src="%s"%s style="border:0;width:1200px;height:850px"></iframe></body></html>`, src, attr)
	}))
	t.Cleanup(ts.Close)
	return ts
}

// documents records, for each frame of a tab, the documents it asked for. The DevTools
// session may lose the page once the top window goes to another site, so the test reads
// the requests rather than asking the page where it is.
type documents struct {
	mu     sync.Mutex
	top    cdp.FrameID
	byTop  []string
	others []string
}

func watchDocuments(t *testing.T, tab context.Context) *documents {
	t.Helper()
	d := &documents{}
	if err := chromedp.Listen(tab, func(ev any) {
		if ev, ok := ev.(*network.EventRequestWillBeSent); ok && ev.Type == network.ResourceTypeDocument {
			d.mu.Lock()
			defer d.mu.Unlock()
			if d.top == "" || ev.FrameID == d.top {
				d.top = ev.FrameID // the first document is the top window's
				d.byTop = append(d.byTop, ev.Request.URL)
			} else {
				d.others = append(d.others, ev.Request.URL)
			}
		}
	}); err != nil {
		t.Fatal(err)
	}
	return d
}

// wait waits until the top window (top) or a frame (!top) asks for an address starting with
// prefix, and reports whether it did.
func (d *documents) wait(top bool, prefix string) bool {
	return d.waitFor(prefix, func(byTop, others []string) []string {
		if top {
			return byTop
		}
		return others
	})
}

// waitEither waits until the top window or a frame asks for an address starting with
// prefix, and reports whether one did.
func (d *documents) waitEither(prefix string) bool {
	return d.waitFor(prefix, func(byTop, others []string) []string { return append(append([]string(nil), byTop...), others...) })
}

func (d *documents) waitFor(prefix string, which func(byTop, others []string) []string) bool {
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		d.mu.Lock()
		found := containsPrefix(which(d.byTop, d.others), prefix)
		d.mu.Unlock()
		if found {
			return true
		}
		time.Sleep(50 * time.Millisecond)
	}
	return false
}

func (d *documents) String() string {
	d.mu.Lock()
	defer d.mu.Unlock()
	return fmt.Sprintf("top window %v, frames %v", d.byTop, d.others)
}

// inFrame returns the iframe element of the framing page, for queries inside it.
func inFrame(t *testing.T, tab context.Context) chromedp.QueryOption {
	t.Helper()
	nodes, err := chromedp.Run(tab, chromedp.Nodes(chromedp.CSS("iframe")))
	if err != nil || len(nodes) != 1 {
		t.Fatalf("iframe: %v (%d found)", err, len(nodes))
	}
	return chromedp.FromNode(nodes[0])
}

// TestQuickExitInFrame (issue 15, finding 4): another origin frames the site, which no
// header forbids on GitHub Pages or from disk. The quick exit must take the whole window
// away, not only the frame: by the button and by Shift three times.
func TestQuickExitInFrame(t *testing.T) {
	t.Parallel()
	site := serveBare(t, builtSite(t))
	b := newBrowser(t)
	framer := serveFramer(t, site.URL+"/en/", "")
	frameLoaded := func(t *testing.T, tab context.Context) chromedp.QueryOption {
		t.Helper()
		frame := inFrame(t, tab)
		if _, err := chromedp.Run(tab, chromedp.WaitVisible(chromedp.CSS("#quick-exit"), frame)); err != nil {
			t.Fatal(err)
		}
		return frame
	}

	t.Run("button", func(t *testing.T) {
		tab, nl := newTab(t, b)
		docs := watchDocuments(t, tab)
		navigate(t, tab, nl, framer.URL)
		frame := frameLoaded(t, tab)
		// The click may return an error when the page it clicked is already gone.
		err := chromedp.Do(tab, chromedp.Click(chromedp.CSS("#quick-exit"), frame))
		t.Logf("click: %v", err)
		if !docs.wait(true, exitPrefix) {
			t.Errorf("after the exit button the window did not go to %s: %v", exitPrefix, docs)
		}
	})
	t.Run("shift", func(t *testing.T) {
		tab, nl := newTab(t, b)
		docs := watchDocuments(t, tab)
		navigate(t, tab, nl, framer.URL)
		frame := frameLoaded(t, tab)
		// Focus the framed page, as a reader does by clicking in it.
		if err := chromedp.Do(tab, chromedp.Click(chromedp.CSS("h1"), frame)); err != nil {
			t.Fatal(err)
		}
		press(t, tab, kb.Shift)
		press(t, tab, kb.Shift)
		err := chromedp.Do(tab, chromedp.KeyEvent(kb.Shift))
		t.Logf("shift: %v", err)
		if !docs.wait(true, exitPrefix) {
			t.Errorf("after Shift three times the window did not go to %s: %v", exitPrefix, docs)
		}
	})
	t.Run("sandboxed", func(t *testing.T) {
		// A frame the browser forbids to move the top window: at least the frame leaves.
		sandboxed := serveFramer(t, site.URL+"/en/", "allow-scripts allow-same-origin")
		tab, nl := newTab(t, b)
		docs := watchDocuments(t, tab)
		errs := watchErrors(t, tab)
		navigate(t, tab, nl, sandboxed.URL)
		frame := frameLoaded(t, tab)
		err := chromedp.Do(tab, chromedp.Click(chromedp.CSS("#quick-exit"), frame))
		t.Logf("click: %v", err)
		if !docs.wait(false, exitPrefix) {
			t.Errorf("the sandboxed frame did not leave: %v", docs)
		}
		if e := errs.all(); len(e) > 0 {
			t.Errorf("page errors: %q", e)
		}
	})
	t.Run("shift without a gesture", func(t *testing.T) {
		// Focus put in the frame without a click: Chromium then refuses to let a frame from
		// another origin move the top window (Shift grants no user activation). The frame
		// leaves at least, and nothing throws uncaught.
		tab, nl := newTab(t, b)
		docs := watchDocuments(t, tab)
		errs := watchErrors(t, tab)
		navigate(t, tab, nl, framer.URL)
		frame := frameLoaded(t, tab)
		if err := chromedp.Do(tab, chromedp.Focus(chromedp.CSS("#quick-exit"), frame)); err != nil {
			t.Fatal(err)
		}
		press(t, tab, kb.Shift)
		press(t, tab, kb.Shift)
		err := chromedp.Do(tab, chromedp.KeyEvent(kb.Shift))
		t.Logf("shift: %v", err)
		if !docs.waitEither(exitPrefix) {
			t.Errorf("neither the window nor the frame left: %v", docs)
		}
		if e := errs.all(); len(e) > 0 {
			t.Errorf("page errors: %q", e)
		}
	})
	t.Run("exit links target the top", func(t *testing.T) {
		tab, _ := open(t, b, site.URL+"/en/")
		if n := eval[int](t, tab, `[...document.querySelectorAll('[data-exit]')].filter(a => a.target !== '_top').length`); n != 0 {
			t.Errorf("%d exit links without target=_top: without JavaScript they would leave only the frame", n)
		}
	})
}
