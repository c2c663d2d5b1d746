package pages

import (
	"bufio"
	"fmt"
	"strconv"
	"strings"
)

// poEntry is one message of a gettext PO file: the subset talksite writes and reads.
type poEntry struct {
	Comments   []string // "#." lines: notes for the translator
	References []string // "#:" lines: where the text is
	Fuzzy      bool     // "#, fuzzy": the source changed since it was translated
	Context    string   // msgctxt
	ID         string   // msgid: the source text
	Str        string   // msgstr: the translation, "" when there is none
}

func (e *poEntry) key() string { return e.Context + "\x04" + e.ID }

// writePO writes a PO file (a POT when lang is ""), header first.
func writePO(lang string, entries []*poEntry) []byte {
	var b strings.Builder
	b.WriteString("# Pages of talksite, for translation on Weblate or any gettext tool.\n")
	b.WriteString("# Written by `talksite i18n export --pages`; read back by `talksite i18n import --pages`.\n")
	b.WriteString("# Keep link targets (the part in brackets after a link's text) as they are.\n")
	b.WriteString("msgid \"\"\nmsgstr \"\"\n")
	header := "Content-Type: text/plain; charset=UTF-8\\n\"\n\"Content-Transfer-Encoding: 8bit\\n"
	if lang != "" {
		header = "Language: " + lang + "\\n\"\n\"" + header
	}
	b.WriteString("\"" + header + "\"\n")
	for _, e := range entries {
		b.WriteString("\n")
		for _, c := range e.Comments {
			b.WriteString("#. " + c + "\n")
		}
		for _, r := range e.References {
			b.WriteString("#: " + r + "\n")
		}
		if e.Fuzzy {
			b.WriteString("#, fuzzy\n")
		}
		if e.Context != "" {
			b.WriteString("msgctxt " + poQuote(e.Context) + "\n")
		}
		b.WriteString("msgid " + poQuote(e.ID) + "\n")
		b.WriteString("msgstr " + poQuote(e.Str) + "\n")
	}
	return []byte(b.String())
}

// poQuote writes a PO string; a text with line breaks is split after each one, as gettext
// tools write it.
func poQuote(s string) string {
	if !strings.Contains(s, "\n") || s == "\n" {
		return poEscape(s)
	}
	lines := strings.SplitAfter(s, "\n")
	var b strings.Builder
	b.WriteString(`""`)
	for _, l := range lines {
		if l != "" {
			b.WriteString("\n" + poEscape(l))
		}
	}
	return b.String()
}

func poEscape(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\t':
			b.WriteString(`\t`)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// readPO reads a PO file. Obsolete entries ("#~") and the header are left out; plural
// entries are refused, as pages have none.
func readPO(name string, src []byte) ([]*poEntry, error) {
	var out []*poEntry
	cur := &poEntry{}
	var field *string
	seenStr := false // the current entry's msgstr has been read: what follows is the next
	flush := func() {
		if seenStr && !(cur.ID == "" && cur.Context == "") {
			out = append(out, cur)
		}
		cur, field, seenStr = &poEntry{}, nil, false
	}
	sc := bufio.NewScanner(strings.NewReader(string(src)))
	sc.Buffer(make([]byte, 1024*1024), 16*1024*1024)
	line := 0
	for sc.Scan() {
		line++
		l := strings.TrimSpace(sc.Text())
		if seenStr && (strings.HasPrefix(l, "#") || strings.HasPrefix(l, "msgctxt ") || strings.HasPrefix(l, "msgid ")) {
			flush()
		}
		switch {
		case l == "":
			if seenStr {
				flush()
			}
		case strings.HasPrefix(l, "#~"):
			// obsolete
		case strings.HasPrefix(l, "#,"):
			for _, f := range strings.Split(l[2:], ",") {
				if strings.TrimSpace(f) == "fuzzy" {
					cur.Fuzzy = true
				}
			}
		case strings.HasPrefix(l, "#."):
			cur.Comments = append(cur.Comments, strings.TrimSpace(l[2:]))
		case strings.HasPrefix(l, "#:"):
			cur.References = append(cur.References, strings.Fields(l[2:])...)
		case strings.HasPrefix(l, "#"):
		case strings.HasPrefix(l, "msgid_plural"), strings.HasPrefix(l, "msgstr["):
			return nil, fmt.Errorf("%s:%d: plural forms: pages have none (is this the pages file?)", name, line)
		case strings.HasPrefix(l, "msgctxt "), strings.HasPrefix(l, "msgid "), strings.HasPrefix(l, "msgstr "):
			kw, rest, _ := strings.Cut(l, " ")
			s, err := strconv.Unquote(strings.TrimSpace(rest))
			if err != nil {
				return nil, fmt.Errorf("%s:%d: %s: not a quoted string", name, line, kw)
			}
			switch kw {
			case "msgctxt":
				field = &cur.Context
			case "msgid":
				field = &cur.ID
			default:
				field = &cur.Str
				seenStr = true
			}
			*field = s
		case strings.HasPrefix(l, `"`):
			if field == nil {
				return nil, fmt.Errorf("%s:%d: a string outside msgid or msgstr", name, line)
			}
			s, err := strconv.Unquote(l)
			if err != nil {
				return nil, fmt.Errorf("%s:%d: not a quoted string", name, line)
			}
			*field += s
		default:
			return nil, fmt.Errorf("%s:%d: not a PO file line: %q", name, line, l)
		}
	}
	flush()
	return out, sc.Err()
}
