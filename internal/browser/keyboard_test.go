package browser

import (
	"context"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// focusablesJS lists the visible, keyboard-reachable controls of the page in document
// order, each as a short description.
const focusablesJS = `[...document.querySelectorAll('a[href], button, input, select, textarea, summary, [tabindex]')]
  .filter(el => el.tabIndex >= 0 && !el.disabled && !el.closest('[hidden]') && getComputedStyle(el).visibility !== 'hidden' &&
    (el.getClientRects().length > 0 || el.classList.contains('skip-link')) &&
    // Inside a closed <details> (another country on the help page, the phone menu) a
    // control is not rendered and Tab skips it; checkVisibility knows.
    (el.checkVisibility({contentVisibilityAuto: true}) || el.classList.contains('skip-link')))
  .map(describe)`

const describeJS = `window.describe = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
  (el.getAttribute('href') ? '[' + el.getAttribute('href') + ']' : '') + (el.name ? '[' + el.name + ']' : '') +
  ':' + (el.textContent || el.value || '').trim().slice(0, 30)`

// focusVisibleJS reports whether the focused element shows a focus indicator.
const focusVisibleJS = `(() => {
  const el = document.activeElement, cs = getComputedStyle(el);
  const outline = cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 2;
  const shadow = cs.boxShadow && cs.boxShadow !== 'none';
  const r = el.getBoundingClientRect();
  return (outline || shadow) && r.width > 1 && r.height > 1;
})()`

// TestKeyboard tabs through one page of each kind, in a left-to-right and a right-to-left
// language: every control is reached, in document order, and shows where focus is.
func TestKeyboard(t *testing.T) {
	t.Parallel()
	ts := serveSite(t, builtSite(t))
	browser := newBrowser(t)
	var list []string
	for _, p := range []string{"", "talk/", "talk/know/", "guidance/", "guidance/warning-signs/", "starters/", "agreement/", "help/", "privacy/", "ages/", "topics/gaming/"} {
		list = append(list, "en/"+p+"index.html")
	}
	for _, p := range []string{"", "talk/", "starters/", "help/"} {
		list = append(list, "ar/"+p+"index.html")
	}
	// Two tabs take turns with the pages (inTabs): a tab of its own for each page would
	// start a renderer for each. Each page is a new document, so Tab starts from its top.
	failures := inTabs(t, browser, list, nil, func(tab context.Context, _ *netLog, page string, fail func(string, ...any)) {
		if err := chromedp.Do(tab, chromedp.Navigate(pageURL(ts.URL, page))); err != nil {
			fail("%s: navigate: %v", page, err)
			return
		}
		want, err := chromedp.Run(tab, chromedp.Evaluate[[]string](describeJS+`; `+focusablesJS))
		if err != nil {
			fail("%s: focusable controls: %v", page, err)
			return
		}
		var got []string
		for range want {
			if err := chromedp.Do(tab, chromedp.KeyEvent(kb.Tab)); err != nil {
				fail("%s: Tab: %v", page, err)
				return
			}
			f, err := chromedp.Run(tab, chromedp.Evaluate[struct {
				Desc    string `json:"desc"`
				Visible bool   `json:"visible"`
			}](`({desc: describe(document.activeElement), visible: `+focusVisibleJS+`})`))
			if err != nil {
				fail("%s: focus: %v", page, err)
				return
			}
			got = append(got, f.Desc)
			if !f.Visible {
				fail("%s: focus on %s is not visible", page, f.Desc)
			}
		}
		for i := range want {
			if i >= len(got) || got[i] != want[i] {
				fail("%s: Tab %d reached %q, want %q (document order)", page, i+1, at(got, i), want[i])
				break
			}
		}
	})
	for _, f := range failures {
		t.Error(f)
	}
}

func at(list []string, i int) string {
	if i < len(list) {
		return list[i]
	}
	return "(nothing)"
}
