// Package data loads the lists that pages show: conversation starters and replies, the
// TALK checklist, the family agreement, the helplines, and the tag lists (age bands,
// topics, steps, whom a promise is for, what a helpline is for) they are sorted by and
// checked against. docs/content-format.md describes each file for authors; this comment
// is the rules. Package listfile reads the files, merges their layers and tracks their
// translations; this package declares each list and checks and builds its entries.
//
// # Files
//
//	data/taxonomies.toml        [[age]], [[topic]], [[step]], [[who]], [[purpose]]: the
//	                            tag lists, in order
//	data/helplines.toml         [[helpline]]: the facts of each helpline (never translated)
//	data/<lang>/starters.toml   [[starter]] and [[reply]]
//	data/<lang>/checklist.toml  [[action]]
//	data/<lang>/agreement.toml  [[section]], each with [[section.promise]]
//	data/<lang>/helplines.toml  one table per helpline id, [gb-emergency]: its words
//
// Every entry has an id: lower-case letters, digits and hyphens, used once per file (a
// section's promises included). A file in a language folder may say draft = true: its
// words have not been checked by a fluent reader.
//
// # Layers
//
// A site folder's data file does not replace the default site's: the two are merged
// entry by entry, by id (Reader gives both layers). An entry with a new id is added after
// the default's entries; an entry with an id the default has replaces that entry's keys
// one by one, keeping the keys it does not set and its place in the list; and an entry
// with remove = true takes the default's entry out (removing an id the default does not
// have is an error). A section's promises are merged the same way inside their section.
// So a school's data/helplines.toml with one [[helpline]] adds one helpline, and keeps
// every other. A problem is reported in the layer the entry was last set in, at its
// line: "default <path>" names the default's copy when the site has one too.
//
// The tag lists are merged the same way, so a site can add a topic or a helpline purpose;
// the name of each is an interface string (age.<id>, topic.<id>, step.<id>.title and
// step.<id>.letter, agreement.who.<id>, purpose.<id>) that the site adds to its i18n
// files. A promise's who must be one of the who list, and a helpline's purpose one of the
// purpose list; the purpose "emergency" marks a number such as 999, which needs a phone
// and comes first.
//
// # Languages
//
// Entries are matched across languages by id. The source language's file decides which
// entries exist, their order and their tags (age bands, topics, steps, who); a
// translation supplies only the words: text; a reply's text and note; a section's title
// and prompt; a helpline's for, hours and (for names that are words) name. An entry a
// translation lacks is taken from the next language of the reader's fallback chain, and
// its Text keeps the language it is really in, so that pages can mark it with lang. An id
// a translation has and the source does not is a warning.
//
// # Tracking
//
// Each translated entry records the source words it was translated from: sourceHash in
// the entry, the hash of the source entry's words (written by `talksite i18n stamp`).
// When the source words change, the hash no longer matches and the translation is
// outdated: its Text says so, for pages to mark, and the language's FileState counts it.
// An entry with no sourceHash counts as outdated. A whole-file sourceHash, from before
// entries were tracked one by one, is ignored.
package data

import (
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/talksite/talksite/internal/data/listfile"
	"github.com/talksite/talksite/internal/diag"
)

// The types of package listfile that this package's users meet.
type (
	Text        = listfile.Text
	FileState   = listfile.FileState
	EntryState  = listfile.EntryState
	Layer       = listfile.Layer
	Reader      = listfile.Reader
	EntryOrigin = listfile.EntryOrigin
)

// Names are the data files per language.
var Names = []string{"starters", "checklist", "agreement", "helplines"}

// Starter is a conversation starter.
type Starter struct {
	ID     string
	Ages   []string
	Topics []string
	Text   Text
}

// Reply is something to say if a child tells you something.
type Reply struct {
	ID   string
	Text Text
	Note Text
}

// Action is one tickable action of the TALK checklist.
type Action struct {
	ID   string
	Step string
	Text Text
}

// Section is a section of the family agreement.
type Section struct {
	ID        string
	Title     Text
	Prompt    Text
	PerPerson bool
	Promises  []Promise
}

// Promise is a suggested promise of the family agreement.
type Promise struct {
	ID   string
	Ages []string
	Who  string
	Text Text
}

// Helpline is a helpline or reporting route.
type Helpline struct {
	ID       string
	Country  string
	Purpose  string // one of Taxonomies.Purposes
	Name     Text   // the facts file's name, or a translation of a name that is words
	Phone    string
	URL      string
	Checked  string    // the organisation's own page the details were checked against
	Verified time.Time // when they were checked against it
	Weight   int
	For      Text
	Hours    Text
}

// Emergency reports whether the helpline is an emergency number (999): it needs a phone
// number, not a site, and pages show it first.
func (h Helpline) Emergency() bool { return h.Purpose == "emergency" }

// Taxonomies are the tag lists, each in order (data/taxonomies.toml).
type Taxonomies struct {
	AgeBands []string // youngest first
	Topics   []string
	Steps    []string // the TALK checklist's steps
	Who      []string // whom a promise of the family agreement is for
	// Purposes are what a helpline is for, in the order pages show them: a page can
	// group helplines by purpose, so that a parent in a crisis finds the right one first.
	Purposes []string
}

// Terms returns the values of a taxonomy that pages are indexed by: "ages" or "topics".
func (t *Taxonomies) Terms(taxonomy string) []string {
	switch taxonomy {
	case "ages":
		return t.AgeBands
	case "topics":
		return t.Topics
	}
	return nil
}

// Site is every list of a site.
type Site struct {
	Taxonomies Taxonomies
	Sets       map[string]*Set // by language
}

// Set is every list in one language.
type Set struct {
	Lang      string
	Starters  []Starter
	Replies   []Reply
	Checklist []Action
	Agreement []Section
	Helplines []Helpline
	// Files records, for each name of Names, how the language's file stands.
	Files map[string]FileState
}

// Load reads every data file for the languages, each given with its fallback chain (the
// language first, the source language last). It returns the lists and every problem found.
func Load(read Reader, source string, chains map[string][]string) (*Site, []diag.Diagnostic) {
	ld := &listfile.Loader{}
	site := &Site{Taxonomies: taxonomies(ld, read), Sets: map[string]*Set{}}
	langs := slices.Sorted(maps.Keys(chains))
	for _, l := range langs {
		site.Sets[l] = &Set{Lang: l, Files: map[string]FileState{}}
	}
	tax := &site.Taxonomies

	starters := ld.PerLang(read, "starters", source, langs, starterList.shape, replyList.shape)
	checklist := ld.PerLang(read, "checklist", source, langs, actionList.shape)
	agreement := ld.PerLang(read, "agreement", source, langs, sectionList.shape)
	facts := ld.Load(read, "data/helplines.toml", helplineList.shape)
	words := ld.PerLang(read, "helplines", source, langs, wordsShape)

	for _, s := range starters.List(starterList.shape) {
		starterList.check(ld, s, tax)
	}
	for _, a := range checklist.List(actionList.shape) {
		actionList.check(ld, a, tax)
	}
	for _, s := range agreement.List(sectionList.shape) {
		sectionList.check(ld, s, tax)
	}
	for _, h := range facts.Lists[helplineList.shape.Key] {
		helplineList.check(ld, h, tax)
	}
	for _, l := range langs {
		set := site.Sets[l]
		r := starters.Resolver(l, source, chains[l])
		set.Starters = build(starterList, starters.List(starterList.shape), r)
		set.Replies = build(replyList, starters.List(replyList.shape), r)
		set.Files["starters"] = *r.State
		r = checklist.Resolver(l, source, chains[l])
		set.Checklist = build(actionList, checklist.List(actionList.shape), r)
		set.Files["checklist"] = *r.State
		r = agreement.Resolver(l, source, chains[l])
		set.Agreement = build(sectionList, agreement.List(sectionList.shape), r)
		set.Files["agreement"] = *r.State
		if len(facts.Files) > 0 {
			r = words.Resolver(l, source, chains[l])
			set.Helplines = build(helplineList, facts.Lists[helplineList.shape.Key], r)
			set.Files["helplines"] = *r.State
		}
	}
	return site, ld.Diagnostics()
}

// checkTags reports tags that are not in the allowed list, and a list with none.
func checkTags(ld *listfile.Loader, e *listfile.Entry, what string, got, allowed []string) {
	if len(got) == 0 {
		ld.Errorf(e.From, e.Line, "no %s: give at least one of %s", what, strings.Join(allowed, ", "))
	}
	for _, g := range got {
		if !slices.Contains(allowed, g) {
			ld.Errorf(e.From, e.Line, "%s: %q is not one of %s", what, g, strings.Join(allowed, ", "))
		}
	}
}

// Stamp records in a translation's data file that the entries with the ids in hashes
// were translated from the source words with those hashes (see listfile.Stamp).
func Stamp(src []byte, hashes map[string]string) []byte { return listfile.Stamp(src, hashes) }

// Origins merges the layers of a data file and says where each entry comes from (see
// listfile.Origins). ok is false when path is not a data file.
func Origins(path string, layers []Layer) (origins []EntryOrigin, ok bool) {
	shapes := shapesOf(path)
	if shapes == nil {
		return nil, false
	}
	return listfile.Origins(path, layers, shapes...), true
}

// shapesOf returns the lists of a data file, or nil.
func shapesOf(path string) []*listfile.Shape {
	switch path {
	case "data/taxonomies.toml":
		return tagShapes
	case "data/helplines.toml":
		return []*listfile.Shape{helplineList.shape}
	}
	dir, name, ok := strings.Cut(strings.TrimPrefix(path, "data/"), "/")
	if !ok || dir == "" || strings.Contains(name, "/") {
		return nil
	}
	switch name {
	case "starters.toml":
		return []*listfile.Shape{starterList.shape, replyList.shape}
	case "checklist.toml":
		return []*listfile.Shape{actionList.shape}
	case "agreement.toml":
		return []*listfile.Shape{sectionList.shape}
	case "helplines.toml":
		return []*listfile.Shape{wordsShape}
	}
	return nil
}
