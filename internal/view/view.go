// Package view is the page view: what a layout sees as "." when it renders a page. Its
// methods are the layouts' vocabulary (docs/layouts.md lists them with examples): the
// page and its language, relative addresses to other pages and to assets, translations
// and hreflang alternates, interface strings (T, TL), dates, and the language's lists
// (starters, checklist actions, helplines grouped by country and purpose).
//
// A View only reads the site model; the problems a layout causes through it (a page or
// asset that does not exist, a bad T argument) are collected on the View and reported by
// the layout stage with the layout's name.
package view

import (
	"html/template"
	"strconv"
	"strings"
	"time"

	"github.com/talksite/talksite/internal/address"
	"github.com/talksite/talksite/internal/assets"
	"github.com/talksite/talksite/internal/config"
	"github.com/talksite/talksite/internal/content"
	"github.com/talksite/talksite/internal/data"
	"github.com/talksite/talksite/internal/i18n"
	"github.com/talksite/talksite/internal/locale"
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

	ctx  *Context
	loc  *i18n.Localizer
	url  string // this page's address from the site root, e.g. "en/help/"
	errs *[]string
	// absRoot, when set, is the site's path ("/online-safety/"): addresses start with it
	// instead of climbing from url. The 404 page uses it, since a server shows it at any
	// depth.
	absRoot string
}

// Context is what every page of a build shares.
type Context struct {
	Site   *content.Site
	Assets *assets.Set
	// Dev renders for `talksite serve`: pages load the live-reload script and their policy
	// allows its event stream.
	Dev bool
}

// New returns the view of page p, showing body (the HTML of its Markdown, with its
// headings).
func New(ctx *Context, p *content.Page, body template.HTML, headings []markdown.Heading) *View {
	l := ctx.Site.Lang(p.Lang)
	return &View{Page: p, Lang: l, Site: ctx.Site, Config: ctx.Site.Config, ctx: ctx, loc: l.Strings, url: p.URL(),
		errs: new([]string), Body: body, Headings: headings}
}

// NewChooser returns the view of the root index.html, the language chooser: the home page
// of the source language, seen from the site root.
func NewChooser(ctx *Context) *View {
	l := ctx.Site.Source()
	home := l.ByKey[""]
	if home == nil {
		return nil
	}
	return &View{Page: home, Lang: l, Site: ctx.Site, Config: ctx.Site.Config, ctx: ctx, loc: l.Strings, url: "", errs: new([]string)}
}

// NewNotFound returns the view of a language's 404 page. Its addresses start at the
// site's path (config.BasePath) instead of being relative: a server shows it in place of
// any missing address, at any depth.
func NewNotFound(ctx *Context, l *content.Lang) *View {
	p := &content.Page{Lang: l.Code, ContentLang: l.Code, Key: "404", URLPath: "404", Kind: content.KindSpecial}
	p.Meta.Title = l.Strings.Translate("notFound.title", nil, nil)
	return &View{Page: p, Lang: l, Site: ctx.Site, Config: ctx.Site.Config, ctx: ctx, loc: l.Strings, url: l.Code + "/",
		errs: new([]string), absRoot: ctx.Site.Config.BasePath()}
}

// Problems are the problems the layout caused through this view while it ran.
func (v *View) Problems() []string { return *v.errs }

// rootPath is the address of a path below the site root, from this page.
func (v *View) rootPath(to string) string {
	if v.absRoot != "" {
		return v.absRoot + to
	}
	return address.RootPath(v.url, to)
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
	out, ok := v.ctx.Assets.Out(logical)
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
	f := v.ctx.Assets.Get(strings.TrimPrefix(v.Config.Logo, "assets/"))
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
	_, ok := v.ctx.Assets.Out(logical)
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
			out = append(out, Alt{Lang: l.Language, URL: v.rootPath(l.Code + "/" + content.NotFoundName), Current: l.Code == v.Lang.Code, Real: true})
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
			if loc := l.Strings; loc != nil {
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
	if name := locale.Name(in.Tag, l.Tag); name != "" {
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
	if v.ctx.Dev {
		return policy.DevCSP()
	}
	return policy.MetaCSP()
}

// Dev reports whether the page is built for `talksite serve`.
func (v *View) Dev() bool { return v.ctx.Dev }

// DevScript is the address of the live-reload script in `talksite serve`, and "" in a
// build.
func (v *View) DevScript() string {
	if !v.ctx.Dev {
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
