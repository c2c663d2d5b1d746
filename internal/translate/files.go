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

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"github.com/talksite/talksite/internal/data"
	"github.com/talksite/talksite/internal/i18n"
)

// Change is a file written (or skipped) by a command.
type Change struct {
	Path string `json:"path"`
	Note string `json:"note,omitempty"`
}

// Stamp records that the translations of lang match the current source: the sourceHash of
// every translated page, data entry and string is set to the source's current hash. Run it
// after translating or updating. Files of the embedded default site are skipped.
func (w *Workspace) Stamp(lang string) ([]Change, error) {
	l := w.Site.Lang(lang)
	if l == nil {
		return nil, fmt.Errorf("language %q is not declared in site.toml", lang)
	}
	if lang == w.Config.DefaultLanguage {
		return nil, fmt.Errorf("%s is the source language: there is nothing to stamp", lang)
	}
	var changes []Change
	skip := func(p string) {
		changes = append(changes, Change{p, "skipped: part of the default site, not of this folder"})
	}
	for _, p := range l.Pages {
		if p.File == nil || p.Fallback || p.SourceHash == "" || !p.Outdated {
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
		// Each outdated entry records the source words it now matches (data.Stamp).
		st := l.Data.Files[name]
		hashes := map[string]string{}
		for _, e := range st.Entries {
			if e.Translated && e.Outdated {
				hashes[e.ID] = e.SourceHash
			}
		}
		if !st.Exists || len(hashes) == 0 {
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
		changes = append(changes, Change{Path: st.Path})
	}
	if tf := w.Site.Strings.File(lang); tf != nil {
		st := w.readStatus(lang)
		changed := false
		for _, id := range tf.IDs() {
			orig := w.Site.Strings.Source().Messages[id]
			if orig == nil || tf.Messages[id].Empty() {
				continue
			}
			if st.SourceHash[id] != orig.Hash() {
				st.SourceHash[id] = orig.Hash()
				changed = true
			}
		}
		if changed {
			if err := w.writeStatus(lang, st); err != nil {
				return changes, err
			}
			changes = append(changes, Change{Path: i18n.StatusPath(lang)})
		}
	}
	return changes, nil
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
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
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
	t, err := language.Parse(tag)
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
		name = display.Self.Name(t)
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
func (w *Workspace) Export(dir string, langs []string) ([]Change, error) {
	if len(langs) == 0 {
		for _, l := range w.Site.Langs {
			langs = append(langs, l.Code)
		}
	} else if !slices.Contains(langs, w.Config.DefaultLanguage) {
		langs = append([]string{w.Config.DefaultLanguage}, langs...)
	}
	var changes []Change
	for _, lang := range langs {
		if w.Config.Lang(lang) == nil {
			return changes, fmt.Errorf("language %q is not declared in site.toml", lang)
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
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(obj); err != nil {
			return changes, err
		}
		p := filepath.Join(dir, lang+".json")
		if err := writeFile(p, buf.Bytes()); err != nil {
			return changes, err
		}
		changes = append(changes, Change{Path: p})
	}
	return changes, nil
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
func (w *Workspace) Import(lang, file string) ([]Change, []string, error) {
	if w.Config.Lang(lang) == nil {
		return nil, nil, fmt.Errorf("language %q is not declared in site.toml", lang)
	}
	if lang == w.Config.DefaultLanguage {
		return nil, nil, fmt.Errorf("%s is the source language: edit i18n/%s.toml directly", lang, lang)
	}
	b, err := os.ReadFile(file)
	if err != nil {
		return nil, nil, err
	}
	var raw map[string]any
	if err := json.Unmarshal(b, &raw); err != nil {
		return nil, nil, fmt.Errorf("%s: not go-i18n JSON: %v", file, err)
	}
	src := w.Site.Strings.Source()
	current := map[string]*i18n.Message{}
	if f := w.Site.Strings.File(lang); f != nil {
		for id, m := range f.Messages {
			current[id] = m
		}
	}
	st := w.readStatus(lang)
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
		orig := src.Messages[id]
		if orig == nil {
			notes = append(notes, fmt.Sprintf("%s: not in the source strings; skipped", id))
			continue
		}
		old := current[id]
		if old != nil && sameForms(old.Forms, forms) {
			continue
		}
		current[id] = &i18n.Message{ID: id, Forms: forms}
		if !(&i18n.Message{Forms: forms}).Empty() {
			st.SourceHash[id] = orig.Hash()
		}
	}
	if f := w.Site.Strings.File(lang); f != nil && f.Draft {
		st.Draft = true
	}
	path := "i18n/" + lang + ".toml"
	if err := writeFile(filepath.Join(w.Dir, path), canonicalStrings(lang, current)); err != nil {
		return nil, notes, err
	}
	if err := w.writeStatus(lang, st); err != nil {
		return nil, notes, err
	}
	return []Change{{Path: path}, {Path: i18n.StatusPath(lang)}}, notes, nil
}

func sameForms(a, b map[string]string) bool {
	for _, f := range i18n.Forms {
		if a[f] != b[f] {
			return false
		}
	}
	return true
}

// canonicalStrings writes a strings file in a stable form: plain strings first, then the
// plural tables, each sorted by id.
func canonicalStrings(lang string, msgs map[string]*i18n.Message) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "# Interface strings (%s). Written by `talksite i18n import`.\n\n", lang)
	var plurals []string
	for _, id := range sortedKeys(msgs) {
		m := msgs[id]
		if len(m.Forms) > 1 {
			plurals = append(plurals, id)
			continue
		}
		fmt.Fprintf(&b, "%s = %s\n", tomlString(id), tomlString(m.Forms["other"]))
	}
	for _, id := range plurals {
		fmt.Fprintf(&b, "\n[%s]\n", tomlString(id))
		for _, f := range i18n.Forms {
			if v, ok := msgs[id].Forms[f]; ok {
				fmt.Fprintf(&b, "%s = %s\n", f, tomlString(v))
			}
		}
	}
	return []byte(b.String())
}
