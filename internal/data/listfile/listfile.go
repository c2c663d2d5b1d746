// Package listfile reads data files that hold lists of entries with ids, such as
// conversation starters or helplines, laid in layers and translated entry by entry. It
// knows nothing of what the lists mean: package data declares each list's Shape and
// checks and builds its entries.
//
// # Files
//
// A list is written as an array of tables, [[starter]] with id = "...", or as one table
// per id, [gb-emergency]. An entry's keys are declared by its Shape with the Kind each
// value must have; every entry may also have id, remove and sourceHash. A nested list
// ([[section.promise]]) is merged inside its entry. A file may also say draft = true,
// reviewedBy and reviewed (a translation's fluent reader and when), and a whole-file
// sourceHash, which is ignored. Any other key is a warning.
//
// Every id is lower-case letters, digits and hyphens, used once per file (nested entries
// included).
//
// # Layers
//
// A Reader gives a file's layers, the default site's first. A site folder's layer is
// merged into the default's entry by entry, by id: a new id is added after the default's
// entries; a known id has its keys replaced one by one, keeping its place and the keys it
// does not set; and remove = true takes the default's entry out (removing an unknown id
// is an error). A site layer byte for byte the same as the default's is one layer.
//
// # Diagnostics
//
// A Loader collects every problem as a diag.Diagnostic at the line of the entry (or of
// its key at fault) in the layer that last set it; that layer is named "default <path>"
// when the site has the file too, and "<path>" otherwise.
//
// # Translations
//
// PerLang loads data/<lang>/<name>.toml for each language. A Resolver picks each entry's
// words (Text) from the first language of a fallback chain that has them, and records in
// a FileState whether the language's own words are there and whether they were made from
// the current source words: sourceHash in the entry is the hash of the source entry's
// words, written by Stamp. An id a translation has and the source does not is a warning.
package listfile

// Text is a translatable string with the language it is really in.
type Text struct {
	Value    string
	Lang     string
	Outdated bool // a translation made from source words that have changed since
}

func (t Text) String() string { return t.Value }

// FileState is how a language's data file stands against the source language's, entry
// by entry.
type FileState struct {
	Path    string // data/<lang>/<name>.toml
	Exists  bool   // a layer has the file
	Draft   bool   // it says draft = true
	Entries []EntryState
}

// EntryState is how one entry's words stand in a language: every entry of the source
// language's file has one, in order (a section, then its promises).
type EntryState struct {
	ID         string
	Kind       string // "starter", "reply", "action", "section", "promise", "helpline"
	Words      string // the source entry's words, one field a line
	SourceHash string // the hash of those words: what stamp writes as the entry's sourceHash
	Translated bool   // the language's own file has the words (up to date or not)
	Outdated   bool   // translated from other source words than the current ones
}

// Count tallies the entries: translated and up to date, outdated, and missing (shown in
// another language).
func (s FileState) Count() (translated, outdated, missing int) {
	for _, e := range s.Entries {
		switch {
		case !e.Translated:
			missing++
		case e.Outdated:
			outdated++
		default:
			translated++
		}
	}
	return
}

// Layer is one layer's copy of a data file.
type Layer struct {
	Site bool // the site folder's copy; false for the default site's
	Src  []byte
}

// Reader returns the layers of a data file, the default site's first; none when neither
// has the file.
type Reader func(path string) ([]Layer, error)
