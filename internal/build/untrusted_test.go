package build_test

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"golang.org/x/net/html"

	"github.com/talksite/talksite"
	"github.com/talksite/talksite/internal/build"
	"github.com/talksite/talksite/internal/check"
)

// Payloads planted in the untrusted inputs: Markdown, front matter, interface strings,
// site.toml and data files all come from volunteers.
const (
	pScript     = `<script>alert(1)</script>`
	pImg        = `<img src=x onerror=alert(1)>`
	pSVG        = `<svg onload=alert(1)>`
	pIframe     = `<iframe src="javascript:alert(1)"></iframe>`
	pStyle      = `<style>body{display:none}</style>`
	pMeta       = `<meta http-equiv="refresh" content="0;url=https://evil.example/">`
	pBase       = `<base href="https://evil.example/">`
	pMath       = `<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>`
	pAttr       = `" onmouseover="alert(1)" x="`
	pAttrSingle = `' onfocus='alert(1)' autofocus x='`
	pAttrBare   = `x onmouseover=alert(1)`
	pCloseTitle = `</title><script>alert(1)</script>`
	pJSURL      = `javascript:alert(1)`
	pTmplDot    = `{{.}}`
	pTmplNamed  = `{{template "x"}}`
	pTmplRange  = `{{range .}}x{{end}}`
	pTmplPrintf = `{{printf "%c%s%c" 60 "script" 62}}`
	pEntities   = `&lt;script&gt;alert(1)&lt;/script&gt;`
	pNumEntity  = `&#60;img src=x onerror=alert(1)&#62;`
)

// pLong is a very long string, to check that nothing truncates it into broken markup.
var pLong = strings.TrimSpace(strings.Repeat("<b>long</b> ", 1000))

type untrustedPayload struct{ name, value string }

// untrustedPayloads are planted in every text-like place.
var untrustedPayloads = []untrustedPayload{
	{"script", pScript},
	{"img onerror", pImg},
	{"svg onload", pSVG},
	{"iframe", pIframe},
	{"style", pStyle},
	{"meta refresh", pMeta},
	{"base", pBase},
	{"math", pMath},
	{"attribute breakout", pAttr},
	{"single-quote breakout", pAttrSingle},
	{"unquoted attribute", pAttrBare},
	{"close title", pCloseTitle},
	{"javascript url", pJSURL},
	{"template dot", pTmplDot},
	{"template call", pTmplNamed},
	{"template range", pTmplRange},
	{"template printf", pTmplPrintf},
	{"entities", pEntities},
	{"line separators", "a\u2028b\u2029c</script>"},
	{"long", pLong},
}

// isMarkupPayload reports whether a payload is HTML (the i18n checks reject it).
func isMarkupPayload(s string) bool { return strings.Contains(s, "<") && strings.Contains(s, ">") }

func isTemplatePayload(s string) bool { return strings.Contains(s, "{{") }

// untrustedCase lays files over the default site and says what the build must do.
type untrustedCase struct {
	name  string
	files map[string]string
	// reject, when set, says the build must fail with an error line for each entry.
	reject []wantError
	// either is how an error line that may fail the build starts (the file it names); the
	// build may also succeed, and then its output must be safe. Empty: it must succeed.
	either string
	// visible are strings that, when the build succeeds, must appear as text (or as the
	// value of an attribute) of some page: the payload escaped, not turned into markup.
	visible []string
	// allow lists elements this case may legitimately add (an image in Markdown, a logo).
	allow []string
}

// wantError is an error line that starts with file and contains the text.
type wantError struct{ file, contains string }

// TestUntrustedInput plants payloads in every kind of input a volunteer can write, builds
// the default site with them laid over it, and checks that each payload is either rejected
// with an error naming its file, or reaches the pages only as text: no script, event
// handler, style attribute, dangerous URL, duplicate id or unexpected element; the CSS,
// JavaScript and server files are unchanged, and the search indexes hold the words only as
// JSON data. Payloads that are published are planted many at a time (one per page, entry
// or string) so that the suite builds the site about seventy times.
func TestUntrustedInput(t *testing.T) {
	base := untrustedBaselineOutput(t)
	for _, tc := range untrustedCases(t) {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			site := fstest.MapFS{}
			for name, content := range tc.files {
				site[name] = &fstest.MapFile{Data: []byte(content)}
			}
			res, err := runWithDeadline(t, build.Options{Site: site, Default: talksite.DefaultSite()}, 2*time.Minute)
			switch {
			case len(tc.reject) > 0:
				if err == nil {
					t.Fatalf("built without errors; want errors %v", tc.reject)
				}
				for _, w := range tc.reject {
					if !hasErrorLine(err, w) {
						t.Errorf("no error line starting %q and containing %q in:\n%v", w.file, w.contains, err)
					}
				}
				return
			case err != nil && tc.either == "":
				t.Fatalf("build failed: %v", err)
			case err != nil:
				if !hasErrorLine(err, wantError{file: tc.either}) {
					t.Errorf("the build failed but no error names %s:\n%v", tc.either, err)
				}
				t.Logf("rejected: %s", strings.SplitN(err.Error(), "\n", 3)[min(1, strings.Count(err.Error(), "\n"))])
				return
			}
			checkOutputSafe(t, base, res.Output.Files, tc.allow, tc.visible)
		})
	}
}

// runWithDeadline runs a build, failing the test if it does not end in time (a payload
// that makes a template run away).
func runWithDeadline(t *testing.T, opts build.Options, limit time.Duration) (*build.Result, error) {
	t.Helper()
	type result struct {
		res *build.Result
		err error
	}
	done := make(chan result, 1)
	go func() {
		res, err := build.Run(opts)
		done <- result{res, err}
	}()
	select {
	case r := <-done:
		return r.res, r.err
	case <-time.After(limit):
		t.Fatalf("the build did not finish within %s", limit)
		return nil, nil
	}
}

func hasErrorLine(err error, w wantError) bool {
	for _, line := range strings.Split(err.Error(), "\n") {
		if strings.HasPrefix(line, w.file) && strings.Contains(line, w.contains) {
			return true
		}
	}
	return false
}

// ---------------------------------------------------------------------------------------
// The cases

func untrustedCases(t *testing.T) []untrustedCase {
	var cases []untrustedCase
	add := func(c untrustedCase) { cases = append(cases, c) }

	// Front matter: every text field of one page per payload. The pages are in a section
	// (listed as cards), in the footer menu (linkTitle, on every page) and cite a source.
	{
		files := map[string]string{}
		var visible []string
		for i, p := range untrustedPayloads {
			field := func(key string) string {
				v := fmt.Sprintf("%s %s%d", p.value, key, i)
				visible = append(visible, v)
				return yamlString(v)
			}
			files[fmt.Sprintf("content/en/guidance/planted-%d.md", i)] = "---\ntitle: " + field("title") +
				"\ndescription: " + field("description") + "\nlinkTitle: " + field("linkTitle") +
				"\nmenu: footer\nsources:\n  - title: " + field("source") + "\n    url: https://example.org/report\n---\nBody text.\n"
		}
		files["content/en/guidance/planted-toml.md"] = "+++\ntitle = " + tomlString(pScript+" toml") + "\ndescription = " + tomlString(pAttr+" toml") + "\n+++\nBody.\n"
		visible = append(visible, pScript+" toml", pAttr+" toml")
		add(untrustedCase{name: "front matter", files: files, visible: visible})
	}
	{
		files := map[string]string{}
		var reject []wantError
		bad := func(fm string) {
			name := fmt.Sprintf("content/en/guidance/planted-%d.md", len(files))
			files[name] = "---\ntitle: T\n" + fm + "\n---\nBody.\n"
			reject = append(reject, wantError{file: name})
		}
		for _, u := range []string{pJSURL, "JavaScript:alert(1)", " javascript:alert(1)", "vbscript:msgbox(1)",
			"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==", "data:image/png;base64,iVBORw0KGgo=", "//evil.example/", "https:alert(1)"} {
			bad("sources:\n  - title: S\n    url: " + yamlString(u))
		}
		bad("layout: " + yamlString(pScript))
		bad("layout: ../single")
		bad("menu: " + yamlString(pAttr))
		bad("ages: [" + yamlString(pScript) + "]")
		bad("topics: [" + yamlString(pAttr) + "]")
		add(untrustedCase{name: "front matter rejected", files: files, reject: reject})
	}
	add(untrustedCase{
		name: "front matter source url with quotes",
		files: map[string]string{"content/en/guidance/planted.md": "---\ntitle: T\nsources:\n  - title: S\n    url: " +
			yamlString(`https://example.org/"><script>alert(1)</script>`) + "\n---\nBody.\n"},
		either: "content/en/guidance/planted.md",
	})
	add(untrustedCase{
		name:   "front matter translationKey",
		files:  map[string]string{"content/en/guidance/planted.md": "---\ntitle: T\ntranslationKey: " + yamlString(pScript) + "\n---\nBody.\n"},
		either: "content/en/guidance/planted.md",
	})

	// Markdown bodies, one page each.
	{
		type md struct {
			body    string
			visible []string
		}
		var bodies []md
		for _, p := range untrustedPayloads {
			switch {
			case p.value == pEntities:
				bodies = append(bodies, md{"Before " + p.value + " after.\n", []string{pScript}}, md{p.value + "\n\nAfter.\n", []string{pScript}})
			case strings.Contains(p.value, "<"):
				// Raw HTML: dropped with a warning.
				bodies = append(bodies, md{"Before " + p.value + " after.\n", nil}, md{p.value + "\n\nAfter.\n", nil})
			default:
				bodies = append(bodies, md{"Before " + p.value + " after.\n", []string{p.value}}, md{p.value + "\n\nAfter.\n", []string{p.value}})
			}
		}
		bodies = append(bodies,
			md{"<!-- x --><script>alert(1)</script>\n", nil},
			md{"<![CDATA[<script>alert(1)</script>]]>\n", nil},
			md{"<?php echo 1; ?><script>alert(1)</script>\n", nil},
			md{`<a href="javascript:alert(1)">x</a>` + "\n", nil},
			md{`<form action="https://evil.example/"><input name=q><button formaction="javascript:alert(1)">go</button></form>` + "\n", nil},
			md{`<object data="javascript:alert(1)"></object><embed src="javascript:alert(1)">` + "\n", nil},
			md{`<https://example.org/"onmouseover="alert(1)>` + "\n", []string{`https://example.org/"onmouseover="alert(1)`}},
			md{`[x](https://example.org/ "` + pAttr + `")` + "\n", []string{pAttr}},
			md{`[x](https://example.org/ "` + pScript + `")` + "\n", []string{pScript}},
			md{`[x](<https://example.org/" onmouseover="alert(1)>)` + "\n", nil},
			md{"[mail](mailto:a@example.org?subject=%22%3E%3Cscript%3E) [phone](tel:+44\"onclick=alert(1))\n", nil},
			md{"## Heading {onclick=\"alert(1)\"}\n\nText.\n", nil},
			md{"## Heading {style=\"display:none\"}\n\nText.\n", nil},
			md{"## Heading {#good .cls onmouseover=alert(1) style=\"x\" data-x=\"y\"}\n\nText.\n", nil},
			md{"## Heading {id=\"x\\\" onclick=\\\"alert(1)\"}\n\nText.\n", nil},
			md{"## Heading {id=\"<script>alert(1)</script>\"}\n\nText.\n", nil},
			md{"Para\n{onclick=\"alert(1)\" style=\"x\"}\n", nil},
			md{"Heading {onclick=alert(1) style=x}\n=======\n", nil},
			md{pEntities + " " + pNumEntity + " &#x3C;svg onload=alert(1)&#x3E;\n", []string{pScript, pImg, pSVG}},
			md{"`" + pScript + "` and `" + pAttr + "`\n", []string{pScript, pAttr}},
			md{"```html\n" + pScript + "\n" + pImg + "\n```\n", []string{pScript, pImg}},
			md{"    " + pScript + "\n", []string{pScript}},
			md{"| " + pAttr + " | b |\n|---|---|\n| " + pEntities + " | " + pImg + " |\n", []string{pAttr, pScript}},
			md{"| \" onfocus=\"alert(1) | b |\n|---|---|\n| c | d |\n", []string{`" onfocus="alert(1)`}},
			md{"*" + pEntities + "* **[x](https://example.org/)**\n", []string{pScript}},
			md{"{{ .Site }} {{template \"partials/header.html\" .}} {{range .}}x{{end}}\n", []string{`{{template "partials/header.html" .}}`}},
			md{"a\x00b \x01\x02 <scr\x00ipt>alert(1)</script>\n", nil},
			md{pLong + "\n", nil},
		)
		files := map[string]string{}
		var visible []string
		for i, b := range bodies {
			files[fmt.Sprintf("content/en/guidance/planted-%d.md", i)] = "---\ntitle: Planted\n---\n" + b.body
			visible = append(visible, b.visible...)
		}
		add(untrustedCase{name: "markdown", files: files, visible: visible})
	}
	{
		files := map[string]string{}
		var reject []wantError
		bad := func(body string) {
			name := fmt.Sprintf("content/en/guidance/planted-%d.md", len(files))
			files[name] = "---\ntitle: T\n---\n" + body
			reject = append(reject, wantError{file: name})
		}
		for _, u := range []string{pJSURL, "JaVaScRiPt:alert(1)", "<javascript:alert(1)>", "java&#115;cript:alert(1)", "&#106;avascript:alert(1)",
			"javascript&colon;alert(1)", "java%0ascript:alert(1)", "vbscript:msgbox(1)", "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
			"data:text/html,<script>alert(1)</script>", "//evil.example/", `\\evil.example\x`, "https:", "file:///etc/passwd"} {
			bad("[click](" + u + ")\n")
			bad("![alt](" + u + ")\n")
		}
		bad("![alt](data:image/png;base64,iVBORw0KGgo=)\n")
		bad("![alt](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)\n")
		bad("![alt](https://evil.example/x.png)\n")
		bad("![alt](/assets/../../etc/passwd)\n")
		bad("[click][r]\n\n[r]: javascript:alert(1)\n")
		bad("![alt][r]\n\n[r]: data:image/png;base64,iVBORw0KGgo=\n")
		bad("<javascript:alert(1)>\n")
		bad("<vbscript:msgbox(1)>\n")
		bad("<data:text/html,x>\n")
		add(untrustedCase{name: "markdown links rejected", files: files, reject: reject})
	}
	add(untrustedCase{
		name: "markdown image",
		files: map[string]string{"content/en/guidance/planted.md": "---\ntitle: Planted\n---\n" +
			"![" + pAttr + "](/assets/icons/favicon.svg)\n\n![" + pEntities + "](/assets/icons/favicon.svg \"" + pAttrSingle + "\")\n"},
		visible: []string{pAttr, pScript, pAttrSingle},
		allow:   []string{"img"},
	})
	add(untrustedCase{
		name:   "markdown deep nesting",
		files:  map[string]string{"content/en/guidance/planted.md": "---\ntitle: Planted\n---\n" + strings.Repeat("> ", 200) + "x\n\n" + strings.Repeat("*", 300) + "x" + strings.Repeat("*", 300) + "\n\n" + strings.Repeat("[", 5000) + "x" + strings.Repeat("](https://example.org/)", 5000) + "\n\n" + strings.Repeat("*a **b ", 3000) + "\n"},
		either: "content/en/guidance/planted.md",
	})
	add(untrustedCase{
		name:  "markdown table alignment",
		files: map[string]string{"content/en/guidance/planted.md": "---\ntitle: Planted\n---\n| a | b | c |\n|:--|:-:|--:|\n| d | e | f |\n"},
	})
	add(untrustedCase{
		name: "markdown heading ids the layouts use",
		files: map[string]string{
			"content/en/starters.md":         replaceDefaultLine(t, "content/en/starters.md", "", "title: ", `title: "Conversation starters"`, 0) + "\n## Starters\n\n## Replies {#replies}\n\n## Sources\n",
			"content/en/agreement.md":        defaultSiteFile(t, "content/en/agreement.md") + "\n## Agreement\n\n## X {#agreement-title}\n",
			"content/en/guidance/planted.md": "---\ntitle: Planted\n---\n## Quick exit {#quick-exit}\n\n## Main {#main}\n\n## Site nav {#site-nav}\n",
		},
		// Headings written {#id} with an id the layout uses are refused; headings whose
		// generated id would clash get another.
		reject: []wantError{
			{"content/en/agreement.md", `heading id "agreement-title" is already used`},
			{"content/en/starters.md", `heading id "replies" is already used`},
			{"content/en/guidance/planted.md", `heading id "quick-exit" is already used`},
			{"content/en/guidance/planted.md", `heading id "main" is already used`},
		},
	})
	// File names: a page whose name is a URL scheme is linked relatively from its own
	// folder as "javascript:alert(1)/index.html", which a browser reads as a javascript: URL.
	add(untrustedCase{
		name: "file name javascript scheme",
		files: map[string]string{
			"content/en/guidance/javascript:alert(1).md": "---\ntitle: Planted\n---\nText.\n",
			"content/en/guidance/_index.md":              "---\ntitle: Guidance\n---\nSee [this](./javascript:alert(1).md).\n",
		},
		either: "content/en/guidance/javascript:alert(1).md",
	})
	add(untrustedCase{
		name: "file name quotes",
		files: map[string]string{
			`content/en/guidance/x"onmouseover="alert(1).md`: "---\ntitle: Planted\n---\nText.\n",
			"content/en/guidance/_index.md":                  "---\ntitle: Guidance\n---\nSee [this](<./x\"onmouseover=\"alert(1).md>).\n",
		},
		either: `content/en/guidance/x"onmouseover="alert(1).md`,
	})
	add(untrustedCase{
		name:   "file name brackets",
		files:  map[string]string{`content/en/guidance/<svg>onload=alert(1).md`: "---\ntitle: Planted\n---\nText.\n"},
		either: `content/en/guidance/<svg>onload=alert(1).md`,
	})

	// Interface strings: each payload in a different string of the source language's file
	// and of a translation. Strings shown as text, in attributes and in the root page.
	keys := []string{"site.title", "exit.overlay", "nav.label", "footer.noTracking", "chooser.description", "a11y.skipToContent",
		"language.label", "exit.button", "exit.skipLink", "footer.help", "exit.pressTwoMore", "sources.title",
		"starters.byTopic", "checklist.label", "step.talk.title", "filter.title", "keep.title", "exit.shortcut", "exit.timedOut"}
	i18nCase := func(lang, name string, want func(p untrustedPayload) string) {
		var accepted, templates, rejected []untrustedPayload
		for _, p := range untrustedPayloads {
			switch want(p) {
			case "build":
				accepted = append(accepted, p)
			case "either":
				templates = append(templates, p)
			default:
				rejected = append(rejected, p)
			}
		}
		file := "i18n/" + lang + ".toml"
		set := func(ps []untrustedPayload) (string, []string, []wantError) {
			src := defaultSiteFile(t, file)
			var visible []string
			var errs []wantError
			for i, p := range ps {
				src = setTOMLString(t, file, src, keys[i], p.value)
				visible = append(visible, p.value)
				errs = append(errs, wantError{file: file, contains: keys[i] + ":"})
			}
			return src, visible, errs
		}
		src, visible, _ := set(accepted)
		add(untrustedCase{name: name + " published", files: map[string]string{file: src}, visible: visible})
		if len(templates) > 0 {
			src, _, _ = set(templates)
			// Extra actions in the source make every translation lack them: errors in i18n/.
			add(untrustedCase{name: name + " template actions", files: map[string]string{file: src}, either: "i18n/"})
		}
		src, _, errs := set(rejected)
		add(untrustedCase{name: name + " rejected", files: map[string]string{file: src}, reject: errs})
	}
	i18nCase("en", "i18n en", func(p untrustedPayload) string {
		switch {
		case isMarkupPayload(p.value):
			return "reject"
		case isTemplatePayload(p.value):
			return "either" // executed: {{.}} prints the data, {{template}} is a warning
		}
		return "build"
	})
	i18nCase("cy", "i18n cy", func(p untrustedPayload) string {
		if isMarkupPayload(p.value) || isTemplatePayload(p.value) || strings.Contains(p.value, "&") {
			return "reject"
		}
		return "build"
	})
	// In a site with English alone no translation lacks the actions, so they are published.
	{
		src := defaultSiteFile(t, "i18n/en.toml")
		for i, p := range []string{pTmplDot, pTmplNamed, pTmplRange, pTmplPrintf, `{{html "a&b"}}`, `{{js "x'y"}}`, `{{index . "Count"}}`, `{{printf "%q" .}}`} {
			src = setTOMLString(t, "i18n/en.toml", src, keys[i], p)
		}
		add(untrustedCase{
			name:   "i18n en template actions, English only",
			files:  map[string]string{"i18n/en.toml": src, "site.toml": "[languages.en]\nname = \"English\"\n"},
			either: "i18n/en.toml",
		})
	}
	add(untrustedCase{
		name:    "i18n en placeholder with markup",
		files:   map[string]string{"i18n/en.toml": setTOMLString(t, "i18n/en.toml", "", "checklist.howTo", pAttr+" {{.Step}} "+pAttrSingle)},
		visible: []string{pAttr},
	})
	add(untrustedCase{
		name:    "i18n en plural form",
		files:   map[string]string{"i18n/en.toml": setTOMLPlural(t, "i18n/en.toml", "starters.count", "other", "{{.Count}} "+pAttr)},
		visible: []string{pAttr},
	})
	add(untrustedCase{
		name:   "i18n en plural form markup",
		files:  map[string]string{"i18n/en.toml": setTOMLPlural(t, "i18n/en.toml", "starters.count", "other", "{{.Count}} "+pScript)},
		reject: []wantError{{"i18n/en.toml", "starters.count:"}},
	})
	add(untrustedCase{
		name:   "i18n cy placeholder with markup",
		files:  map[string]string{"i18n/cy.toml": setTOMLString(t, "i18n/cy.toml", "", "checklist.howTo", pScript+" {{.Step}}")},
		reject: []wantError{{"i18n/cy.toml", "checklist.howTo:"}},
	})
	add(untrustedCase{
		name:   "i18n cy plural form",
		files:  map[string]string{"i18n/cy.toml": setTOMLPlural(t, "i18n/cy.toml", "starters.count", "few", "{{.Count}} "+pImg)},
		reject: []wantError{{"i18n/cy.toml", "starters.count:"}},
	})
	add(untrustedCase{
		name:   "i18n cy new key",
		files:  map[string]string{"i18n/cy.toml": defaultSiteFile(t, "i18n/cy.toml") + "\n\"planted\" = " + tomlString(pScript) + "\n"},
		either: "i18n/cy.toml",
	})
	add(untrustedCase{
		name:   "i18n en runaway range",
		files:  map[string]string{"i18n/en.toml": setTOMLString(t, "i18n/en.toml", "", "site.title", "{{range 1000000000}}x{{end}}")},
		reject: []wantError{{"i18n/en.toml", "site.title"}},
	})
	add(untrustedCase{
		name:   "i18n en template definitions",
		files:  map[string]string{"i18n/en.toml": setTOMLString(t, "i18n/en.toml", "", "site.title", `{{define "a"}}xxxxxxxxxx{{end}}{{define "b"}}{{template "a"}}{{template "a"}}{{end}}{{template "b"}}`)},
		reject: []wantError{{"i18n/en.toml", "site.title"}},
	})
	add(untrustedCase{
		name:   "i18n cy runaway range",
		files:  map[string]string{"i18n/cy.toml": setTOMLString(t, "i18n/cy.toml", "", "site.title", "{{range 1000000000}}x{{end}}")},
		reject: []wantError{{"i18n/cy.toml", "site.title"}},
	})

	// site.toml: one build per payload for the single values, each with a contact whose
	// every field is the payload.
	contact := func(fields map[string]string) string {
		c := map[string]string{"name": "Ms Lead", "role": "", "email": "lead@school.example", "phone": "01234 567890", "url": "https://school.example/", "note": "Term time"}
		for k, v := range fields {
			c[k] = v
		}
		var b strings.Builder
		b.WriteString("[[contacts]]\n")
		for _, k := range []string{"name", "role", "email", "phone", "url", "note"} {
			if c[k] != "" {
				fmt.Fprintf(&b, "%s = %s\n", k, tomlString(c[k]))
			}
		}
		return b.String()
	}
	// Five payloads a build: the name and the licence hold all five, one after another
	// (the first at the start); each has a contact of its own, at the start of its fields.
	const perBuild = 5
	for group := range slices.Chunk(untrustedPayloads, perBuild) {
		var names, name, licence []string
		var contacts strings.Builder
		var visible []string
		for _, p := range group {
			names = append(names, p.name)
			name = append(name, p.value)
			licence = append(licence, p.value+" licence")
			contacts.WriteString(contact(map[string]string{"name": p.value + " name", "phone": p.value + " phone", "note": p.value + " note"}))
			visible = append(visible, p.value, p.value+" licence", p.value+" name", p.value+" phone", p.value+" note")
		}
		add(untrustedCase{
			name: "site.toml/" + strings.Join(names, ", "),
			files: map[string]string{"site.toml": "name = " + tomlString(strings.Join(name, " | ")) + "\nlicence = " + tomlString(strings.Join(licence, " | ")) +
				"\n" + contacts.String()},
			visible: visible,
			allow:   untrustedContactTags,
		})
	}
	add(untrustedCase{
		name:    "site.toml contact role",
		files:   map[string]string{"site.toml": contact(map[string]string{"role": pScript})},
		visible: []string{pScript},
		allow:   []string{"section"}, // the footer's contacts
	})
	{
		var toml strings.Builder
		var visible []string
		for _, e := range []string{`lead@school.example" onmouseover="alert(1)`, `<script>alert(1)</script>@x`, `javascript:alert(1)//@x`, "a@b?body=" + pScript} {
			toml.WriteString(contact(map[string]string{"email": e}))
			visible = append(visible, e)
		}
		add(untrustedCase{name: "site.toml contact emails", files: map[string]string{"site.toml": toml.String()}, visible: visible, either: "site.toml", allow: untrustedContactTags})
	}
	{
		var toml strings.Builder
		var reject []wantError
		for i, u := range []string{pJSURL, "vbscript:msgbox(1)", "data:text/html,x", "//evil.example/", "http://example.org/"} {
			toml.WriteString(contact(map[string]string{"url": u}))
			reject = append(reject, wantError{"site.toml", fmt.Sprintf("contacts[%d]: url", i+1)})
		}
		add(untrustedCase{name: "site.toml contact urls rejected", files: map[string]string{"site.toml": toml.String()}, reject: reject})
	}
	add(untrustedCase{
		name:   "site.toml contact urls",
		allow:  untrustedContactTags,
		files:  map[string]string{"site.toml": contact(map[string]string{"url": `https://school.example/"><script>alert(1)</script>`}) + contact(map[string]string{"url": "https:javascript:alert(1)"})},
		either: "site.toml",
	})
	for _, u := range []string{pJSURL, "JAVASCRIPT:alert(1)", "vbscript:msgbox(1)", "data:text/html,x", "http://example.org/", "//evil.example/", "https:alert(1)", "/relative"} {
		add(untrustedCase{name: "site.toml exitURL/" + u, files: map[string]string{"site.toml": "exitURL = " + tomlString(u) + "\n"}, reject: []wantError{{"site.toml", "exitURL"}}})
	}
	add(untrustedCase{name: "site.toml exitURL quotes", files: map[string]string{"site.toml": "exitURL = " + tomlString(`https://example.org/" onmouseover="alert(1)`) + "\n"}, either: "site.toml"})
	for _, u := range []string{pJSURL, "data:image/png;base64,iVBORw0KGgo=", "https://evil.example/logo.svg", "../../etc/passwd", pAttr, "assets/js/exit.js"} {
		add(untrustedCase{
			name:   "site.toml logo/" + u,
			files:  map[string]string{"site.toml": "logo = " + tomlString(u) + "\n"},
			reject: []wantError{{"site.toml", "logo"}},
		})
	}
	// A logo path that looks right but is not an asset fails too (today the error names
	// the layout that asked for it, once per page, rather than site.toml).
	for _, u := range []string{"assets/nothing.svg", "assets/../../etc/passwd.svg", "assets/" + pAttr + ".svg"} {
		add(untrustedCase{
			name:   "site.toml logo/" + u,
			files:  map[string]string{"site.toml": "logo = " + tomlString(u) + "\n"},
			reject: []wantError{{"", strings.TrimPrefix(path.Clean(u), "assets/")}},
		})
	}
	// An SVG is served from the site's origin: opened directly, its script could read what
	// families saved. One that could run script is refused, as an asset (all five in one
	// build) and as the logo.
	assetSVGs := untrustedCase{name: "svg assets", files: map[string]string{}}
	for _, v := range []struct{ name, body string }{
		{"script", `<script>alert(localStorage.length)</script>`},
		{"onload", `<rect onload="alert(1)"/>`},
		{"foreignObject", `<foreignObject><iframe xmlns="http://www.w3.org/1999/xhtml" src="https://evil.example/"/></foreignObject>`},
		{"javascript link", `<a href="javascript:alert(1)"><text>x</text></a>`},
		{"style import", `<style>@import "https://evil.example/x.css";</style>`},
	} {
		svg := "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\">\n" + v.body + "\n</svg>\n"
		file := "assets/icons/planted-" + strings.ReplaceAll(v.name, " ", "-") + ".svg"
		assetSVGs.files[file] = svg
		assetSVGs.reject = append(assetSVGs.reject, wantError{file + ":2:", ""})
		add(untrustedCase{name: "svg logo/" + v.name, files: map[string]string{"assets/logo.svg": svg, "site.toml": "logo = \"assets/logo.svg\"\n"},
			reject: []wantError{{"assets/logo.svg:2:", ""}}})
	}
	add(assetSVGs)
	add(untrustedCase{
		name:  "site.toml logo",
		files: map[string]string{"site.toml": "logo = \"assets/icons/favicon.svg\"\nname = " + tomlString(pScript) + "\n"},
		allow: []string{"img", "span"},
	})
	for _, u := range []string{pJSURL, "data:text/html,x", `https://example.org/"><script>alert(1)</script>/`} {
		add(untrustedCase{name: "site.toml baseURL/" + u, files: map[string]string{"site.toml": "baseURL = " + tomlString(u) + "\n"}, either: "site.toml"})
	}
	add(untrustedCase{name: "site.toml country", files: map[string]string{"site.toml": "country = " + tomlString(pScript) + "\n"}, either: "site.toml"})
	add(untrustedCase{
		name:    "site.toml language names",
		files:   map[string]string{"site.toml": "[languages.en]\nname = " + tomlString(pScript) + "\norder = 1\n[languages.cy]\nname = " + tomlString(pAttr) + "\norder = 2\n"},
		visible: []string{pScript, pAttr},
	})

	// Data files: one new entry per payload in each list, and a translation's texts.
	{
		files := map[string]string{}
		var visible []string
		var starters, agreement, checklist, facts, words strings.Builder
		cy := defaultSiteFile(t, "data/cy/starters.toml")
		for i, p := range untrustedPayloads {
			v := func(what string) string {
				s := fmt.Sprintf("%s %s%d", p.value, what, i)
				visible = append(visible, s)
				return tomlString(s)
			}
			fmt.Fprintf(&starters, "\n[[starter]]\nid = \"planted-%d\"\nages = [\"8-10\"]\ntopics = [\"gaming\"]\ntext = %s\n", i, v("starter"))
			fmt.Fprintf(&starters, "\n[[reply]]\nid = \"planted-reply-%d\"\ntext = %s\nnote = %s\n", i, v("reply"), v("note"))
			fmt.Fprintf(&agreement, "\n[[section]]\nid = \"planted-%d\"\ntitle = %s\nprompt = %s\n\n[[section.promise]]\nid = \"planted-promise-%d\"\nages = [\"8-10\"]\nwho = \"everyone\"\ntext = %s\n", i, v("title"), v("prompt"), i, v("promise"))
			fmt.Fprintf(&checklist, "\n[[action]]\nid = \"planted-%d\"\nstep = \"talk\"\ntext = %s\n", i, v("action"))
			fmt.Fprintf(&facts, "\n[[helpline]]\nid = \"planted-%d\"\ncountry = \"GB\"\npurpose = \"report-abuse\"\nname = %s\nphone = %s\nurl = \"https://example.org/%d\"\nchecked = \"https://example.org/contact\"\nverified = 2026-11-22\nweight = %d\n", i, v("name"), v("phone"), i, 100+i)
			fmt.Fprintf(&words, "\n[planted-%d]\nfor = %s\nhours = %s\n", i, v("for"), v("hours"))
			cy = replaceDefaultLine(t, "data/cy/starters.toml", cy, "text = ", "text-planted = "+v("cy"), 0)
		}
		cy = strings.ReplaceAll(cy, "text-planted = ", "text = ")
		files["data/en/starters.toml"] = defaultSiteFile(t, "data/en/starters.toml") + starters.String()
		files["data/en/agreement.toml"] = defaultSiteFile(t, "data/en/agreement.toml") + agreement.String()
		files["data/en/checklist.toml"] = defaultSiteFile(t, "data/en/checklist.toml") + checklist.String()
		files["data/helplines.toml"] = defaultSiteFile(t, "data/helplines.toml") + facts.String()
		files["data/en/helplines.toml"] = defaultSiteFile(t, "data/en/helplines.toml") + words.String()
		files["data/cy/starters.toml"] = cy
		// The new entries are not translated: other languages mark each with a <small> note.
		add(untrustedCase{name: "data", files: files, visible: visible, allow: []string{"small"}})
	}
	{
		bad := func(file, entry string) string { return defaultSiteFile(t, file) + "\n" + entry }
		helpline := func(id, field string) string {
			return "[[helpline]]\nid = " + tomlString(id) + "\ncountry = \"GB\"\npurpose = \"report-abuse\"\nname = \"N\"\nchecked = \"https://example.org/contact\"\nverified = 2026-11-22\n" + field + "\n\n"
		}
		var facts strings.Builder
		var reject []wantError
		for i, u := range []string{pJSURL, "vbscript:msgbox(1)", "data:text/html,x", "http://example.org/", "//evil.example/", "https:alert(1)", `https:"><script>alert(1)</script>`} {
			id := fmt.Sprintf("planted-%d", i)
			facts.WriteString(helpline(id, "url = "+tomlString(u)))
			reject = append(reject, wantError{"data/helplines.toml", fmt.Sprintf("helpline %q: url", id)})
		}
		facts.WriteString(helpline(pScript, `url = "https://example.org/"`))
		reject = append(reject, wantError{"data/helplines.toml", "id " + strconv.Quote(pScript)})
		add(untrustedCase{
			name: "data rejected",
			files: map[string]string{
				"data/helplines.toml":    defaultSiteFile(t, "data/helplines.toml") + "\n" + facts.String(),
				"data/en/starters.toml":  bad("data/en/starters.toml", "[[starter]]\nid = "+tomlString(pScript)+"\nages = ["+tomlString(pAttr)+"]\ntopics = ["+tomlString(pImg)+"]\ntext = \"x\"\n"),
				"data/en/agreement.toml": bad("data/en/agreement.toml", "[[section]]\nid = \"planted\"\ntitle = \"T\"\n\n[[section.promise]]\nid = \"planted-promise\"\nages = [\"8-10\"]\nwho = "+tomlString(pAttr)+"\ntext = \"x\"\n"),
				"data/en/checklist.toml": bad("data/en/checklist.toml", "[[action]]\nid = \"planted\"\nstep = "+tomlString(pScript)+"\ntext = \"x\"\n"),
			},
			reject: append(reject,
				wantError{"data/en/starters.toml", "id " + strconv.Quote(pScript)},
				wantError{"data/en/starters.toml", "ages: " + strconv.Quote(pAttr)},
				wantError{"data/en/starters.toml", "topics: " + strconv.Quote(pImg)},
				wantError{"data/en/agreement.toml", "who " + strconv.Quote(pAttr)},
				wantError{"data/en/checklist.toml", "step " + strconv.Quote(pScript)},
			),
		})
	}
	add(untrustedCase{
		name:   "data helpline country",
		files:  map[string]string{"data/helplines.toml": replaceDefaultLine(t, "data/helplines.toml", "", "country = ", "country = "+tomlString(pScript), 0)},
		reject: []wantError{{"data/helplines.toml", "country"}},
	})
	return cases
}

// ---------------------------------------------------------------------------------------
// Building the files

func defaultSiteFile(t *testing.T, name string) string {
	t.Helper()
	b, err := fs.ReadFile(talksite.DefaultSite(), name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// replaceDefaultLine returns src (the default file name when empty) with its nth line (from 0)
// that starts with prefix, after indentation, replaced.
func replaceDefaultLine(t *testing.T, name, src, prefix, with string, nth int) string {
	t.Helper()
	if src == "" {
		src = defaultSiteFile(t, name)
	}
	lines := strings.Split(src, "\n")
	for i, l := range lines {
		if strings.HasPrefix(strings.TrimSpace(l), prefix) {
			if nth == 0 {
				lines[i] = with
				return strings.Join(lines, "\n")
			}
			nth--
		}
	}
	t.Fatalf("%s has too few lines starting %q", name, prefix)
	return ""
}

// setTOMLString sets a plain string of an i18n file (src, or the default file when empty).
func setTOMLString(t *testing.T, name, src, key, value string) string {
	t.Helper()
	return replaceDefaultLine(t, name, src, strconv.Quote(key)+" =", strconv.Quote(key)+" = "+tomlString(value), 0)
}

// setTOMLPlural sets one plural form of a default i18n file's [table].
func setTOMLPlural(t *testing.T, name, table, form, value string) string {
	t.Helper()
	lines := strings.Split(defaultSiteFile(t, name), "\n")
	in := false
	for i, l := range lines {
		l = strings.TrimSpace(l)
		switch {
		case l == "["+table+"]":
			in = true
		case strings.HasPrefix(l, "["):
			in = false
		case in && strings.HasPrefix(l, form+" ="):
			lines[i] = form + " = " + tomlString(value)
			return strings.Join(lines, "\n")
		}
	}
	t.Fatalf("%s has no %s form in [%s]", name, form, table)
	return ""
}

// tomlString writes s as a TOML basic string.
func tomlString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, "\\u%04X", r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// yamlString writes s as a YAML double-quoted scalar (the payloads are printable ASCII).
func yamlString(s string) string { return strconv.Quote(s) }

// ---------------------------------------------------------------------------------------
// Judging the output

// untrustedBaseline is what the default site's own build contains.
type untrustedBaseline struct {
	files    map[string][]byte
	tags     map[string]map[string]bool // per HTML file: the elements it has
	allTags  map[string]bool
	allAttrs map[string]bool
}

var (
	untrustedBaseOnce sync.Once
	untrustedBaseOut  *untrustedBaseline
	untrustedBaseErr  error
)

func untrustedBaselineOutput(t *testing.T) *untrustedBaseline {
	t.Helper()
	res := buildDefault(t)
	untrustedBaseOnce.Do(func() {
		b := &untrustedBaseline{files: res.Output.Files, tags: map[string]map[string]bool{}, allTags: map[string]bool{}, allAttrs: map[string]bool{}}
		for name, content := range res.Output.Files {
			if !strings.HasSuffix(name, ".html") {
				continue
			}
			doc, err := html.Parse(bytes.NewReader(content))
			if err != nil {
				untrustedBaseErr = fmt.Errorf("%s: %v", name, err)
				return
			}
			tags := map[string]bool{}
			walkHTMLElements(doc, func(n *html.Node) {
				tags[n.Data] = true
				b.allTags[n.Data] = true
				for _, a := range n.Attr {
					b.allAttrs[htmlAttrKey(a)] = true
				}
			})
			b.tags[name] = tags
		}
		// The cases skip the pages a payload left as they were, so the default build's
		// own pages must pass the page checks with nothing allowed, and the checker's.
		problems := checkerUnsafe(mapFS(res.Output.Files))
		for name, content := range res.Output.Files {
			if strings.HasSuffix(name, ".html") {
				checkPageSafe(name, content, b, nil, func(format string, args ...any) {
					problems = append(problems, fmt.Sprintf(format, args...))
				})
			}
		}
		if len(problems) > 0 {
			sort.Strings(problems)
			more := ""
			if len(problems) > 10 {
				more = fmt.Sprintf("\n... and %d more", len(problems)-10)
				problems = problems[:10]
			}
			untrustedBaseErr = fmt.Errorf("its own pages fail the checks:\n%s%s", strings.Join(problems, "\n"), more)
			return
		}
		untrustedBaseOut = b
	})
	if untrustedBaseErr != nil {
		t.Fatalf("the default site's build: %v", untrustedBaseErr)
	}
	return untrustedBaseOut
}

var (
	// untrustedMarkdownTags are the elements a Markdown body may add to a page (img only where a
	// case allows it); untrustedMarkdownAttrs their attributes.
	untrustedMarkdownTags  = []string{"p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "a", "em", "strong", "code", "pre", "blockquote", "hr", "br", "table", "thead", "tbody", "tr", "th", "td", "div"}
	untrustedMarkdownAttrs = []string{"href", "title", "rel", "id", "class", "role", "tabindex", "aria-label", "start", "align"}
	untrustedImgAttrs      = []string{"src", "alt", "title", "height", "width", "class"}
	// untrustedContactTags are the elements contacts in site.toml add to every page.
	untrustedContactTags = []string{"section", "h2", "ul", "li", "strong", "span", "br", "a"}
	// untrustedForbiddenTags may never appear in a page.
	untrustedForbiddenTags = []string{"iframe", "frame", "frameset", "object", "embed", "applet", "svg", "math", "style", "base", "portal", "noscript", "xmp", "plaintext", "listing", "noembed", "noframes", "textarea", "select", "option"}
	// untrustedURLAttrs hold addresses.
	untrustedURLAttrs = []string{"href", "src", "action", "formaction", "data", "poster", "background", "cite", "codebase", "longdesc", "manifest", "icon", "ping", "xlink:href", "lowsrc", "dynsrc"}
)

func htmlAttrKey(a html.Attribute) string {
	if a.Namespace != "" {
		return a.Namespace + ":" + a.Key
	}
	return a.Key
}

func walkHTMLElements(n *html.Node, f func(*html.Node)) {
	if n.Type == html.ElementNode {
		f(n)
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walkHTMLElements(c, f)
	}
}

// unsafeURL reports whether an address could run code or show a data: URL. A browser
// ignores tabs and newlines anywhere in a URL, and leading spaces and control characters.
func unsafeURL(v string) bool {
	v = strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return -1
		}
		return r
	}, v)
	v = strings.TrimLeftFunc(v, func(r rune) bool { return r <= ' ' })
	scheme, _, ok := strings.Cut(v, ":")
	if !ok || !isURLScheme(scheme) {
		return false // relative
	}
	return !slices.Contains([]string{"http", "https", "mailto", "tel"}, strings.ToLower(scheme))
}

// isURLScheme reports whether s is a URL scheme: a letter, then letters, digits, +, - and .
func isURLScheme(s string) bool {
	for i, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z':
		case i > 0 && (r >= '0' && r <= '9' || r == '+' || r == '-' || r == '.'):
		default:
			return false
		}
	}
	return s != ""
}

// errorPageRE finds the 404 page's address in .htaccess and web.config, which starts with
// the base URL's path: escaped, so only these characters can appear.
var errorPageRE = regexp.MustCompile(`(ErrorDocument 404 |path=")/[A-Za-z0-9%._~/!$&'()*+,;=:@-]*404\.html`)

// hostBasePath replaces that address with a placeholder, the one part of the server
// configuration that a base URL changes.
func hostBasePath(b []byte) []byte { return errorPageRE.ReplaceAll(b, []byte("${1}BASE/404.html")) }

// checkOutputSafe fails on any executable or unexpected markup in the HTML files and on
// any change to the other files (CSS, JavaScript, server configuration), and checks that
// each visible string appears as text or as an attribute's value of some page.
func checkOutputSafe(t *testing.T, base *untrustedBaseline, files map[string][]byte, allow, visible []string) {
	t.Helper()
	const maxReports = 20
	reports := 0
	fail := func(format string, args ...any) {
		t.Helper()
		if reports++; reports <= maxReports {
			t.Errorf(format, args...)
		}
	}
	found := make([]bool, len(visible))
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	// What the checker below reads: every file but the default build's own pages.
	checked := fstest.MapFS{}
	for _, name := range names {
		content := files[name]
		if !strings.HasSuffix(name, ".html") || !bytes.Equal(content, base.files[name]) {
			checked[name] = &fstest.MapFile{Data: content}
		}
		if !strings.HasSuffix(name, ".html") {
			if want, ok := base.files[name]; !ok || isSearchIndex(name) || name == "robots.txt" {
				checkUntrustedNewFile(name, content, fail)
			} else if !bytes.Equal(hostBasePath(want), hostBasePath(content)) {
				fail("%s: differs from the default build", name)
			}
			continue
		}
		if bytes.Equal(content, base.files[name]) {
			// The default build's own page, which passed these checks once (see
			// untrustedBaselineOutput): no payload reached it.
			continue
		}
		texts := checkPageSafe(name, content, base, allow, fail)
		for i, v := range visible {
			if !found[i] && slices.ContainsFunc(texts, func(s string) bool { return strings.Contains(s, v) }) {
				found[i] = true
			}
		}
	}
	for name := range base.files {
		if !strings.HasSuffix(name, ".html") && !isSearchIndex(name) && files[name] == nil {
			fail("%s: missing from the build", name)
		}
	}
	for i, v := range visible {
		if !found[i] {
			fail("%q is not shown as text on any page", abbrev(v))
		}
	}
	// A second opinion: the checker `talksite check` runs on a published site, over the
	// pages a payload changed and every other file (its rules here judge each file on its
	// own; the default build's pages passed them in untrustedBaselineOutput).
	for _, problem := range checkerUnsafe(checked) {
		fail("%s", problem)
	}
	if reports > maxReports {
		t.Errorf("... and %d more", reports-maxReports)
	}
}

// checkerUnsafe returns what `talksite check` finds executable, unexpected or loaded from
// elsewhere in the files.
func checkerUnsafe(files fs.FS) []string {
	report, err := check.Site(files, check.Options{Now: time.Now()})
	if err != nil {
		return []string{"check: " + err.Error()}
	}
	var problems []string
	for _, f := range report.Errors() {
		switch f.Rule {
		case "inline-handler", "inline-script", "inline-style", "javascript-url", "meta-refresh", "form-action", "third-party":
			problems = append(problems, fmt.Sprintf("check: %s", f))
		}
	}
	return problems
}

// checkPageSafe fails on any executable, unexpected or duplicated markup in one HTML page,
// and returns the page's texts and attribute values.
func checkPageSafe(name string, content []byte, base *untrustedBaseline, allow []string, fail func(string, ...any)) []string {
	doc, err := html.Parse(bytes.NewReader(content))
	if err != nil {
		fail("%s: %v", name, err)
		return nil
	}
	allowed := base.tags[name]
	if allowed == nil {
		allowed = base.allTags
	}
	var texts []string
	ids := map[string]int{}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			texts = append(texts, n.Data)
		case html.ElementNode:
			checkUntrustedElement(n, name, allowed, base.allAttrs, allow, fail)
			for _, a := range n.Attr {
				texts = append(texts, a.Val)
				if a.Key == "id" {
					ids[a.Val]++
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	// An id written in Markdown must not take one the layout and its scripts use
	// (getElementById returns the first).
	for id, n := range ids {
		if n > 1 {
			fail("%s: id %q is used %d times", name, id, n)
		}
	}
	return texts
}

// searchIndexRE is the shape of a search index: one JSON value assigned to a global.
var searchIndexRE = regexp.MustCompile(`^\(window\.talksiteIndex = window\.talksiteIndex \|\| \{\}\)\["[a-zA-Z0-9-]+"\] = (\{.*\});\n$`)

// isSearchIndex reports whether an output file is a language's search index, a script
// made from the pages' words (its content changes with them).
func isSearchIndex(name string) bool {
	return strings.HasPrefix(name, "search/") && strings.HasSuffix(name, ".js")
}

// checkSearchIndex checks that page words reach a search index only as JSON data: a
// payload must not end the JSON (then it would be code that the policy's script-src 'self'
// allows) nor close a script element.
func checkSearchIndex(name string, content []byte, fail func(string, ...any)) {
	m := searchIndexRE.FindSubmatch(content)
	if m == nil {
		fail("%s: not a search index: %.200q", name, content)
		return
	}
	var v map[string]any
	d := json.NewDecoder(bytes.NewReader(m[1]))
	if err := d.Decode(&v); err != nil || d.More() {
		fail("%s: the index is not one JSON object: %v", name, err)
	}
	if bytes.Contains(content, []byte("</")) || bytes.ContainsRune(content, '\u2028') || bytes.ContainsRune(content, '\u2029') {
		fail("%s: \"</\" or a raw line separator in the index", name)
	}
}

// checkUntrustedNewFile judges a file the default build does not have: with a baseURL the build
// adds sitemap.xml and robots.txt, and a search index is named after its content.
func checkUntrustedNewFile(name string, content []byte, fail func(string, ...any)) {
	kind := name
	if isSearchIndex(name) {
		kind = "search index"
	}
	switch kind {
	case "sitemap.xml":
		d := xml.NewDecoder(bytes.NewReader(content))
		for {
			tok, err := d.Token()
			if err == io.EOF {
				return
			}
			if err != nil {
				fail("%s: not well-formed XML: %v", name, err)
				return
			}
			if se, ok := tok.(xml.StartElement); ok && !slices.Contains([]string{"urlset", "url", "loc", "lastmod", "link", "changefreq", "priority"}, se.Name.Local) {
				fail("%s: unexpected <%s>", name, se.Name.Local)
			}
			if cd, ok := tok.(xml.CharData); ok && unsafeURL(strings.TrimSpace(string(cd))) {
				fail("%s: dangerous address %q", name, cd)
			}
		}
	case "search index":
		checkSearchIndex(name, content, fail)
	case "robots.txt":
		// Plain text: a payload may show, but may not add a directive.
		for _, line := range strings.Split(string(content), "\n") {
			k, _, _ := strings.Cut(line, ":")
			if line != "" && !slices.Contains([]string{"User-agent", "Allow", "Disallow", "Sitemap"}, k) {
				fail("%s: unexpected line %q", name, line)
			}
		}
	default:
		fail("%s: a new file (not in the default build)", name)
	}
}

func checkUntrustedElement(n *html.Node, file string, allowed, allAttrs map[string]bool, allow []string, fail func(string, ...any)) {
	tag := n.Data
	attr := func(k string) (string, bool) {
		for _, a := range n.Attr {
			if a.Key == k && a.Namespace == "" {
				return a.Val, true
			}
		}
		return "", false
	}
	switch {
	case slices.Contains(untrustedForbiddenTags, tag) || n.Namespace == "svg" || n.Namespace == "math":
		fail("%s: <%s> element", file, tag)
	case tag == "script":
		src, hasSrc := attr("src")
		typ, _ := attr("type")
		if !hasSrc && typ != "application/json" {
			fail("%s: inline <script>", file)
		}
		if hasSrc && (strings.Contains(src, ":") || strings.HasPrefix(src, "//")) {
			fail("%s: <script src=%q> from another origin", file, src)
		}
	case tag == "meta":
		if v, _ := attr("http-equiv"); strings.EqualFold(v, "refresh") {
			fail("%s: <meta http-equiv=refresh>", file)
		}
	case !allowed[tag] && !slices.Contains(untrustedMarkdownTags, tag) && !slices.Contains(allow, tag):
		fail("%s: unexpected <%s> element", file, tag)
	}
	for _, a := range n.Attr {
		k := htmlAttrKey(a)
		switch {
		case strings.HasPrefix(strings.ToLower(a.Key), "on"):
			fail("%s: <%s %s=%q> event handler", file, tag, k, a.Val)
		case a.Key == "style":
			fail("%s: <%s style=%q> style attribute", file, tag, a.Val)
		case slices.Contains(untrustedURLAttrs, k) && unsafeURL(a.Val):
			fail("%s: <%s %s=%q> dangerous address", file, tag, k, a.Val)
		case k == "srcset" || k == "srcdoc":
			fail("%s: <%s %s=%q>", file, tag, k, a.Val)
		case !allAttrs[k] && !slices.Contains(untrustedMarkdownAttrs, k) && !(tag == "img" && slices.Contains(untrustedImgAttrs, k)):
			fail("%s: <%s> has an unexpected attribute %s=%q", file, tag, k, a.Val)
		}
	}
}

func abbrev(s string) string {
	if len(s) > 80 {
		return s[:80] + "..."
	}
	return s
}

// TestUnsafeURL checks the judge itself.
func TestUnsafeURL(t *testing.T) {
	for v, want := range map[string]bool{
		"javascript:alert(1)": true, " JavaScript:alert(1)": true, "java\tscript:x": true, "\x01javascript:x": true,
		"vbscript:x": true, "data:image/png;base64,AA": true, "javascript:alert(1)/index.html": true,
		"https://a.example/": false, "mailto:a@b": false, "tel:123": false, "../x/index.html": false,
		"#main": false, "x/index.html?a=b:c": false, "": false, "./javascript:x": false,
	} {
		if got := unsafeURL(v); got != want {
			t.Errorf("unsafeURL(%q) = %v, want %v", v, got, want)
		}
	}
}
