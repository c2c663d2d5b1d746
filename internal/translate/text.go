package translate

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/talksite/talksite/internal/data"
)

// TOMLString quotes s as a TOML basic string.
func TOMLString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"':
			b.WriteString(`\"`)
		case r == '\\':
			b.WriteString(`\\`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r == 0x7f || isBidiControl(r):
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// isBidiControl reports whether r is an invisible direction mark, embedding or isolate:
// written as \u escapes, as the Arabic and Urdu translators write them around phone
// numbers, so that they can be seen and checked in the file.
func isBidiControl(r rune) bool {
	return r == 0x200E || r == 0x200F || r == 0x061C || (r >= 0x202A && r <= 0x202E) || (r >= 0x2066 && r <= 0x2069)
}

// EncodeJSON writes v as indented JSON, leaving <, > and & as they are.
func EncodeJSON(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	err := enc.Encode(v)
	return buf.Bytes(), err
}

// Plural is one or other, as n asks.
func Plural(n int, one, other string) string {
	if n == 1 {
		return one
	}
	return other
}

// OneLine puts a text on one line, for a comment or a message.
func OneLine(s string) string { return strings.ReplaceAll(s, "\n", " ") }

// DataText is one translatable text of a data set.
type DataText struct {
	List string // the data list: "starters", "checklist", ...
	Key  string // "<list>/<entry id>/<field>"
	Text data.Text
}

// DataTexts lists every translatable text of a set, keyed by list, entry id and field.
func DataTexts(set *data.Set) []DataText {
	if set == nil {
		return nil
	}
	var out []DataText
	add := func(list, id, field string, t data.Text) {
		out = append(out, DataText{list, list + "/" + id + "/" + field, t})
	}
	for _, s := range set.Starters {
		add("starters", s.ID, "text", s.Text)
	}
	for _, r := range set.Replies {
		add("starters", r.ID, "text", r.Text)
		add("starters", r.ID, "note", r.Note)
	}
	for _, a := range set.Checklist {
		add("checklist", a.ID, "text", a.Text)
	}
	for _, sec := range set.Agreement {
		add("agreement", sec.ID, "title", sec.Title)
		add("agreement", sec.ID, "prompt", sec.Prompt)
		for _, p := range sec.Promises {
			add("agreement", p.ID, "text", p.Text)
		}
	}
	for _, h := range set.Helplines {
		add("helplines", h.ID, "for", h.For)
		add("helplines", h.ID, "hours", h.Hours)
	}
	return out
}

var linkTargetInTextRE = regexp.MustCompile(`\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)|<(https?://[^>\s]+)>`)

// LinkTargets returns the link targets of a unit of Markdown, sorted.
func LinkTargets(s string) []string {
	var out []string
	for _, l := range linksIn(s) {
		out = append(out, l.target)
	}
	slices.Sort(out)
	return out
}

// LinkTargetLine returns the line of s (from 1) of the first link to target, or 0.
func LinkTargetLine(s, target string) int {
	for _, l := range linksIn(s) {
		if l.target == target {
			return 1 + strings.Count(s[:l.at], "\n")
		}
	}
	return 0
}

// A link of a unit of Markdown: its target, and the offset in the text where it starts.
type link struct {
	target string
	at     int
}

// linksIn returns the links of a unit of Markdown, in order.
func linksIn(s string) []link {
	var out []link
	for _, m := range linkTargetInTextRE.FindAllStringSubmatchIndex(s, -1) {
		var target string
		for _, g := range [][2]int{{m[2], m[3]}, {m[4], m[5]}} {
			if g[0] >= 0 {
				target += s[g[0]:g[1]]
			}
		}
		out = append(out, link{target, m[0]})
	}
	return out
}

// DiffStrings compares two sorted lists as multisets: what want has that got lacks, and
// the reverse.
func DiffStrings(want, got []string) (lacks, extra []string) {
	g := slices.Clone(got)
	for _, x := range want {
		if i := slices.Index(g, x); i >= 0 {
			g = slices.Delete(g, i, i+1)
		} else {
			lacks = append(lacks, x)
		}
	}
	return lacks, g
}

// Describe says what a translation lacks and has more than its source, as DiffStrings
// found them.
func Describe(lacks, extra []string) string {
	var parts []string
	if len(lacks) > 0 {
		parts = append(parts, " lacks "+strings.Join(lacks, ", "))
	}
	if len(extra) > 0 {
		parts = append(parts, " has "+strings.Join(extra, ", "))
	}
	return strings.Join(parts, ";")
}
