package browser

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestEveryPage loads every page of every language of the default site and judges it:
// axe-core finds no WCAG 2.2 A/AA violation, the page requests nothing from another
// origin, and nothing is stored (no cookie, no web storage, no IndexedDB).
func TestEveryPage(t *testing.T) {
	dir := builtSite(t)
	ts := serveSite(t, dir)
	browser := newBrowser(t)
	list := pages(t, dir)
	start := time.Now()

	const tabs = 3
	jobs := make(chan string)
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
		wg.Add(1)
		go func() {
			defer wg.Done()
			for p := range jobs {
				judgePage(t, tab, nl, ts.URL, p, fail)
			}
		}()
	}
	for _, p := range list {
		jobs <- p
	}
	close(jobs)
	wg.Wait()
	for _, f := range failures {
		t.Error(f)
	}
	t.Logf("judged %d pages in %s", len(list), time.Since(start).Round(time.Millisecond))
}

func judgePage(t *testing.T, tab context.Context, nl *netLog, base, p string, fail func(string, ...any)) {
	nl.mu.Lock()
	nl.urls = nil
	nl.mu.Unlock()
	if err := chromedp.Do(tab, chromedp.Navigate(pageURL(base, p))); err != nil {
		fail("%s: navigate: %v", p, err)
		return
	}
	src := axeJS(t)
	if err := chromedp.Do(tab, chromedp.Evaluate[chromedp.Void](src)); err != nil {
		fail("%s: inject axe: %v", p, err)
		return
	}
	vs, err := chromedp.Run(tab, chromedp.Evaluate[[]axeViolation](axeRun, chromedp.EvalAwaitPromise))
	if err != nil {
		fail("%s: axe: %v", p, err)
		return
	}
	for _, v := range vs {
		var targets []string
		for _, n := range v.Nodes {
			targets = append(targets, n.Target)
		}
		fail("%s: axe %s (%s): %s at %s; %s", p, v.ID, v.Impact, v.Help, strings.Join(targets, ", "), v.Nodes[0].Summary)
	}
	if f := nl.foreign(base); len(f) > 0 {
		fail("%s: requests to other origins: %v", p, f)
	}
	st, err := chromedp.Run(tab, chromedp.Evaluate[storageState](`({cookie: document.cookie, localStorage: Object.keys(localStorage), sessionStorage: Object.keys(sessionStorage), indexedDB: []})`))
	if err != nil {
		fail("%s: storage: %v", p, err)
	} else if !st.empty() {
		fail("%s: stored something on load: %+v", p, st)
	}
}
