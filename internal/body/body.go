// Package body is the Markdown stage: it converts each content file's Markdown into the
// HTML of its page body, once, with every address final.
//
// One body can be shown on several pages: its own language's and, as a fallback, other
// languages'. Those pages all have the same path below their language (slugs stay
// English; see internal/content), so a link's relative address is the same on each of
// them, and the body is written once with final addresses:
//
//   - a link to another page ("help.md", "../guidance/grooming.md", "/help/") becomes the
//     relative address of that page ("../help/index.html"), so the site opens from disk
//     and from any sub-path; a link to the page itself keeps only its "#anchor";
//   - a link naming a language ("/pl/help/") climbs to the site root and down again
//     ("../../pl/help/index.html"), right on every page that shows the body;
//   - an image under assets/ becomes the relative address of its fingerprinted file;
//   - a link to another site must be https:, http:, mailto: or tel:; an image may not
//     come from another site.
//
// A destination that cannot be allowed or does not exist is an error at its line, and is
// never written out. After every body is converted, CheckAnchors reports links to
// "#anchors" that no heading of the target page has.
package body

import (
	"bytes"
	"html/template"

	"github.com/talksite/talksite/internal/assets"
	"github.com/talksite/talksite/internal/content"
	"github.com/talksite/talksite/internal/diag"
	"github.com/talksite/talksite/internal/markdown"
	"github.com/talksite/talksite/internal/minify"
)

// Body is a content file's Markdown as HTML.
type Body struct {
	HTML template.HTML // minified unless the converter's NoMinify
	Text string        // plain text, one block per line (for content checks)
	Outline
}

// Outline is what outlives a body's pages: what the anchor check needs.
type Outline struct {
	File     *content.SourceFile
	Headings []markdown.Heading
	Links    []Link // links to pages of the site, in document order
}

// Link is a link from a body to a page of the site.
type Link struct {
	Key    string // the target page's key
	Lang   string // a link to a page of a named language ("/pl/help/"); "" for the reader's
	Anchor string // without '#'
	Line   int
	Dest   string // as written, for messages
}

// Converter converts bodies. It is safe for concurrent use.
type Converter struct {
	site     *content.Site
	assets   *assets.Set
	md       *markdown.Renderer
	min      *minify.Minifier
	noMinify bool
	// pageIDs are the ids the layout of the file's page writes, which its headings may
	// not take.
	pageIDs func(*content.SourceFile) []string
}

// Options configure a Converter.
type Options struct {
	// Reserved are element ids that no heading may take: those baseof.html, the partials
	// and the scripts write ("name-*" reserves a prefix).
	Reserved []string
	// PageIDs returns the ids the layout of a file's page writes.
	PageIDs func(*content.SourceFile) []string
	// NoMinify leaves the HTML as goldmark wrote it.
	NoMinify bool
}

// NewConverter returns a converter for the bodies of site, whose images are in set.
func NewConverter(site *content.Site, set *assets.Set, m *minify.Minifier, opts Options) *Converter {
	c := &Converter{site: site, assets: set, min: m, noMinify: opts.NoMinify, pageIDs: opts.PageIDs}
	c.md = markdown.New(opts.Reserved...).WithPhones(phoneNumbers(site))
	return c
}

// Convert converts a content file's body. It returns nil when nothing could be made of the
// file; problems are added to list.
func (c *Converter) Convert(f *content.SourceFile, list *diag.List) *Body {
	b := &Body{Outline: Outline{File: f}}
	res := &resolver{site: c.site, file: f, assets: c.assets, from: pageURL(f), outline: &b.Outline}
	var ids []string
	if c.pageIDs != nil {
		ids = c.pageIDs(f)
	}
	src, err := c.site.ReadBody(f)
	if err != nil {
		list.AddError(f.Path, 0, err)
		return nil
	}
	out, err := c.md.Render(src, f.BodyLine, res.resolve, ids...)
	if out == nil {
		list.Errorf(f.Path, 0, "%v", err)
		return nil
	}
	list.AddError(f.Path, 0, err)
	for _, w := range out.Warnings {
		list.Add(diag.At(f.Path, 0, w))
	}
	html := out.HTML
	if !c.noMinify {
		if min, err := c.min.Bytes(minify.HTML, out.HTML); err == nil {
			html = min
		}
	}
	b.HTML, b.Headings, b.Text = template.HTML(html), out.Headings, out.Text
	// Record each link's line for anchor errors: the order of links matches the order the
	// resolver saw them, which is document order.
	lines := linkLines(src, f.BodyLine, b.Links)
	for i := range b.Links {
		b.Links[i].Line = lines[i]
	}
	return b
}

// pageURL is the address of the pages that show f, in f's own language; the relative
// addresses written from it are the same from every language's page.
func pageURL(f *content.SourceFile) string {
	if f.URLPath == "" {
		return f.Lang + "/"
	}
	return f.Lang + "/" + f.URLPath + "/"
}

// linkLines finds the line of each internal link by searching for its destination as
// written, in order.
func linkLines(src []byte, first int, links []Link) []int {
	out := make([]int, len(links))
	off := 0
	for i, l := range links {
		j := bytes.Index(src[off:], []byte(l.Dest))
		if j < 0 {
			out[i] = first
			continue
		}
		off += j
		out[i] = first + bytes.Count(src[:off], []byte("\n"))
		off += len(l.Dest)
	}
	return out
}

// phoneNumbers are the helplines' numbers, as written in the data: written the same way in
// a page's text, they become tel: links.
func phoneNumbers(site *content.Site) []string {
	var phones []string
	if src := site.Source(); src != nil && src.Data != nil {
		for _, h := range src.Data.Helplines {
			if h.Phone != "" {
				phones = append(phones, h.Phone)
			}
		}
	}
	return phones
}
