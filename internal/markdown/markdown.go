// Package markdown turns a page's Markdown body into HTML. It is the only package that
// touches goldmark, so a goldmark upgrade is a change here alone.
//
// What it does beyond goldmark's defaults, and why:
//   - CommonMark plus GitHub tables; raw HTML is never passed through (goldmark drops it) and
//     each dropped piece is reported as a warning, because content comes from volunteers.
//   - Heading ids keep every script: goldmark's default generator drops non-ASCII letters,
//     which turns every Arabic or Urdu heading into "heading-N". A heading can fix its id
//     with {#id} so that links to it work in every language.
//   - Attributes written with {...} are stripped except a heading's id: goldmark would pass
//     style and other global attributes through.
//   - Every link and image destination goes through the caller's Resolver, which rewrites
//     links to other pages and reports broken ones; errors carry the line in the file.
//   - Links to other sites get rel="noopener noreferrer".
//   - Known phone numbers in the text become tel: links marked left to right (WithPhones).
package markdown

import (
	"bytes"
	"errors"
	"io"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/talksite/talksite/internal/diag"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Target is what a Resolver makes of a destination.
type Target struct {
	Dest     string // the destination to write into the HTML
	External bool   // a link to another site
}

// Resolver rewrites a link or image destination as written in the Markdown. It returns an
// error for a destination that cannot be allowed or does not exist.
type Resolver func(dest string, image bool) (Target, error)

// Heading is a heading of the body.
type Heading struct {
	Level int
	ID    string
	Text  string
}

// Result is a rendered body.
type Result struct {
	HTML     []byte
	Headings []Heading
	Text     string            // the body as plain text, one block per line, for search and readability
	Warnings []diag.Diagnostic // each at its line of the file, naming no file
}

// Renderer converts Markdown. It is safe for concurrent use.
type Renderer struct {
	md       goldmark.Markdown
	reserved []string
	phones   []string // see WithPhones
}

// New returns a Renderer. Reserved ids (used by the page layout, such as "main") are never
// given to headings; a reserved id ending in "*" reserves every id with that prefix
// ("step-*").
func New(reserved ...string) *Renderer {
	md := goldmark.New(
		goldmark.WithExtensions(extension.Table),
		goldmark.WithParserOptions(parser.WithAutoHeadingID(), parser.WithAttribute()),
		goldmark.WithRendererOptions(html.WithXHTML()),
	)
	md.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(&tableRenderer{}, 100)))
	return &Renderer{md: md, reserved: reserved}
}

// Convert writes src as HTML with goldmark set up as for Render (tables, heading ids,
// attributes, XHTML, the table wrapper) and nothing more: no link resolution, heading ids
// of every script, plain text or warnings. It is the conversion of `talksite bench`'s
// floor, the least a build of the same pages must do.
func (r *Renderer) Convert(w io.Writer, src []byte) error {
	return r.md.Convert(src, w)
}

// Render converts body, whose first line is line firstLine of its file. It returns the
// result and every error found, rendering as much as it can: each a diag.Diagnostic at its
// line of the file, naming no file (joined with errors.Join when there are several).
//
// reserved adds ids to the Renderer's own for this body only (those of the layout that
// will show it).
func (r *Renderer) Render(body []byte, firstLine int, resolve Resolver, reserved ...string) (*Result, error) {
	lines := lineStarts(body)
	lineOf := func(offset int) int {
		return sort.Search(len(lines), func(i int) bool { return lines[i] > offset }) - 1 + firstLine
	}
	ids := newIDs(append(slices.Clone(r.reserved), reserved...))
	ctx := parser.NewContext(parser.WithIDs(ids))
	doc := r.md.Parser().Parse(text.NewReader(body), parser.WithContext(ctx))
	res := &Result{}
	var errs []error
	var plain strings.Builder
	plain.Grow(len(body)) // the text is a little shorter than its Markdown
	var autolinks []*ast.AutoLink
	headingIDs := map[string]bool{} // ids of the headings walked so far

	err := ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			if n.Type() == ast.TypeBlock && n.Kind() != ast.KindDocument && !n.HasChildren() || isTextBlock(n) {
				plain.WriteByte('\n')
			}
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			id := ""
			if v, ok := n.AttributeString("id"); ok {
				if b, ok := v.([]byte); ok {
					id = string(b)
				}
			}
			n.RemoveAttributes()
			if id != "" {
				n.SetAttributeString("id", []byte(id))
			}
			// The first heading with a repeated id keeps it; each later one, and any with
			// an id the layout or scripts use, is the one to change.
			if ids.conflicts[id] && (headingIDs[id] || ids.reservedID(id)) {
				errs = append(errs, diag.Errorf("", lineOf(offsetOf(n)), "heading id %q is already used on this page (by another heading or by the page layout): choose another", id))
			}
			headingIDs[id] = true
			res.Headings = append(res.Headings, Heading{Level: n.Level, ID: id, Text: plainText(n, body)})
		case *ast.Link:
			n.RemoveAttributes()
			t, err := resolve(string(n.Destination), false)
			if err != nil {
				errs = append(errs, diag.Errorf("", lineOf(offsetOf(n)), "%v", err))
				n.Destination = nil // a refused address is never written out
				return ast.WalkContinue, nil
			}
			n.Destination = []byte(t.Dest)
			if t.External {
				n.SetAttributeString("rel", []byte("noopener noreferrer"))
			}
		case *ast.AutoLink:
			plain.Write(n.Label(body))
			autolinks = append(autolinks, n)
		case *ast.Image:
			n.RemoveAttributes()
			if len(bytes.TrimSpace([]byte(plainText(n, body)))) == 0 {
				res.Warnings = append(res.Warnings, diag.Warnf("", lineOf(offsetOf(n)), "image has no alternative text: write it between the brackets, ![like this](image.svg)"))
			}
			t, err := resolve(string(n.Destination), true)
			if err != nil {
				errs = append(errs, diag.Errorf("", lineOf(offsetOf(n)), "%v", err))
				n.Destination = nil
				return ast.WalkContinue, nil
			}
			n.Destination = []byte(t.Dest)
		case *ast.RawHTML, *ast.HTMLBlock:
			res.Warnings = append(res.Warnings, diag.Warnf("", lineOf(offsetOf(n)), "raw HTML is not published: write it in Markdown"))
		case *ast.Text:
			plain.Write(n.Segment.Value(body))
			if n.SoftLineBreak() || n.HardLineBreak() {
				plain.WriteByte(' ')
			}
		case *ast.String:
			plain.Write(n.Value)
		case *ast.CodeSpan:
			plain.WriteString(plainText(n, body))
			return ast.WalkSkipChildren, nil
		default:
			if n.Type() == ast.TypeBlock {
				n.RemoveAttributes()
			}
		}
		return ast.WalkContinue, nil
	})
	if err != nil {
		return nil, err
	}
	// Autolinks (<https://...>) become ordinary links so that they are resolved and get
	// the same rel as every other link to another site.
	for _, n := range autolinks {
		dest := string(n.URL(body))
		if n.AutoLinkType == ast.AutoLinkEmail && !strings.HasPrefix(strings.ToLower(dest), "mailto:") {
			dest = "mailto:" + dest
		}
		t, err := resolve(dest, false)
		if err != nil {
			errs = append(errs, diag.Errorf("", lineOf(offsetOf(n)), "%v", err))
			t = Target{Dest: ""}
		}
		link := ast.NewLink()
		link.Destination = []byte(t.Dest)
		link.AppendChild(link, ast.NewString(n.Label(body)))
		if t.External {
			link.SetAttributeString("rel", []byte("noopener noreferrer"))
		}
		n.Parent().ReplaceChild(n.Parent(), n, link)
	}
	r.linkPhones(doc, body)
	var buf bytes.Buffer
	buf.Grow(len(body) + len(body)/4) // HTML is a little longer than its Markdown
	if err := r.md.Renderer().Render(&buf, body, doc); err != nil {
		return nil, err
	}
	res.HTML = buf.Bytes()
	res.Text = strings.TrimSpace(collapseBlankLines(plain.String()))
	return res, errors.Join(errs...)
}

func isTextBlock(n ast.Node) bool {
	switch n.Kind() {
	case ast.KindParagraph, ast.KindHeading, ast.KindTextBlock, extast.KindTableCell:
		return true
	}
	return false
}

func collapseBlankLines(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for line := range strings.Lines(s) {
		if line = strings.TrimSpace(line); line != "" {
			b.WriteString(line)
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// plainText is the text of a node's inline children.
func plainText(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			b.Write(c.Segment.Value(src))
			if c.SoftLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(c.Value)
		}
		return ast.WalkContinue, nil
	})
	return strings.TrimSpace(b.String())
}

// offsetOf finds a byte offset in the source for a node: its first text, or the first line
// of the nearest block around it.
func offsetOf(n ast.Node) int {
	off := -1
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := c.(*ast.Text); ok && entering {
			off = t.Segment.Start
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	if off >= 0 {
		return off
	}
	if r, ok := n.(*ast.RawHTML); ok && r.Segments.Len() > 0 {
		return r.Segments.At(0).Start
	}
	for p := n; p != nil; p = p.Parent() {
		if p.Type() == ast.TypeBlock && p.Lines().Len() > 0 {
			return p.Lines().At(0).Start
		}
	}
	return 0
}

func lineStarts(src []byte) []int {
	starts := []int{0}
	for i, c := range src {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	return starts
}

// ids generates heading ids that keep letters and digits of every script.
type ids struct {
	reserved  map[string]bool // ids the page layout and scripts write
	used      map[string]bool
	prefixes  []string
	conflicts map[string]bool // ids written with {#id} that were already taken
	next      map[string]int  // per base id, the number to try first for its next repeat
	tries     int             // ids looked up, for the test that keeps Generate linear
}

func newIDs(reserved []string) *ids {
	s := &ids{reserved: map[string]bool{}, used: map[string]bool{}, conflicts: map[string]bool{}, next: map[string]int{}}
	for _, r := range reserved {
		if p, ok := strings.CutSuffix(r, "*"); ok {
			s.prefixes = append(s.prefixes, p)
		} else {
			s.used[r] = true
			s.reserved[r] = true
		}
	}
	return s
}

// reservedID reports whether id is one the page layout or scripts write.
func (s *ids) reservedID(id string) bool { return s.reserved[id] || s.prefixed(id) }

func (s *ids) taken(id string) bool {
	s.tries++
	return s.used[id] || s.prefixed(id)
}

// prefixed reports whether id starts with a prefix the layout or scripts make ids with.
func (s *ids) prefixed(id string) bool {
	return slices.ContainsFunc(s.prefixes, func(p string) bool { return strings.HasPrefix(id, p) })
}

// Slug turns heading text into an id: lower case, letters, marks and digits of any script
// kept, everything else collapsed into single hyphens.
func Slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.M, r):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		case r == '_' || r == '-' || unicode.IsSpace(r) || unicode.IsPunct(r) || unicode.IsSymbol(r):
			dash = true
		}
	}
	return b.String()
}

func (s *ids) Generate(value []byte, kind ast.NodeKind) []byte {
	base := Slug(string(value))
	if base == "" {
		base = "section"
	}
	id := base
	if s.prefixed(id) {
		id, base = "s-"+id, "s-"+base // keep clear of ids the layout makes with this prefix
	}
	// Numbers below next[base] were taken when a previous repeat passed them, and ids are
	// never given back, so starting there gives the ids starting at 1 would, without
	// trying them all again for every repeat (quadratic: 30,000 "## a" took a minute).
	if s.taken(id) {
		i := max(s.next[base], 1)
		for id = base + "-" + strconv.Itoa(i); s.taken(id); {
			i++
			id = base + "-" + strconv.Itoa(i)
		}
		s.next[base] = i + 1
	}
	s.used[id] = true
	return []byte(id)
}

func (s *ids) Put(value []byte) {
	if s.taken(string(value)) {
		s.conflicts[string(value)] = true
	}
	s.used[string(value)] = true
}

// tableRenderer wraps tables in a focusable scrolling region, so a wide table scrolls by
// itself instead of pushing a 320-pixel-wide page sideways (WCAG 1.4.10 Reflow).
type tableRenderer struct{}

func (t *tableRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	// No alignment: goldmark would write it as a style attribute, which the pages'
	// Content Security Policy blocks, or as align, which HTML no longer allows.
	inner := extension.NewTableHTMLRenderer(extension.WithTableCellAlignMethod(extension.TableCellAlignNone))
	var tableFn renderer.NodeRendererFunc
	inner.RegisterFuncs(registerFunc(func(k ast.NodeKind, f renderer.NodeRendererFunc) {
		if k == extast.KindTable {
			tableFn = f
			return
		}
		reg.Register(k, f)
	}))
	reg.Register(extast.KindTable, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			var cells []string
			if head := n.FirstChild(); head != nil {
				for c := head.FirstChild(); c != nil; c = c.NextSibling() {
					cells = append(cells, plainText(c, src))
				}
			}
			label := strings.Join(cells, ", ")
			_, _ = w.WriteString(`<div class="table-scroll" role="region" tabindex="0" aria-label="`)
			_, _ = w.Write(util.EscapeHTML([]byte(label)))
			_, _ = w.WriteString(`">`)
			return tableFn(w, src, n, entering)
		}
		st, err := tableFn(w, src, n, entering)
		_, _ = w.WriteString("</div>\n")
		return st, err
	})
}

type registerFunc func(ast.NodeKind, renderer.NodeRendererFunc)

func (f registerFunc) Register(k ast.NodeKind, fn renderer.NodeRendererFunc) { f(k, fn) }
