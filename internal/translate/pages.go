package translate

// Pages through a translation platform (issue 14). Weblate's own Markdown format cannot
// bring in the translations volunteers have already made by hand, and it does not know
// front matter, so talksite exchanges pages as gettext PO, which every platform reads: one
// unit per title, description, heading, list item, table row and paragraph, each with the
// page's key as its context. Only the words travel. On import the page is rebuilt from the
// English page's structure: the front matter's other keys, the heading ids ({#id}), list
// markers and blank lines come from the English, and each unit's link targets must be the
// English unit's, or nothing is written.

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/talksite/talksite/internal/content"
	"github.com/talksite/talksite/internal/frontmatter"
)

// piece is a part of a page's body: structure kept as it is (lit), or a unit of text to
// translate.
type piece struct {
	lit    string
	unit   bool
	kind   string // "heading", "item", "row", "paragraph"
	indent string // for a unit of several lines: what starts each line after the first
}

var (
	headingRE  = regexp.MustCompile(`^(#{1,6}[ \t]+)(.*?)([ \t]*\{#[^}]*\})?[ \t]*$`)
	itemRE     = regexp.MustCompile(`^([ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+)(.*)$`)
	fenceRE    = regexp.MustCompile("^[ \t]*(```|~~~)")
	rowRE      = regexp.MustCompile(`^[ \t]*\|`)
	ruleRowRE  = regexp.MustCompile(`^[ \t]*\|?[ \t:|-]+\|?[ \t]*$`)
	breakRE    = regexp.MustCompile(`^[ \t]*([-*_][ \t]*){3,}$`)
	htmlLineRE = regexp.MustCompile(`^[ \t]*<`)
)

// segment splits a Markdown body into structure and units. Joining every piece, with each
// unit's text as it is, gives the body back byte for byte (see TestSegmentRoundTrip).
func segment(body string) []piece {
	var out []piece
	lit := func(s string) {
		if n := len(out); n > 0 && !out[n-1].unit {
			out[n-1].lit += s
			return
		}
		out = append(out, piece{lit: s})
	}
	unit := func(kind, text, indent string) {
		out = append(out, piece{lit: text, unit: true, kind: kind, indent: indent})
	}
	lines := strings.SplitAfter(body, "\n")
	if n := len(lines); n > 0 && lines[n-1] == "" {
		lines = lines[:n-1]
	}
	plain := func(l string) (string, string) { // the line without its newline, and the newline
		if strings.HasSuffix(l, "\n") {
			return l[:len(l)-1], "\n"
		}
		return l, ""
	}
	blank := func(l string) bool { return strings.TrimSpace(l) == "" }
	starts := func(l string) bool { // a line that starts a block of its own
		t, _ := plain(l)
		return headingRE.MatchString(t) || itemRE.MatchString(t) || fenceRE.MatchString(t) || rowRE.MatchString(t) || breakRE.MatchString(t)
	}
	for i := 0; i < len(lines); {
		text, nl := plain(lines[i])
		switch {
		case blank(text) || breakRE.MatchString(text) || htmlLineRE.MatchString(text):
			lit(lines[i])
			i++
		case fenceRE.MatchString(text):
			fence := strings.TrimSpace(text)[:3]
			lit(lines[i])
			i++
			for i < len(lines) {
				done := strings.HasPrefix(strings.TrimSpace(lines[i]), fence)
				lit(lines[i])
				i++
				if done {
					break
				}
			}
		case headingRE.MatchString(text):
			m := headingRE.FindStringSubmatch(text)
			lit(m[1])
			unit("heading", m[2], "")
			lit(text[len(m[1])+len(m[2]):] + nl)
			i++
		case rowRE.MatchString(text):
			if ruleRowRE.MatchString(text) {
				lit(lines[i])
			} else {
				unit("row", text, "")
				lit(nl)
			}
			i++
		case itemRE.MatchString(text):
			m := itemRE.FindStringSubmatch(text)
			lit(m[1])
			parts := []string{m[2]}
			indent, indentSet := "", false
			i++
			for i < len(lines) && !blank(lines[i]) && !starts(lines[i]) {
				t, _ := plain(lines[i])
				ind := t[:len(t)-len(strings.TrimLeft(t, " \t"))]
				if !indentSet {
					indent, indentSet = ind, true
				} else if ind != indent {
					break // indented differently: keep it apart rather than lose the difference
				}
				parts = append(parts, t[len(ind):])
				i++
			}
			unit("item", strings.Join(parts, "\n"), indent)
			_, nl = plain(lines[i-1])
			lit(nl)
		default:
			parts := []string{text}
			i++
			for i < len(lines) && !blank(lines[i]) && !starts(lines[i]) && !htmlLineRE.MatchString(lines[i]) {
				t, _ := plain(lines[i])
				if strings.TrimLeft(t, " \t") != t {
					break // an indented line: its own unit, to keep its indentation
				}
				parts = append(parts, t)
				i++
			}
			unit("paragraph", strings.Join(parts, "\n"), "")
			_, nl = plain(lines[i-1])
			lit(nl)
		}
	}
	return out
}

// assemble joins the pieces, each unit's text replaced by tr(text).
func assemble(pieces []piece, tr func(string) string) string {
	var b strings.Builder
	for _, p := range pieces {
		if !p.unit {
			b.WriteString(p.lit)
			continue
		}
		text := tr(p.lit)
		if p.indent != "" {
			text = strings.ReplaceAll(text, "\n", "\n"+p.indent)
		}
		b.WriteString(text)
	}
	return b.String()
}

func units(pieces []piece) []piece {
	var out []piece
	for _, p := range pieces {
		if p.unit {
			out = append(out, p)
		}
	}
	return out
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

// readPage reads a content file of the site and splits it.
func (w *Workspace) readPage(p string) (frontmatter.Meta, []byte, []piece, error) {
	b, err := w.Tree.ReadFile(p)
	if err != nil {
		return frontmatter.Meta{}, nil, nil, err
	}
	b = bytes.ReplaceAll(b, []byte("\r\n"), []byte("\n"))
	pg, err := frontmatter.Parse(b)
	if err != nil {
		return frontmatter.Meta{}, nil, nil, fmt.Errorf("%s: %v", p, err)
	}
	return pg.Meta, b, segment(string(pg.Body)), nil
}

// sourcePages returns the source language's content pages, in address order.
func (w *Workspace) sourcePages() []*content.Page {
	var out []*content.Page
	for _, p := range w.Site.Source().Pages {
		if p.File != nil {
			out = append(out, p)
		}
	}
	return out
}

// ExportPages writes the pages as gettext PO: <dir>/pages.pot with the source language's
// units, and <dir>/<tag>.po for each language of langs (all when empty) with the
// translations it has. A translation whose body has the English page's units, one for
// one, gives each unit its translation; an outdated one is marked fuzzy. Like Export, it
// refuses to overwrite a PO file holding translations not imported yet, unless force.
func (w *Workspace) ExportPages(dir string, langs []string, force bool) ([]Change, error) {
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
	for _, p := range w.sourcePages() {
		meta, _, pieces, err := w.readPage(p.File.Path)
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
	outs := []output{{filepath.Join(dir, "pages.pot"), writePO("", template)}}
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
			meta, _, pieces, err := w.readPage(p.File.Path)
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
				unsaved = append(unsaved, fmt.Sprintf("%s: %d %s, first %q (import it first: talksite i18n import --pages %s %s)", path, len(ids), plural(len(ids), "unit", "units"), ids[0], lang, path))
			}
		}
		outs = append(outs, output{path, writePO(lang, entries)})
	}
	return writeOutputs(outs, unsaved, "content/")
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

// ImportPages reads a PO file of page translations for lang and writes each page whose
// every unit is translated (and not fuzzy) to content/<lang>/, rebuilt on the English
// page, recorded as translated from the current English. A page with units still to do is
// left as it is, and named in the notes. If a unit's link targets differ from the
// English, nothing is written.
func (w *Workspace) ImportPages(lang, file string) ([]Change, []string, error) {
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
	for _, sp := range w.sourcePages() {
		meta, _, pieces, err := w.readPage(sp.File.Path)
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
			if lacks, extra := diffStrings(linkTargetsOf(u.text), linkTargetsOf(t)); len(lacks)+len(extra) > 0 {
				problems = append(problems, fmt.Sprintf("%s: %s %q: link targets differ from the English:%s", sp.Key, u.note, abbreviate(u.text), describe(lacks, extra)))
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
		out, err := w.translatedPage(lang, sp, meta, tr, body)
		if err != nil {
			return nil, notes, err
		}
		writes = append(writes, write{"content/" + lang + "/" + strings.TrimPrefix(sp.File.Path, "content/"+w.Config.DefaultLanguage+"/"), out})
	}
	if len(problems) > 0 {
		return nil, notes, fmt.Errorf("nothing imported: %d %s to fix on the platform first:\n  %s", len(problems), plural(len(problems), "unit", "units"), strings.Join(problems, "\n  "))
	}
	var changes []Change
	for _, wr := range writes {
		disk := filepath.Join(w.Dir, filepath.FromSlash(wr.path))
		if old, err := os.ReadFile(disk); err == nil && bytes.Equal(old, wr.b) {
			continue
		}
		if err := writeFile(disk, wr.b); err != nil {
			return changes, notes, err
		}
		changes = append(changes, Change{Path: wr.path})
	}
	if len(changes) == 0 {
		changes = append(changes, Change{Path: "content/" + lang + "/", Note: "no page changed"})
	}
	return changes, notes, nil
}

// translatedPage writes a translated page: the front matter of the language's own page if
// it has one (keeping its draft, reviewedBy and other keys), else the English page's,
// with the translated title, linkTitle and description and the current sourceHash; then
// the translated body.
func (w *Workspace) translatedPage(lang string, sp *content.Page, meta frontmatter.Meta, tr func(string) string, body string) ([]byte, error) {
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
	if head, err = setFrontMatter(head, "sourceHash", sp.File.Hash); err != nil { // hex: no quotes needed
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
		return setFrontMatter(src, key, value) // setFrontMatter quotes for TOML itself
	}
	return setFrontMatter(src, key, yamlString(value))
}

// yamlString quotes s as a YAML double-quoted string (JSON's escapes are YAML's).
func yamlString(s string) string {
	b, _ := encodeJSON(s)
	return strings.TrimSpace(string(b))
}

var linkTargetInTextRE = regexp.MustCompile(`\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)|<(https?://[^>\s]+)>`)

// linkTargetsOf returns the link targets of a unit of Markdown, sorted.
func linkTargetsOf(s string) []string {
	var out []string
	for _, m := range linkTargetInTextRE.FindAllStringSubmatch(s, -1) {
		out = append(out, m[1]+m[2])
	}
	slices.Sort(out)
	return out
}

// diffStrings compares two sorted lists as multisets: what want has that got lacks, and
// the reverse.
func diffStrings(want, got []string) (lacks, extra []string) {
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

func describe(lacks, extra []string) string {
	var parts []string
	if len(lacks) > 0 {
		parts = append(parts, " lacks "+strings.Join(lacks, ", "))
	}
	if len(extra) > 0 {
		parts = append(parts, " has "+strings.Join(extra, ", "))
	}
	return strings.Join(parts, ";")
}

func abbreviate(s string) string {
	s = oneLine(s)
	if r := []rune(s); len(r) > 50 {
		return string(r[:50]) + "…"
	}
	return s
}
