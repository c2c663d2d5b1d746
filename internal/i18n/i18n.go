// Package i18n owns the interface strings: the words of buttons, headings and notices that
// layouts show, kept in i18n/<tag>.toml and translated by volunteers. It is the only package
// that touches go-i18n, which does the CLDR plural selection and fills in placeholders.
//
// What talksite adds, because go-i18n leaves it out (see docs/translating.md):
//   - A fallback chain per language (pt-BR → pt → en). go-i18n falls back one level, to the
//     bundle's default language.
//   - A record of the source each translation was made from: sourceHash on each string is
//     the hash of the source string it translates. When the source changes, the translation
//     is outdated. Unlike go-i18n's own hash, this survives a round trip through Weblate,
//     because export and import keep it outside the exchanged file.
//   - Checks that a translation keeps its source's placeholders, has the plural forms its
//     language needs and contains no HTML. Translations are untrusted: their output is
//     plain text, escaped by html/template wherever it is used.
//
// # File format
//
//	"nav.home" = "Home"                 # a plain string
//	[starters.count]                    # a string with plural forms and metadata
//	description = "Number of starters shown"
//	one = "{{.Count}} conversation starter"
//	other = "{{.Count}} conversation starters"
//	sourceHash = "3f9a1c2e"             # in a translation: the source it was made from
//	draft = true                        # in a translation: not yet checked by a fluent reader
//
//	[_meta]
//	draft = true                        # every string of the file is a draft
//	reviewedBy = "Polish Women's Aid"   # who, reading the language fluently, checked them
//	reviewed = 2026-12-03               # when
//
// A translation is a draft until a fluent reader has checked it: a file with reviewedBy and
// without draft is reviewed (issue 13), and only then do pages drop the draft notice.
// An empty string counts as not translated.
package i18n

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	texttemplate "text/template"
	"text/template/parse"
	"time"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"github.com/talksite/talksite/internal/diag"
	"github.com/talksite/talksite/internal/tomlfile"
	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"
)

// Forms are the CLDR plural forms, in CLDR order.
var Forms = []string{"zero", "one", "two", "few", "many", "other"}

// Message is one interface string in one language.
type Message struct {
	ID          string
	Forms       map[string]string // plural form → text; "other" for a plain string
	Description string
	SourceHash  string
	Draft       bool
	Line        int // where it is defined
}

// Text returns the "other" form, the text of a plain string.
func (m *Message) Text() string { return m.Forms["other"] }

// Empty reports whether the message has no text at all.
func (m *Message) Empty() bool {
	for _, v := range m.Forms {
		if strings.TrimSpace(v) != "" {
			return false
		}
	}
	return true
}

// Hash identifies the content of a source message: translations record it as sourceHash.
func (m *Message) Hash() string {
	h := sha256.New()
	h.Write([]byte(m.Description))
	for _, f := range Forms {
		h.Write([]byte{0})
		h.Write([]byte(m.Forms[f]))
	}
	return hex.EncodeToString(h.Sum(nil))[:8]
}

// StatusPath is where the record of a language's translations is kept: which version of
// each source string it was made from, and whether the file is a draft. It sits beside the
// strings rather than inside them because translation platforms such as Weblate rewrite the
// strings file and drop keys they do not know.
func StatusPath(lang string) string { return "i18n/status/" + lang + ".toml" }

// Status is the content of a status file.
type Status struct {
	Draft      bool              `toml:"draft"`
	ReviewedBy string            `toml:"reviewedBy"` // kept here too: Weblate drops [_meta]
	SourceHash map[string]string `toml:"sourceHash"`
}

// ParseStatus reads a status file.
func ParseStatus(path string, src []byte) (*Status, error) {
	st := &Status{}
	if _, err := tomlfile.Decode(path, src, st); err != nil {
		return nil, err
	}
	return st, nil
}

// Apply merges a status file into the strings: a sourceHash written in the strings file
// itself wins.
func (f *File) Apply(st *Status) {
	if st == nil {
		return
	}
	f.Draft = f.Draft || st.Draft
	if f.ReviewedBy == "" {
		f.ReviewedBy = st.ReviewedBy
	}
	for id, h := range st.SourceHash {
		if m := f.Messages[id]; m != nil && m.SourceHash == "" {
			m.SourceHash = h
		}
	}
}

// File is one language's strings.
type File struct {
	Lang       string
	Path       string
	Draft      bool   // [_meta] draft = true
	ReviewedBy string // [_meta] reviewedBy: the fluent reader (a name or an organisation)
	Reviewed   string // [_meta] reviewed: when, YYYY-MM-DD
	Messages   map[string]*Message
}

// IsReviewed reports whether a fluent reader has checked the file: it names one and is
// not marked draft.
func (f *File) IsReviewed() bool { return f.ReviewedBy != "" && !f.Draft }

// IDs returns the file's message ids, sorted.
func (f *File) IDs() []string {
	ids := make([]string, 0, len(f.Messages))
	for id := range f.Messages {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

var reserved = []string{"id", "description", "hash", "sourceHash", "draft", "leftDelim", "rightDelim", "zero", "one", "two", "few", "many", "other"}

// Parse reads one i18n/<tag>.toml file.
func Parse(lang, path string, src []byte) (*File, error) {
	var raw map[string]any
	md, err := tomlfile.Decode(path, src, &raw)
	if err != nil {
		return nil, err
	}
	f := &File{Lang: lang, Path: path, Messages: map[string]*Message{}}
	lines := keyLines(src, md.Keys())
	var errs []error
	var walk func(prefix string, m map[string]any)
	walk = func(prefix string, m map[string]any) {
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			id := k
			if prefix != "" {
				id = prefix + "." + k
			}
			if id == "_meta" {
				if t, ok := m[k].(map[string]any); ok {
					f.Draft, _ = t["draft"].(bool)
					f.ReviewedBy, _ = t["reviewedBy"].(string)
					switch d := t["reviewed"].(type) {
					case string:
						f.Reviewed = d
					case time.Time:
						f.Reviewed = d.Format("2006-01-02")
					}
				}
				continue
			}
			switch v := m[k].(type) {
			case string:
				if err := checkPlaceholders(v); err != nil {
					errs = append(errs, diag.Errorf(path, lines[id], "%s: %v", id, err))
					continue
				}
				f.Messages[id] = &Message{ID: id, Forms: map[string]string{"other": v}, Line: lines[id]}
			case map[string]any:
				if isMessage(v) {
					msg, err := toMessage(id, v)
					if err != nil {
						errs = append(errs, diag.Errorf(path, lines[id], "%s: %v", id, err))
						continue
					}
					msg.Line = lines[id]
					f.Messages[id] = msg
				} else {
					walk(id, v)
				}
			default:
				errs = append(errs, diag.Errorf(path, lines[id], "%s: want text or a table of plural forms", id))
			}
		}
	}
	walk("", raw)
	return f, errors.Join(errs...)
}

// checkPlaceholders accepts text with {{.Name}} placeholders and nothing else. Strings are
// Go templates underneath (go-i18n runs them), and a translation from a volunteer must not
// be able to loop, define templates or call functions.
func checkPlaceholders(s string) error {
	if !strings.Contains(s, "{{") {
		return nil
	}
	bad := fmt.Errorf("only placeholders like {{.Count}} may be written between {{ and }}")
	t, err := texttemplate.New("").Parse(s)
	if err != nil {
		return bad
	}
	if len(t.Templates()) > 1 || t.Tree == nil {
		return bad
	}
	for _, n := range t.Tree.Root.Nodes {
		switch n := n.(type) {
		case *parse.TextNode:
		case *parse.ActionNode:
			p := n.Pipe
			if len(p.Decl) > 0 || len(p.Cmds) != 1 || len(p.Cmds[0].Args) != 1 {
				return bad
			}
			if f, ok := p.Cmds[0].Args[0].(*parse.FieldNode); !ok || len(f.Ident) != 1 {
				return bad
			}
		default:
			return bad
		}
	}
	return nil
}

func isMessage(m map[string]any) bool {
	if len(m) == 0 {
		return false
	}
	for k, v := range m {
		if !slices.Contains(reserved, k) {
			return false
		}
		if _, isTable := v.(map[string]any); isTable {
			return false
		}
	}
	return true
}

func toMessage(id string, m map[string]any) (*Message, error) {
	msg := &Message{ID: id, Forms: map[string]string{}}
	for k, v := range m {
		switch k {
		case "draft":
			b, ok := v.(bool)
			if !ok {
				return nil, fmt.Errorf("draft must be true or false")
			}
			msg.Draft = b
			continue
		case "id", "hash", "leftDelim", "rightDelim":
			continue
		}
		s, ok := v.(string)
		if !ok {
			return nil, fmt.Errorf("%s must be text", k)
		}
		switch k {
		case "description":
			msg.Description = s
		case "sourceHash":
			msg.SourceHash = s
		default:
			msg.Forms[k] = s
		}
	}
	for form, text := range msg.Forms {
		if err := checkPlaceholders(text); err != nil {
			return nil, fmt.Errorf("%s form: %v", form, err)
		}
	}
	if _, ok := msg.Forms["other"]; !ok && len(msg.Forms) > 0 {
		return nil, fmt.Errorf("has no \"other\" form (every string needs one)")
	}
	if len(msg.Forms) == 0 {
		msg.Forms["other"] = ""
	}
	return msg, nil
}

// keyLines maps each dotted key to the line that defines it, from the decoder's metadata.
func keyLines(src []byte, keys []tomlfile.Key) map[string]int {
	out := map[string]int{}
	lines := strings.Split(string(src), "\n")
	next := 0
	for _, k := range keys {
		id := strings.Join(k, ".")
		last := k[len(k)-1]
		for i := next; i < len(lines); i++ {
			l := strings.TrimSpace(lines[i])
			if strings.HasPrefix(l, "#") || l == "" {
				continue
			}
			if strings.Contains(l, last) {
				out[id] = i + 1
				next = i
				break
			}
		}
	}
	return out
}

// Catalog holds every language's strings.
type Catalog struct {
	source string // the default language
	files  map[string]*File
	bundle *goi18n.Bundle
}

// NewCatalog builds a catalog from parsed files. source is the default language, whose file
// defines every string.
func NewCatalog(source string, files []*File) (*Catalog, error) {
	srcTag, err := language.Parse(source)
	if err != nil {
		return nil, err
	}
	c := &Catalog{source: source, files: map[string]*File{}, bundle: goi18n.NewBundle(srcTag)}
	for _, f := range files {
		c.files[f.Lang] = f
		tag, err := language.Parse(f.Lang)
		if err != nil {
			return nil, diag.Errorf(f.Path, 0, "%v", err)
		}
		for _, id := range f.IDs() {
			m := f.Messages[id]
			if m.Empty() {
				continue
			}
			gm := &goi18n.Message{ID: id, Description: m.Description,
				Zero: m.Forms["zero"], One: m.Forms["one"], Two: m.Forms["two"],
				Few: m.Forms["few"], Many: m.Forms["many"], Other: m.Forms["other"]}
			if err := c.bundle.AddMessages(tag, gm); err != nil {
				return nil, diag.Errorf(f.Path, m.Line, "%s: %v", id, err)
			}
		}
	}
	if c.files[source] == nil {
		c.files[source] = &File{Lang: source, Path: "i18n/" + source + ".toml", Messages: map[string]*Message{}}
	}
	return c, nil
}

// Source returns the source language's file.
func (c *Catalog) Source() *File { return c.files[c.source] }

// File returns a language's file, or nil.
func (c *Catalog) File(lang string) *File { return c.files[lang] }

// Has reports whether lang has a non-empty translation of id.
func (c *Catalog) Has(lang, id string) bool {
	f := c.files[lang]
	if f == nil {
		return false
	}
	m := f.Messages[id]
	return m != nil && !m.Empty()
}

// Localizer translates strings for one language, along its fallback chain. It is safe for
// concurrent use and remembers what it has translated.
type Localizer struct {
	c      *Catalog
	chain  []string
	locs   map[string]*goi18n.Localizer
	mu     sync.Mutex
	cache  map[cacheKey]string
	report func(diag.Diagnostic)
}

type cacheKey struct {
	id    string
	count int
	data  string
}

// Localizer returns a localizer for the chain (the language first). report receives each
// problem once per string; it may be nil. A string no language has is an error; one that
// go-i18n cannot fill in is a warning, and the text is shown as far as it goes.
func (c *Catalog) Localizer(chain []string, report func(diag.Diagnostic)) *Localizer {
	l := &Localizer{c: c, chain: chain, locs: map[string]*goi18n.Localizer{}, cache: map[cacheKey]string{}, report: report}
	for _, lang := range chain {
		l.locs[lang] = goi18n.NewLocalizer(c.bundle, lang)
	}
	return l
}

// Lang returns the language that provides id for this localizer (the first in the chain
// that has it), or "".
func (l *Localizer) Lang(id string) string {
	for _, lang := range l.chain {
		if l.c.Has(lang, id) {
			return lang
		}
	}
	return ""
}

// Forms returns the raw plural forms of a string (placeholders not filled in) from the first
// language of the chain that has it, for scripts that pick the form themselves with
// Intl.PluralRules.
func (l *Localizer) Forms(id string) map[string]string {
	lang := l.Lang(id)
	if lang == "" {
		l.problem(diag.Errorf(l.c.Source().Path, 0, "no string %q: a layout uses it, so define it in %s", id, l.c.Source().Path))
		return nil
	}
	out := map[string]string{}
	for k, v := range l.c.files[lang].Messages[id].Forms {
		if v != "" {
			out[k] = v
		}
	}
	return out
}

// Translate returns the string id. count, when not nil, selects the plural form and is
// available as {{.Count}}; data adds other placeholders.
func (l *Localizer) Translate(id string, count *int, data map[string]any) string {
	key := cacheKey{id: id, count: -1}
	if count != nil {
		key.count = *count
	}
	if len(data) > 0 {
		key.data = fmt.Sprint(data) // fmt sorts map keys: a stable key
	}
	l.mu.Lock()
	s, ok := l.cache[key]
	l.mu.Unlock()
	if ok {
		return s
	}
	s = l.translate(id, count, data)
	l.mu.Lock()
	l.cache[key] = s
	l.mu.Unlock()
	return s
}

func (l *Localizer) translate(id string, count *int, data map[string]any) string {
	lang := l.Lang(id)
	if lang == "" {
		l.problem(diag.Errorf(l.c.Source().Path, 0, "no string %q: a layout uses it, so define it in %s", id, l.c.Source().Path))
		return id
	}
	td := map[string]any{}
	for k, v := range data {
		td[k] = v
	}
	cfg := &goi18n.LocalizeConfig{MessageID: id, TemplateData: td}
	if count != nil {
		cfg.PluralCount = *count
		td["Count"] = *count
	}
	s, err := l.locs[lang].Localize(cfg)
	if err != nil {
		f := l.c.files[lang]
		l.problem(diag.Warnf(f.Path, f.Messages[id].Line, "%s: %v", id, err))
		if s == "" {
			return id
		}
	}
	return s
}

func (l *Localizer) problem(p diag.Diagnostic) {
	if l.report != nil {
		l.report(p)
	}
}

// NeededForms returns the plural forms a language uses for whole numbers, plus "other", in
// CLDR order.
func NeededForms(lang string) []string {
	tag, err := language.Parse(lang)
	if err != nil {
		return []string{"other"}
	}
	// "other" is always needed: it is every language's fallback form (and Polish uses it
	// for fractions).
	seen := map[plural.Form]bool{plural.Other: true}
	for n := 0; n <= 1000; n++ {
		seen[plural.Cardinal.MatchPlural(tag, n, 0, 0, 0, 0)] = true
	}
	names := map[plural.Form]string{plural.Zero: "zero", plural.One: "one", plural.Two: "two", plural.Few: "few", plural.Many: "many", plural.Other: "other"}
	var out []string
	for _, f := range Forms {
		for form, name := range names {
			if name == f && seen[form] {
				out = append(out, f)
			}
		}
	}
	return out
}

var (
	placeholderRE = regexp.MustCompile(`\{\{-?\s*([^{}]*?)\s*-?\}\}`)
	htmlRE        = regexp.MustCompile(`<\s*/?\s*[a-zA-Z!][^>]*>|&[a-zA-Z#][a-zA-Z0-9]*;`)
)

// Placeholders returns the distinct template actions of a text, e.g. [".Count"], sorted.
func Placeholders(s string) []string {
	var out []string
	for _, m := range placeholderRE.FindAllStringSubmatch(s, -1) {
		if !slices.Contains(out, m[1]) {
			out = append(out, m[1])
		}
	}
	sort.Strings(out)
	return out
}

// Check compares a translation with its source and returns what is wrong with it: missing
// or extra placeholders, missing plural forms, HTML.
func Check(lang string, src, tr *Message) []string {
	var problems []string
	want := map[string]bool{}
	for _, text := range src.Forms {
		for _, p := range Placeholders(text) {
			want[p] = true
		}
	}
	plural := len(src.Forms) > 1
	for _, f := range Forms {
		text, ok := tr.Forms[f]
		if !ok {
			continue
		}
		got := Placeholders(text)
		for _, p := range got {
			if !want[p] {
				problems = append(problems, fmt.Sprintf("%s form has {{%s}}, which the source does not have", f, p))
			}
		}
		for p := range want {
			// A plural form may leave out the count ("one" is often written as a word).
			if p == ".Count" && plural {
				continue
			}
			if !slices.Contains(got, p) {
				problems = append(problems, fmt.Sprintf("%s form lacks {{%s}}", f, p))
			}
		}
		if htmlRE.MatchString(text) {
			problems = append(problems, fmt.Sprintf("%s form contains HTML; write plain text", f))
		}
		if err := checkPlaceholders(text); err != nil {
			problems = append(problems, fmt.Sprintf("%s form: %v", f, err))
		}
	}
	if plural {
		for _, f := range NeededForms(lang) {
			if strings.TrimSpace(tr.Forms[f]) == "" {
				problems = append(problems, fmt.Sprintf("has no %q plural form, which %s needs", f, lang))
			}
		}
	}
	sort.Strings(problems)
	return slices.Compact(problems)
}
