package browser

import (
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// TestPrintPack prints the printable pack (print media): no navigation, buttons or screen
// instructions, its four parts each starting a new sheet, in English and Arabic.
func TestPrintPack(t *testing.T) {
	t.Parallel()
	ts := serveSite(t, builtSite(t))
	browser := newBrowser(t)
	for _, lang := range []string{"en", "ar"} {
		tab, _ := open(t, browser, ts.URL+"/"+lang+"/print/index.html")
		if _, err := chromedp.Call(tab, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
			t.Fatal(err)
		}
		type state struct {
			Hidden []string `json:"hidden"`
			Shown  []string `json:"shown"`
			Breaks []string `json:"breaks"`
		}
		st := eval[state](t, tab, `(() => {
		  const shown = el => el && getComputedStyle(el).display !== 'none';
		  const hidden = [], seen = [];
		  for (const sel of ['.site-nav', '.quick-exit', '.languages', '.search-area', '.site-footer', '.screen-only', 'button']) {
		    const el = document.querySelector(sel);
		    if (el && shown(el)) hidden.push(sel);
		  }
		  const parts = [...document.querySelectorAll('.pack-part')];
		  return {
		    hidden,
		    shown: parts.filter(shown).map(p => p.getAttribute('aria-labelledby')),
		    breaks: parts.map(p => getComputedStyle(p).breakBefore),
		  };
		})()`)
		if len(st.Hidden) > 0 {
			t.Errorf("%s: printed although it should not be: %v", lang, st.Hidden)
		}
		if len(st.Shown) != 4 {
			t.Errorf("%s: printed parts %v, want the checklist, starters, agreement and help", lang, st.Shown)
		}
		for i, b := range st.Breaks {
			if i > 0 && b != "page" {
				t.Errorf("%s: part %d does not start a new sheet (break-before %s)", lang, i+1, b)
			}
		}
	}
}

// TestChooserSuggests checks that the root chooser highlights the browser's language and
// does nothing else: no redirect, nothing stored.
func TestChooserSuggests(t *testing.T) {
	t.Parallel()
	ts := serveSite(t, builtSite(t))
	browser := newBrowser(t, chromedp.Flag("accept-lang", "pl-PL,pl"))
	tab, _ := open(t, browser, ts.URL+"/index.html")
	if got := eval[string](t, tab, `location.pathname + ' ' + [...document.querySelectorAll('.suggested')].map(a => a.getAttribute('hreflang')).join(',')`); got != "/ pl" && got != "/index.html pl" {
		t.Errorf("chooser: %q, want it to stay and suggest pl", got)
	}
	if st, cookies := stored(t, tab); !st.empty() || cookies > 0 {
		t.Errorf("the chooser stored something: %+v", st)
	}
}
