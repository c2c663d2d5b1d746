package bench

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestFloor runs the floor on a small generated site: one minified HTML file per
// Markdown file, with the body converted and the front matter left out.
func TestFloor(t *testing.T) {
	site, out := t.TempDir(), t.TempDir()
	if err := WriteTalksite(site, Options{Pages: 8, Sections: 2, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	n, err := Floor(site, out)
	if err != nil {
		t.Fatal(err)
	}
	// 8 pages, and per language a home and two sections.
	if want := 8 + 4*3; n != want {
		t.Errorf("Floor wrote %d pages, want %d", n, want)
	}
	page, err := os.ReadFile(filepath.Join(out, "en", "section-1", "page-1", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(out, "en", "section-1", "index.html")); err != nil {
		t.Errorf("a section's _index.md: %v", err)
	}
	for _, want := range []string{"<h2 id=", "<p>", `href="../section-`} {
		if !bytes.Contains(page, []byte(want)) {
			t.Errorf("page-1/index.html has no %q:\n%.300s", want, page)
		}
	}
	for _, not := range []string{"title:", "reviewed:", "\n\n"} {
		if bytes.Contains(page, []byte(not)) {
			t.Errorf("page-1/index.html has %q (front matter, or not minified):\n%.300s", not, page)
		}
	}
}

func TestStripFrontMatter(t *testing.T) {
	for in, want := range map[string]string{
		"---\ntitle: x\n---\n\nBody\n": "\nBody\n",
		"Body\n":                       "Body\n",
		"---\nunclosed\n":              "---\nunclosed\n",
	} {
		if got := string(stripFrontMatter([]byte(in))); got != want {
			t.Errorf("stripFrontMatter(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestMedian(t *testing.T) {
	m := Median([]Run{{Wall: 3, CPU: 1, MaxRSS: 9}, {Wall: 1, CPU: 2, MaxRSS: 7}, {Wall: 2, CPU: 3, MaxRSS: 8}})
	if m != (Run{Wall: 2, CPU: 2, MaxRSS: 8}) {
		t.Errorf("Median = %+v: want each measure's own median", m)
	}
}

func TestWriteTable(t *testing.T) {
	var b strings.Builder
	WriteTable(&b, 100, []Result{
		{"talksite", []Run{{Wall: 3 * time.Second, CPU: 4 * time.Second, MaxRSS: 200 << 20}}},
		{"floor", []Run{{Wall: 2 * time.Second, CPU: 2 * time.Second, MaxRSS: 100 << 20}}},
	})
	got := b.String()
	for _, want := range []string{"talksite", "3.00s", "200 MB", "floor", "talksite/floor", "1.50x", "2.00x"} {
		if !strings.Contains(got, want) {
			t.Errorf("table has no %q:\n%s", want, got)
		}
	}
}
