package listfile

import (
	"crypto/sha256"
	"encoding/hex"
	"maps"
	"regexp"
	"slices"
	"strings"
)

// Translated is one data file in every language, each merged from its layers.
type Translated struct {
	name   string // "starters"
	src    *Layered
	byLang map[string]*Layered
	ids    map[string]map[string]*Entry // language → id → entry, nested ones included
}

// PerLang loads data/<lang>/<name>.toml for every language, and warns of ids a
// translation has that the source language's file does not.
func (ld *Loader) PerLang(read Reader, name, source string, langs []string, shapes ...*Shape) *Translated {
	t := &Translated{name: name, byLang: map[string]*Layered{}, ids: map[string]map[string]*Entry{}}
	for _, l := range append([]string{source}, langs...) {
		if t.byLang[l] != nil {
			continue
		}
		t.byLang[l] = ld.Load(read, "data/"+l+"/"+name+".toml", shapes...)
		t.ids[l] = t.byLang[l].byID()
	}
	t.src = t.byLang[source]
	for _, l := range langs {
		if l == source {
			continue
		}
		for _, id := range slices.Sorted(maps.Keys(t.ids[l])) {
			if _, ok := t.ids[source][id]; !ok && len(t.src.Files) > 0 {
				e := t.ids[l][id]
				ld.Warnf(e.From, e.Line, "%q is not in the source language's file, so it is not shown", id)
			}
		}
	}
	return t
}

// List returns the source language's entries of a list.
func (t *Translated) List(sh *Shape) []*Entry { return t.src.Lists[sh.Key] }

// Resolver picks the words of each entry in one language.
type Resolver struct {
	Source string     // the source language
	State  *FileState // how the language's file stands, entry by entry, as Words is asked
	lang   string
	chain  []string
	ids    map[string]map[string]*Entry // language → id → entry
}

// Resolver returns the resolver of one language, whose fallback chain ends with the
// source language.
func (t *Translated) Resolver(lang, source string, chain []string) *Resolver {
	own := t.byLang[lang]
	st := &FileState{Path: "data/" + lang + "/" + t.name + ".toml", Exists: own != nil && len(own.Files) > 0}
	if st.Exists && lang != source {
		st.Draft = own.draft
	}
	return &Resolver{Source: source, State: st, lang: lang, chain: chain, ids: t.ids}
}

// Words returns the entry's words, one Text per key: each from the first language of the
// chain that has it. It notes how the entry stands, by its first key.
func (r *Resolver) Words(kind, id string, keys ...string) []Text {
	src := r.ids[r.Source][id]
	hash := hashWords(src, keys)
	out := make([]Text, len(keys))
	for i, key := range keys {
		for _, lang := range r.chain {
			e := r.ids[lang][id]
			if e == nil || strings.TrimSpace(e.Str(key)) == "" {
				continue
			}
			out[i] = Text{Value: e.Str(key), Lang: lang, Outdated: lang != r.Source && e.Str("sourceHash") != hash}
			break
		}
	}
	st := EntryState{ID: id, Kind: kind, Words: wordsOf(src, keys), SourceHash: hash}
	st.Translated = out[0].Lang == r.lang
	st.Outdated = st.Translated && out[0].Outdated
	r.State.Entries = append(r.State.Entries, st)
	return out
}

// wordsOf returns an entry's words, one key a line.
func wordsOf(e *Entry, keys []string) string {
	if e == nil {
		return ""
	}
	var b strings.Builder
	for _, k := range keys {
		if v := e.Str(k); v != "" {
			b.WriteString(v)
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// hashWords fingerprints the source words a translation is made from.
func hashWords(e *Entry, keys []string) string {
	h := sha256.New()
	for _, k := range keys {
		if e != nil {
			h.Write([]byte(e.Str(k)))
		}
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))[:8]
}

// Stamp records in a translation's data file that the entries with the ids in hashes
// were translated from the source words with those hashes: each gets sourceHash = "…"
// after its id (replacing one it has), and a whole-file sourceHash is removed. Every
// other line stays as it is.
func Stamp(src []byte, hashes map[string]string) []byte {
	lines := strings.SplitAfter(string(src), "\n")
	var out []string
	inHead := true // before the first table: the file's own keys
	for i := 0; i < len(lines); i++ {
		line := lines[i]
		trimmed := strings.TrimSpace(line)
		if strings.HasPrefix(trimmed, "[") {
			inHead = false
		}
		if inHead && sourceHashRE.MatchString(line) {
			continue
		}
		if !inHead && sourceHashRE.MatchString(line) {
			continue // rewritten after the id below
		}
		out = append(out, line)
		m := idLineRE.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		hash, ok := hashes[m[1]+m[2]]
		if !ok {
			if old := entryHash(lines[i+1:]); old != "" {
				out = append(out, old) // keep an entry's own record
			}
			continue
		}
		if !strings.HasSuffix(line, "\n") {
			out[len(out)-1] += "\n"
		}
		out = append(out, `sourceHash = "`+hash+`"`+"\n")
	}
	return []byte(strings.Join(out, ""))
}

var sourceHashRE = regexp.MustCompile(`^\s*sourceHash\s*=`)

// entryHash returns the sourceHash line of the entry whose lines follow, or "".
func entryHash(lines []string) string {
	for _, l := range lines {
		if strings.HasPrefix(strings.TrimSpace(l), "[") || idLineRE.MatchString(l) {
			break
		}
		if sourceHashRE.MatchString(l) {
			return l
		}
	}
	return ""
}

// EntryOrigin says where an entry of a merged data file comes from.
type EntryOrigin struct {
	Kind   string // "starter", "helpline", "topic", ...
	ID     string
	Change string // "default", "added" or "replaced" by the site folder, or "removed" by it
}

// Origins merges the layers of a data file with the lists of the shapes and says where
// each entry comes from, in order, nested entries after their parent and removed ones last.
func Origins(path string, layers []Layer, shapes ...*Shape) []EntryOrigin {
	ld := &Loader{}
	l := ld.Load(func(string) ([]Layer, error) { return layers, nil }, path, shapes...)
	var origins []EntryOrigin
	var walk func(sh *Shape, es []*Entry)
	walk = func(sh *Shape, es []*Entry) {
		for _, e := range es {
			change := "default"
			switch {
			case e.From.site && e.added:
				change = "added"
			case e.From.site:
				change = "replaced"
			}
			origins = append(origins, EntryOrigin{Kind: what(sh), ID: e.ID, Change: change})
			if sh.Nested != nil {
				walk(sh.Nested, e.Nested)
			}
		}
	}
	for _, sh := range shapes {
		walk(sh, l.Lists[sh.Key])
	}
	return append(origins, ld.removed...)
}
