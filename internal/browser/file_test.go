package browser

import (
	"net/url"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// TestFromDisk opens the site straight from disk (file://), as from a USB stick or a
// shared drive: the interactive features work under the pages' Content Security Policy,
// links lead to pages, and nothing is requested from anywhere else.
func TestFromDisk(t *testing.T) {
	t.Parallel()
	dir := builtSite(t)
	browser := newBrowser(t)
	base := (&url.URL{Scheme: "file", Path: filepath.ToSlash(dir) + "/"}).String()

	tab, nl := open(t, browser, base+"index.html")
	// The chooser links to each language's home page, which opens from disk.
	if err := chromedp.Do(tab, chromedp.Click(chromedp.CSS(`a[hreflang="ar"]`))); err != nil {
		t.Fatal(err)
	}
	waitFor(t, tab, `document.documentElement.lang === 'ar' && document.readyState === 'complete'`, "the Arabic home page from disk")

	// Checklist: the script runs and saves.
	navigate(t, tab, nl, base+"en/talk/index.html")
	if err := chromedp.Do(tab, chromedp.Focus(chromedp.CSS(`[data-step="know"] input[type=checkbox]`)), chromedp.KeyEvent(" ")); err != nil {
		t.Fatal(err)
	}
	if got := eval[string](t, tab, `document.querySelector('[data-step="know"] [data-progress]').textContent`); !strings.HasPrefix(got, "1 of ") {
		t.Errorf("checklist from disk: progress %q", got)
	}

	// Starters: filters work.
	navigate(t, tab, nl, base+"en/starters/index.html#topics=gaming")
	if !eval[bool](t, tab, `document.querySelector('[data-filters]').hidden === false && document.querySelector('button[data-value="gaming"]').getAttribute('aria-pressed') === 'true'`) {
		t.Error("starter filters do not work from disk")
	}

	// Quick exit: Shift three times.
	press(t, tab, kb.Shift)
	if got := eval[string](t, tab, `document.querySelector('[data-exit-status]').textContent`); got == "" {
		t.Error("the quick exit shortcut does not work from disk")
	}
	if v := cspViolations(t, tab); len(v) > 0 {
		t.Errorf("policy violations from disk: %v", v)
	}
	for _, u := range nl.all() {
		if !strings.HasPrefix(u, "file://") && !strings.HasPrefix(u, "data:") {
			t.Errorf("request from disk to %s", u)
		}
	}
}
