// Package uistrings exchanges the interface strings (i18n/<tag>.toml) with translation
// platforms such as Weblate, as go-i18n JSON v2: for `talksite i18n export` and `talksite
// i18n import`.
//
// # Export
//
// Export writes <dir>/<tag>.json for the source language and each language asked for: a
// plain string per id, or an object of plural forms (with the source's description). The
// sourceHash records stay out of the exchanged file, so that they survive a round trip.
// A translation's file already in dir may hold work done on the platform and not yet
// imported: when one of its strings differs from i18n/<tag>.toml, Export writes nothing
// and names the strings, unless forced (issue 14).
//
// # Import
//
// Import reads such a file back into i18n/<tag>.toml. A string whose text changed is
// recorded as translated from the current source; an unchanged string keeps its record,
// so an outdated translation nobody touched stays outdated; strings the file lacks are
// kept. Every imported string must pass i18n.Check (placeholders, plural forms, no HTML),
// or nothing is written. The strings file is edited line by line, so its comments (the
// source text that `i18n new` writes above each string) stay; one it cannot edit in place
// is written afresh in the `i18n new` layout, and either way the result is parsed back and
// compared, so nothing is lost silently.
package uistrings

import (
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/talksite/talksite/internal/i18n"
	"github.com/talksite/talksite/internal/translate"
)

// Export writes the interface strings of w of the source language and of each language in
// langs (all when empty) as go-i18n JSON v2 files, <dir>/<tag>.json.
//
// A translation's file already in dir may hold work done on the platform and not yet
// imported: when it has a string that differs from i18n/<tag>.toml, Export writes nothing
// and names the strings, unless force is set (issue 14).
func Export(w *translate.Workspace, dir string, langs []string, force bool) ([]translate.Change, error) {
	if len(langs) == 0 {
		for _, l := range w.Site.Langs {
			langs = append(langs, l.Code)
		}
	} else if !slices.Contains(langs, w.Config.DefaultLanguage) {
		langs = append([]string{w.Config.DefaultLanguage}, langs...)
	}
	var outs []translate.Output
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
		b, err := translate.EncodeJSON(obj)
		if err != nil {
			return nil, err
		}
		p := filepath.Join(dir, lang+".json")
		if lang != w.Config.DefaultLanguage && !force {
			if ids := notImported(w, lang, p); len(ids) > 0 {
				unsaved = append(unsaved, fmt.Sprintf("%s: %s (import it first: talksite i18n import %s %s)", p, strings.Join(ids, ", "), lang, p))
			}
		}
		outs = append(outs, translate.Output{Path: p, Body: b})
	}
	return translate.WriteOutputs(outs, unsaved, "i18n/")
}

// notImported lists the strings of an exchanged file that differ from lang's strings: the
// edits an import would bring in. A file that is not there or not JSON has none.
func notImported(w *translate.Workspace, lang, file string) []string {
	if _, err := os.Stat(file); err != nil {
		return nil
	}
	got, _, err := readJSONStrings(file)
	if err != nil {
		return nil
	}
	var cur map[string]*i18n.Message
	if f := w.Site.Strings.File(lang); f != nil {
		cur = f.Messages
	}
	var ids []string
	for _, id := range slices.Sorted(maps.Keys(got)) {
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
func Import(w *translate.Workspace, lang, file string) ([]translate.Change, []string, error) {
	if w.Config.Lang(lang) == nil {
		return nil, nil, fmt.Errorf("language %q is not declared in site.toml", lang)
	}
	if lang == w.Config.DefaultLanguage {
		return nil, nil, fmt.Errorf("%s is the source language: edit i18n/%s.toml directly", lang, lang)
	}
	imported, notes, err := readJSONStrings(file)
	if err != nil {
		return nil, nil, err
	}
	src := w.Site.Strings.Source()
	var current map[string]*i18n.Message
	if f := w.Site.Strings.File(lang); f != nil {
		current = f.Messages
	}
	st := w.ReadStringsStatus(lang)
	changed := map[string]map[string]string{}
	var problems []string
	for _, id := range slices.Sorted(maps.Keys(imported)) {
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
			len(problems), translate.Plural(len(problems), "string", "strings"), strings.Join(problems, "\n  "))
	}
	if len(changed) == 0 {
		return []translate.Change{{Path: "i18n/" + lang + ".toml", Note: "no string changed"}}, notes, nil
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
	if err := translate.WriteFile(disk, out); err != nil {
		return nil, notes, err
	}
	if err := w.WriteStringsStatus(lang, st); err != nil {
		return nil, notes, err
	}
	return []translate.Change{{Path: path}, {Path: i18n.StatusPath(lang)}}, notes, nil
}

// readJSONStrings reads a go-i18n JSON v2 file: id → plural forms.
func readJSONStrings(file string) (map[string]map[string]string, []string, error) {
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
	for _, id := range slices.Sorted(maps.Keys(raw)) {
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
					lines[j] = pm[1] + translate.TOMLString(v)
				}
			}
			var add []string
			for _, f := range i18n.Forms {
				if v, ok := forms[f]; ok && !have[f] {
					add = append(add, f+" = "+translate.TOMLString(v))
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
		lines[i] = m[1] + translate.TOMLString(forms["other"])
		if m[3] != "" {
			lines[i] += " " + m[3]
		}
		done[id] = true
	}
	// Strings the file does not have yet: plain ones before the first table (or they
	// would land inside it), plural tables at the end.
	var plain, tables []string
	for _, id := range slices.Sorted(maps.Keys(changed)) {
		if done[id] {
			continue
		}
		forms := changed[id]
		comment := ""
		if m := src.Messages[id]; m != nil {
			comment = "# " + translate.OneLine(m.Text())
		}
		if len(forms) == 1 {
			plain = append(plain, comment, translate.TOMLString(id)+" = "+translate.TOMLString(forms["other"]), "")
			continue
		}
		tables = append(tables, "", comment, "["+translate.TOMLString(id)+"]")
		for _, f := range i18n.Forms {
			if v, ok := forms[f]; ok {
				tables = append(tables, f+" = "+translate.TOMLString(v))
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
	for _, id := range slices.Sorted(maps.Keys(msgs)) {
		forms := msgs[id]
		if len(forms) > 1 {
			plurals = append(plurals, id)
			continue
		}
		if m := src.Messages[id]; m != nil {
			fmt.Fprintf(&b, "# %s\n", translate.OneLine(m.Text()))
		}
		fmt.Fprintf(&b, "%s = %s\n\n", translate.TOMLString(id), translate.TOMLString(forms["other"]))
	}
	for _, id := range plurals {
		if m := src.Messages[id]; m != nil {
			for _, f := range i18n.Forms {
				if v, ok := m.Forms[f]; ok {
					fmt.Fprintf(&b, "#   %s: %s\n", f, translate.OneLine(v))
				}
			}
		}
		fmt.Fprintf(&b, "[%s]\n", translate.TOMLString(id))
		for _, f := range i18n.Forms {
			if v, ok := msgs[id][f]; ok {
				fmt.Fprintf(&b, "%s = %s\n", f, translate.TOMLString(v))
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
