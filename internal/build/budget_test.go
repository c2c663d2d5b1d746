package build_test

import (
	"bytes"
	"compress/gzip"
	"path"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// Budgets for parents on slow, metered phone connections (issue #8).
const (
	guidanceHTMLBudget = 15_000 // gzip bytes, a guidance page
	pageHTMLBudget     = 25_000 // gzip bytes, any other page
	cssBudget          = 17_000 // minified bytes, the one stylesheet (4.4 KB gzip); raised from 12,000 for the phone menu, the "what happened?" pages, the help groups and the chooser (issues #11, #12)
	pageJSBudget       = 25_000 // minified bytes of script a page loads
)

func gzipSize(b []byte) int {
	var buf bytes.Buffer
	w, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	w.Write(b)
	w.Close()
	return buf.Len()
}

var (
	scriptRE = regexp.MustCompile(`<script src="([^"]+)"`)
	styleRE  = regexp.MustCompile(`<link rel="stylesheet" href="([^"]+)"`)
	imgRE    = regexp.MustCompile(`<img [^>]*>`)
)

// TestPageWeight fails when any page of the default site is over its budget, naming the
// page and its size, and checks that scripts load only where they are used.
func TestPageWeight(t *testing.T) {
	res := buildDefault(t)
	files := res.Output.Files
	var report []string
	for name, b := range files {
		switch {
		case strings.HasSuffix(name, ".css"):
			if len(b) > cssBudget {
				t.Errorf("%s: %d bytes minified, over the %d budget", name, len(b), cssBudget)
			}
			if bytes.Contains(b, []byte("@font-face")) || bytes.Contains(b, []byte("@import")) {
				t.Errorf("%s loads fonts or other stylesheets", name)
			}
		case strings.HasSuffix(name, ".woff2") || strings.HasSuffix(name, ".woff") || strings.HasSuffix(name, ".ttf"):
			t.Errorf("%s: the site uses system fonts only", name)
		case strings.HasSuffix(name, ".html"):
			gz := gzipSize(b)
			budget := pageHTMLBudget
			if strings.Contains(name, "/guidance/") {
				budget = guidanceHTMLBudget
			}
			if gz > budget {
				t.Errorf("%s: %d bytes gzipped, over the %d budget", name, gz, budget)
			}
			if len(styleRE.FindAll(b, -1)) > 1 {
				t.Errorf("%s loads more than one stylesheet", name)
			}
			js := 0
			var scripts []string
			for _, m := range scriptRE.FindAllSubmatch(b, -1) {
				src := path.Clean(path.Join(path.Dir(name), string(m[1])))
				if strings.HasPrefix(string(m[1]), "/") { // the 404 page's, from the site's path ("/" here)
					src = strings.TrimPrefix(path.Clean(string(m[1])), "/")
				}
				js += len(files[src])
				scripts = append(scripts, path.Base(src))
			}
			if js > pageJSBudget {
				t.Errorf("%s: %d bytes of JavaScript, over the %d budget", name, js, pageJSBudget)
			}
			checkScriptsUsed(t, name, scripts)
			for _, img := range imgRE.FindAll(b, -1) {
				if !bytes.Contains(img, []byte(" width=")) || !bytes.Contains(img, []byte(" height=")) {
					t.Errorf("%s: %s has no width and height", name, img)
				}
			}
			if strings.HasPrefix(name, "en/") {
				report = append(report, strings.Repeat(" ", max(0, 6-len(itoa(gz))))+itoa(gz)+" B gz  "+itoa(js)+" B js  "+name)
			}
		}
	}
	sort.Strings(report)
	t.Logf("English pages, gzipped HTML and the JavaScript they load:\n%s", strings.Join(report, "\n"))
}

// checkScriptsUsed checks that a page loads the feature scripts it uses and no others.
func checkScriptsUsed(t *testing.T, page string, scripts []string) {
	t.Helper()
	feature := map[string]string{ // script → the page that uses it
		"checklist":      "talk/index.html",
		"starters":       "starters/index.html",
		"agreement":      "agreement/index.html",
		"agreement-link": "agreement/index.html",
		"nodes":          "agreement/index.html",
		"download":       "agreement/index.html",
		"print":          "print/index.html",
	}
	has := func(name string) bool {
		for _, s := range scripts {
			if strings.HasPrefix(s, name+".") {
				return true
			}
		}
		return false
	}
	if page == "index.html" {
		return // the chooser
	}
	for _, every := range []string{"exit", "search", "plural"} {
		if !has(every) {
			t.Errorf("%s does not load %s.js", page, every)
		}
	}
	_, rest, _ := strings.Cut(page, "/") // the path below the language
	for script, where := range feature {
		uses := rest == where
		if has(script) != uses {
			t.Errorf("%s: loads %s.js %v, uses it %v", page, script, has(script), uses)
		}
	}
	if has("store") != (rest == "talk/index.html" || rest == "agreement/index.html") {
		t.Errorf("%s: store.js where it is not used, or missing", page)
	}
}

func itoa(n int) string {
	s := ""
	for n >= 10 {
		s = string(rune('0'+n%10)) + s
		n /= 10
	}
	return string(rune('0'+n)) + s
}

// TestScriptsMakeNoRequests reads every script of the default site for the ways a script
// can reach the network. The browser tests watch real page loads; this also covers code
// paths they do not walk. The one script element created is search.js loading the
// site's own index.
func TestScriptsMakeNoRequests(t *testing.T) {
	res := buildDefault(t)
	network := regexp.MustCompile(`\bfetch\s*\(|XMLHttpRequest|WebSocket|EventSource|sendBeacon|new\s+Image\b|importScripts|navigator\.serviceWorker|RTCPeerConnection|\.src\s*=`)
	for name, b := range res.Output.Files {
		if !strings.HasPrefix(name, "assets/js/") {
			continue
		}
		for _, m := range network.FindAll(b, -1) {
			if strings.HasPrefix(path.Base(name), "search.") && strings.Contains(string(m), ".src") {
				continue // the search index, from the site itself (data-index)
			}
			t.Errorf("%s: %q could reach the network", name, m)
		}
	}
}
