package listfile

import (
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/talksite/talksite/internal/diag"
	"github.com/talksite/talksite/internal/tomlfile"
)

// Kind is the type a key's value must have.
type Kind int

const (
	String  Kind = iota // text in quotes
	Strings             // a list of texts
	Bool                // true or false
	Int                 // a whole number
	Date                // a date, YYYY-MM-DD
)

var kindNames = map[Kind]string{
	String: "text in quotes", Strings: `a list of texts in quotes, such as ["a", "b"]`,
	Bool: "true or false", Int: "a whole number", Date: "a date (YYYY-MM-DD)",
}

// Shape says how a list is written in its file.
type Shape struct {
	Key    string          // the array of tables, e.g. "starter"; "" for one table per id ([gb-emergency])
	Path   string          // the key as messages name it: "starter", "section.promise"
	Name   string          // what messages call an entry: "helpline"; Key when empty
	Keys   map[string]Kind // the keys an entry may have besides id, remove and sourceHash
	Nested *Shape          // the list inside each entry, e.g. a section's promises
}

// common are the keys every entry may have.
var common = map[string]Kind{"id": String, "remove": Bool, "sourceHash": String}

// File is one layer of a data file with what is needed to report on it.
type File struct {
	path  string // what problems name: the path, or "default <path>" under a site's copy
	site  bool   // the site folder's layer
	src   []byte
	top   map[string]any   // decoded
	seen  map[string]int   // ids already located, for lineOf
	lines map[string][]int // the lines each id is on
	keys  *tomlfile.Keys   // the keys it writes, read once (see keyIndex)
}

// Entry is one entry of a list, its layers merged.
type Entry struct {
	ID     string
	Nested []*Entry       // the entries of the shape's nested list
	From   *File          // the layer that last set it
	Line   int            // its line there
	keys   map[string]any // merged key by key; nested lists are in Nested
	added  bool           // the site layer added it (rather than replacing an entry of the default)
}

// Str returns a String key's value, or "".
func (e *Entry) Str(key string) string {
	s, _ := e.keys[key].(string)
	return s
}

// Strs returns a Strings key's value, or nil.
func (e *Entry) Strs(key string) []string {
	l, _ := e.keys[key].([]string)
	return l
}

// Flag returns a Bool key's value, or false.
func (e *Entry) Flag(key string) bool {
	b, _ := e.keys[key].(bool)
	return b
}

// Int returns an Int key's value, or 0.
func (e *Entry) Int(key string) int {
	n, _ := e.keys[key].(int64)
	return int(n)
}

// Date returns a Date key's value, or the zero time.
func (e *Entry) Date(key string) time.Time {
	t, _ := e.keys[key].(time.Time)
	return t
}

// Loader loads data files and collects their problems. The zero value is ready to use.
type Loader struct {
	diags   []diag.Diagnostic
	removed []EntryOrigin // what the site layer removed, for Origins
}

// Diagnostics returns every problem found so far.
func (ld *Loader) Diagnostics() []diag.Diagnostic { return ld.diags }

// Errorf reports an error at a line of a layer.
func (ld *Loader) Errorf(f *File, line int, format string, args ...any) {
	ld.diags = append(ld.diags, diag.Errorf(f.path, line, format, args...))
}

// Warnf reports a warning at a line of a layer.
func (ld *Loader) Warnf(f *File, line int, format string, args ...any) {
	ld.diags = append(ld.diags, diag.Warnf(f.path, line, format, args...))
}

// open decodes the layers of a file, the default's first. A site layer byte for byte the
// same as the default's is one layer (this repository's own folder is such a site).
func (ld *Loader) open(path string, layers []Layer) []*File {
	if len(layers) == 2 && string(layers[0].Src) == string(layers[1].Src) {
		layers = layers[1:]
	}
	var files []*File
	for _, l := range layers {
		f := &File{path: path, site: l.Site, src: l.Src}
		if !l.Site && len(layers) > 1 {
			f.path = "default " + path
		}
		if _, err := tomlfile.Decode(f.path, l.Src, &f.top); err != nil {
			ld.diags = append(ld.diags, diag.At(f.path, 0, err))
			continue
		}
		files = append(files, f)
	}
	return files
}

// merge lays the entries of a list in file f over the entries of the layers before it:
// a new id is added at the end, a known id has its keys replaced one by one (and its
// nested list merged the same way), and remove = true takes the entry out. seen holds the
// ids f has already used, so that a file cannot use one twice.
func (ld *Loader) merge(base []*Entry, f *File, sh *Shape, raws []map[string]any, seen map[string]bool) []*Entry {
	for _, raw := range raws {
		id, _ := raw["id"].(string)
		line := f.lineOf(id)
		twice := seen[id]
		ld.checkID(f, line, id, seen)
		if id == "" {
			continue
		}
		i := slices.IndexFunc(base, func(e *Entry) bool { return e.ID == id })
		if twice {
			i = -1 // an error: keep both, so that each is checked
		}
		if b, _ := raw["remove"].(bool); b {
			if i < 0 {
				ld.Errorf(f, line, "remove = true: there is no %s %q to remove", what(sh), id)
			} else {
				base = slices.Delete(slices.Clone(base), i, i+1)
				ld.removed = append(ld.removed, EntryOrigin{Kind: what(sh), ID: id, Change: "removed"})
			}
			continue
		}
		e := &Entry{ID: id, keys: map[string]any{}, added: f.site}
		if i >= 0 {
			old := base[i]
			e.keys, e.Nested, e.added = clone(old.keys), old.Nested, old.added
		}
		e.From, e.Line = f, line
		for _, key := range slices.Sorted(maps.Keys(raw)) {
			v := raw[key]
			if sh.Nested != nil && key == sh.Nested.Key {
				subs, ok := v.([]map[string]any)
				if !ok {
					ld.Errorf(f, f.KeyLine(line, key), "%s: write each one as [[%s]]", key, sh.Nested.Path)
					continue
				}
				e.Nested = ld.merge(e.Nested, f, sh.Nested, subs, seen)
				continue
			}
			k, known := sh.Keys[key]
			if !known {
				k, known = common[key]
			}
			if !known {
				prefix := sh.Path
				if prefix == "" {
					prefix = id
				}
				ld.Warnf(f, f.KeyLine(line, key), "unknown key %q", prefix+"."+key)
				continue
			}
			if v, ok := convert(v, k); ok {
				e.keys[key] = v
			} else {
				ld.Errorf(f, f.KeyLine(line, key), "%s %q: %s must be %s", what(sh), id, key, kindNames[k])
			}
		}
		if i >= 0 {
			base = slices.Clone(base)
			base[i] = e
		} else {
			base = append(base, e)
		}
	}
	return base
}

// what names an entry of a list in a message: "starter", "helpline".
func what(sh *Shape) string {
	if sh.Name != "" {
		return sh.Name
	}
	return sh.Key
}

// convert returns v as the kind wants, and whether it is of that kind.
func convert(v any, k Kind) (any, bool) {
	switch k {
	case String:
		s, ok := v.(string)
		return s, ok
	case Bool:
		b, ok := v.(bool)
		return b, ok
	case Int:
		n, ok := v.(int64)
		return n, ok
	case Date:
		t, ok := v.(time.Time)
		return t, ok
	case Strings:
		list, ok := v.([]any)
		if !ok {
			return nil, false
		}
		out := make([]string, 0, len(list))
		for _, x := range list {
			s, ok := x.(string)
			if !ok {
				return nil, false
			}
			out = append(out, s)
		}
		return out, true
	}
	return nil, false
}

func clone(m map[string]any) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// entriesOf returns the raw entries of a list in a decoded file, in file order.
func (f *File) entriesOf(sh *Shape) ([]map[string]any, error) {
	if sh.Key != "" {
		v, ok := f.top[sh.Key]
		if !ok {
			return nil, nil
		}
		list, ok := v.([]map[string]any)
		if !ok {
			return nil, fmt.Errorf("%s: write each entry as [[%s]]", sh.Key, sh.Key)
		}
		return list, nil
	}
	// One table per id: [gb-emergency]. Other top-level keys belong to the file.
	var raws []map[string]any
	for _, id := range slices.Sorted(maps.Keys(f.top)) {
		t, ok := f.top[id].(map[string]any)
		if !ok {
			continue
		}
		raw := clone(t)
		raw["id"] = id
		raws = append(raws, raw)
	}
	lines := map[string]int{}
	for _, r := range raws {
		lines[r["id"].(string)] = f.keyIndex().Line(r["id"].(string))
	}
	slices.SortStableFunc(raws, func(a, b map[string]any) int { return lines[a["id"].(string)] - lines[b["id"].(string)] })
	return raws, nil
}

// keyIndex returns the keys the file writes, read on first use: a file of tables asks
// for the line of every entry's.
func (f *File) keyIndex() *tomlfile.Keys {
	if f.keys == nil {
		f.keys = tomlfile.IndexKeys(f.src)
	}
	return f.keys
}

// lineOf returns the line of the entry with the id: the next one not yet asked for, so
// that a repeated id is reported at its second place.
func (f *File) lineOf(id string) int {
	if id == "" {
		return 0
	}
	if f.lines == nil {
		f.index()
	}
	lines := f.lines[id]
	if len(lines) == 0 {
		return 0
	}
	n := min(f.seen[id], len(lines)-1)
	f.seen[id]++
	return lines[n]
}

// KeyLine returns the line of key within the entry that starts at line, or line itself
// when the entry does not set it, so that a problem points at the value to change.
func (f *File) KeyLine(line int, key string) int {
	if line <= 0 {
		return line
	}
	lines := strings.Split(string(f.src), "\n")
	re := regexp.MustCompile(`^\s*"?` + regexp.QuoteMeta(key) + `"?\s*=`)
	for i := line; i < len(lines); i++ { // lines[line] is the line after the entry's id
		l := strings.TrimSpace(lines[i])
		if strings.HasPrefix(l, "[") || idLineRE.MatchString(lines[i]) {
			break // the next entry
		}
		if re.MatchString(lines[i]) {
			return i + 1
		}
	}
	// The key may come before the id within the entry.
	for i := line - 2; i >= 0; i-- {
		l := strings.TrimSpace(lines[i])
		if strings.HasPrefix(l, "[") {
			break
		}
		if re.MatchString(lines[i]) {
			return i + 1
		}
	}
	return line
}

// idLineRE finds the lines that name an entry: id = "x", or a table [x] or ["x"].
var idLineRE = regexp.MustCompile(`^\s*(?:id\s*=\s*"([^"]*)"|\[\s*"?([^"\]\[]*)"?\s*\])`)

// index notes, once, the lines on which each id appears.
func (f *File) index() {
	f.lines, f.seen = map[string][]int{}, map[string]int{}
	for i, line := range strings.Split(string(f.src), "\n") {
		if m := idLineRE.FindStringSubmatch(line); m != nil {
			id := m[1] + m[2]
			f.lines[id] = append(f.lines[id], i+1)
		}
	}
}

var idRE = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

func (ld *Loader) checkID(f *File, line int, id string, seen map[string]bool) {
	switch {
	case id == "":
		ld.Errorf(f, line, "an entry has no id")
	case !idRE.MatchString(id):
		ld.Errorf(f, line, "id %q: use lower-case letters, digits and hyphens", id)
	case seen[id]:
		ld.Errorf(f, line, "id %q is used twice", id)
	}
	seen[id] = true
}

// fileKeys reports unknown top-level keys of a file: anything but its lists, draft,
// reviewedBy and reviewed (a translation's fluent reader and when; read by i18n status), and
// sourceHash (a whole-file hash from before entries were tracked one by one; ignored).
func (ld *Loader) fileKeys(f *File, shapes []*Shape) {
	for _, key := range slices.Sorted(maps.Keys(f.top)) {
		_, table := f.top[key].(map[string]any)
		if key == "draft" || key == "sourceHash" || key == "reviewedBy" || key == "reviewed" || slices.ContainsFunc(shapes, func(sh *Shape) bool { return sh.Key == key || sh.Key == "" && table }) {
			continue
		}
		ld.Warnf(f, tomlfile.KeyLine(f.src, key), "unknown key %q", key)
	}
	if v, ok := f.top["draft"]; ok {
		if _, ok := v.(bool); !ok {
			ld.Errorf(f, tomlfile.KeyLine(f.src, "draft"), "draft must be true or false")
		}
	}
}

// Layered is a file's lists after merging its layers.
type Layered struct {
	Files []*File             // the layers read, the default's first
	Lists map[string][]*Entry // by shape key
	draft bool
}

// Load reads and merges a file with the lists of the shapes.
func (ld *Loader) Load(read Reader, path string, shapes ...*Shape) *Layered {
	out := &Layered{Lists: map[string][]*Entry{}}
	layers, err := read(path)
	if err != nil {
		ld.diags = append(ld.diags, diag.At(path, 0, err))
	}
	out.Files = ld.open(path, layers)
	for _, f := range out.Files {
		ld.fileKeys(f, shapes)
		if d, ok := f.top["draft"].(bool); ok {
			out.draft = d
		}
		seen := map[string]bool{}
		for _, sh := range shapes {
			raws, err := f.entriesOf(sh)
			if err != nil {
				ld.Errorf(f, tomlfile.KeyLine(f.src, sh.Key), "%v", err)
				continue
			}
			out.Lists[sh.Key] = ld.merge(out.Lists[sh.Key], f, sh, raws, seen)
		}
	}
	return out
}

// byID indexes every entry of the lists, nested ones included.
func (l *Layered) byID() map[string]*Entry {
	m := map[string]*Entry{}
	var walk func([]*Entry)
	walk = func(es []*Entry) {
		for _, e := range es {
			m[e.ID] = e
			walk(e.Nested)
		}
	}
	for _, key := range slices.Sorted(maps.Keys(l.Lists)) {
		walk(l.Lists[key])
	}
	return m
}
