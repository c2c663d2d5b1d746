package markdown

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// WithPhones returns a copy of the Renderer that turns every phone number of the list
// written in a page's text into a tel: link, marked left to right: a parent on a phone can
// call it with one tap, and in Arabic or Urdu text the digits keep their order ("0800 1111"
// would otherwise show as "1111 0800"). Only whole numbers match, never part of a longer
// number ("000" in "170,000"), and never inside a link, code or heading.
func (r *Renderer) WithPhones(phones []string) *Renderer {
	c := *r
	c.phones = slices.Clone(phones)
	// Longest first, so that "1-800-843-5678" wins over any shorter number inside it.
	slices.SortFunc(c.phones, func(a, b string) int { return len(b) - len(a) })
	c.phones = slices.DeleteFunc(slices.Compact(c.phones), func(p string) bool { return strings.TrimSpace(p) == "" })
	return &c
}

// linkPhones replaces the text nodes that hold a known phone number with text, a tel: link
// and text.
func (r *Renderer) linkPhones(doc ast.Node, src []byte) {
	if len(r.phones) == 0 {
		return
	}
	var texts []*ast.Text
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Link, *ast.AutoLink, *ast.CodeSpan, *ast.Heading, *ast.Image:
			return ast.WalkSkipChildren, nil
		case *ast.Text:
			texts = append(texts, n)
		}
		return ast.WalkContinue, nil
	})
	for _, t := range texts {
		r.splitPhones(t, src)
	}
}

func (r *Renderer) splitPhones(t *ast.Text, src []byte) {
	parent := t.Parent()
	seg := t.Segment
	for {
		value := string(seg.Value(src))
		at, phone := r.findPhone(value)
		if phone == "" {
			break
		}
		before := ast.NewTextSegment(text.NewSegment(seg.Start, seg.Start+at))
		parent.InsertBefore(parent, t, before)
		link := ast.NewLink()
		link.Destination = []byte(TelURL(phone))
		link.SetAttributeString("class", []byte("phone ltr"))
		link.SetAttributeString("dir", []byte("ltr"))
		link.AppendChild(link, ast.NewTextSegment(text.NewSegment(seg.Start+at, seg.Start+at+len(phone))))
		parent.InsertBefore(parent, t, link)
		seg = text.NewSegment(seg.Start+at+len(phone), seg.Stop)
	}
	t.Segment = seg // what is left after the last number keeps the line breaks
}

// findPhone returns the first whole known number in s and where it starts.
func (r *Renderer) findPhone(s string) (int, string) {
	best, bestAt := "", -1
	for _, p := range r.phones {
		for from := 0; from <= len(s)-len(p); {
			i := strings.Index(s[from:], p)
			if i < 0 {
				break
			}
			i += from
			if wholeNumber(s, i, i+len(p)) {
				if bestAt < 0 || i < bestAt {
					best, bestAt = p, i
				}
				break
			}
			from = i + 1
		}
	}
	return bestAt, best
}

// wholeNumber reports whether s[start:end] stands alone: no letter, digit or joining
// punctuation right before it, and none right after it.
func wholeNumber(s string, start, end int) bool {
	if start > 0 {
		prev, _ := utf8.DecodeLastRuneInString(s[:start])
		if unicode.IsLetter(prev) || unicode.IsDigit(prev) || strings.ContainsRune("+-,.", prev) {
			return false
		}
	}
	if end < len(s) {
		next, size := utf8.DecodeRuneInString(s[end:])
		if unicode.IsLetter(next) || unicode.IsDigit(next) || next == '-' {
			return false
		}
		if next == ',' || next == '.' {
			if after, _ := utf8.DecodeRuneInString(s[end+size:]); unicode.IsDigit(after) {
				return false
			}
		}
	}
	return true
}

// TelURL makes a tel: address of a phone number as people write it ("0808 800 5000"): its
// digits and a leading +, as the number is dialled. Layouts use it too (render's telURL).
func TelURL(phone string) string {
	var b strings.Builder
	for i, r := range phone {
		if r >= '0' && r <= '9' || r == '+' && i == 0 {
			b.WriteRune(r)
		}
	}
	return "tel:" + b.String()
}
