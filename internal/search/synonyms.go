package search

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/talksite/talksite/internal/diag"
	"github.com/talksite/talksite/internal/tomlfile"
)

// Synonyms are a language's search words, from data/<lang>/synonyms.toml:
//
//	# Words too common to search for: they are not indexed, and typing them finds nothing.
//	stop = ["the", "a", "my", "on"]
//
//	# Each group is words that find each other: typing one also finds pages with the others.
//	groups = [
//	  ["blackmail", "sextortion", "threat", "money"],
//	  ["nude", "naked", "image", "photo"],
//	]
//
// A stop word is one word; a group's entry is one word or a phrase of up to three. Case,
// accents and marks do not matter; anything but letters and digits separates words
// ("child's" is two words, "child" and "s"). A translation's
// groups may hold English words as well as its own: pages not yet translated are shown in
// English, and "szantaż" should find the English page on sextortion.
type Synonyms struct {
	Stop   []string   // normalised, sorted, distinct
	Groups [][]string // normalised, each sorted and distinct, in file order
}

type rawSynonyms struct {
	Stop   []string   `toml:"stop"`
	Groups [][]string `toml:"groups"`
}

// ParseSynonyms reads a synonyms file, reporting every malformed entry to list at
// path:line and leaving it out. It never fails: a broken file gives fewer synonyms.
func ParseSynonyms(path string, src []byte, list *diag.List) Synonyms {
	var raw rawSynonyms
	md, err := tomlfile.Decode(path, src, &raw)
	if err != nil {
		d := diag.At(path, 0, err)
		if strings.HasPrefix(d.Message, "incompatible types") {
			d.Message = "stop is a list of words, and groups a list of lists of words: " + d.Message
		}
		list.Add(d)
		return Synonyms{}
	}
	for _, k := range md.Undecoded() {
		list.Warnf(path, md.Line(k...), "unknown key %q: a synonyms file has stop and groups", k.String())
	}
	lines := strings.Split(string(src), "\n")
	// find returns the line of the first quoted s at or after line from, or from.
	find := func(s string, from int) int {
		for i := max(from-1, 0); i < len(lines); i++ {
			if strings.Contains(lines[i], `"`+s+`"`) || strings.Contains(lines[i], `'`+s+`'`) {
				return i + 1
			}
		}
		return from
	}
	// word normalises one entry, or reports why it cannot be one. A group's entry may be
	// a phrase of up to three words ("take down"): it is kept joined ("takedown"), and
	// the script joins the same words when they are typed one after the other.
	word := func(s string, line int, what string, phrases bool) (string, bool) {
		t := Tokens(s)
		switch {
		case len(t) == 0:
			list.Errorf(path, line, "%s %q has no letters", what, s)
		case len(t) > 1 && !phrases:
			list.Errorf(path, line, "%s %q is more than one word: a stop word is one word", what, s)
		case len(t) > 3:
			list.Errorf(path, line, "%s %q is more than three words: search matches words, and phrases of up to three", what, s)
		case len(t) == 1 && utf8.RuneCountInString(t[0]) < 2:
			list.Errorf(path, line, "%s %q is one letter: search ignores words shorter than two letters", what, s)
		default:
			return strings.Join(t, ""), true
		}
		return "", false
	}

	var out Synonyms
	stop := map[string]bool{}
	stopLine := md.Line("stop")
	for _, s := range raw.Stop {
		if w, ok := word(s, find(s, stopLine), "stop word", false); ok && !stop[w] {
			stop[w] = true
			out.Stop = append(out.Stop, w)
		}
	}
	slices.Sort(out.Stop)

	cursor := md.Line("groups")
	for _, g := range raw.Groups {
		line := cursor
		if len(g) > 0 {
			line = find(g[0], cursor)
		}
		cursor = line
		var group []string
		for _, s := range g {
			at := find(s, line)
			w, ok := word(s, at, "word", true)
			switch {
			case !ok:
			case stop[w]:
				list.Warnf(path, at, "word %q is also a stop word, so it is never searched: remove it from stop or from this group", s)
			case slices.Contains(group, w):
				list.Warnf(path, at, "word %q is twice in this group", s)
			default:
				group = append(group, w)
			}
		}
		if len(group) < 2 {
			list.Errorf(path, line, "a group needs two words or more, that find each other")
			continue
		}
		slices.Sort(group)
		out.Groups = append(out.Groups, group)
	}
	return out
}

// Merge returns the stop words and groups of s and of others (a language's fallback
// languages), without repeats.
func (s Synonyms) Merge(others ...Synonyms) Synonyms {
	out := Synonyms{Stop: slices.Clone(s.Stop), Groups: slices.Clone(s.Groups)}
	for _, o := range others {
		out.Stop = append(out.Stop, o.Stop...)
		for _, g := range o.Groups {
			if !slices.ContainsFunc(out.Groups, func(h []string) bool { return slices.Equal(g, h) }) {
				out.Groups = append(out.Groups, g)
			}
		}
	}
	slices.Sort(out.Stop)
	out.Stop = slices.Compact(out.Stop)
	return out
}
