package browser

import (
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// TestWithoutJavaScript checks the pages with scripts turned off: everything is there and
// usable, and the JavaScript-only controls stay out of the way.
func TestWithoutJavaScript(t *testing.T) {
	t.Parallel()
	ts := serveSite(t, builtSite(t))
	browser := newBrowser(t)
	tab, nl := newTab(t, browser)
	if _, err := chromedp.Call(tab, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	type view struct {
		Groups, Starters, FiltersShown, Checkboxes, KeepShown, SearchShown, SiteMapLink int
	}
	count := func(sel string) string { return `document.querySelectorAll('` + sel + `').length` }
	shown := func(sel string) string {
		return `[...document.querySelectorAll('` + sel + `')].filter(e => e.getClientRects().length > 0).length`
	}

	navigate(t, tab, nl, ts.URL+"/en/starters/index.html")
	v := eval[view](t, tab, `({Groups: `+shown("#starters .age-group")+`, Starters: `+shown("#starters .starter")+`,
	  FiltersShown: `+shown("[data-filters]")+`, SearchShown: `+shown("[data-search]")+`, SiteMapLink: `+shown("[data-no-js-search] a")+`})`)
	if v.Groups != 4 || v.Starters < 60 || v.FiltersShown != 0 {
		t.Errorf("starters without JavaScript: %+v (want every starter grouped by age, no filter buttons)", v)
	}
	if v.SearchShown != 0 || v.SiteMapLink != 1 {
		t.Errorf("search without JavaScript: %+v (want the link to all pages instead of the box)", v)
	}

	navigate(t, tab, nl, ts.URL+"/en/talk/index.html")
	v = eval[view](t, tab, `({Checkboxes: `+count(`#checklist input[type=checkbox]`)+`, KeepShown: `+shown("[data-keep]")+`})`)
	if v.Checkboxes < 12 || v.KeepShown != 0 {
		t.Errorf("checklist without JavaScript: %+v", v)
	}
	if err := chromedp.Do(tab, chromedp.Click(chromedp.CSS(`#checklist input[type=checkbox]`))); err != nil {
		t.Fatal(err)
	}
	if !eval[bool](t, tab, `document.querySelector('#checklist input[type=checkbox]').checked`) {
		t.Error("a checklist box cannot be ticked without JavaScript")
	}

	// The quick exit is a plain link.
	if err := chromedp.Do(tab, chromedp.Click(chromedp.ID("quick-exit"))); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(5 * time.Second)
	for !containsPrefix(nl.all(), "https://www.bbc.co.uk/weather") && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	if !containsPrefix(nl.all(), "https://www.bbc.co.uk/weather") {
		t.Error("the quick exit link does not leave without JavaScript")
	}
}
