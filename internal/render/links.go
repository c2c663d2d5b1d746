package render

import (
	"fmt"
	"net/url"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/talksite/talksite/internal/assets"
	"github.com/talksite/talksite/internal/content"
	"github.com/talksite/talksite/internal/markdown"
)

// Internal links are written into a body as a token (linkScheme + index) and replaced with
// the real relative address for each page that shows the body, because one body can be
// shown in several languages (fallback pages) whose targets may differ.
const (
	linkScheme  = "tslink:"
	assetScheme = "tsasset:"
)

// linkRef is an internal link of a body.
type linkRef struct {
	Key    string // target page's translation key
	Lang   string // a link to a page of a named language ("/pl/help/"); "" for the reader's
	Anchor string // without '#'
	Line   int
	Dest   string // as written, for messages
}

// body is a rendered Markdown body with its internal links.
type body struct {
	key      string // the translation key of its file
	html     []byte
	links    []linkRef
	assets   []string // logical asset paths, by index
	headings []markdown.Heading
	text     string
	words    []string // distinct words, for the search index
}

// resolver resolves the destinations written in one file.
type resolver struct {
	site   *content.Site
	file   *content.SourceFile
	assets *assets.Set
	body   *body
}

var allowedSchemes = []string{"https", "http", "mailto", "tel"}

func (r *resolver) resolve(dest string, image bool) (markdown.Target, error) {
	u, err := url.Parse(dest)
	if err != nil {
		return markdown.Target{}, fmt.Errorf("link %q is not a valid address", dest)
	}
	if u.Scheme != "" {
		if !slices.Contains(allowedSchemes, strings.ToLower(u.Scheme)) {
			return markdown.Target{}, fmt.Errorf("link %q: only https:, http:, mailto: and tel: links are allowed", dest)
		}
		if image {
			return markdown.Target{}, fmt.Errorf("image %q comes from another site: put it under assets/ (the site loads nothing from other sites)", dest)
		}
		if (u.Scheme == "https" || u.Scheme == "http") && u.Host == "" {
			return markdown.Target{}, fmt.Errorf("link %q has no host", dest)
		}
		return markdown.Target{Dest: dest, External: u.Scheme == "https" || u.Scheme == "http"}, nil
	}
	if u.Host != "" {
		return markdown.Target{}, fmt.Errorf("link %q: write https:// before the address", dest)
	}
	if image {
		return r.resolveImage(dest, u.Path)
	}
	if u.Path == "" {
		if u.Fragment == "" {
			return markdown.Target{}, fmt.Errorf("empty link")
		}
		return r.ref(linkRef{Key: r.file.Key, Anchor: u.Fragment, Dest: dest}), nil
	}
	lang := r.file.Lang
	var target string
	if strings.HasPrefix(u.Path, "/") {
		target = strings.TrimPrefix(path.Clean(u.Path), "/")
		first, rest, _ := strings.Cut(target, "/")
		if r.site.Lang(first) != nil {
			lang, target = first, rest
		}
	} else {
		dir := path.Dir(strings.TrimPrefix(r.file.Path, "content/"+r.file.Lang+"/"))
		target = path.Join(dir, u.Path)
		if strings.HasPrefix(target, "../") || target == ".." {
			return markdown.Target{}, fmt.Errorf("link %q points outside content/%s/", dest, r.file.Lang)
		}
	}
	urlPath := toURLPath(target)
	l := r.site.Lang(lang)
	p := l.ByURL[urlPath]
	if p == nil && r.site.Broken[lang+"/"+urlPath] {
		return markdown.Target{Dest: "#"}, nil // the target's own error is reported
	}
	if p == nil {
		return markdown.Target{}, fmt.Errorf("link %q: there is no page %s (looked for content/%s/%s)", dest, "/"+lang+"/"+strings.TrimSuffix(urlPath+"/", "//"), lang, candidates(urlPath))
	}
	ref := linkRef{Key: p.Key, Anchor: u.Fragment, Dest: dest}
	if lang != r.file.Lang || strings.HasPrefix(u.Path, "/"+lang+"/") {
		ref.Lang = lang
	}
	return r.ref(ref), nil
}

func (r *resolver) ref(l linkRef) markdown.Target {
	r.body.links = append(r.body.links, l)
	return markdown.Target{Dest: linkScheme + strconv.Itoa(len(r.body.links)-1)}
}

func (r *resolver) resolveImage(dest, p string) (markdown.Target, error) {
	logical := strings.TrimPrefix(path.Clean("/"+p), "/")
	if !strings.HasPrefix(logical, "assets/") {
		return markdown.Target{}, fmt.Errorf("image %q: put images under assets/ and write them as /assets/images/name.svg", dest)
	}
	logical = strings.TrimPrefix(logical, "assets/")
	if _, ok := r.assets.Out(logical); !ok {
		return markdown.Target{}, fmt.Errorf("image %q: there is no file assets/%s", dest, logical)
	}
	r.body.assets = append(r.body.assets, logical)
	return markdown.Target{Dest: assetScheme + strconv.Itoa(len(r.body.assets)-1)}, nil
}

// toURLPath turns a file or address path below content/<lang>/ into a page's URLPath:
// "guidance/a.md", "guidance/a/", "guidance/a/index.html" → "guidance/a";
// "guidance/_index.md" → "guidance"; "_index.md" → "".
func toURLPath(p string) string {
	p = strings.TrimSuffix(p, "/")
	p = strings.TrimSuffix(p, "/index.html")
	if p == "index.html" {
		p = ""
	}
	p = strings.TrimSuffix(p, ".md")
	switch {
	case p == "_index" || p == "index" || p == "." || p == "":
		return ""
	case strings.HasSuffix(p, "/_index"), strings.HasSuffix(p, "/index"):
		return path.Dir(p)
	}
	return p
}

func candidates(urlPath string) string {
	if urlPath == "" {
		return "_index.md"
	}
	return urlPath + ".md or content/.../" + urlPath + "/_index.md"
}

// relURL returns the address of the page at URL to from the page at URL from (both
// relative to the site root, ending in "/"), ending in index.html so it opens from disk.
func relURL(from, to string) string {
	return relPath(from, to) + "index.html"
}

// rootURL and rootPath are relURL and relPath without shortcuts: they climb to the site
// root and come down again ("../../en/help/index.html"), so that every page at the same
// depth writes the same address for the same target. Layouts use them, which lets a
// header or footer be rendered once per depth (see Renderer.cachedFunc).
func rootURL(from, to string) string { return rootPath(from, to) + "index.html" }

func rootPath(from, to string) string {
	depth := strings.Count(strings.Trim(from, "/"), "/") + 1
	if strings.Trim(from, "/") == "" {
		depth = 0
	}
	p := strings.Repeat("../", depth) + to
	if depth == 0 {
		if first, _, _ := strings.Cut(to, "/"); strings.Contains(first, ":") {
			p = "./" + p
		}
	}
	return p
}

// relPath returns the relative path from directory from to the path to (both relative to
// the site root; directories end in "/").
func relPath(from, to string) string {
	f := strings.Split(strings.TrimSuffix(from, "/"), "/")
	if from == "" || from == "/" {
		f = nil
	}
	t := strings.Split(to, "/")
	i := 0
	for i < len(f) && i < len(t)-1 && f[i] == t[i] {
		i++
	}
	var b strings.Builder
	for range f[i:] {
		b.WriteString("../")
	}
	// A first segment with a colon would read as a scheme ("javascript:x/index.html").
	if b.Len() == 0 && i < len(t) && strings.Contains(t[i], ":") {
		b.WriteString("./")
	}
	b.WriteString(strings.Join(t[i:], "/"))
	return b.String()
}
