package view

import (
	"cmp"
	"fmt"
	"html/template"
	"slices"
	"strings"
	"time"

	"github.com/talksite/talksite/internal/config"
	"github.com/talksite/talksite/internal/data"
	"github.com/talksite/talksite/internal/i18n"
	"github.com/talksite/talksite/internal/locale"
)

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
func (v *View) T(id string, args ...any) string { return TFunc(v.loc, v.fail)(id, args...) }

func (v *View) fail(format string, args ...any) {
	*v.errs = append(*v.errs, fmt.Sprintf(format, args...))
}

// TLFunc makes the TL template function: T for text between tags. When the string is not
// in the page's language (a translation that lacks it falls back along the chain), it is
// marked with its own lang, and dir if that differs, so screen readers pronounce it right.
// Attributes and <title> use T: they cannot carry markup.
func TLFunc(loc *i18n.Localizer, fail func(string, ...any), page *config.Language, cfg *config.Config) func(id string, args ...any) template.HTML {
	t := TFunc(loc, fail)
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

// TFunc makes the T template function of a localizer: T "id", T "id" count, T "id" (dict
// "Name" value), or T "id" count (dict ...).
func TFunc(loc *i18n.Localizer, fail func(string, ...any)) func(id string, args ...any) string {
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
	if name := locale.CountryName(v.Lang.Tag, code); name != "" {
		return name
	}
	return code
}
