// Package data loads the lists that pages show: conversation starters, the TALK checklist,
// the family agreement and the helplines. Each lives in one TOML file per language
// (data/<lang>/<name>.toml) so a translator translates one file; docs/content-format.md
// describes them.
//
// Entries are matched across languages by id. The source language's file decides which
// entries exist, their order and their tags (age bands, topics, steps); a translation
// supplies only the words. An entry a translation lacks is taken from the next language of
// the reader's fallback chain, and keeps a record of the language it is really in so that
// pages can mark it with lang.
package data

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/talksite/talksite/internal/diag"
)

// AgeBands are the age bands, youngest first.
var AgeBands = []string{"under-8", "8-10", "11-13", "14-17"}

// Topics are the topics starters and guidance are tagged with.
var Topics = []string{"online-friends", "sharing-images", "gaming", "pressure", "trusted-adults", "apps-settings", "if-something-happens"}

// Steps are the TALK checklist's steps, in order.
var Steps = []string{"talk", "agree", "learn", "know"}

// Who says whom a promise is for.
var Who = []string{"everyone", "child", "grown-ups"}

// Text is a translatable string with the language it is really in.
type Text struct {
	Value string
	Lang  string
}

func (t Text) String() string { return t.Value }

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

// Purposes are what a helpline is for, in the order pages show them: a page can
// group helplines by purpose, so that a parent in a crisis finds the right one first.
var Purposes = []string{"emergency", "report-abuse", "remove-image", "report-content", "parent-support", "child-support"}

// Helpline is a helpline or reporting route.
type Helpline struct {
	ID       string
	Country  string
	Purpose  string // one of Purposes
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

// Set is every list in one language.
type Set struct {
	Lang      string
	Starters  []Starter
	Replies   []Reply
	Checklist []Action
	Agreement []Section
	Helplines []Helpline
	// Files records, for each list name, the state of the language's own file.
	Files map[string]FileState
}

// FileState is how a language's data file stands against its source.
type FileState struct {
	Path       string
	Exists     bool
	Draft      bool
	Outdated   bool   // its sourceHash differs from the source's current hash
	SourceHash string // the source's current hash
	Missing    int    // entries taken from another language
}

// Names are the data files per language.
var Names = []string{"starters", "checklist", "agreement", "helplines"}

// Reader reads a file of the site; ok is false when it does not exist.
type Reader func(path string) (b []byte, ok bool, err error)

// Problem is something wrong in a data file.
type Problem struct {
	File    string
	Line    int
	Message string
	Warning bool
}

// raw shapes of the files

type rawStarters struct {
	SourceHash string `toml:"sourceHash"`
	Draft      bool   `toml:"draft"`
	Starter    []struct {
		ID     string   `toml:"id"`
		Ages   []string `toml:"ages"`
		Topics []string `toml:"topics"`
		Text   string   `toml:"text"`
	} `toml:"starter"`
	Reply []struct {
		ID   string `toml:"id"`
		Text string `toml:"text"`
		Note string `toml:"note"`
	} `toml:"reply"`
}

type rawChecklist struct {
	SourceHash string `toml:"sourceHash"`
	Draft      bool   `toml:"draft"`
	Action     []struct {
		ID   string `toml:"id"`
		Step string `toml:"step"`
		Text string `toml:"text"`
	} `toml:"action"`
}

type rawAgreement struct {
	SourceHash string       `toml:"sourceHash"`
	Draft      bool         `toml:"draft"`
	Section    []rawSection `toml:"section"`
}

type rawSection struct {
	ID        string       `toml:"id"`
	Title     string       `toml:"title"`
	Prompt    string       `toml:"prompt"`
	PerPerson bool         `toml:"perPerson"`
	Promise   []rawPromise `toml:"promise"`
}

type rawPromise struct {
	ID   string   `toml:"id"`
	Ages []string `toml:"ages"`
	Who  string   `toml:"who"`
	Text string   `toml:"text"`
}

type rawHelplineFacts struct {
	Helpline []struct {
		ID       string    `toml:"id"`
		Country  string    `toml:"country"`
		Name     string    `toml:"name"`
		Phone    string    `toml:"phone"`
		URL      string    `toml:"url"`
		Verified time.Time `toml:"verified"`
		Weight   int       `toml:"weight"`
		Purpose  string    `toml:"purpose"`
		Checked  string    `toml:"checked"`
	} `toml:"helpline"`
}

type rawHelplineWords struct {
	Name  string `toml:"name"` // only for names that are words, such as "Emergency services"
	For   string `toml:"for"`
	Hours string `toml:"hours"`
}

// file is one decoded file with what is needed to report on it.
type file struct {
	path  string
	src   []byte
	seen  map[string]int   // ids already located, for lineOf
	lines map[string][]int // the lines each id is on
}

// lineOf returns the line of the entry with the id: the next one not yet asked for, so
// that a repeated id is reported at its second place.
func (f *file) lineOf(id string) int {
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

// keyLine returns the line of key within the entry that starts at line, or line itself
// when the entry does not set it, so that a problem points at the value to change.
func (f *file) keyLine(line int, key string) int {
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

// judgeAddress says what is wrong with a helpline's web address, or "" when nothing is:
// it must be a full https:// address, with no port, which readers can open as it is.
func judgeAddress(raw string) string {
	u, err := url.Parse(raw)
	switch {
	case err != nil || u.Scheme != "https" || u.Host == "" || u.Opaque != "":
		return "must be a full https:// address"
	case u.Port() != "":
		return fmt.Sprintf("has a port (:%s): leave it out, https:// needs none", u.Port())
	case u.User != nil:
		return "must not hold a user name or password"
	}
	return ""
}

// idLineRE finds the lines that name an entry: id = "x", or a table [x] or ["x"].
var idLineRE = regexp.MustCompile(`^\s*(?:id\s*=\s*"([^"]*)"|\[\s*"?([^"\]\[]*)"?\s*\])`)

// index notes, once, the lines on which each id appears.
func (f *file) index() {
	f.lines, f.seen = map[string][]int{}, map[string]int{}
	for i, line := range strings.Split(string(f.src), "\n") {
		if m := idLineRE.FindStringSubmatch(line); m != nil {
			id := m[1] + m[2]
			f.lines[id] = append(f.lines[id], i+1)
		}
	}
}

func decode(path string, src []byte, v any, problems *[]Problem) bool {
	md, err := toml.Decode(string(src), v)
	if err != nil {
		var pe toml.ParseError
		line := 0
		msg := err.Error()
		if errors.As(err, &pe) {
			line, msg = pe.Position.Line, pe.Message
		}
		*problems = append(*problems, Problem{File: path, Line: line, Message: msg})
		return false
	}
	f := &file{path: path, src: src}
	for _, k := range md.Undecoded() {
		*problems = append(*problems, Problem{File: path, Line: diag.KeyLine(f.src, k[len(k)-1]), Message: fmt.Sprintf("unknown key %q", k.String()), Warning: true})
	}
	return true
}

// Load reads every data file for the languages, each given with its fallback chain (the
// language first, the source language last). It returns a Set per language and every
// problem found.
func Load(read Reader, source string, chains map[string][]string) (map[string]*Set, []Problem) {
	var problems []Problem
	add := func(p Problem) { problems = append(problems, p) }

	langs := make([]string, 0, len(chains))
	for l := range chains {
		langs = append(langs, l)
	}
	slices.Sort(langs)
	readFile := func(lang, name string) *file {
		p := "data/" + lang + "/" + name + ".toml"
		b, ok, err := read(p)
		if err != nil {
			add(Problem{File: p, Message: err.Error()})
			return nil
		}
		if !ok {
			return nil
		}
		return &file{path: p, src: b}
	}

	sets := map[string]*Set{}
	for _, l := range langs {
		sets[l] = &Set{Lang: l, Files: map[string]FileState{}}
	}

	// Starters.
	{
		decoded := map[string]*rawStarters{}
		files := map[string]*file{}
		for _, l := range langs {
			if f := readFile(l, "starters"); f != nil {
				var r rawStarters
				if decode(f.path, f.src, &r, &problems) {
					decoded[l], files[l] = &r, f
				}
			}
		}
		if src := decoded[source]; src != nil {
			sf := files[source]
			seen := map[string]bool{}
			for _, s := range src.Starter {
				line := sf.lineOf(s.ID)
				checkID(sf.path, line, s.ID, seen, add)
				checkTags(sf.path, line, "ages", s.Ages, AgeBands, add)
				checkTags(sf.path, line, "topics", s.Topics, Topics, add)
				if strings.TrimSpace(s.Text) == "" {
					add(Problem{File: sf.path, Line: line, Message: fmt.Sprintf("starter %q has no text", s.ID)})
				}
			}
			for _, r := range src.Reply {
				checkID(sf.path, sf.lineOf(r.ID), r.ID, seen, add)
			}
			hash := hashOf(src.Starter, src.Reply)
			for _, l := range langs {
				set := sets[l]
				state := stateOf(files[l], decoded[l], hash, l == source)
				for _, s := range src.Starter {
					t, missing := pick(chains[l], s.ID, func(lang string) (string, bool) {
						return findStarter(decoded[lang], s.ID)
					})
					state.Missing += missing
					set.Starters = append(set.Starters, Starter{ID: s.ID, Ages: s.Ages, Topics: s.Topics, Text: t})
				}
				for _, r := range src.Reply {
					t, missing := pick(chains[l], r.ID, func(lang string) (string, bool) {
						return findReply(decoded[lang], r.ID, false)
					})
					n, _ := pick(chains[l], r.ID, func(lang string) (string, bool) {
						return findReply(decoded[lang], r.ID, true)
					})
					state.Missing += missing
					set.Replies = append(set.Replies, Reply{ID: r.ID, Text: t, Note: n})
				}
				set.Files["starters"] = state
			}
			warnExtra(files, decoded, source, func(r *rawStarters) []string {
				var ids []string
				for _, s := range r.Starter {
					ids = append(ids, s.ID)
				}
				for _, s := range r.Reply {
					ids = append(ids, s.ID)
				}
				return ids
			}, add)
		}
	}

	// Checklist.
	{
		decoded := map[string]*rawChecklist{}
		files := map[string]*file{}
		for _, l := range langs {
			if f := readFile(l, "checklist"); f != nil {
				var r rawChecklist
				if decode(f.path, f.src, &r, &problems) {
					decoded[l], files[l] = &r, f
				}
			}
		}
		if src := decoded[source]; src != nil {
			sf := files[source]
			seen := map[string]bool{}
			for _, a := range src.Action {
				line := sf.lineOf(a.ID)
				checkID(sf.path, line, a.ID, seen, add)
				if !slices.Contains(Steps, a.Step) {
					add(Problem{File: sf.path, Line: line, Message: fmt.Sprintf("action %q: step %q is not one of %s", a.ID, a.Step, strings.Join(Steps, ", "))})
				}
			}
			hash := hashOf(src.Action)
			for _, l := range langs {
				set := sets[l]
				state := stateOf(files[l], decoded[l], hash, l == source)
				for _, a := range src.Action {
					t, missing := pick(chains[l], a.ID, func(lang string) (string, bool) {
						if r := decoded[lang]; r != nil {
							for _, x := range r.Action {
								if x.ID == a.ID && strings.TrimSpace(x.Text) != "" {
									return x.Text, true
								}
							}
						}
						return "", false
					})
					state.Missing += missing
					set.Checklist = append(set.Checklist, Action{ID: a.ID, Step: a.Step, Text: t})
				}
				set.Files["checklist"] = state
			}
			warnExtra(files, decoded, source, func(r *rawChecklist) []string {
				var ids []string
				for _, a := range r.Action {
					ids = append(ids, a.ID)
				}
				return ids
			}, add)
		}
	}

	// Agreement.
	{
		decoded := map[string]*rawAgreement{}
		files := map[string]*file{}
		for _, l := range langs {
			if f := readFile(l, "agreement"); f != nil {
				var r rawAgreement
				if decode(f.path, f.src, &r, &problems) {
					decoded[l], files[l] = &r, f
				}
			}
		}
		if src := decoded[source]; src != nil {
			sf := files[source]
			seen := map[string]bool{}
			for _, s := range src.Section {
				line := sf.lineOf(s.ID)
				checkID(sf.path, line, s.ID, seen, add)
				if strings.TrimSpace(s.Title) == "" {
					add(Problem{File: sf.path, Line: line, Message: fmt.Sprintf("section %q has no title", s.ID)})
				}
				for _, p := range s.Promise {
					line := sf.lineOf(p.ID)
					checkID(sf.path, line, p.ID, seen, add)
					checkTags(sf.path, line, "ages", p.Ages, AgeBands, add)
					if !slices.Contains(Who, p.Who) {
						add(Problem{File: sf.path, Line: line, Message: fmt.Sprintf("promise %q: who %q is not one of %s", p.ID, p.Who, strings.Join(Who, ", "))})
					}
				}
			}
			hash := hashOf(src.Section)
			for _, l := range langs {
				set := sets[l]
				state := stateOf(files[l], decoded[l], hash, l == source)
				for _, s := range src.Section {
					field := func(get func(sec *rawSection) string) (Text, int) {
						return pick(chains[l], s.ID, func(lang string) (string, bool) {
							if r := decoded[lang]; r != nil {
								for i := range r.Section {
									if r.Section[i].ID == s.ID {
										v := get(&r.Section[i])
										return v, strings.TrimSpace(v) != ""
									}
								}
							}
							return "", false
						})
					}
					title, m1 := field(func(sec *rawSection) string {
						return sec.Title
					})
					prompt, _ := field(func(sec *rawSection) string {
						return sec.Prompt
					})
					state.Missing += m1
					sec := Section{ID: s.ID, Title: title, Prompt: prompt, PerPerson: s.PerPerson}
					for _, p := range s.Promise {
						t, missing := pick(chains[l], p.ID, func(lang string) (string, bool) {
							if r := decoded[lang]; r != nil {
								for _, rs := range r.Section {
									for _, rp := range rs.Promise {
										if rp.ID == p.ID && strings.TrimSpace(rp.Text) != "" {
											return rp.Text, true
										}
									}
								}
							}
							return "", false
						})
						state.Missing += missing
						sec.Promises = append(sec.Promises, Promise{ID: p.ID, Ages: p.Ages, Who: p.Who, Text: t})
					}
					set.Agreement = append(set.Agreement, sec)
				}
				set.Files["agreement"] = state
			}
		}
	}

	// Helplines: language-neutral facts, words per language.
	{
		factsPath := "data/helplines.toml"
		b, ok, err := read(factsPath)
		if err != nil {
			add(Problem{File: factsPath, Message: err.Error()})
		}
		var facts rawHelplineFacts
		if ok && decode(factsPath, b, &facts, &problems) {
			ff := &file{path: factsPath, src: b}
			seen := map[string]bool{}
			for _, h := range facts.Helpline {
				line := ff.lineOf(h.ID)
				checkID(factsPath, line, h.ID, seen, add)
				if h.Name == "" {
					add(Problem{File: factsPath, Line: line, Message: fmt.Sprintf("helpline %q has no name", h.ID)})
				}
				if !countryRE.MatchString(h.Country) {
					add(Problem{File: factsPath, Line: line, Message: fmt.Sprintf("helpline %q: country %q must be a two-letter code such as GB, or INT for routes that work anywhere", h.ID, h.Country)})
				}
				emergency := h.Purpose == "emergency"
				switch {
				case h.Purpose == "":
					add(Problem{File: factsPath, Line: line, Message: fmt.Sprintf("helpline %q has no purpose: give one of %s", h.ID, strings.Join(Purposes, ", "))})
				case !slices.Contains(Purposes, h.Purpose):
					add(Problem{File: factsPath, Line: ff.keyLine(line, "purpose"), Message: fmt.Sprintf("helpline %q: purpose %q is not one of %s", h.ID, h.Purpose, strings.Join(Purposes, ", "))})
				}
				if h.URL != "" {
					if msg := judgeAddress(h.URL); msg != "" {
						add(Problem{File: factsPath, Line: ff.keyLine(line, "url"), Message: fmt.Sprintf("helpline %q: url %q %s", h.ID, h.URL, msg)})
					}
				}
				if h.Checked == "" {
					add(Problem{File: factsPath, Line: line, Message: fmt.Sprintf("helpline %q has no checked page: give the https:// address of the organisation's own page that states these details", h.ID)})
				} else if msg := judgeAddress(h.Checked); msg != "" {
					add(Problem{File: factsPath, Line: ff.keyLine(line, "checked"), Message: fmt.Sprintf("helpline %q: checked %q %s", h.ID, h.Checked, msg)})
				}
				if emergency && h.Phone == "" {
					add(Problem{File: factsPath, Line: line, Message: fmt.Sprintf("emergency number %q has no phone", h.ID)})
				}
				if !emergency && h.URL == "" {
					add(Problem{File: factsPath, Line: line, Message: fmt.Sprintf("helpline %q has no url: give the https:// address of its own page, where readers can check the details", h.ID)})
				}
				if h.Verified.IsZero() {
					add(Problem{File: factsPath, Line: line, Message: fmt.Sprintf("helpline %q has no verified date (verified = YYYY-MM-DD)", h.ID)})
				}
			}
			words := map[string]map[string]rawHelplineWords{}
			metas := map[string]fileMeta{}
			files := map[string]*file{}
			for _, l := range langs {
				if f := readFile(l, "helplines"); f != nil {
					if w, meta, ok := decodeWords(f, &problems); ok {
						words[l], metas[l], files[l] = w, meta, f
					}
				}
			}
			var srcHash string
			if w := words[source]; w != nil {
				srcHash = hashOf(w)
			}
			for _, l := range langs {
				set := sets[l]
				state := FileState{Path: "data/" + l + "/helplines.toml", SourceHash: srcHash}
				if files[l] != nil {
					state.Exists = true
					if l != source {
						state.Draft = metas[l].Draft
						state.Outdated = metas[l].SourceHash != srcHash
					}
				}
				for _, h := range facts.Helpline {
					get := func(which func(rawHelplineWords) string) (Text, int) {
						return pick(chains[l], h.ID, func(lang string) (string, bool) {
							w, ok := words[lang][h.ID]
							v := which(w)
							return v, ok && strings.TrimSpace(v) != ""
						})
					}
					name, _ := get(func(w rawHelplineWords) string { return w.Name })
					if name.Value == "" {
						// A name from the facts file is a proper noun in the source language.
						name = Text{Value: h.Name, Lang: source}
					}
					forText, missing := get(func(w rawHelplineWords) string { return w.For })
					hours, _ := get(func(w rawHelplineWords) string { return w.Hours })
					state.Missing += missing
					set.Helplines = append(set.Helplines, Helpline{ID: h.ID, Country: strings.ToUpper(h.Country), Purpose: h.Purpose, Name: name, Phone: h.Phone, URL: h.URL, Checked: h.Checked, Verified: h.Verified, Weight: h.Weight, For: forText, Hours: hours})
				}
				set.Files["helplines"] = state
			}
		}
	}
	return sets, problems
}

type fileMeta struct {
	SourceHash string
	Draft      bool
}

// decodeWords reads a helplines words file: optional sourceHash and draft, then one table
// per helpline id.
func decodeWords(f *file, problems *[]Problem) (map[string]rawHelplineWords, fileMeta, bool) {
	var raw map[string]toml.Primitive
	md, err := toml.Decode(string(f.src), &raw)
	if err != nil {
		decode(f.path, f.src, &raw, problems) // reports the parse error with its line
		return nil, fileMeta{}, false
	}
	var meta fileMeta
	words := map[string]rawHelplineWords{}
	for key, prim := range raw {
		var err error
		switch key {
		case "sourceHash":
			err = md.PrimitiveDecode(prim, &meta.SourceHash)
		case "draft":
			err = md.PrimitiveDecode(prim, &meta.Draft)
		default:
			var w rawHelplineWords
			err = md.PrimitiveDecode(prim, &w)
			words[key] = w
		}
		if err != nil {
			*problems = append(*problems, Problem{File: f.path, Line: diag.KeyLine(f.src, key), Message: fmt.Sprintf("%s: %v", key, err)})
		}
	}
	for _, k := range md.Undecoded() {
		*problems = append(*problems, Problem{File: f.path, Line: diag.KeyLine(f.src, k[len(k)-1]), Message: fmt.Sprintf("unknown key %q", k.String()), Warning: true})
	}
	return words, meta, true
}

// pick returns the first language of the chain that has a text for id; missing is 1 when
// that is not the chain's first language.
func pick(chain []string, id string, get func(lang string) (string, bool)) (Text, int) {
	for i, lang := range chain {
		if v, ok := get(lang); ok {
			if i == 0 {
				return Text{Value: v, Lang: lang}, 0
			}
			return Text{Value: v, Lang: lang}, 1
		}
	}
	return Text{}, 1
}

func findStarter(r *rawStarters, id string) (string, bool) {
	if r == nil {
		return "", false
	}
	for _, s := range r.Starter {
		if s.ID == id && strings.TrimSpace(s.Text) != "" {
			return s.Text, true
		}
	}
	return "", false
}

func findReply(r *rawStarters, id string, note bool) (string, bool) {
	if r == nil {
		return "", false
	}
	for _, s := range r.Reply {
		if s.ID == id {
			v := s.Text
			if note {
				v = s.Note
			}
			return v, strings.TrimSpace(v) != ""
		}
	}
	return "", false
}

type metaOf interface{ meta() (string, bool) }

func (r *rawStarters) meta() (string, bool)  { return r.SourceHash, r.Draft }
func (r *rawChecklist) meta() (string, bool) { return r.SourceHash, r.Draft }
func (r *rawAgreement) meta() (string, bool) { return r.SourceHash, r.Draft }

func stateOf[T metaOf](f *file, r T, hash string, isSource bool) FileState {
	st := FileState{SourceHash: hash}
	if f == nil {
		return st
	}
	st.Path, st.Exists = f.path, true
	if !isSource {
		sh, draft := r.meta()
		st.Draft, st.Outdated = draft, sh != hash
	}
	return st
}

func warnExtra[T any](files map[string]*file, decoded map[string]T, source string, ids func(T) []string, add func(Problem)) {
	srcIDs := ids(decoded[source])
	for lang, r := range decoded {
		if lang == source {
			continue
		}
		for _, id := range ids(r) {
			if !slices.Contains(srcIDs, id) {
				add(Problem{File: files[lang].path, Line: files[lang].lineOf(id), Warning: true,
					Message: fmt.Sprintf("%q is not in the source language's file, so it is not shown", id)})
			}
		}
	}
}

var idRE = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

var countryRE = regexp.MustCompile(`^([A-Za-z]{2}|INT)$`)

func checkID(path string, line int, id string, seen map[string]bool, add func(Problem)) {
	switch {
	case id == "":
		add(Problem{File: path, Line: line, Message: "an entry has no id"})
	case !idRE.MatchString(id):
		add(Problem{File: path, Line: line, Message: fmt.Sprintf("id %q: use lower-case letters, digits and hyphens", id)})
	case seen[id]:
		add(Problem{File: path, Line: line, Message: fmt.Sprintf("id %q is used twice", id)})
	}
	seen[id] = true
}

func checkTags(path string, line int, what string, got, allowed []string, add func(Problem)) {
	if len(got) == 0 {
		add(Problem{File: path, Line: line, Message: fmt.Sprintf("no %s: give at least one of %s", what, strings.Join(allowed, ", "))})
	}
	for _, g := range got {
		if !slices.Contains(allowed, g) {
			add(Problem{File: path, Line: line, Message: fmt.Sprintf("%s: %q is not one of %s", what, g, strings.Join(allowed, ", "))})
		}
	}
}

// hashOf fingerprints the source content a translation is made from.
func hashOf(v ...any) string {
	h := sha256.New()
	fmt.Fprintf(h, "%v", v)
	return hex.EncodeToString(h.Sum(nil))[:8]
}
