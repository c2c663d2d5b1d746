package build_test

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"golang.org/x/net/html"

	"github.com/talksite/talksite"
	"github.com/talksite/talksite/internal/build"
	"github.com/talksite/talksite/internal/content"
	"github.com/talksite/talksite/internal/frontmatter"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata/")

func page(title, body string, extra ...string) string {
	return "---\ntitle: " + title + "\n" + strings.Join(extra, "\n") + "\n---\n" + body
}

func hashOf(title, body string) string {
	return content.PageHash(frontmatter.Meta{Title: title}, []byte(body))
}

// multilingualBuild is the multilingual test site built once for the tests that read it.
var multilingualBuild struct {
	once sync.Once
	res  *build.Result
	err  error
}

// buildMultilingual builds multilingualSite once for the tests of the package; they only
// read the result.
func buildMultilingual(t *testing.T) *build.Result {
	t.Helper()
	multilingualBuild.once.Do(func() {
		multilingualBuild.res, multilingualBuild.err = build.Run(build.Options{Site: multilingualSite(), Default: talksite.DefaultSite()})
	})
	if multilingualBuild.err != nil {
		t.Fatalf("the multilingual test site does not build:\n%v", multilingualBuild.err)
	}
	return multilingualBuild.res
}

// multilingualSite is a small site in four languages: pt-BR falls back to pt, then en;
// Arabic is right to left.
func multilingualSite() fstest.MapFS {
	homeEN, homeBody := "Home", "Welcome. Read [A](a.md#section-one).\n"
	aEN, aBody := "Page A", "## Section one {#section-one}\n\nText.\n"
	files := map[string]string{
		"site.toml": `defaultContent = false
[languages.en]
name = "English"
order = 1
[languages.pt]
name = "Português"
order = 2
[languages.pt-BR]
name = "Português do Brasil"
order = 3
fallback = ["pt"]
[languages.ar]
name = "العربية"
order = 4
`,
		"content/en/_index.md": page(homeEN, homeBody),
		"content/en/a.md":      page(aEN, aBody, "weight: 1"),
		"content/en/b.md":      page("Page B", "Only in English, links [home](_index.md).\n", "weight: 2"),
		// pt: home up to date, A outdated (made from an older English A); both checked by a
		// fluent reader, so neither is a draft.
		"content/pt/_index.md": page("Início", "Bem-vindo. Leia [A](a.md#section-one).\n", "sourceHash: "+hashOf(homeEN, homeBody), "reviewedBy: Ana"),
		"content/pt/a.md":      page("Página A", "## Secção um {#section-one}\n\nTexto.\n", "weight: 1", "sourceHash: 0000000000", "reviewedBy: Ana"),
		// pt-BR: a draft translation of the home page; everything else from pt, then en.
		"content/pt-BR/_index.md": page("Início", "Boas-vindas. Leia [A](a.md#section-one).\n", "draft: true", "sourceHash: "+hashOf(homeEN, homeBody)),
		"content/ar/_index.md":    page("الصفحة الرئيسية", "أهلاً. اقرأ [أ](a.md#section-one).\n", "sourceHash: "+hashOf(homeEN, homeBody), "reviewedBy: Salma"),
		"data/en/starters.toml":   starters(),
		"i18n/ar.toml": `"notice.fallback" = "لم تُترجم هذه الصفحة بعد، لذلك تظهر بلغة {{.Language}}."
[starters.count]
zero = "لا توجد عبارات"
one = "عبارة واحدة"
two = "عبارتان"
few = "{{.Count}} عبارات"
many = "{{.Count}} عبارة"
other = "{{.Count}} عبارة"
`,
		"i18n/pt.toml": `"notice.fallback" = "Esta página ainda não foi traduzida, por isso aparece em {{.Language}}."
`,
	}
	m := fstest.MapFS{}
	for k, v := range files {
		m[k] = &fstest.MapFile{Data: []byte(v)}
	}
	return m
}

// starters gives the age bands 1, 2, 3 and 11 starters, to show plural forms.
func starters() string {
	var b strings.Builder
	n := 0
	for band, count := range map[string]int{"under-8": 1, "8-10": 2, "11-13": 3, "14-17": 11} {
		for range count {
			n++
			fmt.Fprintf(&b, "[[starter]]\nid = \"s%d\"\nages = [%q]\ntopics = [\"gaming\"]\ntext = \"Starter %d\"\n\n", n, band, n)
		}
	}
	return b.String()
}

// summary describes what a reader and a search engine see of each page, one line each.
func summary(files map[string][]byte) string {
	var names []string
	for n := range files {
		if strings.HasSuffix(n, ".html") {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	var out strings.Builder
	for _, name := range names {
		doc, _ := html.Parse(bytes.NewReader(files[name]))
		var (
			lang, dir, robots, canonical, contentLang string
			alternates, switcher, notices, counts     []string
		)
		var walk func(n *html.Node, inSwitcher bool)
		walk = func(n *html.Node, inSwitcher bool) {
			if n.Type == html.ElementNode {
				attr := func(k string) string {
					for _, a := range n.Attr {
						if a.Key == k {
							return a.Val
						}
					}
					return ""
				}
				switch {
				case n.Data == "html":
					lang, dir = attr("lang"), attr("dir")
				case n.Data == "meta" && attr("name") == "robots":
					robots = attr("content")
				case n.Data == "link" && attr("rel") == "canonical":
					canonical = attr("href")
				case n.Data == "link" && attr("rel") == "alternate":
					alternates = append(alternates, attr("hreflang")+"="+attr("href"))
				case n.Data == "nav" && attr("id") == "language":
					inSwitcher = true
				case inSwitcher && (n.Data == "a" || n.Data == "span") && attr("lang") != "":
					mark := ""
					if n.Data == "span" {
						mark = "*"
					}
					switcher = append(switcher, mark+attr("lang")+"="+attr("href"))
				case attr("class") == "notice":
					notices = append(notices, strings.Join(strings.Fields(text(n)), " "))
				case attr("class") == "count":
					counts = append(counts, text(n))
				case (n.Data == "article" || n.Data == "div") && contentLang == "" && attr("lang") != "":
					contentLang = attr("lang") + "/" + attr("dir")
				}
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				walk(c, inSwitcher)
			}
		}
		walk(doc, false)
		fmt.Fprintf(&out, "%s\n  html lang=%s dir=%s", name, lang, dir)
		if contentLang != "" {
			fmt.Fprintf(&out, " content=%s", contentLang)
		}
		if robots != "" {
			fmt.Fprintf(&out, " robots=%s", robots)
		}
		if canonical != "" {
			fmt.Fprintf(&out, " canonical=%s", canonical)
		}
		fmt.Fprintf(&out, "\n  hreflang %s\n  switcher %s\n", strings.Join(alternates, " "), strings.Join(switcher, " "))
		for _, n := range notices {
			fmt.Fprintf(&out, "  notice: %s\n", n)
		}
		for _, c := range counts {
			fmt.Fprintf(&out, "  count: %s\n", c)
		}
	}
	return out.String()
}

func text(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

// TestMultilingualGolden builds the small multilingual site and compares what each page
// shows (language, direction, fallback, outdated and draft notices, hreflang, switcher,
// plural forms) with testdata/multilingual.golden.
func TestMultilingualGolden(t *testing.T) {
	res := buildMultilingual(t)
	got := summary(res.Output.Files)
	const golden = "testdata/multilingual.golden"
	if *update {
		os.WriteFile(golden, []byte(got), 0o644)
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./internal/build -run Multilingual -update)", err)
	}
	if got != string(want) {
		t.Errorf("pages differ from %s (run with -update to accept):\n%s", golden, got)
	}
}

// TestHreflangReciprocal checks, on the default site and the multilingual test site, that
// every page's hreflang alternates list the same set of pages, each of which lists it back.
func TestHreflangReciprocal(t *testing.T) {
	for name, built := range map[string]func(*testing.T) *build.Result{
		"default":      func(t *testing.T) *build.Result { return buildDefault(t) },
		"multilingual": buildMultilingual,
	} {
		t.Run(name, func(t *testing.T) {
			res := built(t)
			alts := map[string][]string{} // page → resolved alternates (without x-default)
			for name, b := range res.Output.Files {
				if !strings.HasSuffix(name, ".html") || name == "index.html" {
					continue
				}
				doc, _ := html.Parse(bytes.NewReader(b))
				var walk func(n *html.Node)
				walk = func(n *html.Node) {
					if n.Type == html.ElementNode && n.Data == "link" {
						var rel, href, hl string
						for _, a := range n.Attr {
							switch a.Key {
							case "rel":
								rel = a.Val
							case "href":
								href = a.Val
							case "hreflang":
								hl = a.Val
							}
						}
						if rel == "alternate" && hl != "x-default" {
							alts[name] = append(alts[name], resolvePath(name, href))
						}
					}
					for c := n.FirstChild; c != nil; c = c.NextSibling {
						walk(c)
					}
				}
				walk(doc)
			}
			for page, list := range alts {
				if !slices.Contains(list, page) {
					t.Errorf("%s does not list itself: %v", page, list)
				}
				for _, other := range list {
					back := alts[other]
					slices.Sort(back)
					mine := slices.Clone(list)
					slices.Sort(mine)
					if !slices.Equal(back, mine) {
						t.Errorf("%s lists %s, whose alternates %v differ from %v", page, other, back, mine)
					}
				}
			}
			if len(alts) == 0 {
				t.Error("no page has hreflang alternates")
			}
		})
	}
}

func resolvePath(from, href string) string {
	dir := from[:strings.LastIndex(from, "/")+1]
	parts := strings.Split(dir+href, "/")
	var out []string
	for _, p := range parts {
		switch p {
		case "..":
			out = out[:len(out)-1]
		case ".", "":
		default:
			out = append(out, p)
		}
	}
	return strings.Join(out, "/")
}

// TestFallbackStringsAreMarked checks that an interface string shown from another
// language (the translation lacks it) carries that language's lang, and dir where the
// direction differs, so that screen readers pronounce it right.
func TestFallbackStringsAreMarked(t *testing.T) {
	res := buildMultilingual(t)
	ptBR := string(res.Output.Files["pt-BR/index.html"])
	if !strings.Contains(ptBR, `<span lang="en">This translation is a draft.`) {
		t.Error("pt-BR: the English draft notice is not marked lang=en")
	}
	ar := string(res.Output.Files["ar/a/index.html"])
	if !strings.Contains(ar, `<span lang="en" dir="ltr">Skip to main content</span>`) {
		t.Error("ar: an English interface string is not marked lang=en dir=ltr")
	}
	if strings.Contains(ar, `<span lang="ar"`) || strings.Contains(string(res.Output.Files["en/index.html"]), `<span lang="en"`) {
		t.Error("a string in the page's own language is marked")
	}
	if !strings.Contains(ar, `aria-label="Main"`) {
		t.Error("attributes keep plain text")
	}
}
