package search

import (
	"bytes"
	"slices"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// PageWords returns the words a finished page shows in its <main> element (the whole
// page when it has none), each with the best place it has: in the h1 (the title), in
// another heading, or in the text, once or often. Reading the finished page rather than
// its Markdown indexes what layouts add too: the helplines of the help page, the
// contacts of a "what happened" page, the starters of the starters page. Scripts, styles,
// templates, navigation and notices ("this page is shown in English") are left out: they
// are not what the page is about.
func PageWords(page []byte) PlacedWords { return NewReader().PageWords(page) }

// PageWords is the package's PageWords, remembering what it normalised.
func (r *Reader) PageWords(page []byte) PlacedWords {
	if i := bytes.Index(page, []byte("<main")); i >= 0 {
		page = page[i:]
		if j := bytes.Index(page, []byte("</main>")); j >= 0 {
			page = page[:j]
		}
	}
	// Each word once, in the order first seen, with its count times 4 plus its best
	// place (see Reader.number).
	if r.ids == nil || len(r.words) >= maxNormal {
		// Bounded as the normalised runs are: a stream of new words does not grow it.
		r.ids, r.words, r.last = map[string]int32{}, r.words[:0], r.last[:0]
	}
	r.page++
	var ids []int32
	var counts []uint32
	z := html.NewTokenizer(bytes.NewReader(page))
	skip := 0    // depth inside elements whose text is left out
	heading := 0 // depth inside headings: 1 for h1, 2 for h2 to h6
	type open struct {
		a    atom.Atom
		skip bool
	}
	var stack []open
	for {
		switch z.Next() {
		case html.ErrorToken:
			words := make([]string, len(ids))
			for i, id := range ids {
				words[i] = r.words[id]
			}
			return placed(words, func(i int, _ string) Place {
				v := counts[i]
				p := Place(v % places)
				if v/places >= 3 {
					p = max(p, Often)
				}
				return p
			})
		case html.StartTagToken:
			name, hasAttr := z.TagName()
			a := atom.Lookup(name)
			left := false
			switch a {
			case atom.Script, atom.Style, atom.Template, atom.Nav, atom.Svg, atom.Noscript:
				left = true
			case atom.Div, atom.Small:
				left = hasAttr && isNotice(z)
			case atom.H1:
				heading = 1
			case atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
				heading = 2
			case atom.Br, atom.Img, atom.Input, atom.Hr, atom.Wbr, atom.Meta, atom.Link, atom.Source:
				continue // void: never closed
			}
			if left {
				skip++
			}
			stack = append(stack, open{a, left})
		case html.EndTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			// Close up to the matching start tag; a stray end tag closes nothing.
			for i := len(stack) - 1; i >= 0; i-- {
				if stack[i].a != a {
					continue
				}
				for _, o := range stack[i:] {
					if o.skip {
						skip--
					}
					switch o.a {
					case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
						heading = 0
					}
				}
				stack = stack[:i]
				break
			}
		case html.TextToken:
			if skip > 0 {
				continue
			}
			place := InText
			switch heading {
			case 1:
				place = InTitle
			case 2:
				place = InHeading
			}
			r.ws.each(z.Text(), func(w []byte) {
				id := r.number(w)
				last := &r.last[id]
				if last.page != r.page {
					*last = lastSeen{r.page, int32(len(ids))}
					ids = append(ids, id)
					counts = append(counts, 0)
				}
				i := last.slot
				v := counts[i] + places
				if Place(v%places) < place {
					v = v - v%places + uint32(place)
				}
				counts[i] = v
			})
		}
	}
}

// isNotice reports whether the element just read has the class "notice" (see
// layouts/partials/notices.html) or "entry-note" (layouts/partials/entry-note.html).
func isNotice(z *html.Tokenizer) bool {
	for {
		key, val, more := z.TagAttr()
		if string(key) == "class" {
			classes := strings.Fields(string(val))
			if slices.Contains(classes, "notice") || slices.Contains(classes, "entry-note") {
				return true
			}
		}
		if !more {
			return false
		}
	}
}
