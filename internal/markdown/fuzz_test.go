package markdown

import (
	"bytes"
	"fmt"
	"net/url"
	"path"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"
)

// realResolver resolves like internal/render's resolver: only https, http, mailto and tel
// links to other sites, no images from other sites, and relative links rewritten to a
// token. It does not know which pages exist, so every relative link resolves.
func realResolver() (Resolver, *[]string) {
	var links []string
	return func(dest string, image bool) (Target, error) {
		u, err := url.Parse(dest)
		if err != nil {
			return Target{}, fmt.Errorf("link %q is not a valid address", dest)
		}
		if u.Scheme != "" {
			if !slices.Contains([]string{"https", "http", "mailto", "tel"}, strings.ToLower(u.Scheme)) {
				return Target{}, fmt.Errorf("link %q: only https:, http:, mailto: and tel: links are allowed", dest)
			}
			if image {
				return Target{}, fmt.Errorf("image %q comes from another site", dest)
			}
			if (u.Scheme == "https" || u.Scheme == "http") && u.Host == "" {
				return Target{}, fmt.Errorf("link %q has no host", dest)
			}
			return Target{Dest: dest, External: u.Scheme == "https" || u.Scheme == "http"}, nil
		}
		if u.Host != "" {
			return Target{}, fmt.Errorf("link %q: write https:// before the address", dest)
		}
		if image {
			logical := strings.TrimPrefix(path.Clean("/"+u.Path), "/")
			if !strings.HasPrefix(logical, "assets/") {
				return Target{}, fmt.Errorf("image %q: put images under assets/", dest)
			}
			links = append(links, logical)
			return Target{Dest: "tsasset:" + strconv.Itoa(len(links)-1)}, nil
		}
		if u.Path == "" && u.Fragment == "" {
			return Target{}, fmt.Errorf("empty link")
		}
		links = append(links, dest)
		return Target{Dest: "tslink:" + strconv.Itoa(len(links)-1)}, nil
	}, &links
}

// allowed are the elements a body may contain, each with the attributes it may have.
var allowed = map[string][]string{
	"p": nil, "h1": {"id"}, "h2": {"id"}, "h3": {"id"}, "h4": {"id"}, "h5": {"id"}, "h6": {"id"},
	"ul": nil, "ol": {"start"}, "li": nil, "a": {"href", "title", "rel"},
	"em": nil, "strong": nil, "code": {"class"}, "pre": nil, "blockquote": nil, "hr": nil, "br": nil,
	"img":   {"src", "alt", "title"},
	"table": nil, "thead": nil, "tbody": nil, "tr": nil, "th": {"align"}, "td": {"align"},
	"div": {"class", "role", "tabindex", "aria-label"},
	// html.Parse adds these around a fragment.
	"html": nil, "head": nil, "body": nil,
}

// badURL reports a javascript:, vbscript:, data: or other non-allowed scheme, as a browser
// reads the address (ignoring tabs and newlines, and leading spaces and controls).
func badURL(v string) bool {
	v = strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return -1
		}
		return r
	}, v)
	v = strings.TrimLeftFunc(v, func(r rune) bool { return r <= ' ' })
	scheme, _, ok := strings.Cut(v, ":")
	if !ok || !isScheme(scheme) {
		return false
	}
	return !slices.Contains([]string{"http", "https", "mailto", "tel", "tslink", "tsasset"}, strings.ToLower(scheme))
}

// isScheme reports whether s is a URL scheme: a letter, then letters, digits, +, - and .
func isScheme(s string) bool {
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

// checkBody fails on any element or attribute outside the allow-list and any address
// that is not allowed.
func checkBody(t *testing.T, src, out []byte, failed bool) {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(out))
	if err != nil {
		if strings.Contains(err.Error(), "open stack of elements exceeds") {
			return // very deep nesting: x/net/html's own limit
		}
		t.Fatalf("output does not parse: %v\n%q", err, out)
	}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			attrs, ok := allowed[n.Data]
			if !ok || n.Namespace != "" {
				t.Fatalf("element <%s> in the output of %q:\n%s", n.Data, src, out)
			}
			for _, a := range n.Attr {
				switch {
				case !slices.Contains(attrs, a.Key) || a.Namespace != "":
					t.Fatalf("<%s %s=%q> in the output of %q:\n%s", n.Data, a.Key, a.Val, src, out)
				case n.Data == "div" && a.Key == "class" && a.Val != "table-scroll",
					n.Data == "div" && a.Key == "role" && a.Val != "region",
					n.Data == "div" && a.Key == "tabindex" && a.Val != "0",
					n.Data == "a" && a.Key == "rel" && a.Val != "noopener noreferrer",
					n.Data == "code" && a.Key == "class" && !strings.HasPrefix(a.Val, "language-"):
					t.Fatalf("<%s %s=%q> in the output of %q:\n%s", n.Data, a.Key, a.Val, src, out)
				case (a.Key == "href" || a.Key == "src") && badURL(a.Val):
					// Render blanks a refused destination, so even a failed render holds none.
					t.Fatalf("<%s %s=%q> in the output of %q (error: %v):\n%s", n.Data, a.Key, a.Val, src, failed, out)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
}

// FuzzRender renders any body and checks the HTML holds only the elements, attributes and
// addresses a page body may have.
func FuzzRender(f *testing.F) {
	// The seeds, in testdata/fuzz/FuzzRender, are the payloads of internal/build's
	// untrusted-input suite and Markdown that reaches every node kind.
	f.Add("[a](https://example.org/) ![b](/assets/x.svg)\n")
	r := New("main", "quick-exit")
	f.Fuzz(func(t *testing.T, body string) {
		resolve, _ := realResolver()
		done := make(chan struct{})
		var res *Result
		var err error
		go func() {
			defer close(done)
			res, err = r.Render([]byte(body), 1, resolve)
		}()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Fatalf("Render did not finish in 10s: %q", body)
		}
		if res == nil {
			if err == nil {
				t.Fatal("no result and no error")
			}
			return
		}
		checkBody(t, []byte(body), res.HTML, err != nil)
	})
}

// TestRefusedDestination: when the resolver refuses a link or image, Render reports the
// error but leaves the destination in the HTML as written. The build fails, so the HTML is
// never published, but Render's output is not safe on its own: goldmark blanks
// javascript: and vbscript: but keeps data:image/png (and gif, jpeg, webp) and any other
// scheme.
func TestRefusedDestination(t *testing.T) {
	r := New()
	for _, body := range []string{
		"![x](data:image/png;base64,iVBORw0KGgo=)\n",
		"[x](data:image/gif;base64,R0lGODlh)\n",
		"[x](ms-settings:privacy)\n",
		"[x][r]\n\n[r]: intent://evil\n",
	} {
		resolve, _ := realResolver()
		res, err := r.Render([]byte(body), 1, resolve)
		if err == nil {
			t.Fatalf("%q: no error", body)
		}
		doc, _ := html.Parse(bytes.NewReader(res.HTML))
		var walk func(n *html.Node)
		walk = func(n *html.Node) {
			for _, a := range n.Attr {
				if (a.Key == "href" || a.Key == "src") && badURL(a.Val) {
					t.Errorf("%q: the refused address stays in the HTML: %s", body, res.HTML)
				}
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				walk(c)
			}
		}
		walk(doc)
	}
}

// TestTableAlignment: aligned table cells must not carry a style attribute, which the
// Content Security Policy blocks.
func TestTableAlignment(t *testing.T) {
	res, err := New().Render([]byte("| a | b | c |\n|:--|:-:|--:|\n| d | e | f |\n"), 1, func(d string, _ bool) (Target, error) { return Target{Dest: d}, nil })
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(res.HTML, []byte("style=")) {
		t.Errorf("style attribute in a table:\n%s", res.HTML)
	}
}
