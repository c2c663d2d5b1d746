// Package check judges a built site without a browser, the way `talksite check` reports to
// a site owner and the whole-site tests assert. It reads only the output folder, so it can
// check a site built by any version of talksite, or edited by hand afterwards.
//
// Errors: a broken internal link or anchor; a brand or exit colour whose contrast with the
// text on it is below WCAG AA; anything loaded from another origin (scripts,
// styles, images, fonts, frames, CSS url()); inline scripts, event-handler attributes,
// javascript: URLs and style attributes (the Content Security Policy blocks them); SVG
// files that could run script or load from another site (see assets.CheckSVG); forms
// that post anywhere; images without alternative text; pages without lang and dir on
// <html>, or without exactly one <h1>; links to other sites without rel="noopener
// noreferrer".
//
// Warnings: content whose reviewed date is more than 12 months old, and helpline details
// verified more than 6 months ago.
package check

import (
	"bytes"
	"cmp"
	"fmt"
	"io/fs"
	"net/url"
	"path"
	"regexp"
	"slices"
	"strings"
	"time"

	"golang.org/x/net/html"

	"github.com/talksite/talksite/internal/assets"
	"github.com/talksite/talksite/internal/colour"
	"golang.org/x/net/html/atom"
)

// Severity of a finding.
type Severity string

const (
	Error   Severity = "error"
	Warning Severity = "warning"
)

// Finding is one problem in the output.
type Finding struct {
	Severity Severity `json:"severity"`
	File     string   `json:"file"` // path in the output folder
	Rule     string   `json:"rule"`
	Message  string   `json:"message"`
}

func (f Finding) String() string { return fmt.Sprintf("%s: %s: %s", f.File, f.Rule, f.Message) }

// Report is the result of checking a site.
type Report struct {
	Pages    int       `json:"pages"`
	Files    int       `json:"files"`
	Findings []Finding `json:"findings"`
}

// Errors returns the error findings.
func (r *Report) Errors() []Finding { return r.filter(Error) }

// Warnings returns the warning findings.
func (r *Report) Warnings() []Finding { return r.filter(Warning) }

func (r *Report) filter(s Severity) []Finding {
	var out []Finding
	for _, f := range r.Findings {
		if f.Severity == s {
			out = append(out, f)
		}
	}
	return out
}

// Options change what is checked.
type Options struct {
	// Now is the date freshness is judged against; zero means today.
	Now time.Time
}

// page is what one HTML file offers to links.
type page struct {
	ids  map[string]bool
	refs []ref
}

type ref struct {
	url      string
	what     string // "a href", "img src", ...
	navigate bool   // a link the reader follows, not a resource the page loads
	rel      string // the rel of an <a>
}

// Site checks every file of a built site.
func Site(fsys fs.FS, opts Options) (*Report, error) {
	if opts.Now.IsZero() {
		opts.Now = time.Now()
	}
	r := &Report{}
	add := func(sev Severity, file, rule, format string, args ...any) {
		r.Findings = append(r.Findings, Finding{sev, file, rule, fmt.Sprintf(format, args...)})
	}
	files := map[string]bool{}
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type().IsRegular() {
			files[p] = true
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	r.Files = len(files)
	names := make([]string, 0, len(files))
	for p := range files {
		names = append(names, p)
	}
	slices.Sort(names)

	pages := map[string]*page{}
	for _, p := range names {
		switch path.Ext(p) {
		case ".html":
			b, err := fs.ReadFile(fsys, p)
			if err != nil {
				return nil, err
			}
			r.Pages++
			pages[p] = checkHTML(p, b, opts, add)
		case ".css":
			b, err := fs.ReadFile(fsys, p)
			if err != nil {
				return nil, err
			}
			for _, u := range cssURLs(b) {
				checkResource(p, ref{url: u, what: "CSS url()"}, files, add)
			}
			checkBrandContrast(p, b, add)
		case ".svg":
			b, err := fs.ReadFile(fsys, p)
			if err != nil {
				return nil, err
			}
			for _, sp := range assets.CheckSVG(b) {
				add(Error, p, "svg-active", "line %d: %s", sp.Line, sp.Message)
			}
		}
	}
	for _, p := range names {
		pg := pages[p]
		if pg == nil {
			continue
		}
		notFound := path.Base(p) == "404.html"
		prefix, hasPrefix := sitePath(pg.refs, files)
		for _, rf := range pg.refs {
			if notFound && hasPrefix {
				rf.url = fromSitePath(p, rf.url, prefix)
			}
			if rf.navigate {
				checkLink(p, rf, files, pages, add)
			} else {
				checkResource(p, rf, files, add)
			}
		}
	}
	slices.SortFunc(r.Findings, func(a, b Finding) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Rule, b.Rule), cmp.Compare(a.Message, b.Message))
	})
	r.Findings = slices.Compact(r.Findings)
	return r, nil
}

type addFunc func(sev Severity, file, rule, format string, args ...any)

// checkHTML checks one page on its own and returns its ids and references.
func checkHTML(file string, b []byte, opts Options, add addFunc) *page {
	doc, err := html.Parse(bytes.NewReader(b))
	if err != nil {
		add(Error, file, "html", "cannot be parsed: %v", err)
		return &page{ids: map[string]bool{}}
	}
	pg := &page{ids: map[string]bool{}}
	h1 := 0
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			attrs := map[string]string{}
			for _, a := range n.Attr {
				attrs[a.Key] = a.Val
				if strings.HasPrefix(a.Key, "on") {
					add(Error, file, "inline-handler", "<%s %s>: event-handler attributes are blocked by the Content Security Policy; use a script file", n.Data, a.Key)
				}
				if a.Key == "style" {
					add(Error, file, "inline-style", "<%s style>: style attributes are blocked by the Content Security Policy; use the stylesheet", n.Data)
				}
				if a.Key == "id" {
					pg.ids[a.Val] = true
				}
				if a.Key == "name" && n.DataAtom == atom.A {
					pg.ids[a.Val] = true
				}
			}
			switch n.DataAtom {
			case atom.Html:
				if attrs["lang"] == "" {
					add(Error, file, "lang", "<html> has no lang attribute")
				}
				if d := attrs["dir"]; d != "ltr" && d != "rtl" {
					add(Error, file, "dir", "<html> has no dir=\"ltr\" or dir=\"rtl\"")
				}
			case atom.H1:
				h1++
			case atom.A, atom.Area:
				if h, ok := attrs["href"]; ok {
					pg.refs = append(pg.refs, ref{url: h, what: "<a href>", navigate: true, rel: attrs["rel"]})
				}
			case atom.Link:
				if h, ok := attrs["href"]; ok {
					rel := strings.Fields(attrs["rel"])
					nav := slices.Contains(rel, "alternate") || slices.Contains(rel, "canonical")
					pg.refs = append(pg.refs, ref{url: h, what: "<link rel=" + attrs["rel"] + ">", navigate: nav, rel: "noopener noreferrer"})
				}
			case atom.Script:
				if src, ok := attrs["src"]; ok {
					pg.refs = append(pg.refs, ref{url: src, what: "<script src>"})
				} else if t := attrs["type"]; t != "application/json" && t != "application/ld+json" && hasText(n) {
					add(Error, file, "inline-script", "inline <script> is blocked by the Content Security Policy; use a script file")
				}
			case atom.Img:
				if src, ok := attrs["src"]; ok {
					pg.refs = append(pg.refs, ref{url: src, what: "<img src>"})
				}
				if _, ok := attrs["alt"]; !ok {
					add(Error, file, "img-alt", "<img src=%q> has no alt attribute (use alt=\"\" for decoration)", attrs["src"])
				}
			case atom.Iframe, atom.Embed, atom.Object, atom.Audio, atom.Video, atom.Source, atom.Track, atom.Frame:
				for _, k := range []string{"src", "data", "poster"} {
					if v, ok := attrs[k]; ok {
						pg.refs = append(pg.refs, ref{url: v, what: "<" + n.Data + " " + k + ">"})
					}
				}
			case atom.Form:
				if a, ok := attrs["action"]; ok && a != "" {
					add(Error, file, "form-action", "<form action=%q>: forms must not send anything anywhere", a)
				}
				if strings.EqualFold(attrs["method"], "post") {
					add(Error, file, "form-action", "<form method=post>: forms must not send anything anywhere")
				}
			case atom.Style:
				add(Error, file, "inline-style", "<style> element is blocked by the Content Security Policy; use the stylesheet")
			case atom.Meta:
				if strings.EqualFold(attrs["http-equiv"], "refresh") {
					add(Error, file, "meta-refresh", "<meta http-equiv=refresh> moves the reader without asking")
				}
			case atom.P:
				if d, ok := attrs["data-reviewed"]; ok {
					checkAge(file, "reviewed", d, 12, opts, add)
				}
				if d, ok := attrs["data-verified"]; ok {
					checkAge(file, "verified", d, 6, opts, add)
				}
			}
			if v, ok := attrs["srcset"]; ok {
				for _, part := range strings.Split(v, ",") {
					if f := strings.Fields(part); len(f) > 0 {
						pg.refs = append(pg.refs, ref{url: f[0], what: "<" + n.Data + " srcset>"})
					}
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	if h1 != 1 {
		add(Error, file, "h1", "has %d <h1> elements; a page needs exactly one", h1)
	}
	return pg
}

func hasText(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.TextNode && strings.TrimSpace(c.Data) != "" {
			return true
		}
	}
	return false
}

func checkAge(file, what, date string, months int, opts Options, add addFunc) {
	t, err := time.Parse("2006-01-02", date)
	if err != nil {
		add(Warning, file, what, "date %q is not YYYY-MM-DD", date)
		return
	}
	if t.AddDate(0, months, 0).Before(opts.Now) {
		switch what {
		case "reviewed":
			add(Warning, file, "stale-review", "content was last reviewed on %s, more than %d months ago", date, months)
		default:
			add(Warning, file, "stale-helpline", "helpline details were last verified on %s, more than %d months ago: check the numbers and addresses", date, months)
		}
	}
}

var customPropRE = regexp.MustCompile(`--(brand|brand-text|exit|exit-text)\s*:\s*(#[0-9a-fA-F]{3,6})\b`)

// checkBrandContrast checks every value a stylesheet gives the brand and exit colours
// against the text drawn on them (WCAG 1.4.3, 4.5:1).
func checkBrandContrast(file string, css []byte, add addFunc) {
	values := map[string][]string{}
	for _, m := range customPropRE.FindAllSubmatch(css, -1) {
		values[string(m[1])] = append(values[string(m[1])], string(m[2]))
	}
	for _, pair := range [][2]string{{"brand", "brand-text"}, {"exit", "exit-text"}} {
		if len(values[pair[1]]) == 0 {
			continue
		}
		text, err := colour.Parse(values[pair[1]][0])
		if err != nil {
			continue
		}
		for _, v := range values[pair[0]] {
			bg, err := colour.Parse(v)
			if err != nil {
				continue
			}
			if c := colour.Contrast(bg, text); c < colour.AA {
				add(Error, file, "contrast", "--%s %s under --%s %s has contrast %.2f:1, below WCAG AA 4.5:1; %s would pass", pair[0], v, pair[1], text, c, colour.Passing(bg, text, colour.AA))
			}
		}
	}
}

var cssURLRE = regexp.MustCompile(`url\(\s*['"]?([^'")]*)['"]?\s*\)|@import\s+['"]([^'"]+)['"]`)

func cssURLs(b []byte) []string {
	var out []string
	for _, m := range cssURLRE.FindAllSubmatch(b, -1) {
		u := string(m[1])
		if u == "" {
			u = string(m[2])
		}
		if u != "" {
			out = append(out, u)
		}
	}
	return out
}

// external reports whether u leaves the site (has a scheme or a host).
func external(u *url.URL) bool { return u.Scheme != "" || u.Host != "" }

func checkResource(file string, rf ref, files map[string]bool, add addFunc) {
	u, err := url.Parse(strings.TrimSpace(rf.url))
	if err != nil {
		add(Error, file, "bad-url", "%s %q is not a valid address", rf.what, rf.url)
		return
	}
	if external(u) {
		add(Error, file, "third-party", "%s %q loads from another origin: the site must load nothing from other sites", rf.what, rf.url)
		return
	}
	if u.Path == "" {
		return
	}
	if strings.HasPrefix(u.Path, "/") {
		add(Error, file, "root-relative", "%s %q starts with /: it breaks when the site is under a sub-path or opened from disk", rf.what, rf.url)
		return
	}
	target := resolve(file, u.Path)
	if !files[target] {
		add(Error, file, "missing-file", "%s %q: there is no %s", rf.what, rf.url, target)
	}
}

func checkLink(file string, rf ref, files map[string]bool, pages map[string]*page, add addFunc) {
	u, err := url.Parse(strings.TrimSpace(rf.url))
	if err != nil {
		add(Error, file, "bad-url", "%s %q is not a valid address", rf.what, rf.url)
		return
	}
	switch strings.ToLower(u.Scheme) {
	case "javascript", "vbscript", "data":
		add(Error, file, "javascript-url", "%s %q: this kind of address runs code or hides content", rf.what, rf.url)
		return
	case "mailto", "tel", "sms":
		return
	}
	if external(u) {
		rel := strings.Fields(rf.rel)
		if !slices.Contains(rel, "noreferrer") || !slices.Contains(rel, "noopener") {
			add(Error, file, "external-rel", "%s %q: links to other sites need rel=\"noopener noreferrer\"", rf.what, rf.url)
		}
		return
	}
	if strings.HasPrefix(u.Path, "/") {
		add(Error, file, "root-relative", "%s %q starts with /: it breaks when the site is under a sub-path or opened from disk", rf.what, rf.url)
		return
	}
	target := file
	if u.Path != "" {
		target = resolve(file, u.Path)
		if strings.HasSuffix(u.Path, "/") || target == "." {
			if files[path.Join(target, "index.html")] {
				add(Error, file, "dir-link", "%s %q points at a folder: write %s so it also opens from disk", rf.what, rf.url, strings.TrimSuffix(u.Path, "/")+"/index.html")
			} else {
				add(Error, file, "broken-link", "%s %q: there is no %s", rf.what, rf.url, path.Join(target, "index.html"))
			}
			return
		}
		if !files[target] {
			if files[path.Join(target, "index.html")] {
				add(Error, file, "dir-link", "%s %q points at a folder: write %s so it also opens from disk", rf.what, rf.url, path.Join(u.Path, "index.html"))
			} else {
				add(Error, file, "broken-link", "%s %q: there is no %s", rf.what, rf.url, target)
			}
			return
		}
	}
	if u.Fragment != "" && path.Ext(target) == ".html" {
		if pg := pages[target]; pg != nil && !pg.ids[u.Fragment] {
			add(Error, file, "broken-anchor", "%s %q: %s has no element with id %q", rf.what, rf.url, target, u.Fragment)
		}
	}
}

// sitePath finds the path a 404 page's addresses start with. A server shows a 404 page at
// any depth, so its links cannot be relative: they start at the site's path ("/" or
// "/online-safety/"), which is the part of its first root-relative resource before a file
// of the site.
func sitePath(refs []ref, files map[string]bool) (string, bool) {
	for _, rf := range refs {
		u, err := url.Parse(strings.TrimSpace(rf.url))
		if rf.navigate || err != nil || external(u) || !strings.HasPrefix(u.Path, "/") {
			continue
		}
		segs := strings.Split(strings.TrimPrefix(u.Path, "/"), "/")
		for i := range segs {
			if files[strings.Join(segs[i:], "/")] {
				return "/" + strings.Join(append(segs[:i:i], ""), "/"), true
			}
		}
		return "", false
	}
	return "", false
}

// fromSitePath rewrites an address of a 404 page that starts with the site's path as the
// same address relative to the page, so that the ordinary checks apply to it.
func fromSitePath(file, addr, prefix string) string {
	u, err := url.Parse(strings.TrimSpace(addr))
	if err != nil || external(u) || !strings.HasPrefix(u.Path, prefix) {
		return addr
	}
	rel := strings.Repeat("../", strings.Count(file, "/")) + strings.TrimPrefix(u.Path, prefix)
	if rel == "" {
		rel = "./"
	}
	u.Path, u.RawPath = rel, ""
	return u.String()
}

// resolve resolves a relative path against the folder of file (both in the output).
func resolve(file, p string) string {
	if strings.HasPrefix(p, "/") {
		return strings.TrimPrefix(path.Clean(p), "/")
	}
	return path.Clean(path.Join(path.Dir(file), p))
}
