package build_test

import (
	"bytes"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"golang.org/x/net/html"

	"github.com/talksite/talksite"
	"github.com/talksite/talksite/internal/build"
	"github.com/talksite/talksite/internal/check"
	"github.com/talksite/talksite/internal/render"
)

// defaultBuild is the default site built once for every test that reads it.
var defaultBuild struct {
	once sync.Once
	res  *build.Result
	err  error
}

// buildDefault builds the embedded default site in memory (with its texts kept), once for
// the tests of the package: each builds the same site, and they only read the result. It
// renders with eight workers, so that TestDeterministic compares it with a one-worker build.
func buildDefault(t testing.TB) *build.Result {
	t.Helper()
	defaultBuild.once.Do(func() {
		defaultBuild.res, defaultBuild.err = build.Run(build.Options{Default: talksite.DefaultSite(), Render: render.Options{KeepTexts: true, Workers: manyWorkers}})
	})
	if defaultBuild.err != nil {
		t.Fatalf("default site does not build:\n%v", defaultBuild.err)
	}
	return defaultBuild.res
}

func mapFS(files map[string][]byte) fstest.MapFS {
	m := fstest.MapFS{}
	for name, b := range files {
		m[name] = &fstest.MapFile{Data: b}
	}
	return m
}

// TestDefaultSite builds the default site and judges every page of every language: every
// internal link and anchor resolves to a file of the output, <html> has lang and dir, and
// nothing is loaded from another origin (the check package's rules).
func TestDefaultSite(t *testing.T) {
	res := buildDefault(t)
	for _, w := range res.Diagnostics.Warnings() {
		t.Errorf("warning: %s", w)
	}
	report, err := check.Site(mapFS(res.Output.Files), check.Options{Now: time.Now()})
	if err != nil {
		t.Fatal(err)
	}
	if report.Pages < 30 {
		t.Errorf("only %d pages", report.Pages)
	}
	for _, f := range report.Findings {
		t.Errorf("%s: %s", f.Severity, f)
	}
	for _, l := range res.Site.Langs {
		if res.Output.Pages[l.Code] == 0 {
			t.Errorf("language %s has no pages", l.Code)
		}
	}
}

// TestEveryPageHasLandmarks checks the skeleton every page shares: a skip link first, a
// main landmark it points at, navigation, and lang/dir matching the language.
func TestEveryPageHasLandmarks(t *testing.T) {
	res := buildDefault(t)
	for _, l := range res.Site.Langs {
		for _, p := range l.Pages {
			name := p.URL() + "index.html"
			doc, err := html.Parse(bytes.NewReader(res.Output.Files[name]))
			if err != nil {
				t.Fatal(err)
			}
			var (
				lang, dir      string
				main, nav      int
				firstFocusable string
			)
			var walk func(n *html.Node)
			walk = func(n *html.Node) {
				if n.Type == html.ElementNode {
					get := func(k string) string {
						for _, a := range n.Attr {
							if a.Key == k {
								return a.Val
							}
						}
						return ""
					}
					switch n.Data {
					case "html":
						lang, dir = get("lang"), get("dir")
					case "main":
						if get("id") == "main" {
							main++
						}
					case "nav":
						nav++
					case "a":
						if firstFocusable == "" {
							firstFocusable = get("class") + " " + get("href")
						}
					}
				}
				for c := n.FirstChild; c != nil; c = c.NextSibling {
					walk(c)
				}
			}
			walk(doc)
			if lang != l.Code || dir != l.Dir {
				t.Errorf("%s: <html lang=%q dir=%q>, want %q %q", name, lang, dir, l.Code, l.Dir)
			}
			if main != 1 || nav < 1 {
				t.Errorf("%s: %d <main id=main>, %d <nav>", name, main, nav)
			}
			if !strings.HasPrefix(firstFocusable, "skip-link ") {
				t.Errorf("%s: first link is %q, want a skip link", name, firstFocusable)
			}
		}
	}
}

// manyWorkers is how many pages buildDefault renders at once.
const manyWorkers = 8

// TestDeterministic builds with one worker and compares every byte with the shared default
// build, made with many (the texts it keeps are not files).
func TestDeterministic(t *testing.T) {
	one, err := build.Run(build.Options{Default: talksite.DefaultSite(), Render: renderWorkers(1)})
	if err != nil {
		t.Fatal(err)
	}
	many := buildDefault(t)
	if len(one.Output.Files) != len(many.Output.Files) {
		t.Fatalf("%d files with 1 worker, %d with %d", len(one.Output.Files), len(many.Output.Files), manyWorkers)
	}
	for name, b := range one.Output.Files {
		if !bytes.Equal(b, many.Output.Files[name]) {
			t.Errorf("%s differs between 1 and %d workers", name, manyWorkers)
		}
	}
}

// TestNoServeScriptInBuild makes sure the live-reload script only exists in serve mode.
func TestNoServeScriptInBuild(t *testing.T) {
	res := buildDefault(t)
	for name, b := range res.Output.Files {
		if bytes.Contains(b, []byte("__talksite")) {
			t.Errorf("%s carries serve-only code", name)
		}
	}
}
