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
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/talksite/talksite/internal/diag"
	"github.com/talksite/talksite/internal/tomlfile"
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
