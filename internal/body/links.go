package body

import (
	"fmt"
	"net/url"
	"path"
	"slices"
	"strings"

	"github.com/talksite/talksite/internal/address"
	"github.com/talksite/talksite/internal/assets"
	"github.com/talksite/talksite/internal/content"
	"github.com/talksite/talksite/internal/diag"
	"github.com/talksite/talksite/internal/markdown"
)

// resolver resolves the destinations written in one file.
type resolver struct {
	site    *content.Site
	file    *content.SourceFile
	assets  *assets.Set
	from    string // the address of the pages that show the body
	outline *Outline
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
		return r.link(Link{Key: r.file.Key, Anchor: u.Fragment, Dest: dest}, nil), nil
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
	link := Link{Key: p.Key, Anchor: u.Fragment, Dest: dest}
	if lang != r.file.Lang || strings.HasPrefix(u.Path, "/"+lang+"/") {
		link.Lang = lang
	}
	return r.link(link, p), nil
}

// link records a link to the page target (nil: the body's own page) and returns its
// address.
func (r *resolver) link(l Link, target *content.Page) markdown.Target {
	r.outline.Links = append(r.outline.Links, l)
	href := ""
	switch {
	case l.Lang != "":
		href = address.RootURL(r.from, target.URL()) // the same language on every page
	case target != nil && target.Key != r.file.Key:
		href = address.RelURL(r.from, target.URL())
	}
	if l.Anchor != "" {
		href += "#" + l.Anchor
	}
	return markdown.Target{Dest: href}
}

func (r *resolver) resolveImage(dest, p string) (markdown.Target, error) {
	logical := strings.TrimPrefix(path.Clean("/"+p), "/")
	if !strings.HasPrefix(logical, "assets/") {
		return markdown.Target{}, fmt.Errorf("image %q: put images under assets/ and write them as /assets/images/name.svg", dest)
	}
	logical = strings.TrimPrefix(logical, "assets/")
	out, ok := r.assets.Out(logical)
	if !ok {
		return markdown.Target{}, fmt.Errorf("image %q: there is no file assets/%s", dest, logical)
	}
	return markdown.Target{Dest: address.RelPath(r.from, out)}, nil
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

// CheckAnchors reports links to headings that do not exist, for every language that shows
// the linking body. outlines are every converted body's, by file.
func CheckAnchors(site *content.Site, outlines map[*content.SourceFile]*Outline, list *diag.List) {
	for _, l := range site.Langs {
		for _, p := range l.Pages {
			o := outlines[p.File]
			if o == nil {
				continue
			}
			for _, link := range o.Links {
				if link.Anchor == "" {
					continue
				}
				tl := l
				if link.Lang != "" {
					tl = site.Lang(link.Lang)
				}
				target := tl.ByKey[link.Key]
				if target == nil {
					continue // reported when resolving
				}
				if hasAnchor(outlines[target.File], link.Anchor) {
					continue
				}
				where := ""
				if target.File != nil && target.File.Lang != p.File.Lang {
					where = fmt.Sprintf(" in the %s version (%s)", tl.Code, target.File.Path)
				}
				list.Errorf(p.File.Path, link.Line, "link %q: there is no heading with id %q%s; give the heading {#%s}", link.Dest, link.Anchor, where, link.Anchor)
			}
		}
	}
}

func hasAnchor(o *Outline, id string) bool {
	if id == "main" || id == "top" {
		return true
	}
	if o == nil {
		return false
	}
	for _, h := range o.Headings {
		if h.ID == id {
			return true
		}
	}
	return false
}
