package browser

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// waitFor polls a JavaScript condition until it is true or five seconds pass.
func waitFor(t *testing.T, tab context.Context, cond, what string) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		ok, err := chromedp.Run(tab, chromedp.Evaluate[bool](cond))
		if err == nil && ok {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("timed out waiting for %s (%s)", what, cond)
}

func press(t *testing.T, tab context.Context, keys string) {
	t.Helper()
	if err := chromedp.Do(tab, chromedp.KeyEvent(keys)); err != nil {
		t.Fatal(err)
	}
}

func TestQuickExitShiftThreeTimes(t *testing.T) {
	t.Parallel()
	ts := serveSite(t, builtSite(t))
	browser := newBrowser(t)
	tab, nl := open(t, browser, ts.URL+"/en/guidance/index.html")
	navigate(t, tab, nl, ts.URL+"/en/guidance/warning-signs/index.html")
	before := eval[int](t, tab, `history.length`)

	press(t, tab, kb.Shift)
	press(t, tab, kb.Shift)
	if got := eval[string](t, tab, `document.querySelector('[data-exit-status]').textContent`); got != "Shift, press 1 more time to exit." {
		t.Errorf("after two presses the page announces %q", got)
	}
	if dots := eval[int](t, tab, `document.querySelectorAll('[data-exit-dots] .on').length`); dots != 2 {
		t.Errorf("%d progress dots lit, want 2", dots)
	}
	// Another key starts again.
	press(t, tab, "a")
	if dots := eval[int](t, tab, `document.querySelectorAll('[data-exit-dots] .on').length`); dots != 0 {
		t.Errorf("another key left %d dots lit", dots)
	}
	press(t, tab, kb.Shift)
	press(t, tab, kb.Shift)
	press(t, tab, kb.Shift)
	deadline := time.Now().Add(5 * time.Second)
	for !containsPrefix(nl.all(), "https://www.bbc.co.uk/weather") && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	if !containsPrefix(nl.all(), "https://www.bbc.co.uk/weather") {
		t.Fatalf("the browser did not go to the exit address; requests: %v", nl.all())
	}
	time.Sleep(300 * time.Millisecond) // the (failing, offline) exit page settles
	after, err := chromedp.Run(tab, chromedp.Evaluate[int](`history.length`))
	if err == nil && after != before {
		t.Errorf("history grew from %d to %d: Back would return to the site", before, after)
	}
}

func containsPrefix(list []string, prefix string) bool {
	for _, s := range list {
		if strings.HasPrefix(s, prefix) {
			return true
		}
	}
	return false
}

func TestQuickExitButtonCoversPage(t *testing.T) {
	t.Parallel()
	ts := serveSite(t, builtSite(t))
	browser := newBrowser(t)
	tab, nl := open(t, browser, ts.URL+"/ar/index.html")
	// The cover must be up in the same moment the button is pressed, before the next page
	// (which may be slow) arrives.
	covered := eval[bool](t, tab, `(document.getElementById('quick-exit').click(), document.querySelector('.exit-overlay') !== null)`)
	if !covered {
		t.Error("the page was not covered at once")
	}
	deadline := time.Now().Add(5 * time.Second)
	for !containsPrefix(nl.all(), "https://www.bbc.co.uk/weather") && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	if !containsPrefix(nl.all(), "https://www.bbc.co.uk/weather") {
		t.Fatalf("the button did not leave; requests %v", nl.all())
	}
}

func TestQuickExitSkipLinkIsFirst(t *testing.T) {
	t.Parallel()
	ts := serveSite(t, builtSite(t))
	browser := newBrowser(t)
	tab, nl := open(t, browser, ts.URL+"/pl/help/index.html")
	press(t, tab, kb.Tab)
	if got := eval[string](t, tab, `document.activeElement.hasAttribute('data-exit') ? 'exit' : document.activeElement.outerHTML`); got != "exit" {
		t.Fatalf("first Tab focuses %s, want the hidden exit link", got)
	}
	if visible := eval[bool](t, tab, `document.activeElement.getBoundingClientRect().width > 1`); !visible {
		t.Error("the exit link does not show when focused")
	}
	press(t, tab, kb.Enter)
	deadline := time.Now().Add(5 * time.Second)
	for !containsPrefix(nl.all(), "https://www.bbc.co.uk/weather") && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	if !containsPrefix(nl.all(), "https://www.bbc.co.uk/weather") {
		t.Fatalf("the exit link did not leave; requests %v", nl.all())
	}
}

func TestChecklistProgressAndSaving(t *testing.T) {
	t.Parallel()
	ts := serveSite(t, builtSite(t))
	browser := newBrowser(t)
	tab, nl := open(t, browser, ts.URL+"/en/talk/index.html")
	first := `document.querySelector('[data-step="talk"] input[type=checkbox]')`
	progress := `document.querySelector('[data-step="talk"] [data-progress]').textContent`
	if got := eval[string](t, tab, progress); !strings.HasPrefix(got, "0 of ") {
		t.Errorf("progress before ticking: %q", got)
	}
	if err := chromedp.Do(tab, chromedp.Focus(chromedp.CSS(`[data-step="talk"] input[type=checkbox]`)), chromedp.KeyEvent(" ")); err != nil {
		t.Fatal(err)
	}
	if got := eval[string](t, tab, progress); !strings.HasPrefix(got, "1 of ") {
		t.Errorf("progress after ticking one by keyboard: %q", got)
	}
	if st, cookies := stored(t, tab); !st.empty() || cookies > 0 {
		t.Errorf("stored before the reader asked: %+v", st)
	}
	reportAxe(t, "/en/talk/ ticked", axe(t, tab))

	if err := chromedp.Do(tab, chromedp.Click(chromedp.CSS(`[data-save]`))); err != nil {
		t.Fatal(err)
	}
	if st, _ := stored(t, tab); len(st.LocalStorage) != 1 || st.LocalStorage[0] != "talksite:checklist" {
		t.Errorf("after Save: %+v", st)
	}
	navigate(t, tab, nl, ts.URL+"/en/talk/index.html")
	if !eval[bool](t, tab, first+`.checked`) {
		t.Error("the saved tick did not come back after reloading")
	}
	if got := eval[string](t, tab, `document.querySelector('[data-keep] [data-status]').textContent`); got != "Opened what you saved on this device." {
		t.Errorf("status after reload: %q", got)
	}
	if err := chromedp.Do(tab, chromedp.Click(chromedp.CSS(`[data-delete]`))); err != nil {
		t.Fatal(err)
	}
	navigate(t, tab, nl, ts.URL+"/en/talk/index.html")
	if st, cookies := stored(t, tab); !st.empty() || cookies > 0 {
		t.Errorf("after Delete something is still stored: %+v, %d cookies", st, cookies)
	}
	if eval[bool](t, tab, first+`.checked`) {
		t.Error("the tick survived Delete")
	}
	if f := nl.foreign(ts.URL); len(f) > 0 {
		t.Errorf("requests to other origins: %v", f)
	}
}

func TestStartersFilter(t *testing.T) {
	t.Parallel()
	ts := serveSite(t, builtSite(t))
	browser := newBrowser(t)
	tab, nl := open(t, browser, ts.URL+"/en/starters/index.html")
	countText := `document.querySelector('[data-count]').textContent`
	visible := `[...document.querySelectorAll('[data-flat] [data-ages]')].filter(e => !e.hidden).length`
	total := eval[int](t, tab, `new Set([...document.querySelectorAll('#starters [data-id]')].map(e => e.dataset.id)).size`)
	if got := eval[string](t, tab, countText); got != itoa(total)+" conversation starters" {
		t.Errorf("count with no filter: %q, want %d", got, total)
	}
	teens := eval[int](t, tab, `new Set([...document.querySelectorAll('#starters [data-ages~="14-17"]')].map(e => e.dataset.id)).size`)
	if err := chromedp.Do(tab, chromedp.Focus(chromedp.CSS(`button[data-value="14-17"]`)), chromedp.KeyEvent(kb.Enter)); err != nil {
		t.Fatal(err)
	}
	if got := eval[int](t, tab, visible); got != teens {
		t.Errorf("14-17 shows %d starters, want %d", got, teens)
	}
	if got := eval[string](t, tab, countText); got != itoa(teens)+" conversation starters" {
		t.Errorf("count %q, want %d", got, teens)
	}
	if got := eval[string](t, tab, `location.hash`); got != "#ages=14-17" {
		t.Errorf("address fragment %q", got)
	}
	reportAxe(t, "/en/starters/ filtered", axe(t, tab))

	// A shared filtered address opens with the same filter.
	tab2, _ := open(t, browser, ts.URL+"/en/starters/index.html#ages=under-8&topics=gaming")
	want := eval[int](t, tab2, `new Set([...document.querySelectorAll('#starters [data-ages~="under-8"][data-topics~="gaming"]')].map(e => e.dataset.id)).size`)
	if got := eval[int](t, tab2, visible); got != want || want == 0 {
		t.Errorf("shared filter shows %d, want %d", got, want)
	}
	if !eval[bool](t, tab2, `document.querySelector('button[data-value="gaming"]').getAttribute('aria-pressed') === 'true'`) {
		t.Error("the gaming button is not pressed")
	}
	if err := chromedp.Do(tab2, chromedp.Click(chromedp.CSS(`[data-pick-button]`))); err != nil {
		t.Fatal(err)
	}
	picked := eval[string](t, tab2, `document.querySelector('[data-pick-out]').textContent`)
	if !eval[bool](t, tab2, `[...document.querySelectorAll('[data-flat] [data-ages]')].filter(e => !e.hidden).some(e => e.querySelector('p').textContent === `+quoteJS(picked)+`)`) {
		t.Errorf("Show me one picked %q, which is not among the shown starters", picked)
	}
	if f := nl.foreign(ts.URL); len(f) > 0 {
		t.Errorf("requests to other origins: %v", f)
	}
}

func itoa(n int) string {
	return strings.TrimSpace(strings.Repeat(" ", 0) + fmtInt(n))
}

func fmtInt(n int) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for n > 0 {
		b = append([]byte{byte('0' + n%10)}, b...)
		n /= 10
	}
	return string(b)
}

func quoteJS(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `'`, `\'`, "\n", `\n`)
	return "'" + r.Replace(s) + "'"
}
