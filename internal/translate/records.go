package translate

import (
	"bytes"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/talksite/talksite/internal/content"
	"github.com/talksite/talksite/internal/data"
	"github.com/talksite/talksite/internal/i18n"
	"github.com/talksite/talksite/internal/locale"
)

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
		disk, own := w.SitePath(p.File.Path)
		if !own {
			skip(p.File.Path)
			continue
		}
		b, err := os.ReadFile(disk)
		if err != nil {
			return changes, err
		}
		out, err := SetFrontMatter(b, "sourceHash", p.SourceHash)
		if err != nil {
			return changes, fmt.Errorf("%s: %v", p.File.Path, err)
		}
		if err := os.WriteFile(disk, out, 0o644); err != nil {
			return changes, err
		}
		changes = append(changes, Change{Path: p.File.Path})
	}
	for _, name := range slices.Sorted(maps.Keys(l.Data.Files)) {
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
		disk, own := w.SitePath(st.Path)
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
		st := w.ReadStringsStatus(lang)
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
			if err := w.WriteStringsStatus(lang, st); err != nil {
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
			fmt.Fprintf(&add, "\n[languages.%s]\nname = %s\norder = %d\n", l.Code, TOMLString(l.Name), l.Order)
			if fb := w.Config.Languages[l.Code].Fallback; len(fb) > 0 {
				fmt.Fprintf(&add, "fallback = [%s]\n", quoteList(fb))
			}
		}
	}
	maxOrder := 0
	for _, l := range w.Config.Langs {
		maxOrder = max(maxOrder, l.Order)
	}
	fmt.Fprintf(&add, "\n[languages.%s]\nname = %s\norder = %d\n", tag, TOMLString(name), maxOrder+1)
	if base, _ := t.Base(); base.String() != tag && w.Config.Lang(base.String()) != nil {
		fmt.Fprintf(&add, "fallback = [%s]\n", quoteList([]string{base.String()}))
	}
	out := append(bytes.TrimRight(old, "\n"), '\n')
	if len(old) == 0 {
		out = nil
	}
	if err := WriteFile(cfgPath, append(out, add.String()...)); err != nil {
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
		fmt.Fprintf(&b, "# %s\n%s = \"\"\n\n", OneLine(m.Text()), TOMLString(id))
	}
	if len(plurals) > 0 {
		b.WriteString("# Strings with plural forms: fill in every form listed.\n\n")
	}
	for _, id := range plurals {
		m := src.Messages[id]
		if m.Description != "" {
			fmt.Fprintf(&b, "# %s\n", OneLine(m.Description))
		}
		for _, f := range i18n.Forms {
			if v, ok := m.Forms[f]; ok {
				fmt.Fprintf(&b, "#   %s: %s\n", f, OneLine(v))
			}
		}
		fmt.Fprintf(&b, "[%s]\n", TOMLString(id))
		for _, f := range i18n.NeededForms(tag) {
			fmt.Fprintf(&b, "%s = \"\"\n", f)
		}
		b.WriteString("\n")
	}
	if err := WriteFile(filepath.Join(w.Dir, stringsPath), []byte(b.String())); err != nil {
		return changes, err
	}
	changes = append(changes, Change{Path: stringsPath})

	// Record the source each string will be translated from: the text shown above it.
	st := &i18n.Status{SourceHash: map[string]string{}}
	for _, id := range src.IDs() {
		st.SourceHash[id] = src.Messages[id].Hash()
	}
	if err := w.WriteStringsStatus(tag, st); err != nil {
		return changes, err
	}
	changes = append(changes, Change{Path: i18n.StatusPath(tag)})
	return changes, nil
}

func quoteList(list []string) string {
	q := make([]string, len(list))
	for i, s := range list {
		q[i] = TOMLString(s)
	}
	return strings.Join(q, ", ")
}

// ReadStringsStatus reads the record of which source each of lang's strings was translated
// from (i18n.StatusPath); a file that is missing or unreadable is an empty record.
func (w *Workspace) ReadStringsStatus(lang string) *i18n.Status {
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

// WriteStringsStatus writes the record ReadStringsStatus reads.
func (w *Workspace) WriteStringsStatus(lang string, st *i18n.Status) error {
	var b strings.Builder
	b.WriteString("# Which version of each source string the " + lang + " translation was made from.\n")
	b.WriteString("# Written by `talksite i18n stamp` and `talksite i18n import`; no need to edit it.\n")
	if st.Draft {
		b.WriteString("draft = true\n")
	}
	if st.ReviewedBy != "" {
		b.WriteString("reviewedBy = " + TOMLString(st.ReviewedBy) + "\n")
	}
	b.WriteString("\n[sourceHash]\n")
	for _, id := range slices.Sorted(maps.Keys(st.SourceHash)) {
		fmt.Fprintf(&b, "%s = %s\n", TOMLString(id), TOMLString(st.SourceHash[id]))
	}
	return WriteFile(filepath.Join(w.Dir, filepath.FromSlash(i18n.StatusPath(lang))), []byte(b.String()))
}

// SetFrontMatter sets a key in a page's front matter (YAML or TOML), keeping every other
// line as it is.
func SetFrontMatter(src []byte, key, value string) ([]byte, error) {
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
		line = key + " = " + TOMLString(value) + "\n"
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
