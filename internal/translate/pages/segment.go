package pages

import (
	"regexp"
	"strings"
)

// piece is a part of a page's body: structure kept as it is (lit), or a unit of text to
// translate.
type piece struct {
	lit    string
	unit   bool
	kind   string // "heading", "item", "row", "paragraph"
	indent string // for a unit of several lines: what starts each line after the first
}

var (
	headingRE  = regexp.MustCompile(`^(#{1,6}[ \t]+)(.*?)([ \t]*\{#[^}]*\})?[ \t]*$`)
	itemRE     = regexp.MustCompile(`^([ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+)(.*)$`)
	fenceRE    = regexp.MustCompile("^[ \t]*(```|~~~)")
	rowRE      = regexp.MustCompile(`^[ \t]*\|`)
	ruleRowRE  = regexp.MustCompile(`^[ \t]*\|?[ \t:|-]+\|?[ \t]*$`)
	breakRE    = regexp.MustCompile(`^[ \t]*([-*_][ \t]*){3,}$`)
	htmlLineRE = regexp.MustCompile(`^[ \t]*<`)
)

// segment splits a Markdown body into structure and units. Joining every piece, with each
// unit's text as it is, gives the body back byte for byte (see TestSegmentRoundTrip).
func segment(body string) []piece {
	var out []piece
	lit := func(s string) {
		if n := len(out); n > 0 && !out[n-1].unit {
			out[n-1].lit += s
			return
		}
		out = append(out, piece{lit: s})
	}
	unit := func(kind, text, indent string) {
		out = append(out, piece{lit: text, unit: true, kind: kind, indent: indent})
	}
	lines := strings.SplitAfter(body, "\n")
	if n := len(lines); n > 0 && lines[n-1] == "" {
		lines = lines[:n-1]
	}
	plain := func(l string) (string, string) { // the line without its newline, and the newline
		if strings.HasSuffix(l, "\n") {
			return l[:len(l)-1], "\n"
		}
		return l, ""
	}
	blank := func(l string) bool { return strings.TrimSpace(l) == "" }
	starts := func(l string) bool { // a line that starts a block of its own
		t, _ := plain(l)
		return headingRE.MatchString(t) || itemRE.MatchString(t) || fenceRE.MatchString(t) || rowRE.MatchString(t) || breakRE.MatchString(t)
	}
	for i := 0; i < len(lines); {
		text, nl := plain(lines[i])
		switch {
		case blank(text) || breakRE.MatchString(text) || htmlLineRE.MatchString(text):
			lit(lines[i])
			i++
		case fenceRE.MatchString(text):
			fence := strings.TrimSpace(text)[:3]
			lit(lines[i])
			i++
			for i < len(lines) {
				done := strings.HasPrefix(strings.TrimSpace(lines[i]), fence)
				lit(lines[i])
				i++
				if done {
					break
				}
			}
		case headingRE.MatchString(text):
			m := headingRE.FindStringSubmatch(text)
			lit(m[1])
			unit("heading", m[2], "")
			lit(text[len(m[1])+len(m[2]):] + nl)
			i++
		case rowRE.MatchString(text):
			if ruleRowRE.MatchString(text) {
				lit(lines[i])
			} else {
				unit("row", text, "")
				lit(nl)
			}
			i++
		case itemRE.MatchString(text):
			m := itemRE.FindStringSubmatch(text)
			lit(m[1])
			parts := []string{m[2]}
			indent, indentSet := "", false
			i++
			for i < len(lines) && !blank(lines[i]) && !starts(lines[i]) {
				t, _ := plain(lines[i])
				ind := t[:len(t)-len(strings.TrimLeft(t, " \t"))]
				if !indentSet {
					indent, indentSet = ind, true
				} else if ind != indent {
					break // indented differently: keep it apart rather than lose the difference
				}
				parts = append(parts, t[len(ind):])
				i++
			}
			unit("item", strings.Join(parts, "\n"), indent)
			_, nl = plain(lines[i-1])
			lit(nl)
		default:
			parts := []string{text}
			i++
			for i < len(lines) && !blank(lines[i]) && !starts(lines[i]) && !htmlLineRE.MatchString(lines[i]) {
				t, _ := plain(lines[i])
				if strings.TrimLeft(t, " \t") != t {
					break // an indented line: its own unit, to keep its indentation
				}
				parts = append(parts, t)
				i++
			}
			unit("paragraph", strings.Join(parts, "\n"), "")
			_, nl = plain(lines[i-1])
			lit(nl)
		}
	}
	return out
}

// assemble joins the pieces, each unit's text replaced by tr(text).
func assemble(pieces []piece, tr func(string) string) string {
	var b strings.Builder
	for _, p := range pieces {
		if !p.unit {
			b.WriteString(p.lit)
			continue
		}
		text := tr(p.lit)
		if p.indent != "" {
			text = strings.ReplaceAll(text, "\n", "\n"+p.indent)
		}
		b.WriteString(text)
	}
	return b.String()
}

func units(pieces []piece) []piece {
	var out []piece
	for _, p := range pieces {
		if p.unit {
			out = append(out, p)
		}
	}
	return out
}
