// Package frontmatter splits a page into its front matter and Markdown body and decodes the
// front matter into Meta. Front matter is YAML between "---" lines, or TOML between "+++"
// lines as Hugo writes it, so existing Hugo content moves over unchanged.
//
// # Keys
//
//	title           required; the page's heading and <title>
//	linkTitle       a shorter title for navigation; defaults to title
//	description     one sentence for lists and search results
//	weight          order in lists, lower first
//	draft           in the source language: not published; in a translation: published with
//	                a "draft translation" notice
//	reviewed        date the facts were last checked, YYYY-MM-DD; in a translation with
//	                reviewedBy, the date a fluent reader checked the translation
//	reviewedBy      in a translation: who checked it, reading the language fluently (a name
//	                or an organisation). A translation is a draft, published with the
//	                "draft translation" notice, until it has reviewedBy and no draft
//	                (issue 13)
//	sources         list of {title, url} shown on the page; url may be left out for a
//	                document that is not on the web
//	layout          template to use instead of the default, e.g. "checklist"
//	ages            age bands the page is for: under-8, 8-10, 11-13, 14-17
//	topics          topics the page is about
//	menu            "main" or "footer": list the page in that navigation
//	sourceHash      in a translation: the hash of the source it was translated from
//	routes          helpline purposes to list on the page for the site's country, in order:
//	                emergency, report-abuse, remove-image, report-content, parent-support,
//	                child-support
//	                (the "what happened?" pages under now/ use them)
//	related         pages to read next, as content files relative to content/<lang>/,
//	                e.g. [guidance/sextortion.md]
//
// Any other key is a warning: it is usually a typo.
package frontmatter

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"net/url"
	"path"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/talksite/talksite/internal/diag"
	"github.com/talksite/talksite/internal/suggest"
	"github.com/talksite/talksite/internal/tomlfile"
	"go.yaml.in/yaml/v3"
)

// Meta is a page's decoded front matter.
type Meta struct {
	Title       string
	LinkTitle   string
	Description string
	Weight      int
	Draft       bool
	Reviewed    time.Time // zero when absent
	ReviewedBy  string    // in a translation: the fluent reader who checked it
	Sources     []Source
	Layout      string
	Ages        []string
	Topics      []string
	Menu        string
	SourceHash  string
	Routes      []string // helpline purposes, in the order the page lists them
	Related     []string // content files, relative to content/<lang>/
}

// Source is a reference shown under a page.
type Source struct {
	Title string
	URL   string
}

// Page is a split and decoded page.
type Page struct {
	Meta     Meta
	Body     []byte            // the Markdown after the front matter
	BodyLine int               // line of the file on which Body starts
	Warnings []diag.Diagnostic // problems that do not stop the build, at their lines
	// KeyLines gives the line of the file each key is written on, for problems found
	// later (a topic the site does not have).
	KeyLines map[string]int
}

// Keys lists the known front matter keys.
var Keys = []string{"title", "linkTitle", "description", "weight", "translationKey", "draft", "reviewed", "reviewedBy", "sources", "layout", "ages", "topics", "menu", "sourceHash", "routes", "related"}

func lineErr(line int, format string, args ...any) error {
	return diag.Errorf("", line, format, args...)
}

// Parse splits and decodes src. Line endings must already be "\n". Its error and its
// warnings are diag.Diagnostics (the errors joined with errors.Join) at their lines of the
// file; they name no file, which the caller adds (diag.List.AddError does).
func Parse(src []byte) (*Page, error) {
	src = bytes.TrimPrefix(src, []byte("\ufeff"))
	delim := ""
	switch {
	case hasDelimLine(src, "---"):
		delim = "---"
	case hasDelimLine(src, "+++"):
		delim = "+++"
	default:
		return nil, lineErr(1, "missing front matter: start the file with a line \"---\", then \"title: ...\", then \"---\"")
	}
	if len(src) <= len(delim)+1 {
		return nil, lineErr(1, "front matter opened with %q is never closed", delim)
	}
	rest := src[len(delim)+1:]
	end, endLen := findClosing(rest, delim)
	if end < 0 {
		return nil, lineErr(1, "front matter opened with %q is never closed", delim)
	}
	fm := rest[:end]
	body := rest[end+endLen:]
	p := &Page{Body: body, BodyLine: 2 + bytes.Count(fm, []byte("\n")) + 1, KeyLines: map[string]int{}}
	var fields []field
	var err error
	if delim == "---" {
		fields, err = yamlFields(fm)
	} else {
		fields, err = tomlFields(fm)
	}
	if err != nil {
		return nil, err
	}
	var errs []error
	for _, f := range fields {
		p.KeyLines[f.key] = f.line
		if err := p.assign(f); err != nil {
			errs = append(errs, err)
		}
	}
	if p.Meta.Title == "" && !slices.ContainsFunc(fields, func(f field) bool { return f.key == "title" }) {
		errs = append(errs, lineErr(1, "missing title: every page needs \"title:\" in its front matter"))
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return p, nil
}

func hasDelimLine(src []byte, delim string) bool {
	return bytes.HasPrefix(src, []byte(delim+"\n")) || bytes.Equal(bytes.TrimRight(src, " \t"), []byte(delim))
}

// findClosing finds the closing delimiter line in rest; it returns its offset and length
// (including the newline), or -1.
func findClosing(rest []byte, delim string) (int, int) {
	off := 0
	for off <= len(rest) {
		nl := bytes.IndexByte(rest[off:], '\n')
		line := rest[off:]
		if nl >= 0 {
			line = rest[off : off+nl]
		}
		if string(bytes.TrimRight(line, " \t")) == delim {
			if nl < 0 {
				return off, len(line)
			}
			return off, nl + 1
		}
		if nl < 0 {
			return -1, 0
		}
		off += nl + 1
	}
	return -1, 0
}

// field is one front matter key with its raw value and line in the file.
type field struct {
	key   string
	line  int
	value any
}

// yamlFields decodes YAML front matter into fields with their lines (the front matter
// starts on line 2 of the file).
func yamlFields(fm []byte) ([]field, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(fm, &doc); err != nil {
		return nil, yamlError(fm, err)
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return nil, nil
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, lineErr(root.Line+1, "front matter must be a list of \"key: value\" lines")
	}
	var out []field
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		var val any
		if err := v.Decode(&val); err != nil {
			return nil, lineErr(v.Line+1, "%s: %v", k.Value, err)
		}
		out = append(out, field{key: k.Value, line: k.Line + 1, value: val})
	}
	return out, nil
}

var yamlLineRE = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

func yamlError(fm []byte, err error) error {
	msg := err.Error()
	if m := yamlLineRE.FindStringSubmatch(msg); m != nil {
		var n int
		fmt.Sscan(m[1], &n)
		// yaml.v3 counts lines from 1 for scanner errors but from 0 for parser errors,
		// whose messages all begin "did not find expected".
		if strings.HasPrefix(m[2], "did not find expected") {
			n++
		}
		// An unclosed [ or { is reported where the parser gave up; point at the line that
		// opened it instead.
		for _, pair := range [][2]string{{"[", "]"}, {"{", "}"}} {
			if strings.Contains(m[2], "'"+pair[1]+"'") {
				lines := strings.Split(string(fm), "\n")
				for i := min(n, len(lines)) - 1; i >= 0; i-- {
					if strings.Count(lines[i], pair[0]) > strings.Count(lines[i], pair[1]) {
						n = i + 1
						break
					}
				}
			}
		}
		return lineErr(n+1, "bad YAML: %s", m[2])
	}
	return lineErr(2, "bad YAML: %s", strings.TrimPrefix(msg, "yaml: "))
}

func tomlFields(fm []byte) ([]field, error) {
	var m map[string]any
	md, err := tomlfile.Decode("", fm, &m)
	if err != nil {
		d, _ := errors.AsType[diag.Diagnostic](err)
		// The front matter starts on line 2 of the file.
		return nil, diag.Diagnostic{Line: max(d.Line, 1) + 1, Column: d.Column, Message: "bad TOML: " + d.Message}
	}
	var out []field
	for _, k := range md.Keys() {
		if len(k) != 1 {
			continue
		}
		out = append(out, field{key: k[0], line: max(md.Line(k[0]), 1) + 1, value: m[k[0]]})
	}
	return out, nil
}

func (p *Page) assign(f field) error {
	m := &p.Meta
	var err error
	switch f.key {
	case "title":
		m.Title, err = asString(f.value)
		if err == nil && strings.TrimSpace(m.Title) == "" {
			err = errors.New("is empty")
		}
	case "linkTitle":
		m.LinkTitle, err = asString(f.value)
	case "description":
		m.Description, err = asString(f.value)
	case "weight":
		m.Weight, err = asInt(f.value)
	case "translationKey":
		// Translations are tied by their path, so that a body's links have the same
		// address in every language (issue 16).
		err = errors.New("is not supported: a page's translations are the files at the same path below each content/<lang>/ (addresses stay the same in every language); remove the key and give the file the same name as in the source language")
	case "draft":
		m.Draft, err = asBool(f.value)
	case "reviewed":
		m.Reviewed, err = asDate(f.value)
	case "reviewedBy":
		m.ReviewedBy, err = asString(f.value)
	case "sources":
		m.Sources, err = asSources(f.value)
	case "layout":
		m.Layout, err = asString(f.value)
		if err == nil && !regexp.MustCompile(`^[a-z0-9][a-z0-9_-]*$`).MatchString(m.Layout) {
			err = fmt.Errorf("%q is not a layout name (lower-case letters, digits, - and _)", m.Layout)
		}
	case "ages":
		m.Ages, err = asStrings(f.value)
	case "topics":
		m.Topics, err = asStrings(f.value)
	case "menu":
		m.Menu, err = asString(f.value)
		if err == nil && m.Menu != "main" && m.Menu != "footer" {
			err = fmt.Errorf("must be \"main\" or \"footer\", not %q", m.Menu)
		}
	case "sourceHash":
		m.SourceHash, err = asString(f.value)
	case "routes":
		m.Routes, err = asStrings(f.value)
	case "related":
		m.Related, err = asStrings(f.value)
		for _, r := range m.Related {
			if err == nil && (!strings.HasSuffix(r, ".md") || path.IsAbs(r) || strings.Contains(r, "..")) {
				err = fmt.Errorf("%q is not a content file below content/<lang>/, such as guidance/sextortion.md", r)
			}
		}
	default:
		msg := fmt.Sprintf("unknown front matter key %q", f.key)
		if s := suggest.Closest(f.key, Keys); s != "" {
			msg += fmt.Sprintf(" (did you mean %q?)", s)
		}
		p.Warnings = append(p.Warnings, diag.Warnf("", f.line, "%s", msg))
		return nil
	}
	if err != nil {
		return lineErr(f.line, "%s: %v", f.key, err)
	}
	return nil
}

func asString(v any) (string, error) {
	switch v := v.(type) {
	case string:
		return v, nil
	case nil:
		return "", nil
	case int, int64, float64, bool:
		return fmt.Sprint(v), nil
	}
	return "", fmt.Errorf("want text, got %s", kind(v))
}

func asInt(v any) (int, error) {
	switch v := v.(type) {
	case int:
		return v, nil
	case int64:
		if v > math.MaxInt32 || v < math.MinInt32 {
			return 0, fmt.Errorf("%d is out of range", v)
		}
		return int(v), nil
	case float64:
		if v == math.Trunc(v) && math.Abs(v) < math.MaxInt32 {
			return int(v), nil
		}
	}
	return 0, fmt.Errorf("want a whole number, got %s", kind(v))
}

func asBool(v any) (bool, error) {
	if b, ok := v.(bool); ok {
		return b, nil
	}
	return false, fmt.Errorf("want true or false, got %s", kind(v))
}

func asDate(v any) (time.Time, error) {
	switch v := v.(type) {
	case time.Time:
		return time.Date(v.Year(), v.Month(), v.Day(), 0, 0, 0, 0, time.UTC), nil
	case string:
		t, err := time.Parse("2006-01-02", v)
		if err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("want a date written YYYY-MM-DD, got %s", kind(v))
}

func asStrings(v any) ([]string, error) {
	switch v := v.(type) {
	case nil:
		return nil, nil
	case string:
		return []string{v}, nil
	case []any:
		out := make([]string, 0, len(v))
		for _, e := range v {
			s, err := asString(e)
			if err != nil {
				return nil, err
			}
			out = append(out, s)
		}
		return out, nil
	}
	return nil, fmt.Errorf("want a list like [a, b], got %s", kind(v))
}

func asSources(v any) ([]Source, error) {
	list, ok := v.([]any)
	if !ok {
		return nil, fmt.Errorf("want a list of {title, url}, got %s", kind(v))
	}
	out := make([]Source, 0, len(list))
	for i, e := range list {
		m, ok := e.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("item %d: want {title, url}, got %s", i+1, kind(e))
		}
		var s Source
		for k, val := range m {
			str, err := asString(val)
			if err != nil {
				return nil, fmt.Errorf("item %d: %s: %v", i+1, k, err)
			}
			switch k {
			case "title":
				s.Title = str
			case "url":
				s.URL = str
			default:
				return nil, fmt.Errorf("item %d: unknown key %q (want title and url)", i+1, k)
			}
		}
		if s.Title == "" {
			return nil, fmt.Errorf("item %d: needs a title", i+1)
		}
		// A document that is not on the web (a printed report, a PDF handed over) is cited
		// by its title alone.
		if s.URL == "" {
			out = append(out, s)
			continue
		}
		if u, err := url.Parse(s.URL); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			return nil, fmt.Errorf("item %d: url %q must be a full http(s) address", i+1, s.URL)
		}
		out = append(out, s)
	}
	return out, nil
}

func kind(v any) string {
	switch v := v.(type) {
	case nil:
		return "nothing"
	case string:
		return fmt.Sprintf("text %q", v)
	case bool:
		return fmt.Sprintf("%v", v)
	case int, int64, float64:
		return fmt.Sprintf("the number %v", v)
	case []any:
		return "a list"
	case map[string]any:
		return "a table"
	case time.Time:
		return "a date-time"
	}
	return fmt.Sprintf("%T", v)
}
