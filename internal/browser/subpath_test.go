package browser

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestUnderASubPath serves the site under /safety/ on a server whose root is something
// else, as a school's site does: every link of every page stays under /safety/, and the
// features still work.
func TestUnderASubPath(t *testing.T) {
	t.Parallel()
	dir := builtSite(t)
	mux := http.NewServeMux()
	mux.Handle("/safety/", http.StripPrefix("/safety/", http.FileServer(http.Dir(dir))))
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		t.Errorf("request outside the sub-path: %s", r.URL.Path)
		http.NotFound(w, r)
	})
	ts := httptest.NewServer(mux)
	defer ts.Close()
	browser := newBrowser(t)
	tab, nl := newTab(t, browser)
	t.Run("pages", func(t *testing.T) {
		// One tab for the pages in turn: a tab of its own for each would start a renderer
		// for each.
		for _, p := range []string{"index.html", "en/index.html", "ar/guidance/warning-signs/index.html", "cy/talk/index.html", "pl/starters/index.html", "ur/agreement/index.html"} {
			t.Run(p, func(t *testing.T) {
				nl.forget()
				navigate(t, tab, nl, ts.URL+"/safety/"+p)
				// Every link and resource resolves under /safety/.
				outside := eval[[]string](t, tab, `[...document.querySelectorAll('a[href], link[href], script[src], img[src]')]
				  .map(e => e.href || e.src).filter(u => u.startsWith(location.origin) && !u.startsWith(location.origin + '/safety/'))`)
				if len(outside) > 0 {
					t.Errorf("%s links outside the sub-path: %v", p, outside)
				}
				for _, u := range nl.all() {
					if strings.HasPrefix(u, ts.URL) && !strings.HasPrefix(u, ts.URL+"/safety/") {
						t.Errorf("request outside the sub-path: %s", u)
					}
				}
			})
		}
	})
	// Follow the navigation by clicking, and use the search.
	nl.forget()
	navigate(t, tab, nl, ts.URL+"/safety/en/index.html")
	if err := chromedp.Do(tab, chromedp.Click(chromedp.CSS(`.site-nav a[href*="guidance"]`))); err != nil {
		t.Fatal(err)
	}
	// (Go's file server answers .../index.html with a redirect to .../)
	waitFor(t, tab, `location.pathname.startsWith('/safety/en/guidance/') && document.readyState === 'complete'`, "the guidance page")
	if got := search(t, tab, "grooming"); len(got) == 0 {
		t.Error("search finds nothing under a sub-path")
	}
	for _, u := range nl.all() {
		if strings.HasPrefix(u, ts.URL) && !strings.HasPrefix(u, ts.URL+"/safety/") {
			t.Errorf("request outside the sub-path: %s", u)
		}
	}
}
