// Package config reads site.toml, the one file a school's IT person or a charity's
// volunteer edits. The default site's site.toml is read first and the site folder's is laid
// over it key by key, so a site.toml that says only `name = "Hilltop Primary"` keeps the
// default languages and settings. A site.toml that declares [languages] replaces the whole
// list, so a site can publish only the languages it wants.
//
// Every key is documented on the Config and Language fields. An unknown key is an error
// naming the key, its line and the closest known key.
//
// # Diagnostics
//
// Every problem is a diag.Diagnostic naming the file the user would change, "site.toml"
// (the site folder's) or "default site.toml" (the default site's), and the line of the
// key at fault: the layer that set the value in effect is blamed, so a bad colour set by
// the site names the site's line and one set by the default names the default's. A value
// that is missing is reported at its table ([languages.cy], the second [[contacts]]); one
// that no layer writes at all (no languages) at line 0 of the site's file.
package config

import (
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strings"

	"github.com/talksite/talksite/internal/colour"
	"github.com/talksite/talksite/internal/diag"
	"github.com/talksite/talksite/internal/locale"
	"github.com/talksite/talksite/internal/suggest"
	"github.com/talksite/talksite/internal/tomlfile"
)

// File is the name of the configuration file, for messages.
const File = "site.toml"

// Config is site.toml.
type Config struct {
	// Name is the organisation that publishes this copy, e.g. "Hilltop Primary School".
	// It is shown in the header and footer. Empty: the site title alone.
	Name string `toml:"name"`
	// DefaultLanguage is the source language other languages are translated from and fall
	// back to. Empty: the first language by order.
	DefaultLanguage string `toml:"defaultLanguage"`
	// DefaultContent set to false drops the default site's pages and data, keeping its
	// layouts, assets and UI strings (the same as build --no-default-content).
	DefaultContent *bool `toml:"defaultContent"`
	// BaseURL is the address the site is published at, e.g. "https://school.example/safety/".
	// It is used only for the sitemap and canonical links; every link in the pages is
	// relative, so the site works anywhere without it.
	BaseURL string `toml:"baseURL"`
	// Country is the ISO 3166 code whose helplines come first, e.g. "GB".
	Country string `toml:"country"`
	// ExitURL is where the quick-exit button takes the reader. Choose a page that looks
	// ordinary and shows nothing personal.
	ExitURL string `toml:"exitURL"`
	// Logo is an SVG or PNG file under assets/ in the site folder, e.g. "assets/logo.svg".
	// It shows beside the name, which says what it says, so it has no text of its own.
	Logo string `toml:"logo"`
	// BrandColor is a colour for the header band, as #rrggbb. The build refuses a colour
	// whose contrast with the header text fails WCAG AA.
	BrandColor string `toml:"brandColor"`
	// Licence is the footer's licence line.
	Licence string `toml:"licence"`
	// Precompress writes .gz and .br copies of every text file, for servers set up to send
	// them (see the README's hosting notes). Also build --precompress.
	Precompress bool `toml:"precompress"`
	// Languages are the languages the site publishes, keyed by BCP 47 tag.
	Languages map[string]LanguageConfig `toml:"languages"`
	// Contacts are local people to talk to, such as a school's designated safeguarding
	// lead, shown on the help page and in the footer.
	Contacts []Contact `toml:"contacts"`

	// Derived by Load.
	Langs       []Language `toml:"-"` // ordered by Order, then tag
	DefaultLang *Language  `toml:"-"`
}

// LanguageConfig is one [languages.<tag>] table.
type LanguageConfig struct {
	// Name is the language's name in the language itself, e.g. "Cymraeg".
	Name string `toml:"name"`
	// Order places the language in the switcher and the chooser (lower first).
	Order int `toml:"order"`
	// Dir overrides the text direction ("ltr" or "rtl") derived from the tag's script.
	Dir string `toml:"dir"`
	// Fallback lists the languages to take a missing page or string from, in order, e.g.
	// ["pt"] for pt-BR. The default language always ends the chain.
	Fallback []string `toml:"fallback"`
}

// Contact is a local person or team.
type Contact struct {
	Name  string `toml:"name"`
	Role  string `toml:"role"`
	Email string `toml:"email"`
	Phone string `toml:"phone"`
	URL   string `toml:"url"`
	Note  string `toml:"note"`
}

// Language is a declared language with its derived properties.
type Language struct {
	Code  string // the tag as written in site.toml and in URLs, e.g. "pt-BR"
	Tag   locale.Tag
	Name  string
	Order int
	Dir   string   // "ltr" or "rtl"
	Chain []string // this language, then its fallbacks, ending with the default language
}

// IsDefault reports whether l is the source language.
func (l *Language) IsDefault(c *Config) bool {
	return c.DefaultLang != nil && c.DefaultLang.Code == l.Code
}

// Lang returns the declared language with the code, or nil.
func (c *Config) Lang(code string) *Language {
	for i := range c.Langs {
		if c.Langs[i].Code == code {
			return &c.Langs[i]
		}
	}
	return nil
}

// UseDefaultContent reports whether the default site's pages are used.
func (c *Config) UseDefaultContent() bool { return c.DefaultContent == nil || *c.DefaultContent }

// BasePath is the path of the base URL, "/online-safety/" for
// "https://school.example/online-safety/", escaped and with both slashes; "/" without a
// base URL. Pages never need it (their links are relative), but a 404 page, shown at any
// depth below the site, and the servers' error-page settings do.
func (c *Config) BasePath() string {
	u, err := url.Parse(c.BaseURL)
	if c.BaseURL == "" || err != nil {
		return "/"
	}
	p := "/" + strings.Trim(u.EscapedPath(), "/") + "/"
	if p == "//" {
		return "/"
	}
	return p
}

// DefaultExitURL is where the quick exit goes unless site.toml says otherwise; the GOV.UK
// "Exit this page" component uses the same page.
const DefaultExitURL = "https://www.bbc.co.uk/weather"

// DefaultFile names the default site's site.toml in messages.
const DefaultFile = "default " + File

// Load reads the default site.toml and the site's, the second over the first. Either may be
// nil. Its error is a diag.Diagnostic, or several joined, each naming the file and line.
func Load(defaultTOML, siteTOML []byte) (*Config, error) {
	c := &Config{}
	var ls layers
	// Unknown keys are reported with every problem of the values, in one build; a file
	// that does not decode stops here.
	var unknown []error
	if defaultTOML != nil {
		l, err := decode(c, DefaultFile, defaultTOML)
		if err != nil {
			return nil, err
		}
		unknown = append(unknown, l.unknown...)
		ls = append(ls, l)
	}
	if siteTOML != nil {
		var raw map[string]any
		if _, err := tomlfile.Decode(File, siteTOML, &raw); err != nil {
			return nil, err
		}
		if _, ok := raw["languages"]; ok {
			c.Languages = nil
		}
		l, err := decode(c, File, siteTOML)
		if err != nil {
			return nil, err
		}
		unknown = append(unknown, l.unknown...)
		ls = append(layers{l}, ls...)
	}
	if err := errors.Join(append(unknown, c.derive(ls))...); err != nil {
		return nil, err
	}
	return c, nil
}

// layer is one decoded site.toml.
type layer struct {
	file    string // File or DefaultFile
	src     []byte
	meta    tomlfile.Meta
	unknown []error // its keys that are not settings
}

// layers are the decoded files, the site's first: the first that writes a key set the
// value in effect.
type layers []layer

// at returns the file and line that set the key in effect: the first layer that writes
// the key's top-level part (a table such as [languages] is replaced whole, not merged), at
// the line of the key or of the nearest table around it. Keys match as the decoder matches
// them, ignoring case: exitUrl sets exitURL.
func (ls layers) at(key ...string) (string, int) {
	for _, l := range ls {
		var spelled tomlfile.Key // the longest part of key that l writes, as written
		for _, k := range l.meta.Keys() {
			if len(k) > len(spelled) && len(k) <= len(key) && slices.EqualFunc(k, key[:len(k)], strings.EqualFold) {
				spelled = k
			}
		}
		if spelled != nil {
			return l.file, l.meta.Line(append(slices.Clone(spelled), key[len(spelled):]...)...)
		}
	}
	if len(ls) == 0 {
		return File, 0
	}
	return ls[0].file, 0
}

// contactAt returns the file and line of the key of the i-th contact (0-based), or of the
// contact itself when it does not write the key.
func (ls layers) contactAt(i int, key string) (string, int) {
	file, _ := ls.at("contacts")
	for _, l := range ls {
		if l.file != file {
			continue
		}
		starts := tomlfile.KeyLines(l.src, "contacts")
		if len(starts) == 0 {
			return file, 0
		}
		start, end := starts[min(i, len(starts)-1)], 1<<31
		if i+1 < len(starts) {
			end = starts[i+1]
		}
		for _, n := range tomlfile.KeyLines(l.src, "contacts", key) {
			if n > start && n < end {
				return file, n
			}
		}
		return file, start
	}
	return file, 0
}

// decode decodes one site.toml over c. Its error is one that stops the file being read;
// the layer lists its unknown keys.
func decode(c *Config, name string, src []byte) (layer, error) {
	md, err := tomlfile.Decode(name, src, c)
	if err != nil {
		return layer{}, err
	}
	l := layer{file: name, src: src, meta: md}
	for _, key := range md.Undecoded() {
		l.unknown = append(l.unknown, unknownKey(name, md, key))
	}
	return l, nil
}

// knownKeys lists the keys of each table, for "did you mean" suggestions.
var knownKeys = map[string][]string{
	"":          {"name", "defaultLanguage", "defaultContent", "baseURL", "country", "exitURL", "logo", "brandColor", "licence", "precompress", "languages", "contacts"},
	"languages": {"name", "order", "dir", "fallback"},
	"contacts":  {"name", "role", "email", "phone", "url", "note"},
}

// Keys lists every key of site.toml, tables' keys as "table.key".
func Keys() []string {
	var out []string
	for table, keys := range knownKeys {
		for _, k := range keys {
			if table != "" {
				k = table + "." + k
			}
			out = append(out, k)
		}
	}
	slices.Sort(out)
	return out
}

func unknownKey(name string, md tomlfile.Meta, key tomlfile.Key) error {
	last := key[len(key)-1]
	table := ""
	if len(key) > 1 {
		table = key[0]
	}
	msg := fmt.Sprintf("unknown key %q", strings.Join(key, "."))
	if s := suggest.Closest(last, knownKeys[table]); s != "" {
		msg += fmt.Sprintf(" (did you mean %q?)", s)
	}
	return diag.Errorf(name, md.Line(key...), "%s", msg)
}

var colorRE = regexp.MustCompile(`^#[0-9a-fA-F]{6}$`)

// BrandText is the colour of text on the brand colour (the header, buttons).
var BrandText = colour.RGB{R: 255, G: 255, B: 255}

func (c *Config) derive(ls layers) error {
	var errs []error
	// fail reports a problem with the value of key, at the line that set it.
	fail := func(key []string, format string, args ...any) {
		file, line := ls.at(key...)
		errs = append(errs, diag.Errorf(file, line, format, args...))
	}
	failContact := func(i int, key string, format string, args ...any) {
		file, line := ls.contactAt(i, key)
		errs = append(errs, diag.Errorf(file, line, format, args...))
	}
	k := func(key ...string) []string { return key }
	if len(c.Languages) == 0 {
		fail(k("languages"), "no languages declared: add a [languages.en] table")
		return errors.Join(errs...)
	}
	for code, lc := range c.Languages {
		tag, err := locale.Parse(code)
		if err != nil {
			fail(k("languages", code), "[languages.%s]: %q is not a BCP 47 language tag", code, code)
			continue
		}
		if tag.String() != code {
			fail(k("languages", code), "[languages.%s]: write the tag as %q", code, tag.String())
			continue
		}
		dir := lc.Dir
		switch dir {
		case "":
			dir = locale.Direction(tag)
		case "ltr", "rtl":
		default:
			fail(k("languages", code, "dir"), "[languages.%s]: dir must be \"ltr\" or \"rtl\", not %q", code, dir)
		}
		name := lc.Name
		if name == "" {
			fail(k("languages", code, "name"), "[languages.%s]: name is missing (the language's name in the language itself)", code)
		}
		c.Langs = append(c.Langs, Language{Code: code, Tag: tag, Name: name, Order: lc.Order, Dir: dir})
	}
	slices.SortFunc(c.Langs, func(a, b Language) int {
		if a.Order != b.Order {
			return a.Order - b.Order
		}
		return strings.Compare(a.Code, b.Code)
	})
	if len(errs) > 0 {
		return errors.Join(errs...)
	}
	if c.DefaultLanguage == "" {
		c.DefaultLanguage = c.Langs[0].Code
	}
	c.DefaultLang = c.Lang(c.DefaultLanguage)
	if c.DefaultLang == nil {
		fail(k("defaultLanguage"), "defaultLanguage %q is not one of the declared languages", c.DefaultLanguage)
		return errors.Join(errs...)
	}
	for i := range c.Langs {
		chain, err := c.chain(c.Langs[i].Code)
		if err != nil {
			fail(k("languages", c.Langs[i].Code, "fallback"), "[languages.%s]: %v", c.Langs[i].Code, err)
		}
		c.Langs[i].Chain = chain
	}
	if c.ExitURL == "" {
		c.ExitURL = DefaultExitURL
	}
	if u, err := url.Parse(c.ExitURL); err != nil || u.Scheme != "https" || u.Host == "" {
		fail(k("exitURL"), "exitURL %q must be a full https:// address", c.ExitURL)
	}
	if c.BaseURL != "" {
		u, err := url.Parse(c.BaseURL)
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			fail(k("baseURL"), "baseURL %q must be a full address such as https://school.example/safety/", c.BaseURL)
		} else if !strings.HasSuffix(c.BaseURL, "/") {
			c.BaseURL += "/"
		}
	}
	if c.BrandColor != "" {
		if !colorRE.MatchString(c.BrandColor) {
			fail(k("brandColor"), "brandColor %q must be written as #rrggbb", c.BrandColor)
		} else if brand, _ := colour.Parse(c.BrandColor); colour.Contrast(brand, BrandText) < colour.AA {
			// The brand colour is the background of the header, buttons and step letters,
			// under white text (WCAG 1.4.3).
			fail(k("brandColor"), "brandColor %s: white text on it has contrast %.2f:1, below the 4.5:1 WCAG AA needs; %s is the nearest colour that passes",
				c.BrandColor, colour.Contrast(brand, BrandText), colour.Passing(brand, BrandText, colour.AA))
		}
	}
	if c.Logo != "" {
		low := strings.ToLower(c.Logo)
		if !strings.HasPrefix(c.Logo, "assets/") || !(strings.HasSuffix(low, ".svg") || strings.HasSuffix(low, ".png")) {
			fail(k("logo"), "logo %q: put an SVG or PNG file in the site's assets/ folder and write its path, e.g. \"assets/logo.svg\"", c.Logo)
		}
	}
	if c.Country != "" {
		c.Country = strings.ToUpper(c.Country)
		if err := CheckCountry(c.Country); err != nil {
			fail(k("country"), "country %v", err)
			c.Country = ""
		}
	}
	for i, ct := range c.Contacts {
		if ct.Name == "" && ct.Role == "" {
			failContact(i, "name", "contacts[%d]: give at least a name or a role", i+1)
		}
		if ct.URL != "" {
			if u, err := url.Parse(ct.URL); err != nil || u.Scheme != "https" || u.Host == "" {
				failContact(i, "url", "contacts[%d]: url %q must start with https://", i+1, ct.URL)
			}
		}
		if ct.Email != "" && !strings.Contains(ct.Email, "@") {
			failContact(i, "email", "contacts[%d]: email %q is not an email address", i+1, ct.Email)
		}
	}
	return errors.Join(errs...)
}

// chain expands a language's fallback list: the language, each fallback followed by its
// own chain, and the default language last, without repeats.
func (c *Config) chain(code string) ([]string, error) {
	var out []string
	var visit func(code string, depth int) error
	visit = func(code string, depth int) error {
		if depth > len(c.Languages) {
			return fmt.Errorf("fallback chain loops")
		}
		if slices.Contains(out, code) {
			return nil
		}
		lc, ok := c.Languages[code]
		if !ok {
			return fmt.Errorf("fallback %q is not a declared language", code)
		}
		out = append(out, code)
		for _, f := range lc.Fallback {
			if err := visit(f, depth+1); err != nil {
				return err
			}
		}
		return nil
	}
	err := visit(code, 0)
	if !slices.Contains(out, c.DefaultLanguage) {
		out = append(out, c.DefaultLanguage)
	}
	return out, err
}

// CheckCountry reports whether code is an ISO 3166-1 alpha-2 country code in capitals, the
// form the helplines data and CLDR's country names use.
func CheckCountry(code string) error {
	if len(code) != 2 || !locale.IsCountry(code) || code == "UK" {
		hint := ""
		if code == "UK" {
			hint = ` (the United Kingdom's code is "GB")`
		}
		return fmt.Errorf("%q is not a two-letter ISO 3166 country code, such as GB, IE, US or AU%s", code, hint)
	}
	return nil
}
