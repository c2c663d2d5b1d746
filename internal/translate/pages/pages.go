// Package pages exchanges pages with translation platforms (issue 14), for `talksite i18n
// export --pages` and `talksite i18n import --pages`.
//
// Weblate's own Markdown format cannot bring in the translations volunteers have already
// made by hand, and it does not know front matter, so talksite exchanges pages as gettext
// PO, which every platform reads: one unit per title, linkTitle, description, heading,
// list item, table row and paragraph, each with the page's key as its context. Only the
// words travel.
//
// # Export
//
// Export writes <dir>/pages.pot with the source language's units (the same words twice in
// a page are one unit), and <dir>/<tag>.po per language with the translations it has: a
// translation whose body has the source page's units one for one (the same kinds in the
// same order) gives each unit its translation, and an outdated one is marked fuzzy. It
// refuses to overwrite a PO file holding translations not imported yet, unless forced.
//
// # Import
//
// Import writes each page whose every unit is translated (and not fuzzy) to
// content/<tag>/, rebuilt on the source page's structure: the front matter's other keys
// (the translation's own, when it has a page already), the heading ids ({#id}), list
// markers and blank lines come from the source, the sourceHash records the current
// source. A page with units still to do is left as it is and named in the notes. Each
// unit's link targets must be the source unit's, and a table row keeps its | signs, or
// nothing is written.
//
// # Segmenting
//
// A page's body is split into structure (kept as it is) and units (translated); joining
// the pieces with each unit's text as it is gives the body back byte for byte. Fenced code
// and lines that start with HTML are structure.
package pages

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/talksite/talksite/internal/content"
	"github.com/talksite/talksite/internal/frontmatter"
	"github.com/talksite/talksite/internal/translate"
)

// Export writes the pages as gettext PO: <dir>/pages.pot with the source language's
// units, and <dir>/<tag>.po for each language of langs (all when empty) with the
// translations it has. A translation whose body has the English page's units, one for
// one, gives each unit its translation; an outdated one is marked fuzzy. Like
// uistrings.Export, it refuses to overwrite a PO file holding translations not imported
// yet, unless force.
func Export(w *translate.Workspace, dir string, langs []string, force bool) ([]translate.Change, error) {
	if len(langs) == 0 {
		for _, l := range w.Site.Langs {
			langs = append(langs, l.Code)
		}
	}
	src := w.Config.DefaultLanguage
	var template []*poEntry
	type srcPage struct {
		page  *content.Page
		units []pageUnit
	}
	var pages []srcPage
	for _, p := range sourcePages(w) {
		meta, pieces, err := readPage(w, p.File.Path)
		if err != nil {
			return nil, err
		}
		us := pageUnits(meta, pieces)
		pages = append(pages, srcPage{p, us})
		seen := map[string]bool{}
		for _, u := range us {
			if seen[u.text] {
				continue // the same words twice in a page: one unit, one translation
			}
			seen[u.text] = true
			template = append(template, &poEntry{Comments: []string{u.note}, References: []string{p.File.Path}, Context: p.Key, ID: u.text})
		}
	}
	outs := []translate.Output{{Path: filepath.Join(dir, "pages.pot"), Body: writePO("", template)}}
	var unsaved []string
	for _, lang := range langs {
		l := w.Site.Lang(lang)
		if l == nil {
			return nil, fmt.Errorf("language %q is not declared in site.toml", lang)
		}
		if lang == src {
			continue
		}
		trs := map[string]string{} // context + msgid → translation
		fuzzy := map[string]bool{}
		for _, sp := range pages {
			p := l.ByKey[sp.page.Key]
			if p == nil || p.Fallback {
				continue
			}
			meta, pieces, err := readPage(w, p.File.Path)
			if err != nil {
				return nil, err
			}
			got := pageUnits(meta, pieces)
			if !sameShape(sp.units, got) {
				continue // written with other paragraphs: translate it again on the platform
			}
			for i, u := range sp.units {
				k := sp.page.Key + "\x04" + u.text
				trs[k] = got[i].text
				fuzzy[k] = p.Outdated
			}
		}
		var entries []*poEntry
		for _, e := range template {
			c := *e
			c.Str, c.Fuzzy = trs[e.key()], fuzzy[e.key()] && trs[e.key()] != ""
			entries = append(entries, &c)
		}
		path := filepath.Join(dir, lang+".po")
		if !force {
			if ids := notImportedPO(path, entries); len(ids) > 0 {
				unsaved = append(unsaved, fmt.Sprintf("%s: %d %s, first %q (import it first: talksite i18n import --pages %s %s)", path, len(ids), translate.Plural(len(ids), "unit", "units"), ids[0], lang, path))
			}
		}
		outs = append(outs, translate.Output{Path: path, Body: writePO(lang, entries)})
	}
	return translate.WriteOutputs(outs, unsaved, "content/")
}

// sameShape reports whether a translation has the English page's units one for one: the
// same kinds in the same order.
func sameShape(en, tr []pageUnit) bool {
	return slices.EqualFunc(en, tr, func(a, b pageUnit) bool { return a.note == b.note })
}

// notImportedPO lists the units of an existing PO file whose translation differs from the
// one about to be written.
func notImportedPO(path string, next []*poEntry) []string {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil
	}
	old, err := readPO(path, b)
	if err != nil {
		return nil
	}
	now := map[string]string{}
	for _, e := range next {
		now[e.key()] = e.Str
	}
	var out []string
	for _, e := range old {
		if e.Str != "" && !e.Fuzzy && now[e.key()] != e.Str {
			out = append(out, e.ID)
		}
	}
	return out
}

// Import reads a PO file of page translations for lang and writes each page whose
// every unit is translated (and not fuzzy) to content/<lang>/, rebuilt on the English
// page, recorded as translated from the current English. A page with units still to do is
// left as it is, and named in the notes. If a unit's link targets differ from the
// English, nothing is written.
func Import(w *translate.Workspace, lang, file string) ([]translate.Change, []string, error) {
	l := w.Site.Lang(lang)
	if l == nil {
		return nil, nil, fmt.Errorf("language %q is not declared in site.toml", lang)
	}
	if lang == w.Config.DefaultLanguage {
		return nil, nil, fmt.Errorf("%s is the source language: edit content/%s/ directly", lang, lang)
	}
	b, err := os.ReadFile(file)
	if err != nil {
		return nil, nil, err
	}
	entries, err := readPO(file, b)
	if err != nil {
		return nil, nil, err
	}
	trs := map[string]string{}
	for _, e := range entries {
		if e.Str != "" && !e.Fuzzy {
			trs[e.key()] = e.Str
		}
	}
	type write struct {
		path string
		b    []byte
	}
	var writes []write
	var notes, problems []string
	for _, sp := range sourcePages(w) {
		meta, pieces, err := readPage(w, sp.File.Path)
		if err != nil {
			return nil, nil, err
		}
		us := pageUnits(meta, pieces)
		tr := func(s string) string { return trs[sp.Key+"\x04"+s] }
		done := 0
		for _, u := range us {
			t := tr(u.text)
			if t == "" {
				continue
			}
			done++
			if lacks, extra := translate.DiffStrings(translate.LinkTargets(u.text), translate.LinkTargets(t)); len(lacks)+len(extra) > 0 {
				problems = append(problems, fmt.Sprintf("%s: %s %q: link targets differ from the English:%s", sp.Key, u.note, abbreviate(u.text), translate.Describe(lacks, extra)))
			}
			if strings.Count(t, "|") != strings.Count(u.text, "|") && u.note == "row" {
				problems = append(problems, fmt.Sprintf("%s: table row %q: keep the English's | signs, one per cell edge", sp.Key, abbreviate(u.text)))
			}
		}
		if done == 0 {
			continue
		}
		if done < len(us) {
			notes = append(notes, fmt.Sprintf("%s: %d of %d units translated; left as it is", sp.File.Path, done, len(us)))
			continue
		}
		body := assemble(pieces, tr)
		out, err := translatedPage(w, lang, sp, meta, tr, body)
		if err != nil {
			return nil, notes, err
		}
		writes = append(writes, write{"content/" + lang + "/" + strings.TrimPrefix(sp.File.Path, "content/"+w.Config.DefaultLanguage+"/"), out})
	}
	if len(problems) > 0 {
		return nil, notes, fmt.Errorf("nothing imported: %d %s to fix on the platform first:\n  %s", len(problems), translate.Plural(len(problems), "unit", "units"), strings.Join(problems, "\n  "))
	}
	var changes []translate.Change
	for _, wr := range writes {
		disk := filepath.Join(w.Dir, filepath.FromSlash(wr.path))
		if old, err := os.ReadFile(disk); err == nil && bytes.Equal(old, wr.b) {
			continue
		}
		if err := translate.WriteFile(disk, wr.b); err != nil {
			return changes, notes, err
		}
		changes = append(changes, translate.Change{Path: wr.path})
	}
	if len(changes) == 0 {
		changes = append(changes, translate.Change{Path: "content/" + lang + "/", Note: "no page changed"})
	}
	return changes, notes, nil
}

// translatedPage writes a translated page: the front matter of the language's own page if
// it has one (keeping its draft, reviewedBy and other keys), else the English page's,
// with the translated title, linkTitle and description and the current sourceHash; then
// the translated body.
func translatedPage(w *translate.Workspace, lang string, sp *content.Page, meta frontmatter.Meta, tr func(string) string, body string) ([]byte, error) {
	base := sp.File.Path
	if p := w.Site.Lang(lang).ByKey[sp.Key]; p != nil && !p.Fallback {
		base = p.File.Path
	}
	b, err := w.Tree.ReadFile(base)
	if err != nil {
		return nil, err
	}
	b = bytes.ReplaceAll(b, []byte("\r\n"), []byte("\n"))
	pg, err := frontmatter.Parse(b)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", base, err)
	}
	head := b[:len(b)-len(pg.Body)]
	for _, f := range []struct{ key, v string }{{"title", meta.Title}, {"linkTitle", meta.LinkTitle}, {"description", meta.Description}} {
		if strings.TrimSpace(f.v) == "" {
			continue
		}
		if head, err = setFrontMatterString(head, f.key, tr(f.v)); err != nil {
			return nil, fmt.Errorf("%s: %v", base, err)
		}
	}
	if head, err = translate.SetFrontMatter(head, "sourceHash", sp.File.Hash); err != nil { // hex: no quotes needed
		return nil, fmt.Errorf("%s: %v", base, err)
	}
	out := append(head, body...)
	// The front matter was edited line by line: check that it says what was meant.
	check, err := frontmatter.Parse(out)
	if err != nil || check.Meta.Title != tr(meta.Title) || check.Meta.SourceHash != sp.File.Hash ||
		meta.Description != "" && check.Meta.Description != tr(meta.Description) {
		return nil, fmt.Errorf("%s: could not set the translated title and description in its front matter (is a value written over several lines?)", base)
	}
	return out, nil
}

// setFrontMatterString sets a key to a text, quoted for the front matter's language.
func setFrontMatterString(src []byte, key, value string) ([]byte, error) {
	if bytes.HasPrefix(src, []byte("+++")) {
		return translate.SetFrontMatter(src, key, value) // SetFrontMatter quotes for TOML itself
	}
	return translate.SetFrontMatter(src, key, yamlString(value))
}

// yamlString quotes s as a YAML double-quoted string (JSON's escapes are YAML's).
func yamlString(s string) string {
	b, _ := translate.EncodeJSON(s)
	return strings.TrimSpace(string(b))
}

func abbreviate(s string) string {
	s = translate.OneLine(s)
	if r := []rune(s); len(r) > 50 {
		return string(r[:50]) + "…"
	}
	return s
}

// pageUnit is one text of a page to translate, with what the translator should know.
type pageUnit struct {
	note string // "title", "heading", ...
	text string
}

// pageUnits lists a page's units: its title, linkTitle and description, then its body's.
func pageUnits(meta frontmatter.Meta, pieces []piece) []pageUnit {
	var out []pageUnit
	for _, f := range []struct{ name, v string }{{"title", meta.Title}, {"linkTitle", meta.LinkTitle}, {"description", meta.Description}} {
		if strings.TrimSpace(f.v) != "" {
			out = append(out, pageUnit{f.name, f.v})
		}
	}
	for _, p := range units(pieces) {
		out = append(out, pageUnit{p.kind, p.lit})
	}
	return out
}

// readPage reads a content file of the site and splits its body.
func readPage(w *translate.Workspace, p string) (frontmatter.Meta, []piece, error) {
	meta, body, err := w.ReadPage(p)
	if err != nil {
		return frontmatter.Meta{}, nil, err
	}
	return meta, segment(body), nil
}

// sourcePages returns the source language's content pages, in address order.
func sourcePages(w *translate.Workspace) []*content.Page {
	var out []*content.Page
	for _, p := range w.Site.Source().Pages {
		if p.File != nil {
			out = append(out, p)
		}
	}
	return out
}
