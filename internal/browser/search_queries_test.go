package browser

import (
	"net/url"
	"path/filepath"
	"strings"
	"testing"
)

// searchQueries are what worried parents type (issue 12), in each shipped language, and
// the pages one of which must be among the first five results. Most guidance is still
// English in the other languages: their words for "blackmail" and "image" must find the
// English pages through data/<lang>/synonyms.toml.
var searchQueries = []struct {
	lang, query string
	want        []string // page paths below the language folder; any one will do
}{
	{"en", "found something on my child's phone", []string{"now/", "now/worrying-messages/", "now/child-told-me/", "guidance/if-your-child-tells-you/", "guidance/warning-signs/"}},
	{"en", "blackmail money", []string{"guidance/sextortion/"}},
	{"en", "CEOP", []string{"help/", "now/threatened-or-asked-for-money/", "guidance/sextortion/", "guidance/if-an-image-has-been-shared/"}},
	{"en", "nude photo", []string{"guidance/if-an-image-has-been-shared/", "now/image-shared/", "guidance/self-generated-images-and-sextortion/"}},
	{"en", "someone is threatening to share a picture", []string{"guidance/sextortion/", "now/threatened-or-asked-for-money/"}},
	{"en", "grooming", []string{"guidance/online-sexual-abuse/"}},
	{"pl", "szantaż", []string{"guidance/sextortion/", "now/threatened-or-asked-for-money/"}},
	{"pl", "szantażują moje dziecko", []string{"guidance/sextortion/", "now/threatened-or-asked-for-money/"}},
	{"pl", "zdjęcie", []string{"guidance/if-an-image-has-been-shared/", "now/image-shared/", "guidance/ai-and-fake-images/", "guidance/if-your-child-shared-an-image/"}},
	{"pl", "nagie zdjęcia", []string{"guidance/if-an-image-has-been-shared/", "now/image-shared/", "guidance/self-generated-images-and-sextortion/"}},
	{"ar", "ابتزاز", []string{"guidance/sextortion/", "now/threatened-or-asked-for-money/"}},
	{"ar", "صورة", []string{"guidance/if-an-image-has-been-shared/", "now/image-shared/", "guidance/ai-and-fake-images/", "guidance/if-your-child-shared-an-image/"}},
	{"ar", "وجدت شيئا في هاتف طفلي", []string{"now/worrying-messages/", "guidance/if-your-child-tells-you/", "guidance/warning-signs/", "now/child-told-me/"}},
	{"cy", "blacmel", []string{"guidance/sextortion/", "now/threatened-or-asked-for-money/"}},
	{"cy", "llun", []string{"guidance/if-an-image-has-been-shared/", "now/image-shared/", "guidance/ai-and-fake-images/", "guidance/if-your-child-shared-an-image/"}},
	{"cy", "delwedd", []string{"guidance/if-an-image-has-been-shared/", "now/image-shared/", "guidance/ai-and-fake-images/", "guidance/if-your-child-shared-an-image/"}},
	{"ur", "بلیک میل", []string{"guidance/sextortion/", "now/threatened-or-asked-for-money/"}},
	{"ur", "تصویر", []string{"guidance/if-an-image-has-been-shared/", "now/image-shared/", "guidance/ai-and-fake-images/", "guidance/if-your-child-shared-an-image/"}},
}

// TestSearchQueries types each query into the search box of its language and expects one
// of its pages among the first five results.
func TestSearchQueries(t *testing.T) {
	t.Parallel()
	ts := serveSite(t, builtSite(t))
	browser := newBrowser(t)
	var langs []string
	byLang := map[string][]int{}
	for i, q := range searchQueries {
		if byLang[q.lang] == nil {
			langs = append(langs, q.lang)
		}
		byLang[q.lang] = append(byLang[q.lang], i)
	}
	// One tab for the languages in turn: a tab of its own for each would start a renderer
	// for each.
	tab, nl := newTab(t, browser)
	for _, lang := range langs {
		t.Run(lang, func(t *testing.T) {
			nl.forget()
			navigate(t, tab, nl, pageURL(ts.URL, lang+"/help/index.html"))
			for _, i := range byLang[lang] {
				q := searchQueries[i]
				t.Run(q.query, func(t *testing.T) {
					results := search(t, tab, q.query)
					top := results[:min(5, len(results))]
					for i, r := range top {
						if _, rest, ok := strings.Cut(r, q.lang+"/"); ok {
							top[i] = strings.TrimSuffix(rest, "index.html")
						}
					}
					found := false
					for _, w := range q.want {
						found = found || containsPath(top, w)
					}
					if !found {
						t.Errorf("%q: first five results %q, want one of %q", q.query, top, q.want)
					}
					t.Logf("%s %q: %s", q.lang, q.query, strings.Join(top, ", "))
				})
			}
			if v := cspViolations(t, tab); len(v) > 0 {
				t.Errorf("policy violations: %v", v)
			}
			if f := nl.foreign(ts.URL); len(f) > 0 {
				t.Errorf("search made requests to other origins: %v", f)
			}
		})
	}
}

func containsPath(list []string, p string) bool {
	for _, s := range list {
		if s == p {
			return true
		}
	}
	return false
}

// TestSearchNothingFound searches for words no page has, or only stop words, and expects
// the "nothing found" message with links to the help page and the site map.
func TestSearchNothingFound(t *testing.T) {
	t.Parallel()
	ts := serveSite(t, builtSite(t))
	browser := newBrowser(t)
	tab, nl := open(t, browser, pageURL(ts.URL, "en/guidance/index.html"))
	for _, query := range []string{"xyzzy qwertz", "the my on"} {
		if got := search(t, tab, query); len(got) != 0 {
			t.Errorf("%q found %v", query, got)
		}
		status := eval[string](t, tab, `document.querySelector('[data-search-status]').textContent`)
		if want := eval[string](t, tab, `document.querySelector('[data-search]').dataset.msgNone`); status != want {
			t.Errorf("%q: status %q, want %q", query, status, want)
		}
		links := eval[[]string](t, tab, `[...document.querySelectorAll('[data-search-none]:not([hidden]) a')].map(a => a.getAttribute('href'))`)
		if !containsSuffix(links, "en/help/index.html") || !containsSuffix(links, "en/site-map/index.html") {
			t.Errorf("%q: nothing found offers %v, want the help page and the site map", query, links)
		}
	}
	// A search that finds something hides the links again.
	if got := search(t, tab, "sextortion"); len(got) == 0 {
		t.Fatal("sextortion found nothing")
	}
	if n := eval[int](t, tab, `document.querySelectorAll('[data-search-none]:not([hidden])').length`); n != 0 {
		t.Error("the nothing-found links stay after a search that finds pages")
	}
	reportAxe(t, "search results with snippets", axe(t, tab))
	if f := nl.foreign(ts.URL); len(f) > 0 {
		t.Errorf("search made requests to other origins: %v", f)
	}
}

// TestSearchFromDisk searches a page opened from disk (file://): the index loads as a
// script, which browsers allow from disk where they refuse fetch.
func TestSearchFromDisk(t *testing.T) {
	t.Parallel()
	dir := builtSite(t)
	browser := newBrowser(t)
	base := (&url.URL{Scheme: "file", Path: filepath.ToSlash(dir) + "/"}).String()
	tab, nl := open(t, browser, base+"pl/index.html")
	if got := search(t, tab, "szantaż"); !containsSuffix(got, "pl/guidance/sextortion/index.html") {
		t.Errorf("from disk, szantaż found %v", got)
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
