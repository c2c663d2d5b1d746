package browser

import (
	"testing"

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
	// One tab a page, side by side: a page is mostly waiting for the next key.
	for _, page := range list {
		t.Run(page, func(t *testing.T) {
			t.Parallel()
			tab, nl := newTab(t, browser)
			navigate(t, tab, nl, pageURL(ts.URL, page))
			eval[bool](t, tab, describeJS+`, true`)
			want := eval[[]string](t, tab, focusablesJS)
			var got []string
			for i := 0; i < len(want); i++ {
				press(t, tab, kb.Tab)
				f := eval[struct {
					Desc    string `json:"desc"`
					Visible bool   `json:"visible"`
				}](t, tab, `({desc: describe(document.activeElement), visible: `+focusVisibleJS+`})`)
				got = append(got, f.Desc)
				if !f.Visible {
					t.Errorf("%s: focus on %s is not visible", page, f.Desc)
				}
			}
			for i := range want {
				if i >= len(got) || got[i] != want[i] {
					t.Errorf("%s: Tab %d reached %q, want %q (document order)", page, i+1, at(got, i), want[i])
					break
				}
			}
		})
	}
}

func at(list []string, i int) string {
	if i < len(list) {
		return list[i]
	}
	return "(nothing)"
}
