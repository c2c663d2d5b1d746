package markdown

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// fakeResolver marks internal links so the golden files show what was resolved, and
// rejects what the real resolver rejects.
func fakeResolver(dest string, image bool) (Target, error) {
	switch {
	case strings.HasPrefix(dest, "javascript:"), strings.HasPrefix(dest, "data:"):
		return Target{}, fmt.Errorf("link %q: scheme not allowed", dest)
	case strings.HasPrefix(dest, "https://"), strings.HasPrefix(dest, "mailto:"):
		return Target{Dest: dest, External: strings.HasPrefix(dest, "https://")}, nil
	}
	return Target{Dest: "resolved:" + dest}, nil
}

// TestGolden renders each testdata/*.md and compares the HTML, headings, text, warnings and
// errors with testdata/*.golden. Run `go test ./internal/markdown -update` to accept changes.
func TestGolden(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.md")
	r := New("main")
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".md")
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			res, err := r.Render(src, 10, fakeResolver)
			var b strings.Builder
			fmt.Fprintf(&b, "-- html --\n%s", res.HTML)
			fmt.Fprintf(&b, "-- headings --\n")
			for _, h := range res.Headings {
				fmt.Fprintf(&b, "h%d #%s %q\n", h.Level, h.ID, h.Text)
			}
			fmt.Fprintf(&b, "-- text --\n%s\n", res.Text)
			fmt.Fprintf(&b, "-- warnings --\n")
			for _, w := range res.Warnings {
				fmt.Fprintf(&b, "line %d: %s\n", w.Line, w.Message)
			}
			fmt.Fprintf(&b, "-- errors --\n")
			if err != nil {
				fmt.Fprintf(&b, "%v\n", err)
			}
			golden := strings.TrimSuffix(f, ".md") + ".golden"
			if *update {
				if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if b.String() != string(want) {
				t.Errorf("output differs from %s (run with -update to accept):\n%s", golden, b.String())
			}
		})
	}
}

func TestSlug(t *testing.T) {
	for in, want := range map[string]string{
		"What to do first":       "what-to-do-first",
		"  Beth i'w wneud?  ":    "beth-i-w-wneud",
		"ماذا تفعل أولاً":        "ماذا-تفعل-أولاً",
		"پہلے کیا کریں":          "پہلے-کیا-کریں",
		"Co zrobić najpierw":     "co-zrobić-najpierw",
		"C++ & Go: 2 languages!": "c-go-2-languages",
		"---":                    "",
		"Ages 8–10 (and older)":  "ages-8-10-and-older",
	} {
		if got := Slug(in); got != want {
			t.Errorf("Slug(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestNoRawHTMLEverReachesOutput(t *testing.T) {
	r := New()
	for _, src := range []string{
		"<img src=x onerror=alert(1)>",
		"<svg onload=alert(1)>",
		"x <span style=\"color:red\">y</span>",
		"[x](javascript:alert(1))",
		"## h {onmouseover=alert(1) style=\"x\"}",
		"<a href=\"javascript:alert(1)\">x</a>",
		"![x](javascript:alert(1))",
		"[x](JaVaScRiPt:alert(1))",
		"<script>alert(1)</script>",
		"<style>body{}</style>",
	} {
		res, _ := r.Render([]byte(src), 1, func(dest string, image bool) (Target, error) {
			return Target{Dest: dest}, nil // even a resolver that lets everything through
		})
		doc, err := html.Parse(bytes.NewReader(res.HTML))
		if err != nil {
			t.Fatal(err)
		}
		var walk func(n *html.Node)
		walk = func(n *html.Node) {
			if n.Type == html.ElementNode {
				switch n.Data {
				case "script", "style", "svg", "span", "div", "iframe":
					t.Errorf("%q rendered a <%s> element: %s", src, n.Data, res.HTML)
				}
				for _, a := range n.Attr {
					v := strings.ToLower(strings.TrimSpace(a.Val))
					if strings.HasPrefix(a.Key, "on") || a.Key == "style" || strings.HasPrefix(v, "javascript:") {
						t.Errorf("%q rendered attribute %s=%q: %s", src, a.Key, a.Val, res.HTML)
					}
				}
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				walk(c)
			}
		}
		walk(doc)
	}
}

func TestReservedIDs(t *testing.T) {
	r := New("main", "step-*")
	res, _ := r.Render([]byte("# Main\n\n## Step one\n\n## Step one\n\n## Steps\n"), 1, fakeResolver)
	var got []string
	for _, h := range res.Headings {
		got = append(got, h.ID)
	}
	if strings.Join(got, " ") != "main-1 s-step-one s-step-one-1 steps" {
		t.Errorf("ids %v", got)
	}
	for _, src := range []string{"## Top {#main}", "## A {#step-2}", "## A {#x}\n\n## B {#x}"} {
		if _, err := r.Render([]byte(src), 1, fakeResolver); err == nil || !strings.Contains(err.Error(), "is already used on this page") {
			t.Errorf("%q: error %v", src, err)
		}
	}
	// The first heading keeps a repeated id: only the later one is reported.
	_, err := r.Render([]byte("## A {#x}\n\n## B {#x}\n\n## C {#x}\n"), 1, fakeResolver)
	if got := err.Error(); strings.Contains(got, "line 1:") || !strings.Contains(got, "line 3:") || !strings.Contains(got, "line 5:") {
		t.Errorf("repeated id: %v; want lines 3 and 5 only", got)
	}
}
