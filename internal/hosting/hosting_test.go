package hosting_test

import (
	"bytes"
	"encoding/xml"
	"html"
	"io/fs"
	"os"
	"regexp"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/talksite/talksite"
	"github.com/talksite/talksite/internal/build"
	"github.com/talksite/talksite/internal/policy"
)

// onceBuilt is a build that the tests of this package share: made by the first test that
// asks for it; the tests only read its files.
type onceBuilt struct {
	once  sync.Once
	files map[string][]byte
	err   error
}

// get builds the default site with site laid over it, the first time it is asked.
func (b *onceBuilt) get(t *testing.T, site fs.FS) map[string][]byte {
	t.Helper()
	b.once.Do(func() {
		res, err := build.Run(build.Options{Site: site, Default: talksite.DefaultSite()})
		if err != nil {
			b.err = err
			return
		}
		b.files = res.Output.Files
	})
	if b.err != nil {
		t.Fatal(b.err)
	}
	return b.files
}

var defaultBuild onceBuilt

// builtDefault builds the default site once, as it is (no base URL, not compressed).
func builtDefault(t *testing.T) map[string][]byte {
	t.Helper()
	return defaultBuild.get(t, nil)
}

func TestHeaderFilesCarryThePagePolicy(t *testing.T) {
	files := builtDefault(t)
	want := policy.HeaderCSP()
	if !strings.HasPrefix(want, policy.MetaCSP()+"; ") || !strings.Contains(want, "frame-ancestors 'none'") {
		t.Fatalf("header policy %q is not the page policy plus frame-ancestors", want)
	}

	// Every page carries the meta policy.
	metaRE := regexp.MustCompile(`<meta http-equiv="Content-Security-Policy" content="([^"]*)">`)
	for name, b := range files {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		m := metaRE.FindSubmatch(b)
		if m == nil || html.UnescapeString(string(m[1])) != policy.MetaCSP() {
			t.Errorf("%s: meta policy %q, want %q", name, m, policy.MetaCSP())
		}
		if !bytes.Contains(b, []byte(`<meta name="referrer" content="no-referrer">`)) {
			t.Errorf("%s: no referrer policy", name)
		}
	}

	// web.config parses as XML and sets every header.
	var cfg struct {
		Headers []struct {
			Name  string `xml:"name,attr"`
			Value string `xml:"value,attr"`
		} `xml:"system.webServer>httpProtocol>customHeaders>add"`
		Cache []struct {
			Name  string `xml:"name,attr"`
			Value string `xml:"value,attr"`
		} `xml:"location>system.webServer>httpProtocol>customHeaders>add"`
	}
	if err := xml.Unmarshal(files["web.config"], &cfg); err != nil {
		t.Fatalf("web.config is not XML: %v", err)
	}
	got := map[string]string{}
	for _, h := range cfg.Headers {
		got[h.Name] = h.Value
	}
	for _, h := range policy.Headers {
		if got[h[0]] != h[1] {
			t.Errorf("web.config %s = %q, want %q", h[0], got[h[0]], h[1])
		}
	}
	if len(cfg.Cache) != 1 || cfg.Cache[0].Value != policy.ImmutableCache {
		t.Errorf("web.config asset caching: %+v", cfg.Cache)
	}

	// _headers (Netlify, Cloudflare Pages): "/*" then indented "Name: value" lines.
	rules := map[string]map[string]string{}
	path := ""
	for _, line := range strings.Split(string(files["_headers"]), "\n") {
		switch {
		case line == "" || strings.HasPrefix(line, "#"):
		case !strings.HasPrefix(line, " "):
			path = line
			rules[path] = map[string]string{}
		default:
			k, v, ok := strings.Cut(strings.TrimSpace(line), ": ")
			if !ok || path == "" {
				t.Fatalf("_headers: bad line %q", line)
			}
			rules[path][k] = v
		}
	}
	for _, h := range policy.Headers {
		if rules["/*"][h[0]] != h[1] {
			t.Errorf("_headers %s = %q", h[0], rules["/*"][h[0]])
		}
	}
	if rules["/assets/*"]["Cache-Control"] != policy.ImmutableCache {
		t.Errorf("_headers asset caching: %v", rules["/assets/*"])
	}

	// .htaccess: one "Header always set" per header, quoted values.
	for _, h := range policy.Headers {
		line := `Header always set ` + h[0] + ` "` + h[1] + `"`
		if !bytes.Contains(files[".htaccess"], []byte(line)) {
			t.Errorf(".htaccess lacks %s", line)
		}
	}
	if _, ok := files["sitemap.xml"]; ok {
		t.Error("a sitemap without a base URL")
	}
	if string(files["robots.txt"]) != "User-agent: *\nAllow: /\n" {
		t.Errorf("robots.txt without a base URL: %q", files["robots.txt"])
	}
}

func TestSitemapWithBaseURL(t *testing.T) {
	site := fstest.MapFS{
		"site.toml": {Data: []byte(`baseURL = "https://school.example/safety"`)},
		// A page only in English: the other languages show it as a fallback.
		"content/en/guidance/our-own.md": {Data: []byte("---\ntitle: Our own page\n---\n\nWords.\n")},
	}
	res, err := build.Run(build.Options{Site: site, Default: talksite.DefaultSite()})
	if err != nil {
		t.Fatal(err)
	}
	sm := res.Output.Files["sitemap.xml"]
	var doc struct {
		URLs []struct {
			Loc   string `xml:"loc"`
			Links []struct {
				Hreflang string `xml:"hreflang,attr"`
				Href     string `xml:"href,attr"`
			} `xml:"link"`
		} `xml:"url"`
	}
	if err := xml.Unmarshal(sm, &doc); err != nil {
		t.Fatalf("sitemap.xml: %v", err)
	}
	found, translated := false, false
	for _, u := range doc.URLs {
		if !strings.HasPrefix(u.Loc, "https://school.example/safety/") {
			t.Errorf("loc %s is not under the base URL", u.Loc)
		}
		if u.Loc == "https://school.example/safety/cy/help/" {
			found = true
			langs := ""
			for _, l := range u.Links {
				langs += l.Hreflang + " "
			}
			if langs != "en cy pl ar ur x-default " {
				t.Errorf("cy/help alternates: %s", langs)
			}
		}
		if strings.Contains(u.Loc, "/cy/guidance/our-own/") {
			t.Errorf("a fallback page is in the sitemap: %s", u.Loc)
		}
		translated = translated || u.Loc == "https://school.example/safety/cy/guidance/sextortion/"
	}
	if !translated {
		t.Error("a translated page (cy/guidance/sextortion) is not in the sitemap")
	}
	if !found {
		t.Error("cy/help is not in the sitemap")
	}
	if !bytes.Contains(res.Output.Files["robots.txt"], []byte("Sitemap: https://school.example/safety/sitemap.xml")) {
		t.Errorf("robots.txt: %s", res.Output.Files["robots.txt"])
	}
	home := string(res.Output.Files["en/index.html"])
	if !strings.Contains(home, `<link rel="canonical" href="https://school.example/safety/en/">`) {
		t.Error("no absolute canonical link with a base URL")
	}
}

// TestNginxGuideMatchesPolicy keeps the nginx configuration in docs/hosting.md in step
// with the policy the build writes.
func TestNginxGuideMatchesPolicy(t *testing.T) {
	b, err := os.ReadFile("../../docs/hosting.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range policy.Headers {
		line := `add_header ` + h[0] + ` "` + h[1] + `" always;`
		if !bytes.Contains(b, []byte(line)) {
			t.Errorf("docs/hosting.md lacks %s", line)
		}
	}
}

// TestErrorPageAndCompressionRules checks what the host files say about the 404 page and
// the compressed copies, with and without a base URL and --precompress. (TestRealServers
// checks that Apache does what they say.)
func TestErrorPageAndCompressionRules(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name, path  string
		precompress bool
	}{
		{"default", "/404.html", false},
		{"under /online-safety/, precompressed", "/online-safety/404.html", true}, // the build TestRealServers serves
	} {
		var files map[string][]byte
		if c.precompress {
			files = builtForServers(t)
		} else {
			files = builtDefault(t)
		}
		htaccess := string(files[".htaccess"])
		if !strings.Contains(htaccess, "\nErrorDocument 404 "+c.path+"\n") {
			t.Errorf("%q: .htaccess has no ErrorDocument 404 %s:\n%s", c.name, c.path, htaccess)
		}
		if got := strings.Contains(htaccess, "RewriteEngine On"); got != c.precompress {
			t.Errorf("%q: .htaccess rewrites to compressed copies: %v, want %v", c.name, got, c.precompress)
		}
		if _, ok := files["404.html.br"]; ok != c.precompress {
			t.Errorf("%q: 404.html.br written: %v", c.name, ok)
		}
		// Every directive of a module that may be missing is inside <IfModule>.
		depth := 0
		for _, line := range strings.Split(htaccess, "\n") {
			line = strings.TrimSpace(line)
			switch {
			case strings.HasPrefix(line, "<IfModule"):
				depth++
			case line == "</IfModule>":
				depth--
			case depth == 0 && (strings.HasPrefix(line, "Header") || strings.HasPrefix(line, "Rewrite") || strings.HasPrefix(line, "Add") && !strings.HasPrefix(line, "AddDefaultCharset")):
				t.Errorf("%q: .htaccess: %q is outside <IfModule>", c.name, line)
			}
		}
		var cfg struct {
			Errors []struct {
				Status int    `xml:"statusCode,attr"`
				Path   string `xml:"path,attr"`
				Mode   string `xml:"responseMode,attr"`
			} `xml:"system.webServer>httpErrors>error"`
		}
		if err := xml.Unmarshal(files["web.config"], &cfg); err != nil {
			t.Fatal(err)
		}
		if len(cfg.Errors) != 1 || cfg.Errors[0].Status != 404 || cfg.Errors[0].Path != c.path || cfg.Errors[0].Mode != "ExecuteURL" {
			t.Errorf("%q: web.config httpErrors %+v", c.name, cfg.Errors)
		}
		// The 404 page exists in every language, and at the root in the source language.
		for _, name := range []string{"404.html", "en/404.html", "cy/404.html", "pl/404.html", "ar/404.html", "ur/404.html"} {
			if _, ok := files[name]; !ok {
				t.Errorf("%q: no %s", c.name, name)
			}
		}
		if !bytes.Equal(files["404.html"], files["en/404.html"]) {
			t.Errorf("%q: 404.html is not the English 404 page", c.name)
		}
		base := strings.TrimSuffix(c.path, "404.html")
		if page := string(files["cy/404.html"]); !strings.Contains(page, `href="`+base+`cy/index.html"`) || !strings.Contains(page, `<meta name="robots" content="noindex">`) {
			t.Errorf("%q: cy/404.html does not link to %scy/index.html or is indexed", c.name, base)
		}
	}
}
