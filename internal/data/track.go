package data

import (
	"crypto/sha256"
	"encoding/hex"
	"maps"
	"regexp"
	"slices"
	"strings"
)

// translated is one data file in every language, each merged from its layers.
type translated struct {
	name   string // "starters"
	src    *layered
	byLang map[string]*layered
	ids    map[string]map[string]*entry // language → id → entry, nested ones included
}

// perLang loads data/<lang>/<name>.toml for every language, and warns of ids a
// translation has that the source language's file does not.
func (ld *loader) perLang(read Reader, name, source string, langs []string, shapes ...*shape) *translated {
	t := &translated{name: name, byLang: map[string]*layered{}, ids: map[string]map[string]*entry{}}
	for _, l := range append([]string{source}, langs...) {
		if t.byLang[l] != nil {
			continue
		}
		t.byLang[l] = ld.load(read, "data/"+l+"/"+name+".toml", shapes...)
		t.ids[l] = t.byLang[l].byID()
	}
	t.src = t.byLang[source]
	for _, l := range langs {
		if l == source {
			continue
		}
		for _, id := range slices.Sorted(maps.Keys(t.ids[l])) {
			if _, ok := t.ids[source][id]; !ok && len(t.src.files) > 0 {
				e := t.ids[l][id]
				ld.warnf(e.from, e.line, "%q is not in the source language's file, so it is not shown", id)
			}
		}
	}
	return t
}

// list returns the source language's entries of a list.
func (t *translated) list(sh *shape) []*entry { return t.src.lists[sh.key] }

// resolver picks the words of each entry in one language.
type resolver struct {
	lang, source string
	chain        []string
	ids          map[string]map[string]*entry // language → id → entry
	state        *FileState
}

func (t *translated) resolver(lang, source string, chain []string) *resolver {
	own := t.byLang[lang]
	st := &FileState{Path: "data/" + lang + "/" + t.name + ".toml", Exists: own != nil && len(own.files) > 0}
	if st.Exists && lang != source {
		st.Draft = own.draft
	}
	return &resolver{lang: lang, source: source, chain: chain, ids: t.ids, state: st}
}

// words returns the entry's words, one Text per key: each from the first language of the
// chain that has it. It notes how the entry stands, by its first key.
func (r *resolver) words(kind, id string, keys ...string) []Text {
	src := r.ids[r.source][id]
	hash := hashWords(src, keys)
	out := make([]Text, len(keys))
	for i, key := range keys {
		for _, lang := range r.chain {
			e := r.ids[lang][id]
			if e == nil || strings.TrimSpace(e.str(key)) == "" {
				continue
			}
			out[i] = Text{Value: e.str(key), Lang: lang, Outdated: lang != r.source && e.str("sourceHash") != hash}
			break
		}
	}
	st := EntryState{ID: id, Kind: kind, Words: wordsOf(src, keys), SourceHash: hash}
	st.Translated = out[0].Lang == r.lang
	st.Outdated = st.Translated && out[0].Outdated
	r.state.Entries = append(r.state.Entries, st)
	return out
}

// wordsOf returns an entry's words, one key a line.
func wordsOf(e *entry, keys []string) string {
	if e == nil {
		return ""
	}
	var b strings.Builder
	for _, k := range keys {
		if v := e.str(k); v != "" {
			b.WriteString(v)
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// hashWords fingerprints the source words a translation is made from.
func hashWords(e *entry, keys []string) string {
	h := sha256.New()
	for _, k := range keys {
		if e != nil {
			h.Write([]byte(e.str(k)))
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

// Origins merges the layers of a data file (see Layers) and says where each entry comes
// from, in order, nested entries after their parent and removed ones last. ok is false
// when path is not a data file.
func Origins(path string, layers []Layer) (origins []EntryOrigin, ok bool) {
	shapes := shapesOf(path)
	if shapes == nil {
		return nil, false
	}
	ld := &loader{}
	l := ld.load(func(string) ([]Layer, error) { return layers, nil }, path, shapes...)
	var walk func(sh *shape, es []*entry)
	walk = func(sh *shape, es []*entry) {
		for _, e := range es {
			change := "default"
			switch {
			case e.from.site && e.added:
				change = "added"
			case e.from.site:
				change = "replaced"
			}
			origins = append(origins, EntryOrigin{Kind: what(sh), ID: e.id, Change: change})
			if sh.nested != nil {
				walk(sh.nested, e.nested)
			}
		}
	}
	for _, sh := range shapes {
		walk(sh, l.lists[sh.key])
	}
	return append(origins, ld.removed...), true
}

// shapesOf returns the lists of a data file, or nil.
func shapesOf(path string) []*shape {
	switch path {
	case "data/taxonomies.toml":
		return tagShapes
	case "data/helplines.toml":
		return []*shape{helplineList.shape}
	}
	dir, name, ok := strings.Cut(strings.TrimPrefix(path, "data/"), "/")
	if !ok || dir == "" || strings.Contains(name, "/") {
		return nil
	}
	switch name {
	case "starters.toml":
		return []*shape{starterList.shape, replyList.shape}
	case "checklist.toml":
		return []*shape{actionList.shape}
	case "agreement.toml":
		return []*shape{sectionList.shape}
	case "helplines.toml":
		return []*shape{wordsShape}
	}
	return nil
}
