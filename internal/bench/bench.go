// Package bench generates synthetic multilingual sites and times builds of them, for
// `talksite bench` and the build benchmarks: N pages over several languages, each 600 to
// 1,200 words of Markdown with headings, lists, a table and links to other pages. The same
// pages can be written as a Hugo site with equivalent templates, so both tools build the
// same content in one run, beside the floor (see Floor): the least any build of those
// pages must do. Measure times each as a child process, taking turns, and WriteTable
// prints the medians and the ratios.
package bench

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
)

// Options describe a generated site.
type Options struct {
	Pages    int      // pages in all, spread over the languages
	Langs    []string // language tags; the first is the source
	Sections int      // sections per language
	Seed     uint64
}

// DefaultLangs are the languages of a generated site.
var DefaultLangs = []string{"en", "cy", "pl", "ar"}

func (o *Options) defaults() {
	if len(o.Langs) == 0 {
		o.Langs = DefaultLangs
	}
	if o.Sections <= 0 {
		o.Sections = 20
	}
	if o.Pages < len(o.Langs) {
		o.Pages = len(o.Langs)
	}
}

var words = strings.Fields(`a about after again all also always an and any app apps are ask asked at
away back be because been before being best both but by call can care chat check child children
choose clear come could day device do does done down each easy even every family feel find first
for friend friends from game games get give go good grown had has have help her here him his home
how if in into is it its just keep kind know last learn let life like link listen little live long
look lot make many may me more most much must my need never new next no not now of off often on
once one online only open or other our out over own page parent parents people phone photo place
play privacy private promise put read ready real report right rule rules safe safer same say school
screen see send set settings share should show side site so some someone something start stay still
stop story sure take talk tell than thank that the their them then there these they thing things
think this those time to today together too tool tools trust try turn under until up us use very
want was way we week well what when where which while who why will with without word work worried
would write year yes yet you young your`)

func sentence(r *rand.Rand, n int) string {
	w := make([]string, n)
	for i := range w {
		w[i] = words[r.IntN(len(words))]
	}
	w[0] = strings.ToUpper(w[0][:1]) + w[0][1:]
	return strings.Join(w, " ") + "."
}

func paragraph(r *rand.Rand, words int) (string, int) {
	var b strings.Builder
	n := 0
	for n < words {
		k := 6 + r.IntN(10)
		b.WriteString(sentence(r, k))
		b.WriteByte(' ')
		n += k
	}
	return strings.TrimSpace(b.String()), n
}

// page is one generated page: section s, number i.
type page struct{ s, i int }

func (o *Options) layout() (perLang int, sections [][]page) {
	perLang = o.Pages / len(o.Langs)
	sections = make([][]page, o.Sections)
	for i := range perLang {
		s := i % o.Sections
		sections[s] = append(sections[s], page{s, i})
	}
	return perLang, sections
}

// body writes the Markdown of a page; link formats a link to another page.
func body(r *rand.Rand, link func(p page) string, perLang, nsec int) string {
	var b strings.Builder
	target := 600 + r.IntN(600)
	n := 0
	heading := 0
	for n < target {
		if n == 0 || r.IntN(4) == 0 {
			heading++
			fmt.Fprintf(&b, "## %s\n\n", strings.TrimSuffix(sentence(r, 3+r.IntN(4)), "."))
		}
		p, k := paragraph(r, 40+r.IntN(40))
		b.WriteString(p)
		n += k
		if r.IntN(3) == 0 {
			other := page{r.IntN(nsec), r.IntN(perLang)}
			other.s = other.i % nsec
			fmt.Fprintf(&b, " See %s.", link(other))
		}
		b.WriteString("\n\n")
		switch r.IntN(6) {
		case 0:
			for range 5 {
				fmt.Fprintf(&b, "- %s\n", sentence(r, 4+r.IntN(6)))
				n += 7
			}
			b.WriteString("\n")
		case 1:
			b.WriteString("| Age | What to try | Where |\n|---|---|---|\n")
			for range 4 {
				fmt.Fprintf(&b, "| %d | %s | %s |\n", 8+r.IntN(10), sentence(r, 5), sentence(r, 2))
				n += 8
			}
			b.WriteString("\n")
		}
	}
	return b.String()
}

// WriteTalksite writes a talksite site folder that uses the default layouts and assets but
// none of the default content.
func WriteTalksite(dir string, o Options) error {
	o.defaults()
	perLang, sections := o.layout()
	var cfg strings.Builder
	cfg.WriteString("defaultContent = false\n")
	for i, l := range o.Langs {
		fmt.Fprintf(&cfg, "[languages.%s]\nname = %q\norder = %d\n", l, strings.ToUpper(l), i+1)
	}
	if err := write(dir, "site.toml", cfg.String()); err != nil {
		return err
	}
	return writePages(dir, o, perLang, sections, front, "[page %d](../section-%d/page-%d.md)")
}

// WriteHugo writes the same pages as a Hugo site with templates equivalent to talksite's
// essentials: a header, a language switcher, navigation to the sections, the page, and
// section lists.
func WriteHugo(dir string, o Options) error {
	o.defaults()
	perLang, sections := o.layout()
	var cfg strings.Builder
	cfg.WriteString(`baseURL = "https://example.org/"
defaultContentLanguage = "` + o.Langs[0] + `"
defaultContentLanguageInSubdir = true
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]
relativeURLs = true
[outputFormats.SearchIndex]
mediaType = "application/json"
baseName = "search/index"
isPlainText = true
[outputs]
home = ["HTML", "SearchIndex"]
[markup.goldmark.renderer]
unsafe = false
`)
	for i, l := range o.Langs {
		fmt.Fprintf(&cfg, "[languages.%s]\nweight = %d\nlanguageName = %q\ncontentDir = \"content/%s\"\n", l, i+1, strings.ToUpper(l), l)
	}
	if err := write(dir, "hugo.toml", cfg.String()); err != nil {
		return err
	}
	// The templates mirror talksite's default layouts element for element (head, skip
	// links, quick exit, navigation, search box, language switcher, breadcrumb, page,
	// footer) and, like talksite, a search index of every page's words, so that both tools
	// do the same work.
	files := map[string]string{
		"layouts/_default/baseof.html": `<!DOCTYPE html>
<html lang="{{ .Language.Lang }}" dir="ltr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'">
<meta name="referrer" content="no-referrer">
<title>{{ .Title }} | {{ .Site.Title }}</title>
<meta name="description" content="{{ .Description }}">
{{ range .AllTranslations }}<link rel="alternate" hreflang="{{ .Language.Lang }}" href="{{ .RelPermalink }}">
{{ end }}<link rel="alternate" hreflang="x-default" href="{{ "" | relURL }}">
<link rel="stylesheet" href="{{ "assets/site.css" | relURL }}">
<link rel="icon" href="{{ "assets/favicon.svg" | relURL }}" type="image/svg+xml">
<script src="{{ "assets/exit.js" | relURL }}" defer></script>
<script src="{{ "assets/plural.js" | relURL }}" defer></script>
<script src="{{ "assets/search.js" | relURL }}" defer></script>
</head>
<body>
<header class="site-header">
<a class="skip-link" href="https://www.bbc.co.uk/weather" rel="noopener noreferrer nofollow" data-exit>Exit this page quickly</a>
<a class="skip-link" href="#main">Skip to main content</a>
<div class="wrap header-bar">
<a class="brand" href="{{ .Site.Home.RelPermalink }}"><span class="brand-text"><span class="site-title">{{ .Site.Title }}</span></span></a>
<p class="exit-wrap"><a class="quick-exit" id="quick-exit" href="https://www.bbc.co.uk/weather" rel="noopener noreferrer nofollow" data-exit data-msg-overlay="Leaving this page" data-msg-two="Shift, press 2 more times to exit." data-msg-one="Shift, press 1 more time to exit." data-msg-expired="Exit this page expired."><span class="visually-hidden">Emergency </span>Exit this page</a></p>
</div>
<nav class="site-nav" id="site-nav" aria-label="Main"><ul class="wrap">
{{ $current := . }}{{ range .Site.Home.Sections }}<li><a href="{{ .RelPermalink }}"{{ if eq . $current }} aria-current="page"{{ else if $current.IsDescendant . }} aria-current="true"{{ end }}>{{ .LinkTitle }}</a></li>
{{ end }}</ul></nav>
<div class="search-area wrap"><form class="search js-only" role="search" hidden data-search data-index="{{ "search/index.json" | relLangURL }}"><label for="search-q">Search this site</label><input type="search" id="search-q" name="q"> <button type="submit" class="button">Search</button><p class="search-status" role="status"></p><ul class="search-results"></ul></form></div>
<nav class="languages wrap" id="language" aria-label="Language"><ul>
{{ range .AllTranslations }}<li>{{ if eq .Language.Lang $current.Language.Lang }}<span aria-current="page">{{ .Language.LanguageName }}</span>{{ else }}<a href="{{ .RelPermalink }}" lang="{{ .Language.Lang }}" hreflang="{{ .Language.Lang }}">{{ .Language.LanguageName }}</a>{{ end }}</li>
{{ end }}</ul></nav>
</header>
<main id="main" tabindex="-1">{{ block "main" . }}{{ end }}</main>
<footer class="site-footer" id="footer"><div class="wrap">
<p class="footer-help"><a href="{{ .Site.Home.RelPermalink }}">Worried about a child? Get help now</a></p>
<ul class="footer-links">{{ range first 4 .Site.Home.Sections }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>
<p class="footer-note">This site uses no cookies and no tracking.</p>
</div></footer>
</body></html>
`,
		"layouts/_default/single.html": `{{ define "main" }}<article class="page wrap">
{{ with .Parent }}<p class="breadcrumb"><a href="{{ .RelPermalink }}">{{ .Title }}</a></p>{{ end }}
<h1 id="page-title">{{ .Title }}</h1>
{{ with .Description }}<p class="lead">{{ . }}</p>{{ end }}
<div class="prose">{{ .Content }}</div>
<footer class="page-sources"><p class="reviewed" data-reviewed="{{ .Date.Format "2006-01-02" }}">Facts checked on {{ .Date.Format "2 January 2006" }}</p></footer>
</article>{{ end }}`,
		"layouts/_default/list.html": `{{ define "main" }}<div class="page wrap"><h1 id="page-title">{{ .Title }}</h1>
<div class="prose">{{ .Content }}</div>
<ul class="cards">{{ range .Pages }}<li class="card"><h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2>{{ with .Description }}<p>{{ . }}</p>{{ end }}</li>{{ end }}</ul></div>{{ end }}`,
		"layouts/index.searchindex.json": `{{- $pages := slice -}}
{{- range .Site.Pages -}}
{{- $words := split (.Plain | lower | replaceRE "[^\\pL\\pN]+" " ") " " | uniq -}}
{{- $pages = $pages | append (dict "url" .RelPermalink "title" .Title "words" $words) -}}
{{- end -}}
{{- $pages | jsonify -}}`,
	}
	for name, content := range files {
		if err := write(dir, name, content); err != nil {
			return err
		}
	}
	return writePages(dir, o, perLang, sections, hugoFront, "[page %d](../../section-%d/page-%d/)")
}

// writePages writes every language's home, section and page files: the same words for
// both generators (the same seed), with each one's front matter and link form.
func writePages(dir string, o Options, perLang int, sections [][]page, front func(title string, weight int) string, linkFormat string) error {
	link := func(q page) string { return fmt.Sprintf(linkFormat, q.i, q.s, q.i) }
	for _, l := range o.Langs {
		r := rand.New(rand.NewPCG(o.Seed, 1))
		if err := write(dir, "content/"+l+"/_index.md", front("Home "+l, 0)+"Welcome.\n"); err != nil {
			return err
		}
		for s, list := range sections {
			if err := write(dir, fmt.Sprintf("content/%s/section-%d/_index.md", l, s), front(fmt.Sprintf("Section %d", s), s)+"A section.\n"); err != nil {
				return err
			}
			for _, p := range list {
				md := front(strings.TrimSuffix(sentence(r, 5), "."), p.i) + body(r, link, perLang, o.Sections)
				if err := write(dir, fmt.Sprintf("content/%s/section-%d/page-%d.md", l, s, p.i), md); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

func front(title string, weight int) string {
	return fmt.Sprintf("---\ntitle: %q\ndescription: \"A generated page for measuring builds.\"\nweight: %d\nreviewed: 2026-11-22\n---\n\n", title, weight+1)
}

// hugoFront is front for Hugo, which calls the date "date".
func hugoFront(title string, weight int) string {
	return strings.Replace(front(title, weight), "reviewed:", "date:", 1)
}

func write(dir, name, content string) error {
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	return os.WriteFile(p, []byte(content), 0o644)
}
