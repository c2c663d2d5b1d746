// Package tomlfile is the one place that reads and writes TOML: site.toml, front matter,
// data files, interface strings and synonyms all go through it, and it is the only package
// that imports github.com/BurntSushi/toml, so a change of TOML library is a one-package
// change.
//
// # Decoding
//
// Decode(file, src, v) decodes src into v as toml.Decode does. A problem comes back as a
// diag.Diagnostic naming file and the line of src, with the column where the decoder
// knows it:
//   - a syntax error (an unclosed string, a key defined twice): the position of
//     toml.ParseError, and its short message;
//   - a value of the wrong type for v ("incompatible types: ..."): the line of the key,
//     and the message without the decoder's "toml: line N (last key ...)" prefix.
//
// Meta, what Decode returns besides, says which keys src defines (Keys, IsDefined), which
// ones v had no field for (Undecoded), and on which line a key is written (Line).
//
// # Lines of keys
//
// The decoder reports keys but not their lines. KeyLine(src, key...) finds the line that
// writes a key, given as its path of parts ("languages", "cy", "name"): the line that
// assigns it (name = "x", cy.name = "x" inside [languages], "pt-BR" = ...) or that opens
// it as a table ([languages.cy], [[contacts]]). A table only implied by its sub-tables
// (languages, by [languages.cy]) is found at the first of them; a key written inside a
// value (an inline table), or not written at all, at the nearest enclosing key that is. Comments and
// the insides of multi-line strings are never matched. KeyLines gives every such line in
// order, so that the third [[contacts]] can be found. 0 means the key is not written.
// IndexKeys reads a document's key lines once, for a caller that asks for many keys of it
// (a list file asks for every entry's): its Keys answer Line and Lines alike.
//
// # Encoding
//
// Marshal writes v as TOML, and String writes one string as a TOML string literal, with
// quotes, backslashes and control characters escaped.
package tomlfile

import (
	"bytes"
	"errors"
	"regexp"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/talksite/talksite/internal/diag"
)

// Key is a key's path of parts, e.g. ["languages", "cy", "name"].
type Key []string

// String writes the key as TOML writes it, parts joined by dots and quoted where needed.
func (k Key) String() string { return toml.Key(k).String() }

// Meta tells what a decoded document holds.
type Meta struct {
	md  toml.MetaData
	src []byte
}

// Keys returns every key of the document, tables included, in the order written.
func (m Meta) Keys() []Key { return keys(m.md.Keys()) }

// Undecoded returns the keys that the value decoded into had no place for, in the order
// written.
func (m Meta) Undecoded() []Key { return keys(m.md.Undecoded()) }

// IsDefined reports whether the document defines the key.
func (m Meta) IsDefined(key ...string) bool { return m.md.IsDefined(key...) }

// Line returns the line that writes the key (see KeyLine), or 0.
func (m Meta) Line(key ...string) int { return KeyLine(m.src, key...) }

func keys(in []toml.Key) []Key {
	out := make([]Key, len(in))
	for i, k := range in {
		out[i] = Key(k)
	}
	return out
}

// typeErrorRE is the decoder's error for a value of the wrong type, which is not a
// ParseError: "toml: line 3 (last key \"stop\"): incompatible types: ...".
var typeErrorRE = regexp.MustCompile(`^toml: (?:line (\d+) )?(?:\(last key "[^"]*"\))?:? ?(.*)$`)

// Decode decodes src into v (a pointer to a struct or a map). Its error is a
// diag.Diagnostic at file and the problem's line.
func Decode(file string, src []byte, v any) (Meta, error) {
	md, err := toml.Decode(string(src), v)
	if err == nil {
		return Meta{md: md, src: src}, nil
	}
	if pe, ok := errors.AsType[toml.ParseError](err); ok {
		return Meta{}, diag.Diagnostic{File: file, Line: pe.Position.Line, Column: pe.Position.Col, Message: pe.Message}
	}
	d := diag.Diagnostic{File: file, Message: err.Error()}
	if m := typeErrorRE.FindStringSubmatch(d.Message); m != nil {
		d.Line, _ = strconv.Atoi(m[1])
		d.Message = m[2]
	}
	return Meta{}, d
}

// Marshal writes v as a TOML document.
func Marshal(v any) ([]byte, error) {
	var b bytes.Buffer
	if err := toml.NewEncoder(&b).Encode(v); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// String writes s as a TOML basic string, quotes included: it can neither end early nor,
// with a newline, start a new line of the document. Bytes that are not UTF-8 become U+FFFD.
func String(s string) string {
	b, err := Marshal(map[string]string{"v": s})
	if err != nil {
		return `""`
	}
	return strings.TrimSuffix(strings.TrimPrefix(string(b), "v = "), "\n")
}

// KeyLine returns the first line that writes the key (see the package comment), or 0.
func KeyLine(src []byte, key ...string) int {
	if lines := KeyLines(src, key...); len(lines) > 0 {
		return lines[0]
	}
	return 0
}

var (
	headerRE = regexp.MustCompile(`^\s*\[\[?\s*([^\[\]#]+?)\s*\]\]?`)
	assignRE = regexp.MustCompile(`^\s*((?:[A-Za-z0-9_-]+|"(?:[^"\\]|\\.)*"|'[^']*')(?:\s*\.\s*(?:[A-Za-z0-9_-]+|"(?:[^"\\]|\\.)*"|'[^']*'))*)\s*=`)
)

// KeyLines returns every line that writes the key, in order: each [[table]] of an array
// of tables, or the line of the nearest enclosing key that is written when the key itself
// is inside a value. It returns nil when neither is written.
func KeyLines(src []byte, key ...string) []int { return IndexKeys(src).Lines(key...) }

// Keys are the keys a document writes, with their lines: for a caller that asks for many
// keys of one document (a list file asks for every entry's), reading the document once.
type Keys struct {
	writes []keyWrite
}

type keyWrite struct {
	path []string // the whole key: the table's and the assignment's
	line int
}

// IndexKeys reads the keys src writes (see the package comment).
func IndexKeys(src []byte) *Keys {
	k := &Keys{}
	var table []string
	inString := "" // the delimiter of the multi-line string the line is inside
	depth := 0     // how many arrays and inline tables of a value are open at the line's end
	for i, line := range strings.Split(string(src), "\n") {
		if inString != "" {
			if strings.Count(line, inString)%2 == 1 {
				inString = ""
			}
			continue
		}
		if depth > 0 { // inside a value written over several lines
			depth += nesting(line)
			continue
		}
		var path []string
		if m := headerRE.FindStringSubmatch(line); m != nil {
			table = splitKey(m[1])
			path = table
		} else if m := assignRE.FindStringSubmatch(line); m != nil {
			path = append(append([]string(nil), table...), splitKey(m[1])...)
			rest := line[len(m[0]):]
			for _, q := range []string{`"""`, `'''`} {
				if strings.Count(rest, q)%2 == 1 {
					inString = q
				}
			}
			if inString == "" {
				depth = max(nesting(rest), 0)
			}
		} else {
			continue
		}
		k.writes = append(k.writes, keyWrite{path, i + 1})
	}
	return k
}

// Line returns the first line that writes the key (see KeyLines), or 0.
func (k *Keys) Line(key ...string) int {
	if lines := k.Lines(key...); len(lines) > 0 {
		return lines[0]
	}
	return 0
}

// Lines returns every line that writes the key (see KeyLines).
func (k *Keys) Lines(key ...string) []int {
	if len(key) == 0 {
		return nil
	}
	var exact []int
	inside := 0           // the first line that writes a key inside key ([languages.cy] for languages)
	bestLen, best := 0, 0 // the longest enclosing key written, and its first line
	for _, w := range k.writes {
		n := commonPrefix(w.path, key)
		switch {
		case n == len(key) && len(w.path) == len(key):
			exact = append(exact, w.line)
		case n == len(key) && inside == 0:
			inside = w.line
		case n == len(w.path) && n > bestLen:
			// path encloses key: remember it in case key is written inside its value.
			bestLen, best = n, w.line
		}
	}
	switch {
	case len(exact) > 0:
		return exact
	case inside > 0:
		return []int{inside}
	case best > 0:
		return []int{best}
	}
	return nil
}

// stringOrCommentRE matches what brackets do not count in: a quoted string, or a comment
// to the end of the line.
var stringOrCommentRE = regexp.MustCompile(`"(?:[^"\\]|\\.)*"|'[^']*'|#.*$`)

// nesting returns how many more arrays and inline tables a line opens than it closes.
func nesting(line string) int {
	line = stringOrCommentRE.ReplaceAllString(line, "")
	return strings.Count(line, "[") + strings.Count(line, "{") - strings.Count(line, "]") - strings.Count(line, "}")
}

func commonPrefix(a, b []string) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}

// splitKey splits a dotted key into its parts, unquoting quoted ones.
func splitKey(s string) []string {
	var parts []string
	for s = strings.TrimSpace(s); s != ""; {
		var part string
		switch s[0] {
		case '"':
			end := 1
			for end < len(s) && s[end] != '"' {
				if s[end] == '\\' {
					end++
				}
				end++
			}
			part, _ = strconv.Unquote(s[:min(end+1, len(s))])
			if part == "" {
				part = strings.Trim(s[:min(end+1, len(s))], `"`)
			}
			s = s[min(end+1, len(s)):]
		case '\'':
			end := strings.IndexByte(s[1:], '\'') + 1
			if end == 0 {
				end = len(s)
			}
			part, s = s[1:end], s[min(end+1, len(s)):]
		default:
			end := strings.IndexByte(s, '.')
			if end < 0 {
				end = len(s)
			}
			part, s = strings.TrimSpace(s[:end]), s[end:]
		}
		parts = append(parts, part)
		s = strings.TrimSpace(s)
		s = strings.TrimPrefix(s, ".")
		s = strings.TrimSpace(s)
	}
	return parts
}
