// Package entries exchanges the words of data entries with translation platforms (issue
// 14), for `talksite i18n export --data` and `talksite i18n import --data`.
//
// The words of each entry travel as go-i18n JSON v2 with one key per entry and field,
// "<list>.<id>.<field>" (starters.show-me-your-favourite-game.text), so that Weblate
// offers them like the interface strings. Ids, tags and facts never travel.
//
// # Export
//
// Export writes <dir>/<tag>.json for the source language and each language asked for, a
// translation with the entries it has translated (its own words, not a fallback's). It
// refuses to overwrite a file holding translations not imported yet, unless forced.
//
// # Import
//
// Import writes the words into the language's own data file, data/<tag>/<list>.toml, next
// to the ids. The words are checked first: a translation whose web or email addresses or
// link targets differ from the source's stops the import before anything is written (a
// key that names no entry is skipped, with a note). The file's other lines (its comments,
// sourceHash, draft, reviewedBy) are kept; a list the language has no file for is made
// from the source's file, its comments included. An entry whose words changed is recorded
// as translated from the current source (its sourceHash); the others keep their record.
// Whatever was edited, the file is parsed back and must hold the words asked for.
package entries

import (
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/talksite/talksite/internal/data"
	"github.com/talksite/talksite/internal/tomlfile"
	"github.com/talksite/talksite/internal/translate"
)

// dataFields are the fields of data entries that hold words.
var dataFields = []string{"text", "note", "title", "prompt", "name", "for", "hours"}

// Export writes the words of every data entry as go-i18n JSON v2: <dir>/<tag>.json
// for the source language and each language of langs (all when empty), a translation
// with the entries it has translated. It refuses to overwrite a file holding
// translations not imported yet, unless force.
func Export(w *translate.Workspace, dir string, langs []string, force bool) ([]translate.Change, error) {
	src := w.Config.DefaultLanguage
	if len(langs) == 0 {
		for _, l := range w.Site.Langs {
			langs = append(langs, l.Code)
		}
	} else if !slices.Contains(langs, src) {
		langs = append([]string{src}, langs...)
	}
	var outs []translate.Output
	var unsaved []string
	for _, lang := range langs {
		l := w.Site.Lang(lang)
		if l == nil {
			return nil, fmt.Errorf("language %q is not declared in site.toml", lang)
		}
		flat := map[string]string{} // "<list>.<id>.<field>" → words
		for _, e := range translate.DataTexts(l.Data) {
			if e.Text.Lang == lang && strings.TrimSpace(e.Text.Value) != "" {
				flat[strings.ReplaceAll(e.Key, "/", ".")] = e.Text.Value
			}
		}
		b, err := translate.EncodeJSON(flat)
		if err != nil {
			return nil, err
		}
		p := filepath.Join(dir, lang+".json")
		if lang != src && !force {
			if old, err := readJSONFlat(p); err == nil {
				var ids []string
				for _, k := range slices.Sorted(maps.Keys(old)) {
					if strings.TrimSpace(old[k]) != "" && old[k] != flat[k] {
						ids = append(ids, k)
					}
				}
				if len(ids) > 0 {
					unsaved = append(unsaved, fmt.Sprintf("%s: %s (import it first: talksite i18n import --data %s %s)", p, strings.Join(ids, ", "), lang, p))
				}
			}
		}
		outs = append(outs, translate.Output{Path: p, Body: b})
	}
	return translate.WriteOutputs(outs, unsaved, "data/")
}

// readJSONFlat reads a go-i18n JSON file of plain strings.
func readJSONFlat(file string) (map[string]string, error) {
	b, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	var raw map[string]any
	if err := json.Unmarshal(b, &raw); err != nil {
		return nil, fmt.Errorf("%s: not go-i18n JSON: %v", file, err)
	}
	out := map[string]string{}
	for k, v := range raw {
		switch v := v.(type) {
		case string:
			out[k] = v
		case map[string]any: // {"other": "..."}, as some platforms write every string
			if s, ok := v["other"].(string); ok {
				out[k] = s
			}
		}
	}
	return out, nil
}

// Import reads a go-i18n JSON v2 file of data entry translations for lang into
// data/<lang>/<list>.toml. The words are checked first: a key that names no entry, or a
// translation whose URLs, email addresses or link targets differ from the English, stops
// the import before anything is written. The translation's other lines (its comments,
// sourceHash, draft, reviewedBy) are kept; a list the language has no file for is made
// from the English file, its comments included. An entry whose words changed is recorded
// as translated from the current English (its sourceHash); the others keep their record.
func Import(w *translate.Workspace, lang, file string) ([]translate.Change, []string, error) {
	l := w.Site.Lang(lang)
	if l == nil {
		return nil, nil, fmt.Errorf("language %q is not declared in site.toml", lang)
	}
	src := w.Config.DefaultLanguage
	if lang == src {
		return nil, nil, fmt.Errorf("%s is the source language: edit data/%s/ directly", lang, lang)
	}
	got, err := readJSONFlat(file)
	if err != nil {
		return nil, nil, err
	}
	english := map[string]string{}
	for _, e := range translate.DataTexts(w.Site.Source().Data) {
		english[strings.ReplaceAll(e.Key, "/", ".")] = e.Text.Value
	}
	var notes, problems []string
	byList := map[string]map[string]string{} // list → "id.field" → words
	for _, k := range slices.Sorted(maps.Keys(got)) {
		v := got[k]
		en, ok := english[k]
		if !ok {
			notes = append(notes, fmt.Sprintf("%s: no such entry and field in data/%s/; skipped", k, src))
			continue
		}
		if strings.TrimSpace(v) == "" {
			continue
		}
		if lacks, extra := translate.DiffStrings(addressesOf(en), addressesOf(v)); len(lacks)+len(extra) > 0 {
			problems = append(problems, fmt.Sprintf("%s: %s: web or email addresses differ from the English:%s", file, k, translate.Describe(lacks, extra)))
		}
		list, rest, _ := strings.Cut(k, ".")
		if byList[list] == nil {
			byList[list] = map[string]string{}
		}
		byList[list][rest] = v
	}
	if len(problems) > 0 {
		return nil, notes, fmt.Errorf("nothing imported: %d %s to fix on the platform first:\n  %s", len(problems), translate.Plural(len(problems), "entry", "entries"), strings.Join(problems, "\n  "))
	}
	type write struct {
		path string
		b    []byte
	}
	var writes []write
	for _, list := range data.Names {
		tr := byList[list]
		if len(tr) == 0 {
			continue
		}
		path := "data/" + lang + "/" + list + ".toml"
		var out []byte
		var old []byte
		var err error
		if w.Tree.Has(path) {
			old, err = w.Tree.ReadFile(path)
		}
		if err == nil && old != nil {
			out, err = setDataWords(old, tr, false)
		}
		if err != nil || old == nil {
			// No file yet, or one it cannot edit: start from the English, with the
			// translation's own words where the platform has none.
			base, rerr := w.Tree.ReadFile("data/" + src + "/" + list + ".toml")
			if rerr != nil {
				return nil, notes, rerr
			}
			words := map[string]string{}
			if old != nil {
				if prev, perr := fileWords(old); perr == nil {
					words = prev
				}
			}
			for k, v := range tr {
				words[k] = v
			}
			if out, err = setDataWords(base, words, true); err != nil {
				return nil, notes, fmt.Errorf("%s: %v", path, err)
			}
			if old != nil {
				out = append(dataHead(old), out...)
			}
		}
		// An entry whose words changed on the platform was translated from the current
		// English, as Weblate showed it: record that, as import does for strings. An
		// entry nobody touched keeps its record, so an outdated one stays outdated.
		if hashes := changedEntries(old, tr, l.Data.Files[list]); len(hashes) > 0 {
			out = data.Stamp(out, hashes)
		}
		// Whatever was edited, the file must now hold the words asked for.
		check, err := fileWords(out)
		if err != nil {
			return nil, notes, fmt.Errorf("%s: the file written would not be valid: %v (please report this)", path, err)
		}
		for k, v := range tr {
			if check[k] != v {
				return nil, notes, fmt.Errorf("%s: %s could not be written (please report this)", path, k)
			}
		}
		if string(out) != string(old) {
			writes = append(writes, write{path, out})
			if _, own := w.SitePath(path); w.Tree.Has(path) && !own {
				notes = append(notes, fmt.Sprintf("%s: a file of the default site: the folder's copy now holds the new words", path))
			}
		}
	}
	if len(writes) == 0 {
		return []translate.Change{{Path: "data/" + lang + "/", Note: "no entry changed"}}, notes, nil
	}
	var changes []translate.Change
	for _, wr := range writes {
		if err := translate.WriteFile(filepath.Join(w.Dir, filepath.FromSlash(wr.path)), wr.b); err != nil {
			return changes, notes, err
		}
		changes = append(changes, translate.Change{Path: wr.path})
	}
	return changes, notes, nil
}

var (
	dataHeaderRE = regexp.MustCompile(`^\s*\[\[?\s*"?([^"\]]*)"?\s*\]\]?\s*(#.*)?$`)
	dataIDRE     = regexp.MustCompile(`^\s*id\s*=\s*"([^"]*)"`)
	dataFieldRE  = regexp.MustCompile(`^(\s*"?(` + strings.Join(dataFields, "|") + `)"?\s*=\s*)("(?:[^"\\]|\\.)*")\s*(#.*)?$`)
	addressRE    = regexp.MustCompile(`https?://[^\s<>"'()\[\]]+|[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}|\]\([^)\s]+\)`)
)

// addressesOf returns a text's web and email addresses and link targets, sorted.
func addressesOf(s string) []string {
	var out []string
	for _, a := range addressRE.FindAllString(s, -1) {
		out = append(out, strings.TrimRight(a, ".,;:!?"))
	}
	slices.Sort(out)
	return out
}

// setDataWords sets the words of a data file's entries: words maps "<id>.<field>" to the
// text. Each entry is a [[table]] with an id, or (the helplines) a [id] table. With
// rebuild, fields not in words are dropped (the file is being made from the English), and
// the top-level lines before the first table are dropped too.
func setDataWords(src []byte, words map[string]string, rebuild bool) ([]byte, error) {
	lines := strings.Split(string(src), "\n")
	var out []string
	cur := ""
	done := map[string]bool{}
	lastField := -1  // index in out of the current entry's last line that sets a key
	pendingFor := "" // the entry whose missing fields go after lastField
	insertMissing := func() {
		if pendingFor == "" || lastField < 0 {
			return
		}
		var add []string
		for _, f := range dataFields {
			k := pendingFor + "." + f
			if v, ok := words[k]; ok && !done[k] {
				add = append(add, f+" = "+translate.TOMLString(v))
				done[k] = true
			}
		}
		out = append(out[:lastField+1], append(add, out[lastField+1:]...)...)
	}
	seenTable := false
	for _, line := range lines {
		if strings.Contains(line, `"""`) || strings.Contains(line, `'''`) {
			return nil, fmt.Errorf("a multi-line string: cannot edit it line by line")
		}
		if m := dataHeaderRE.FindStringSubmatch(line); m != nil && strings.HasPrefix(strings.TrimSpace(line), "[") {
			insertMissing()
			seenTable = true
			cur, pendingFor, lastField = "", "", -1
			if !strings.HasPrefix(strings.TrimSpace(line), "[[") {
				cur = m[1] // a helpline's table: its name is its id
				pendingFor = cur
				lastField = len(out)
			}
			out = append(out, line)
			continue
		}
		if !seenTable {
			if !rebuild {
				out = append(out, line)
			} else if strings.HasPrefix(strings.TrimSpace(line), "#") || strings.TrimSpace(line) == "" {
				out = append(out, line)
			}
			continue
		}
		if m := dataIDRE.FindStringSubmatch(line); m != nil {
			cur, pendingFor = m[1], m[1]
			out = append(out, line)
			lastField = len(out) - 1
			continue
		}
		if m := dataFieldRE.FindStringSubmatch(line); m != nil {
			if cur == "" {
				return nil, fmt.Errorf("a %s before the entry's id: cannot tell whose it is", m[2])
			}
			k := cur + "." + m[2]
			v, ok := words[k]
			switch {
			case ok && tomlValue(m[3]) == v:
				out = append(out, line) // unchanged: keep it as written (its escapes too)
				done[k] = true
			case ok:
				out = append(out, m[1]+translate.TOMLString(v))
				done[k] = true
			case rebuild:
				continue // English words: leave them out, the reader gets the English marked as such
			default:
				out = append(out, line)
			}
			lastField = len(out) - 1
			continue
		}
		if strings.Contains(line, "=") && !strings.HasPrefix(strings.TrimSpace(line), "#") {
			out = append(out, line)
			lastField = len(out) - 1
			continue
		}
		out = append(out, line)
	}
	insertMissing()
	for k := range words {
		if !done[k] && !rebuild { // when rebuilding, words for entries the English lost go
			id, _, _ := strings.Cut(k, ".")
			return nil, fmt.Errorf("entry %q is not in the file", id)
		}
	}
	return []byte(strings.Join(out, "\n")), nil
}

// changedEntries returns, for each entry whose words in tr differ from the file's (old, nil
// when there is none), the hash of its current source words.
func changedEntries(old []byte, tr map[string]string, st data.FileState) map[string]string {
	prev := map[string]string{}
	if old != nil {
		prev, _ = fileWords(old)
	}
	hashes := map[string]string{}
	for k, v := range tr {
		if prev[k] == v {
			continue
		}
		id, _, _ := strings.Cut(k, ".")
		for _, e := range st.Entries {
			if e.ID == id {
				hashes[id] = e.SourceHash
			}
		}
	}
	return hashes
}

// tomlValue reads a quoted TOML string as written in a file, or returns "\x00" when it
// cannot.
func tomlValue(quoted string) string {
	var v struct{ V string }
	if _, err := tomlfile.Decode("", []byte("V = "+quoted), &v); err != nil {
		return "\x00"
	}
	return v.V
}

// dataHead returns the top-level lines of a data file, before its first table: its
// sourceHash, draft and reviewedBy, and the translator's opening comments.
func dataHead(src []byte) []byte {
	if i := regexp.MustCompile(`(?m)^\s*\[`).FindIndex(src); i != nil {
		return src[:i[0]]
	}
	return src
}

// fileWords reads the words of a data file: "<id>.<field>" → text.
func fileWords(src []byte) (map[string]string, error) {
	var raw map[string]any
	if _, err := tomlfile.Decode("", src, &raw); err != nil {
		return nil, err
	}
	out := map[string]string{}
	var walk func(v any, name string)
	walk = func(v any, name string) {
		switch v := v.(type) {
		case map[string]any:
			id, _ := v["id"].(string)
			if id == "" {
				id = name
			}
			for k, x := range v {
				if s, ok := x.(string); ok && slices.Contains(dataFields, k) && id != "" {
					out[id+"."+k] = s
				} else {
					walk(x, k)
				}
			}
		case []map[string]any:
			for _, x := range v {
				walk(x, "")
			}
		case []any:
			for _, x := range v {
				walk(x, "")
			}
		}
	}
	for k, v := range raw {
		walk(v, k)
	}
	return out, nil
}
