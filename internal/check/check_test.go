package check

import (
	"os"
	"strings"
	"testing"
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
