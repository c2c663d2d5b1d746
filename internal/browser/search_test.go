package browser

import (
	"context"
	"strings"
	"testing"
	"unicode"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// TestSearchEveryLanguage types a word of a page's title into the search box, in every
// language, and expects that page among the results; then a word typed without its accents
// or vowel marks.
func TestSearchEveryLanguage(t *testing.T) {
	t.Parallel()
	ts := serveSite(t, builtSite(t))
	browser := newBrowser(t)
	// One tab for the languages in turn: a tab of its own for each would start a renderer
	// for each.
	tab, nl := newTab(t, browser)
	for _, lang := range []string{"en", "cy", "pl", "ar", "ur"} {
		t.Run(lang, func(t *testing.T) {
			nl.forget()
			navigate(t, tab, nl, pageURL(ts.URL, lang+"/help/index.html"))
			title := eval[string](t, tab, `document.querySelector('h1').textContent`)
			word := longestWord(title)
			results := search(t, tab, word)
			if !containsSuffix(results, lang+"/help/index.html") {
				t.Errorf("%s: searching %q (from %q) found %v", lang, word, title, results)
			}
			if v := cspViolations(t, tab); len(v) > 0 {
				t.Errorf("policy violations: %v", v)
			}
			if f := nl.foreign(ts.URL); len(f) > 0 {
				t.Errorf("search made requests to other origins: %v", f)
			}
		})
	}
	// Accents and marks do not matter: "rozmowe" finds "rozmowę".
	nl.forget()
	navigate(t, tab, nl, pageURL(ts.URL, "pl/talk/talk/index.html"))
	if got := search(t, tab, "rozmow"); len(got) == 0 {
		t.Error("pl: an unaccented prefix found nothing")
	}
	if v := cspViolations(t, tab); len(v) > 0 {
		t.Errorf("policy violations: %v", v)
	}
	if f := nl.foreign(ts.URL); len(f) > 0 {
		t.Errorf("search made requests to other origins: %v", f)
	}
	reportAxe(t, "search results", axe(t, tab))
}

func search(t *testing.T, ctx context.Context, word string) []string {
	t.Helper()
	eval[bool](t, ctx, `(document.getElementById('search-q').value = '', document.querySelector('[data-search-status]').textContent = '', true)`)
	if err := chromedp.Do(ctx, chromedp.Focus(chromedp.ID("search-q")), chromedp.KeyEvent(word), chromedp.KeyEvent(kb.Enter)); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, `document.querySelector('[data-search-status]').textContent !== '' && document.querySelector('[data-search-status]').textContent !== document.querySelector('[data-search]').dataset.msgLoading`, "search results")
	return eval[[]string](t, ctx, `[...document.querySelectorAll('[data-search-results] a')].map(a => a.getAttribute('href'))`)
}

func longestWord(s string) string {
	best := ""
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.Is(unicode.M, r) }) {
		if len([]rune(w)) > len([]rune(best)) {
			best = w
		}
	}
	return best
}

func containsSuffix(list []string, suffix string) bool {
	for _, s := range list {
		if strings.HasSuffix(s, suffix) {
			return true
		}
	}
	return false
}
