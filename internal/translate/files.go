package translate

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/talksite/talksite/internal/content"
	"github.com/talksite/talksite/internal/data"
	"github.com/talksite/talksite/internal/i18n"
	"github.com/talksite/talksite/internal/locale"
)

// Change is a file written (or skipped) by a command.
type Change struct {
	Path string `json:"path"`
	Note string `json:"note,omitempty"`
}

// StampAll is the target that stamps every translation of a language (`stamp LANG --all`).
const StampAll = "--all"

// Stamp records that the named translations of lang match the current source: the
// sourceHash of each named page, data file or string is set to the source's current hash.
// A target is a file of the language (content/<lang>/help.md, data/<lang>/starters.toml,
// i18n/<lang>.toml for all its strings) or one string, strings:<id>. StampAll stamps
// everything, also what nobody touched, so it must be asked for by name (issue 14). Every
// target is checked before anything is written. Files of the embedded default site are
// skipped.
func (w *Workspace) Stamp(lang string, targets ...string) ([]Change, error) {
	l := w.Site.Lang(lang)
	if l == nil {
		return nil, fmt.Errorf("language %q is not declared in site.toml", lang)
	}
	if lang == w.Config.DefaultLanguage {
		return nil, fmt.Errorf("%s is the source language: there is nothing to stamp", lang)
	}
	if len(targets) == 0 {
		return nil, fmt.Errorf("name what to stamp: files (content/%s/help.md, data/%s/starters.toml, i18n/%s.toml), data entries (data/%s/starters.toml#<id>) or strings (strings:exit.button); --all stamps every translation of %s, also those nobody touched", lang, lang, lang, lang, lang)
	}
	sel, err := w.stampSelection(l, targets)
	if err != nil {
		return nil, err
	}
	var changes []Change
	skip := func(p string) {
		changes = append(changes, Change{p, "skipped: part of the default site, not of this folder"})
	}
	current := func(p string) {
		if !sel.all {
			changes = append(changes, Change{p, "already up to date"})
		}
	}
	for _, p := range l.Pages {
		if p.File == nil || p.Fallback || p.SourceHash == "" || !sel.has(p.File.Path) {
			continue
		}
		if !p.Outdated {
			current(p.File.Path)
			continue
		}
		disk, own := w.sitePath(p.File.Path)
		if !own {
			skip(p.File.Path)
			continue
		}
		b, err := os.ReadFile(disk)
		if err != nil {
			return changes, err
		}
		out, err := setFrontMatter(b, "sourceHash", p.SourceHash)
		if err != nil {
			return changes, fmt.Errorf("%s: %v", p.File.Path, err)
		}
		if err := os.WriteFile(disk, out, 0o644); err != nil {
			return changes, err
		}
		changes = append(changes, Change{Path: p.File.Path})
	}
	for _, name := range sortedKeys(l.Data.Files) {
		// Each named entry that is outdated records the source words it now matches
		// (data.Stamp); the file's other entries keep their record.
		st := l.Data.Files[name]
		if !st.Exists {
			continue
		}
		hashes := map[string]string{}
		var ids []string
		named := false
		for _, e := range st.Entries {
			if !e.Translated || !sel.hasEntry(st.Path, e.ID) {
				continue
			}
			named = true
			if e.Outdated {
				hashes[e.ID] = e.SourceHash
				ids = append(ids, e.ID)
			}
		}
		if !named {
			continue
		}
		if len(hashes) == 0 {
			current(st.Path)
			continue
		}
		disk, own := w.sitePath(st.Path)
		if !own {
			skip(st.Path)
			continue
		}
		b, err := os.ReadFile(disk)
		if err != nil {
			return changes, err
		}
		if err := os.WriteFile(disk, data.Stamp(b, hashes), 0o644); err != nil {
			return changes, err
		}
		note := ""
		if !sel.has(st.Path) {
			note = "stamped " + strings.Join(ids, ", ")
		}
		changes = append(changes, Change{Path: st.Path, Note: note})
	}
	if tf := w.Site.Strings.File(lang); tf != nil {
		st := w.readStatus(lang)
		var stamped []string
		for _, id := range tf.IDs() {
			orig := w.Site.Strings.Source().Messages[id]
			if orig == nil || tf.Messages[id].Empty() || !sel.hasString(id) {
				continue
			}
			if st.SourceHash[id] != orig.Hash() {
				st.SourceHash[id] = orig.Hash()
				stamped = append(stamped, id)
			} else if sel.strings[id] {
				current("strings:" + id)
			}
		}
		if len(stamped) > 0 {
			if err := w.writeStatus(lang, st); err != nil {
				return changes, err
			}
			note := ""
			if !sel.all && !sel.files["i18n/"+lang+".toml"] {
				note = "stamped " + strings.Join(stamped, ", ")
			}
			changes = append(changes, Change{Path: i18n.StatusPath(lang), Note: note})
		}
	}
	return changes, nil
}

// stampTargets is what one `i18n stamp` names.
type stampTargets struct {
	all        bool
	allStrings bool
	files      map[string]bool            // content and data files
	entries    map[string]map[string]bool // data file → ids of its entries
	strings    map[string]bool            // string ids
}

func (s *stampTargets) has(path string) bool { return s.all || s.files[path] }
func (s *stampTargets) hasEntry(path, id string) bool {
	return s.has(path) || s.entries[path][id]
}
func (s *stampTargets) hasString(id string) bool {
	return s.all || s.allStrings || s.strings[id]
}

// stampSelection checks every target: a file must be one of the language's translations,
// a string one the language has translated.
func (w *Workspace) stampSelection(l *content.Lang, targets []string) (*stampTargets, error) {
	sel := &stampTargets{files: map[string]bool{}, entries: map[string]map[string]bool{}, strings: map[string]bool{}}
	pages := map[string]bool{}
	for _, p := range l.Pages {
		if p.File != nil && !p.Fallback {
			pages[p.File.Path] = true
		}
	}
	tf := w.Site.Strings.File(l.Code)
	var bad []string
	for _, t := range targets {
		t = filepath.ToSlash(strings.TrimPrefix(t, "./"))
		switch {
		case t == StampAll:
			sel.all = true
		case strings.HasPrefix(t, "strings:"):
			id := strings.TrimPrefix(t, "strings:")
			if w.Site.Strings.Source().Messages[id] == nil {
				bad = append(bad, fmt.Sprintf("%s: no string %q in %s", t, id, w.Site.Strings.Source().Path))
			} else if tf == nil || tf.Messages[id] == nil || tf.Messages[id].Empty() {
				bad = append(bad, fmt.Sprintf("%s: not translated in i18n/%s.toml", t, l.Code))
			}
			sel.strings[id] = true
		case t == "i18n/"+l.Code+".toml":
			sel.allStrings = true
			sel.files[t] = true
		case pages[t]:
			sel.files[t] = true
		case strings.HasPrefix(t, "data/"+l.Code+"/"):
			// data/<lang>/<list>.toml, or one entry of it: data/<lang>/<list>.toml#<id>
			file, id, one := strings.Cut(t, "#")
			st, ok := l.Data.Files[strings.TrimSuffix(strings.TrimPrefix(file, "data/"+l.Code+"/"), ".toml")]
			switch {
			case !ok || !st.Exists:
				bad = append(bad, fmt.Sprintf("%s: no such data file of %s", t, l.Code))
			case !one:
				sel.files[file] = true
			case !slices.ContainsFunc(st.Entries, func(e data.EntryState) bool { return e.ID == id && e.Translated }):
				bad = append(bad, fmt.Sprintf("%s: %s has no translation of an entry %q", t, file, id))
			default:
				if sel.entries[file] == nil {
					sel.entries[file] = map[string]bool{}
				}
				sel.entries[file][id] = true
			}
		default:
			bad = append(bad, fmt.Sprintf("%s: not a translation in %s (give a file below content/%s/ or data/%s/ (one entry: data/%s/starters.toml#<id>), i18n/%s.toml, or strings:<id>)", t, l.Code, l.Code, l.Code, l.Code, l.Code))
		}
	}
	if len(bad) > 0 {
		return nil, fmt.Errorf("nothing stamped:\n  %s", strings.Join(bad, "\n  "))
	}
	return sel, nil
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// setFrontMatter sets a key in a page's front matter (YAML or TOML), keeping every other
// line as it is.
func setFrontMatter(src []byte, key, value string) ([]byte, error) {
	lines := strings.SplitAfter(string(src), "\n")
	if len(lines) == 0 {
		return nil, fmt.Errorf("no front matter")
	}
	delim := strings.TrimSpace(lines[0])
	if delim != "---" && delim != "+++" {
		return nil, fmt.Errorf("no front matter")
	}
	line := key + ": " + value + "\n"
	keyRE := regexp.MustCompile(`^` + regexp.QuoteMeta(key) + `\s*:`)
	if delim == "+++" {
		line = key + " = " + tomlString(value) + "\n"
		keyRE = regexp.MustCompile(`^` + regexp.QuoteMeta(key) + `\s*=`)
	}
	for i := 1; i < len(lines); i++ {
		switch {
		case strings.TrimSpace(lines[i]) == delim:
			lines = slices.Insert(lines, i, line)
			return []byte(strings.Join(lines, "")), nil
		case keyRE.MatchString(lines[i]):
			lines[i] = line
			return []byte(strings.Join(lines, "")), nil
		}
	}
	return nil, fmt.Errorf("front matter is never closed")
}

// tomlString quotes s as a TOML basic string.
func tomlString(s string) string {
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

func (w *Workspace) readStatus(lang string) *i18n.Status {
	st := &i18n.Status{}
	if b, err := os.ReadFile(filepath.Join(w.Dir, filepath.FromSlash(i18n.StatusPath(lang)))); err == nil {
		if parsed, err := i18n.ParseStatus(i18n.StatusPath(lang), b); err == nil {
			st = parsed
		}
	}
	if st.SourceHash == nil {
		st.SourceHash = map[string]string{}
	}
	return st
}

func (w *Workspace) writeStatus(lang string, st *i18n.Status) error {
	var b strings.Builder
	b.WriteString("# Which version of each source string the " + lang + " translation was made from.\n")
	b.WriteString("# Written by `talksite i18n stamp` and `talksite i18n import`; no need to edit it.\n")
	if st.Draft {
		b.WriteString("draft = true\n")
	}
	if st.ReviewedBy != "" {
		b.WriteString("reviewedBy = " + tomlString(st.ReviewedBy) + "\n")
	}
	b.WriteString("\n[sourceHash]\n")
	for _, id := range sortedKeys(st.SourceHash) {
		fmt.Fprintf(&b, "%s = %s\n", tomlString(id), tomlString(st.SourceHash[id]))
	}
	return writeFile(filepath.Join(w.Dir, filepath.FromSlash(i18n.StatusPath(lang))), []byte(b.String()))
}

func writeFile(path string, b []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, b, 0o644)
}

// New adds a language: its [languages.<tag>] table in the site folder's site.toml, and an
// i18n/<tag>.toml with every string to translate, the source text shown above each one.
// Nothing else is needed to build: every page falls back until it is translated.
func (w *Workspace) New(tag, name string) ([]Change, error) {
	t, err := locale.Parse(tag)
	if err != nil {
		return nil, fmt.Errorf("%q is not a BCP 47 language tag (for example fr, pt-BR, pa-Arab)", tag)
	}
	if t.String() != tag {
		return nil, fmt.Errorf("write the tag as %q", t.String())
	}
	if w.Config.Lang(tag) != nil {
		return nil, fmt.Errorf("%s is already declared in site.toml", tag)
	}
	if name == "" {
		name = locale.SelfName(t)
	}
	if name == "" {
		return nil, fmt.Errorf("no name known for %s: give one with --name", tag)
	}
	stringsPath := "i18n/" + tag + ".toml"
	if _, err := os.Stat(filepath.Join(w.Dir, stringsPath)); err == nil {
		return nil, fmt.Errorf("%s already exists", stringsPath)
	}
	var changes []Change

	// site.toml: a site that did not declare languages inherits the default's, so write
	// them all, or declaring one would drop the rest.
	cfgPath := filepath.Join(w.Dir, "site.toml")
	old, _ := os.ReadFile(cfgPath)
	var add strings.Builder
	if !regexp.MustCompile(`(?m)^\s*\[\s*languages\.`).Match(old) {
		for _, l := range w.Config.Langs {
			fmt.Fprintf(&add, "\n[languages.%s]\nname = %s\norder = %d\n", l.Code, tomlString(l.Name), l.Order)
			if fb := w.Config.Languages[l.Code].Fallback; len(fb) > 0 {
				fmt.Fprintf(&add, "fallback = [%s]\n", quoteList(fb))
			}
		}
	}
	maxOrder := 0
	for _, l := range w.Config.Langs {
		maxOrder = max(maxOrder, l.Order)
	}
	fmt.Fprintf(&add, "\n[languages.%s]\nname = %s\norder = %d\n", tag, tomlString(name), maxOrder+1)
	if base, _ := t.Base(); base.String() != tag && w.Config.Lang(base.String()) != nil {
		fmt.Fprintf(&add, "fallback = [%s]\n", quoteList([]string{base.String()}))
	}
	out := append(bytes.TrimRight(old, "\n"), '\n')
	if len(old) == 0 {
		out = nil
	}
	if err := writeFile(cfgPath, append(out, add.String()...)); err != nil {
		return nil, err
	}
	changes = append(changes, Change{Path: "site.toml"})

	src := w.Site.Strings.Source()
	var b strings.Builder
	fmt.Fprintf(&b, "# Interface strings in %s (%s), translated from %s.\n", name, tag, src.Path)
	b.WriteString("# Fill in the text between the quotes; the line above each one shows the source.\n")
	b.WriteString("# Keep every {{.Name}} placeholder as it is. An empty string shows the source text.\n\n")
	var plurals []string
	for _, id := range src.IDs() {
		m := src.Messages[id]
		if len(m.Forms) > 1 {
			plurals = append(plurals, id)
			continue
		}
		fmt.Fprintf(&b, "# %s\n%s = \"\"\n\n", oneLine(m.Text()), tomlString(id))
	}
	if len(plurals) > 0 {
		b.WriteString("# Strings with plural forms: fill in every form listed.\n\n")
	}
	for _, id := range plurals {
		m := src.Messages[id]
		if m.Description != "" {
			fmt.Fprintf(&b, "# %s\n", oneLine(m.Description))
		}
		for _, f := range i18n.Forms {
			if v, ok := m.Forms[f]; ok {
				fmt.Fprintf(&b, "#   %s: %s\n", f, oneLine(v))
			}
		}
		fmt.Fprintf(&b, "[%s]\n", tomlString(id))
		for _, f := range i18n.NeededForms(tag) {
			fmt.Fprintf(&b, "%s = \"\"\n", f)
		}
		b.WriteString("\n")
	}
	if err := writeFile(filepath.Join(w.Dir, stringsPath), []byte(b.String())); err != nil {
		return changes, err
	}
	changes = append(changes, Change{Path: stringsPath})

	// Record the source each string will be translated from: the text shown above it.
	st := &i18n.Status{SourceHash: map[string]string{}}
	for _, id := range src.IDs() {
		st.SourceHash[id] = src.Messages[id].Hash()
	}
	if err := w.writeStatus(tag, st); err != nil {
		return changes, err
	}
	changes = append(changes, Change{Path: i18n.StatusPath(tag)})
	return changes, nil
}

func oneLine(s string) string { return strings.ReplaceAll(s, "\n", " ") }

func quoteList(list []string) string {
	q := make([]string, len(list))
	for i, s := range list {
		q[i] = tomlString(s)
	}
	return strings.Join(q, ", ")
}

// Export writes the interface strings of the source language and of each language in
// langs (all when empty) as go-i18n JSON v2 files, <dir>/<tag>.json.
//
// A translation's file already in dir may hold work done on the platform and not yet
// imported: when it has a string that differs from i18n/<tag>.toml, Export writes nothing
// and names the strings, unless force is set (issue 14).
func (w *Workspace) Export(dir string, langs []string, force bool) ([]Change, error) {
	if len(langs) == 0 {
		for _, l := range w.Site.Langs {
			langs = append(langs, l.Code)
		}
	} else if !slices.Contains(langs, w.Config.DefaultLanguage) {
		langs = append([]string{w.Config.DefaultLanguage}, langs...)
	}
	var outs []output
	var unsaved []string
	for _, lang := range langs {
		if w.Config.Lang(lang) == nil {
			return nil, fmt.Errorf("language %q is not declared in site.toml", lang)
		}
		f := w.Site.Strings.File(lang)
		obj := map[string]any{}
		if f != nil {
			for _, id := range f.IDs() {
				m := f.Messages[id]
				if m.Empty() {
					continue
				}
				obj[id] = jsonMessage(m, lang == w.Config.DefaultLanguage)
			}
		}
		b, err := encodeJSON(obj)
		if err != nil {
			return nil, err
		}
		p := filepath.Join(dir, lang+".json")
		if lang != w.Config.DefaultLanguage && !force {
			if ids := w.notImported(lang, p); len(ids) > 0 {
				unsaved = append(unsaved, fmt.Sprintf("%s: %s (import it first: talksite i18n import %s %s)", p, strings.Join(ids, ", "), lang, p))
			}
		}
		outs = append(outs, output{p, b})
	}
	return writeOutputs(outs, unsaved, "i18n/")
}

func encodeJSON(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	err := enc.Encode(v)
	return buf.Bytes(), err
}

// notImported lists the strings of an exchanged file that differ from lang's strings: the
// edits an import would bring in. A file that is not there or not JSON has none.
func (w *Workspace) notImported(lang, file string) []string {
	if _, err := os.Stat(file); err != nil {
		return nil
	}
	got, _, err := w.readJSONStrings(file)
	if err != nil {
		return nil
	}
	var cur map[string]*i18n.Message
	if f := w.Site.Strings.File(lang); f != nil {
		cur = f.Messages
	}
	var ids []string
	for _, id := range sortedKeys(got) {
		if (&i18n.Message{Forms: got[id]}).Empty() {
			continue
		}
		if m := cur[id]; m == nil || !sameForms(m.Forms, got[id]) {
			ids = append(ids, id)
		}
	}
	return ids
}

// jsonMessage is a message in go-i18n JSON v2: a plain string, or an object with its plural
// forms and (for the source) its description.
func jsonMessage(m *i18n.Message, source bool) any {
	if len(m.Forms) == 1 && (m.Description == "" || !source) {
		return m.Forms["other"]
	}
	o := map[string]string{}
	for k, v := range m.Forms {
		o[k] = v
	}
	if source && m.Description != "" {
		o["description"] = m.Description
	}
	return o
}

// Import reads a go-i18n JSON v2 file of translations for lang (for example downloaded from
// Weblate) into i18n/<lang>.toml. A string whose text changed is recorded as translated from
// the current source; an unchanged string keeps its record, so an outdated translation that
// nobody touched stays outdated. Strings the file does not have are kept.
//
// Every imported string must pass `i18n check` (placeholders, plural forms, no HTML): if
// one does not, Import writes nothing and its error names each key (issue 14), because a
// bad string would fail the next build of every language. The strings file is edited in
// place, so its comments (the English that `i18n new` wrote above each string) stay.
func (w *Workspace) Import(lang, file string) ([]Change, []string, error) {
	if w.Config.Lang(lang) == nil {
		return nil, nil, fmt.Errorf("language %q is not declared in site.toml", lang)
	}
	if lang == w.Config.DefaultLanguage {
		return nil, nil, fmt.Errorf("%s is the source language: edit i18n/%s.toml directly", lang, lang)
	}
	imported, notes, err := w.readJSONStrings(file)
	if err != nil {
		return nil, nil, err
	}
	src := w.Site.Strings.Source()
	var current map[string]*i18n.Message
	if f := w.Site.Strings.File(lang); f != nil {
		current = f.Messages
	}
	st := w.readStatus(lang)
	changed := map[string]map[string]string{}
	var problems []string
	for _, id := range sortedKeys(imported) {
		forms := imported[id]
		orig := src.Messages[id]
		if orig == nil {
			notes = append(notes, fmt.Sprintf("%s: not in the source strings; skipped", id))
			continue
		}
		if old := current[id]; old != nil && sameForms(old.Forms, forms) {
			continue
		}
		m := &i18n.Message{ID: id, Forms: forms}
		if m.Empty() {
			continue // an untranslated string on the platform: keep what the file has
		}
		for _, msg := range i18n.Check(lang, orig, m) {
			problems = append(problems, fmt.Sprintf("%s: %s: %s", file, id, msg))
		}
		changed[id] = forms
		st.SourceHash[id] = orig.Hash()
	}
	if len(problems) > 0 {
		return nil, notes, fmt.Errorf("nothing imported: %d %s to fix on the platform first:\n  %s",
			len(problems), plural(len(problems), "string", "strings"), strings.Join(problems, "\n  "))
	}
	if len(changed) == 0 {
		return []Change{{Path: "i18n/" + lang + ".toml", Note: "no string changed"}}, notes, nil
	}
	path := "i18n/" + lang + ".toml"
	disk := filepath.Join(w.Dir, filepath.FromSlash(path))
	old, err := os.ReadFile(disk)
	if err != nil && !os.IsNotExist(err) {
		return nil, notes, err
	}
	out, err := updateStrings(lang, path, old, changed, src)
	if err != nil {
		return nil, notes, err
	}
	if err := writeFile(disk, out); err != nil {
		return nil, notes, err
	}
	if err := w.writeStatus(lang, st); err != nil {
		return nil, notes, err
	}
	return []Change{{Path: path}, {Path: i18n.StatusPath(lang)}}, notes, nil
}

func plural(n int, one, other string) string {
	if n == 1 {
		return one
	}
	return other
}

// readJSONStrings reads a go-i18n JSON v2 file: id → plural forms.
func (w *Workspace) readJSONStrings(file string) (map[string]map[string]string, []string, error) {
	b, err := os.ReadFile(file)
	if err != nil {
		return nil, nil, err
	}
	var raw map[string]any
	if err := json.Unmarshal(b, &raw); err != nil {
		return nil, nil, fmt.Errorf("%s: not go-i18n JSON: %v", file, err)
	}
	out := map[string]map[string]string{}
	var notes []string
	for _, id := range sortedKeys(raw) {
		forms := map[string]string{}
		switch v := raw[id].(type) {
		case string:
			forms["other"] = v
		case map[string]any:
			for k, x := range v {
				s, ok := x.(string)
				if !ok || !slices.Contains(i18n.Forms, k) {
					continue // description, hash and other metadata
				}
				forms[k] = s
			}
		default:
			notes = append(notes, fmt.Sprintf("%s: not a string or a table of plural forms; skipped", id))
			continue
		}
		out[id] = forms
	}
	return out, notes, nil
}

// updateStrings writes the changed strings into a strings file, editing only their lines
// so that every comment stays. A string the file lacks is added, with its English above it
// as `i18n new` writes it. When a string cannot be edited in place (a multi-line value, a
// dotted table), the file is written afresh in the `i18n new` layout instead; either way
// the result is parsed back and compared, so nothing is lost silently.
func updateStrings(lang, path string, old []byte, changed map[string]map[string]string, src *i18n.File) ([]byte, error) {
	want := map[string]map[string]string{}
	if len(old) > 0 {
		f, err := i18n.Parse(lang, path, old)
		if err != nil {
			return nil, err
		}
		for id, m := range f.Messages {
			want[id] = m.Forms
		}
	}
	for id, forms := range changed {
		want[id] = forms
	}
	if out, ok := editStrings(old, changed, src); ok && sameStrings(lang, path, out, want) {
		return out, nil
	}
	out := freshStrings(lang, want, src)
	if !sameStrings(lang, path, out, want) {
		return nil, fmt.Errorf("%s: could not write the imported strings back (please report this)", path)
	}
	return out, nil
}

func sameStrings(lang, path string, b []byte, want map[string]map[string]string) bool {
	f, err := i18n.Parse(lang, path, b)
	if err != nil {
		return false
	}
	for id, forms := range want {
		m := f.Messages[id]
		if m == nil && (&i18n.Message{Forms: forms}).Empty() {
			continue
		}
		if m == nil || !sameForms(m.Forms, forms) {
			return false
		}
	}
	return true
}

var (
	plainLineRE = regexp.MustCompile(`^(\s*(?:"(?:[^"\\]|\\.)*"|[A-Za-z0-9_.-]+)\s*=\s*)("(?:[^"\\]|\\.)*"|'[^']*')\s*(#.*)?$`)
	tableLineRE = regexp.MustCompile(`^\s*\[\s*("(?:[^"\\]|\\.)*"|[A-Za-z0-9_.-]+)\s*\]\s*(#.*)?$`)
	anyTableRE  = regexp.MustCompile(`^\s*\[`)
)

// tomlKey reads a key as written: a quoted key unquoted, a bare one as it is.
func tomlKey(k string) string {
	if strings.HasPrefix(k, `"`) {
		var s string
		if _, err := fmt.Sscanf(k, "%q", &s); err == nil {
			return s
		}
	}
	return k
}

// editStrings changes the lines of the changed strings; ok is false when one of them is
// written in a way it does not edit.
func editStrings(old []byte, changed map[string]map[string]string, src *i18n.File) ([]byte, bool) {
	lines := strings.Split(string(old), "\n")
	done := map[string]bool{}
	firstTable := len(lines)
	for i := 0; i < len(lines); i++ {
		if anyTableRE.MatchString(lines[i]) {
			firstTable = min(firstTable, i)
			m := tableLineRE.FindStringSubmatch(lines[i])
			if m == nil {
				continue
			}
			id := tomlKey(m[1])
			forms, ok := changed[id]
			if !ok {
				continue
			}
			// A plural table: replace its form lines, add the forms it lacks.
			end := i + 1
			for end < len(lines) && !anyTableRE.MatchString(lines[end]) {
				end++
			}
			have := map[string]bool{}
			last := i
			for j := i + 1; j < end; j++ {
				pm := plainLineRE.FindStringSubmatch(lines[j])
				if pm == nil {
					continue
				}
				k := tomlKey(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(pm[1]), "=")))
				if !slices.Contains(i18n.Forms, k) {
					continue
				}
				have[k] = true
				last = j
				if v, ok := forms[k]; ok {
					lines[j] = pm[1] + tomlString(v)
				}
			}
			var add []string
			for _, f := range i18n.Forms {
				if v, ok := forms[f]; ok && !have[f] {
					add = append(add, f+" = "+tomlString(v))
				}
			}
			lines = slices.Insert(lines, last+1, add...)
			done[id] = true
			continue
		}
		m := plainLineRE.FindStringSubmatch(lines[i])
		if m == nil || firstTable < i {
			continue
		}
		id := tomlKey(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(m[1]), "=")))
		forms, ok := changed[id]
		if !ok {
			continue
		}
		if _, plainOnly := forms["other"]; !plainOnly || len(forms) > 1 {
			return nil, false // a plain string that became plural: write afresh
		}
		lines[i] = m[1] + tomlString(forms["other"])
		if m[3] != "" {
			lines[i] += " " + m[3]
		}
		done[id] = true
	}
	// Strings the file does not have yet: plain ones before the first table (or they
	// would land inside it), plural tables at the end.
	var plain, tables []string
	for _, id := range sortedKeys(changed) {
		if done[id] {
			continue
		}
		forms := changed[id]
		comment := ""
		if m := src.Messages[id]; m != nil {
			comment = "# " + oneLine(m.Text())
		}
		if len(forms) == 1 {
			plain = append(plain, comment, tomlString(id)+" = "+tomlString(forms["other"]), "")
			continue
		}
		tables = append(tables, "", comment, "["+tomlString(id)+"]")
		for _, f := range i18n.Forms {
			if v, ok := forms[f]; ok {
				tables = append(tables, f+" = "+tomlString(v))
			}
		}
	}
	firstTable = len(lines)
	for i, l := range lines {
		if anyTableRE.MatchString(l) {
			firstTable = i
			break
		}
	}
	lines = slices.Insert(lines, firstTable, plain...)
	out := strings.Join(lines, "\n")
	if len(tables) > 0 {
		out = strings.TrimRight(out, "\n") + "\n" + strings.Join(tables, "\n") + "\n"
	}
	return []byte(out), true
}

// freshStrings writes a strings file in the `i18n new` layout: each string under a comment
// with its source text, plain strings first, then the plural tables.
func freshStrings(lang string, msgs map[string]map[string]string, src *i18n.File) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "# Interface strings (%s), translated from %s. Written by `talksite i18n import`.\n", lang, src.Path)
	b.WriteString("# The line above each string shows the source. Keep every {{.Name}} placeholder as it is.\n\n")
	var plurals []string
	for _, id := range sortedKeys(msgs) {
		forms := msgs[id]
		if len(forms) > 1 {
			plurals = append(plurals, id)
			continue
		}
		if m := src.Messages[id]; m != nil {
			fmt.Fprintf(&b, "# %s\n", oneLine(m.Text()))
		}
		fmt.Fprintf(&b, "%s = %s\n\n", tomlString(id), tomlString(forms["other"]))
	}
	for _, id := range plurals {
		if m := src.Messages[id]; m != nil {
			for _, f := range i18n.Forms {
				if v, ok := m.Forms[f]; ok {
					fmt.Fprintf(&b, "#   %s: %s\n", f, oneLine(v))
				}
			}
		}
		fmt.Fprintf(&b, "[%s]\n", tomlString(id))
		for _, f := range i18n.Forms {
			if v, ok := msgs[id][f]; ok {
				fmt.Fprintf(&b, "%s = %s\n", f, tomlString(v))
			}
		}
		b.WriteString("\n")
	}
	return []byte(b.String())
}

func sameForms(a, b map[string]string) bool {
	for _, f := range i18n.Forms {
		if a[f] != b[f] {
			return false
		}
	}
	return true
}

// output is one file an export writes.
type output struct {
	path string
	b    []byte
}

// writeOutputs writes an export's files, or none of them when some would overwrite
// translations not yet imported into folder (unsaved names them; --force empties it).
func writeOutputs(outs []output, unsaved []string, folder string) ([]Change, error) {
	if len(unsaved) > 0 {
		return nil, fmt.Errorf("nothing exported: these files hold translations that are not in %s yet; --force overwrites them:\n  %s", folder, strings.Join(unsaved, "\n  "))
	}
	var changes []Change
	for _, o := range outs {
		if err := writeFile(o.path, o.b); err != nil {
			return changes, err
		}
		changes = append(changes, Change{Path: o.path})
	}
	return changes, nil
}
