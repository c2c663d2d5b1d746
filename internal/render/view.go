package render

import (
	"cmp"
	"fmt"
	"html/template"
	"slices"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"github.com/talksite/talksite/internal/assets"
	"github.com/talksite/talksite/internal/config"
	"github.com/talksite/talksite/internal/content"
	"github.com/talksite/talksite/internal/data"
	"github.com/talksite/talksite/internal/i18n"
	"github.com/talksite/talksite/internal/markdown"
	"github.com/talksite/talksite/internal/policy"
)

// View is what a layout sees as ".". Its methods are the layouts' vocabulary; see
// docs/layouts.md.
type View struct {
	Page   *content.Page
	Lang   *content.Lang
	Site   *content.Site
	Config *config.Config

	// Body is the page's Markdown as HTML; Headings its headings.
	Body     template.HTML
	Headings []markdown.Heading

	r    *Renderer
	loc  *i18n.Localizer
	url  string // this page's address from the site root, e.g. "en/help/"
	errs *[]string
	// absRoot, when set, is the site's path ("/online-safety/"): addresses start with it
	// instead of climbing from url. The 404 page uses it, since a server shows it at any
	// depth.
	absRoot string
}

// rootPath is the address of a path below the site root, from this page.
func (v *View) rootPath(to string) string {
	if v.absRoot != "" {
		return v.absRoot + to
	}
	return rootPath(v.url, to)
}

// rootURL is rootPath of a page's folder, ending in index.html.
func (v *View) rootURL(to string) string { return v.rootPath(to) + "index.html" }

// NotFound reports whether this is the 404 page.
func (v *View) NotFound() bool { return v.absRoot != "" }

// Data is the language's lists: starters, checklist, agreement, helplines.
func (v *View) Data() *data.Set { return v.Lang.Data }

// Root is the relative path from this page to the site root, e.g. "../../".
func (v *View) Root() string { return v.rootPath("") }

// Home is the relative address of the language's home page.
func (v *View) Home() string { return v.rootURL(v.Lang.Code + "/") }

// URL returns the relative address of the page with the key in this language ("" is the
// home page), or reports an error and returns "#".
func (v *View) URL(key string) string {
	p := v.Lang.ByKey[key]
	if p == nil {
		v.fail("URL: there is no page %q in %s", key, v.Lang.Code)
		return "#"
	}
	return v.rootURL(p.URL())
}

// Has reports whether the language has a page with the key.
func (v *View) Has(key string) bool { return v.Lang.ByKey[key] != nil }

// Get returns the page with the key in this language, or nil.
func (v *View) Get(key string) *content.Page { return v.Lang.ByKey[key] }

// PageURL returns the relative address of a page.
func (v *View) PageURL(p *content.Page) string { return v.rootURL(p.URL()) }

// Asset returns the relative address of a processed asset, e.g. .Asset "css/site.css".
func (v *View) Asset(logical string) string {
	out, ok := v.r.assets.Out(logical)
	if !ok {
		v.fail("Asset: there is no file assets/%s", logical)
		return "#"
	}
	return v.rootPath(out)
}

// Logo is the relative address of the site's logo, or "" when it has none.
func (v *View) Logo() string {
	if v.Config.Logo == "" {
		return ""
	}
	return v.Asset(strings.TrimPrefix(v.Config.Logo, "assets/"))
}

// LogoWidth is the width at which the logo shows at the given height, from its own
// proportions, so that the page reserves its space (no layout shift); 0 if unknown.
func (v *View) LogoWidth(height int) int {
	f := v.r.assets.Get(strings.TrimPrefix(v.Config.Logo, "assets/"))
	if f == nil {
		return 0
	}
	w, h, ok := assets.Size(f.Logical, f.Body)
	if !ok {
		return 0
	}
	return int(float64(height)*w/h + 0.5)
}

// SearchIndex is the relative address of the language's search index (see
// internal/search).
func (v *View) SearchIndex() string { return v.Asset("search/" + v.Lang.Code + ".js") }

// HasAsset reports whether an asset exists, for optional files such as a logo.
func (v *View) HasAsset(logical string) bool {
	_, ok := v.r.assets.Out(logical)
	return ok
}

// IsCurrent reports whether p is this page, or an ancestor of it (for navigation).
func (v *View) IsCurrent(p *content.Page) bool { return p == v.Page }

// InSection reports whether this page is p or below it.
func (v *View) InSection(p *content.Page) bool {
	return p == v.Page || p.URLPath != "" && strings.HasPrefix(v.Page.URLPath+"/", p.URLPath+"/")
}

// Menu returns the pages listed in a menu ("main" or "footer").
func (v *View) Menu(name string) []*content.Page { return v.Lang.Menus[name] }

// Alt is the same page in another language.
type Alt struct {
	Lang    *config.Language
	URL     string // relative
	Abs     string // absolute, when the site has a base URL
	Current bool
	Real    bool // a real translation, not a fallback

	// For the root chooser (Homes only): the site's title and the way to help right now,
	// each in that language.
	Title, HelpURL, HelpText string
	HelpLang                 string // the language HelpText is in, when the page is a fallback
}

// Translations returns this page in every language, in the configured order.
func (v *View) Translations() []Alt {
	var out []Alt
	if v.NotFound() {
		for _, l := range v.Site.Langs {
			out = append(out, Alt{Lang: l.Language, URL: v.rootPath(l.Code + "/" + NotFoundName), Current: l.Code == v.Lang.Code, Real: true})
		}
		return out
	}
	for _, l := range v.Site.Langs {
		p := l.ByKey[v.Page.Key]
		if p == nil {
			continue
		}
		out = append(out, Alt{Lang: l.Language, URL: v.rootURL(p.URL()), Abs: v.abs(p.URL()),
			Current: l.Code == v.Lang.Code, Real: !p.Fallback})
	}
	return out
}

// Homes returns the home page of every language, in the configured order (for the root
// language chooser).
func (v *View) Homes() []Alt {
	var out []Alt
	for _, l := range v.Site.Langs {
		if p := l.ByKey[""]; p != nil {
			alt := Alt{Lang: l.Language, URL: v.rootURL(p.URL()), Abs: v.abs(p.URL()), Real: !p.Fallback}
			if loc := v.r.locs[l.Code]; loc != nil {
				alt.Title = loc.Translate("site.title", nil, nil)
			}
			for _, key := range []string{"now", "help"} {
				if help := l.ByKey[key]; help != nil {
					alt.HelpURL, alt.HelpText = v.rootURL(help.URL()), help.LinkTitle()
					if help.Fallback {
						alt.HelpLang = help.ContentLang
					}
					break
				}
			}
			out = append(out, alt)
		}
	}
	return out
}

// Alternates returns the hreflang alternates: this page and every real translation, each
// page listing the same set so that they are reciprocal. Fallback pages list none: they
// are not indexed.
func (v *View) Alternates() []Alt {
	if v.Page.Fallback || v.NotFound() {
		return nil
	}
	var out []Alt
	for _, a := range v.Translations() {
		if a.Real {
			out = append(out, a)
		}
	}
	return out
}

// XDefault is the address for hreflang="x-default": this page in the default language, which
// lists the same alternates (the root chooser lists none, so pointing there would make every
// set non-reciprocal).
func (v *View) XDefault() string {
	p := v.Site.Source().ByKey[v.Page.Key]
	if p == nil {
		p = v.Page
	}
	if u := v.abs(p.URL()); u != "" {
		return u
	}
	return v.rootURL(p.URL())
}

func (v *View) abs(u string) string {
	if v.Config.BaseURL == "" {
		return ""
	}
	return v.Config.BaseURL + u
}

// Canonical is the address search engines should index: for a fallback page, the original.
func (v *View) Canonical() string {
	if v.NotFound() {
		return ""
	}
	if !v.Page.Fallback {
		if a := v.abs(v.Page.URL()); a != "" {
			return a
		}
		return ""
	}
	orig := v.Site.Lang(v.Page.ContentLang).ByKey[v.Page.Key]
	if orig == nil {
		return ""
	}
	if a := v.abs(orig.URL()); a != "" {
		return a
	}
	return v.rootURL(orig.URL())
}

// Original is the page in the language the words are in (for fallback and outdated
// notices).
func (v *View) Original() Alt {
	code := v.Page.ContentLang
	if !v.Page.Fallback {
		code = v.Site.Config.DefaultLanguage
	}
	l := v.Site.Lang(code)
	p := l.ByKey[v.Page.Key]
	if p == nil {
		return Alt{Lang: l.Language}
	}
	return Alt{Lang: l.Language, URL: v.rootURL(p.URL()), Real: true}
}

// ContentLanguage is the language the page's words are in.
func (v *View) ContentLanguage() *config.Language { return v.Site.Config.Lang(v.Page.ContentLang) }

// LangName returns the name of a declared language in the language of the interface string
// it goes into: "الإنجليزية" for English in an Arabic sentence, "English" if that sentence
// has fallen back to English. Its own name when CLDR has no name for it.
func (v *View) LangName(stringID, code string) string {
	l := v.Site.Config.Lang(code)
	if l == nil {
		return code
	}
	in := v.Site.Config.Lang(v.loc.Lang(stringID))
	if in == nil {
		in = v.Lang.Language
	}
	if l.Code == in.Code {
		return l.Name
	}
	if name := display.Languages(in.Tag).Name(l.Tag); name != "" {
		return name
	}
	return l.Name
}

// LangOf returns a declared language by code.
func (v *View) LangOf(code string) *config.Language { return v.Site.Config.Lang(code) }

// NoIndex reports whether search engines should skip the page (fallbacks duplicate another
// language's page).
func (v *View) NoIndex() bool { return v.Page.Fallback || v.NotFound() }

// CSP is the Content Security Policy of the page.
func (v *View) CSP() string {
	if v.r.opts.Dev {
		return policy.DevCSP()
	}
	return policy.MetaCSP()
}

// Dev reports whether the page is built for `talksite serve`.
func (v *View) Dev() bool { return v.r.opts.Dev }

// DevScript is the address of the live-reload script in `talksite serve`, and "" in a
// build.
func (v *View) DevScript() string {
	if !v.r.opts.Dev {
		return ""
	}
	return v.rootPath("__talksite/reload.js")
}

// Date formats a date in the reader's language, e.g. "22 November 2026".
func (v *View) Date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	month := v.loc.Translate("date.month."+strconv.Itoa(int(t.Month())), nil, nil)
	return v.loc.Translate("date.format", nil, map[string]any{"Day": t.Day(), "Month": month, "Year": t.Year()})
}

// ISODate formats a date for a <time datetime> attribute.
func (v *View) ISODate(t time.Time) string { return t.Format("2006-01-02") }

// Tagged returns the content pages tagged with a term ("ages", "11-13").
func (v *View) Tagged(taxonomy, term string) []*content.Page { return v.Lang.Tagged(taxonomy, term) }

// Terms returns the values of a taxonomy.
func (v *View) Terms(taxonomy string) []string { return v.Site.Taxonomies.Terms(taxonomy) }

// TermURL returns the address of a term's index page.
func (v *View) TermURL(taxonomy, term string) string { return v.URL(taxonomy + "/" + term) }

// Starters returns the starters tagged with a term; empty arguments mean all.
func (v *View) Starters(taxonomy, term string) []data.Starter {
	var out []data.Starter
	for _, s := range v.Lang.Data.Starters {
		tags := s.Ages
		if taxonomy == "topics" {
			tags = s.Topics
		}
		if term == "" || slices.Contains(tags, term) {
			out = append(out, s)
		}
	}
	return out
}

// Actions returns the checklist actions of a TALK step.
func (v *View) Actions(step string) []data.Action {
	var out []data.Action
	for _, a := range v.Lang.Data.Checklist {
		if a.Step == step {
			out = append(out, a)
		}
	}
	return out
}

// Steps are the TALK steps in order.
func (v *View) Steps() []string { return v.Site.Taxonomies.Steps }

// AgeBands are the age bands in order.
func (v *View) AgeBands() []string { return v.Site.Taxonomies.AgeBands }

// Topics are the topics in order.
func (v *View) Topics() []string { return v.Site.Taxonomies.Topics }

// Country is a group of helplines.
type Country struct {
	Code      string
	Helplines []data.Helpline
	Groups    []Purpose // the same helplines by purpose, in the order of Taxonomies.Purposes
}

// Purpose is a country's helplines for one purpose, such as "report-abuse".
type Purpose struct {
	Name      string
	Helplines []data.Helpline
}

// Oldest is the earliest date on which one of the group's helplines was checked.
func (g Purpose) Oldest() time.Time {
	var oldest time.Time
	for _, h := range g.Helplines {
		if oldest.IsZero() || h.Verified.Before(oldest) {
			oldest = h.Verified
		}
	}
	return oldest
}

// Helplines returns the helplines grouped by country: the site's country first, then the
// others in alphabetical order of code, international routes last.
func (v *View) Helplines() []Country {
	var out []Country
	for _, h := range v.Lang.Data.Helplines {
		i := slices.IndexFunc(out, func(c Country) bool { return c.Code == h.Country })
		if i < 0 {
			out = append(out, Country{Code: h.Country})
			i = len(out) - 1
		}
		out[i].Helplines = append(out[i].Helplines, h)
	}
	rank := func(code string) int {
		switch code {
		case v.Config.Country:
			return 0
		case "INT":
			return 2
		}
		return 1
	}
	slices.SortFunc(out, func(a, b Country) int {
		return cmp.Or(cmp.Compare(rank(a.Code), rank(b.Code)), cmp.Compare(a.Code, b.Code))
	})
	for i, c := range out {
		slices.SortStableFunc(c.Helplines, func(a, b data.Helpline) int { return cmp.Compare(a.Weight, b.Weight) })
		for _, name := range v.Site.Taxonomies.Purposes {
			g := Purpose{Name: name}
			for _, h := range c.Helplines {
				if h.Purpose == name {
					g.Helplines = append(g.Helplines, h)
				}
			}
			if len(g.Helplines) > 0 {
				out[i].Groups = append(out[i].Groups, g)
			}
		}
	}
	return out
}

// Localized reports whether a text is in the reader's language; layouts mark other text
// with its lang.
func (v *View) Localized(t data.Text) bool { return t.Lang == "" || t.Lang == v.Lang.Code }

// PluralForms returns every plural form of a string in the reader's language, with its
// placeholders ({{.Count}}) left in, for scripts that choose the form with
// Intl.PluralRules. Layouts render them as <span hidden data-form="one">...</span>.
func (v *View) PluralForms(id string) map[string]string { return v.loc.Forms(id) }

// CacheKey says what the output of a cached partial ("header", "footer") depends on
// besides the language: the folder depth (relative addresses) and which menu item is the
// current page or its section (aria-current).
func (v *View) CacheKey(part string) string {
	var b strings.Builder
	b.WriteString(v.Root())
	menu := "main"
	if part == "footer" {
		menu = "footer"
	}
	for _, p := range v.Menu(menu) {
		switch {
		case v.IsCurrent(p):
			b.WriteString("|c:" + p.Key)
		case menu == "main" && v.InSection(p):
			b.WriteString("|s:" + p.Key)
		}
	}
	return b.String()
}

// T translates an interface string (also available as the T function).
func (v *View) T(id string, args ...any) string { return tFunc(v.loc, v.fail)(id, args...) }

func (v *View) fail(format string, args ...any) {
	*v.errs = append(*v.errs, fmt.Sprintf(format, args...))
}

// tlFunc makes the TL template function: T for text between tags. When the string is not
// in the page's language (a translation that lacks it falls back along the chain), it is
// marked with its own lang, and dir if that differs, so screen readers pronounce it right.
// Attributes and <title> use T: they cannot carry markup.
func tlFunc(loc *i18n.Localizer, fail func(string, ...any), page *config.Language, cfg *config.Config) func(id string, args ...any) template.HTML {
	t := tFunc(loc, fail)
	return func(id string, args ...any) template.HTML {
		text := template.HTMLEscapeString(t(id, args...))
		from := loc.Lang(id)
		if from == "" || page == nil || from == page.Code {
			return template.HTML(text)
		}
		attrs := ` lang="` + template.HTMLEscapeString(from) + `"`
		if l := cfg.Lang(from); l != nil && l.Dir != page.Dir {
			attrs += ` dir="` + l.Dir + `"`
		}
		return template.HTML("<span" + attrs + ">" + text + "</span>")
	}
}

// tFunc makes the T template function of a localizer: T "id", T "id" count, T "id" (dict
// "Name" value), or T "id" count (dict ...).
func tFunc(loc *i18n.Localizer, fail func(string, ...any)) func(id string, args ...any) string {
	return func(id string, args ...any) string {
		var count *int
		var data map[string]any
		for _, a := range args {
			switch a := a.(type) {
			case int:
				n := a
				count = &n
			case map[string]any:
				data = a
			default:
				fail("T %q: unexpected argument %v (want a number or a dict)", id, a)
			}
		}
		return loc.Translate(id, count, data)
	}
}

// Routes returns the helplines with the given purposes for the site's country, followed by
// the international ones, in the order of purposes and then by weight: what a "what
// happened?" page lists after its first actions. Another country's helplines never appear
// here; the help page lists them all.
func (v *View) Routes(purposes []string) []data.Helpline {
	var out []data.Helpline
	for _, country := range []string{v.Config.Country, "INT"} {
		for _, purpose := range purposes {
			start := len(out)
			for _, h := range v.Lang.Data.Helplines {
				if h.Country == country && h.Purpose == purpose && !slices.ContainsFunc(out, func(o data.Helpline) bool { return o.ID == h.ID }) {
					out = append(out, h)
				}
			}
			slices.SortStableFunc(out[start:], func(a, b data.Helpline) int { return cmp.Compare(a.Weight, b.Weight) })
		}
	}
	return out
}

// Lead is the page's body before its first second-level heading: on a "what happened?"
// page, the first actions, which the layout shows before the contacts.
func (v *View) Lead() template.HTML {
	lead, _ := splitAtH2(v.Body)
	return lead
}

// Rest is the page's body from its first second-level heading on ("" when it has none).
func (v *View) Rest() template.HTML {
	_, rest := splitAtH2(v.Body)
	return rest
}

func splitAtH2(body template.HTML) (lead, rest template.HTML) {
	if i := strings.Index(string(body), "<h2"); i >= 0 {
		return body[:i], body[i:]
	}
	return body, ""
}

// OldestVerified is the earliest date on which any of the helplines was checked: the date
// a list of them can honestly claim as a whole.
func (v *View) OldestVerified(helplines []data.Helpline) time.Time {
	return Purpose{Helplines: helplines}.Oldest()
}

// EmergencyRoutes are the emergency numbers of the site's country (999 in the UK).
func (v *View) EmergencyRoutes() []data.Helpline { return v.Routes([]string{"emergency"}) }

// CountryName is the name of a country (ISO 3166 code, or INT for "anywhere") in the
// reader's language: the interface string country.<code> where one exists, so that
// translators can word it, otherwise CLDR's name, otherwise the code.
func (v *View) CountryName(code string) string {
	id := "country." + code
	if v.loc.Lang(id) != "" {
		return v.T(id)
	}
	if region, err := language.ParseRegion(code); err == nil {
		if name := display.Regions(v.Lang.Tag).Name(region); name != "" {
			return name
		}
	}
	return code
}
