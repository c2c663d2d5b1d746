package check

import (
	"os"
	"sort"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// TestBrokenFixture checks that every problem planted in testdata/broken is found.
func TestBrokenFixture(t *testing.T) {
	r, err := Site(os.DirFS("testdata/broken"), Options{Now: time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	planted := []struct{ file, rule, text string }{
		{"index.html", "lang", "no lang"},
		{"index.html", "dir", "dir"},
		{"index.html", "h1", "has 2 <h1>"},
		{"index.html", "meta-refresh", ""},
		{"index.html", "third-party", "https://cdn.example/style.css"},
		{"index.html", "third-party", "https://analytics.example/track.js"},
		{"index.html", "third-party", "https://images.example/pixel.gif"},
		{"index.html", "third-party", "https://video.example/embed"},
		{"index.html", "inline-script", ""},
		{"index.html", "inline-style", "<style>"},
		{"index.html", "inline-style", "<p style>"},
		{"index.html", "inline-handler", "onclick"},
		{"index.html", "img-alt", "assets/logo.svg"},
		{"index.html", "form-action", "https://collect.example/"},
		{"index.html", "form-action", "method=post"},
		{"index.html", "broken-link", "nowhere/index.html"},
		{"index.html", "broken-anchor", "missing"},
		{"index.html", "external-rel", "childline"},
		{"index.html", "javascript-url", ""},
		{"index.html", "root-relative", "/en/help/"},
		{"index.html", "dir-link", "sub/"},
		{"index.html", "stale-review", "2020-01-01"},
		{"index.html", "stale-helpline", "2025-01-01"},
		{"assets/site.css", "third-party", "fonts.example"},
		{"assets/site.css", "missing-file", "missing.png"},
		{"assets/site.css", "contrast", "--brand #ffdd00"},
		{"assets/script.svg", "svg-active", "<script>"},
		{"assets/script.svg", "svg-active", "onload"},
		{"assets/script.svg", "svg-active", "javascript:"},
	}
	for _, p := range planted {
		found := false
		for _, f := range r.Findings {
			if f.File == p.file && f.Rule == p.rule && strings.Contains(f.Message, p.text) {
				found = true
			}
		}
		if !found {
			t.Errorf("not found: %s %s %q", p.file, p.rule, p.text)
		}
	}
	// Nothing is reported about the fine parts.
	for _, f := range r.Findings {
		if f.File == "ok.html" || f.File == "sub/index.html" || strings.Contains(f.Message, "#here") || strings.Contains(f.Message, "--exit ") {
			t.Errorf("false alarm: %s", f)
		}
	}
	if len(r.Warnings()) != 2 {
		t.Errorf("warnings: %v", r.Warnings())
	}
}

// TestNotFoundPage accepts a 404 page's addresses when they start at the site's path (a
// server shows the page at any depth), and still finds the broken ones; any other page
// with such addresses is reported.
func TestNotFoundPage(t *testing.T) {
	page := func(links ...string) *fstest.MapFile {
		var b strings.Builder
		b.WriteString(`<!DOCTYPE html><html lang="en" dir="ltr"><head><title>x</title><link rel="stylesheet" href="/online-safety/assets/site.css"></head><body><h1>Not found</h1>`)
		for _, l := range links {
			b.WriteString(`<a href="` + l + `">x</a>`)
		}
		b.WriteString(`</body></html>`)
		return &fstest.MapFile{Data: []byte(b.String())}
	}
	fsys := fstest.MapFS{
		"assets/site.css":    {Data: []byte("body{}")},
		"en/help/index.html": page(),
		"404.html":           page("/online-safety/en/help/index.html", "/online-safety/en/gone/index.html"),
		"cy/404.html":        page("/online-safety/en/help/index.html", "/elsewhere/en/help/index.html"),
		"en/other.html":      page("/online-safety/en/help/index.html"),
	}
	r, err := Site(fsys, Options{Now: time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range r.Errors() {
		got = append(got, f.File+" "+f.Rule)
	}
	sort.Strings(got)
	want := []string{
		"404.html broken-link",             // en/gone
		"cy/404.html root-relative",        // outside the site's path
		"en/help/index.html root-relative", // its stylesheet: not a 404 page
		"en/other.html root-relative",
		"en/other.html root-relative",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("errors:\n%s\nwant:\n%s\n(all: %v)", strings.Join(got, "\n"), strings.Join(want, "\n"), r.Errors())
	}
}
