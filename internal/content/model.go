package content

import (
	"cmp"
	"slices"
	"strings"

	"github.com/talksite/talksite/internal/data"
	"github.com/talksite/talksite/internal/diag"
)

// TaxonomyNames are the taxonomies that have generated indexes, in the order they are
// listed; Site.Taxonomies.Terms gives each one's values.
var TaxonomyNames = []string{"ages", "topics"}

// Specials are the generated pages that are not indexes: key, layout, footer menu weight.
var Specials = []struct {
	Key, Layout string
	Weight      int
}{
	{"print", "print", 85},
	{"site-map", "sitemap", 99},
}

// addGenerated adds the age and topic index pages of a language, its print pack and its
// site map, with their titles and descriptions from the interface strings.
func addGenerated(l *Lang, tax *data.Taxonomies) {
	defer titleGenerated(l)
	for _, sp := range Specials {
		if _, taken := l.ByURL[sp.Key]; taken {
			continue
		}
		p := &Page{Lang: l.Code, ContentLang: l.Code, Key: sp.Key, URLPath: sp.Key, Kind: KindSpecial}
		p.Meta.Layout, p.Meta.Weight, p.Meta.Menu = sp.Layout, sp.Weight, "footer"
		l.ByKey[p.Key], l.ByURL[p.URLPath] = p, p
	}
	for _, taxName := range TaxonomyNames {
		if _, taken := l.ByURL[taxName]; taken {
			continue // a site's own page wins
		}
		list := &Page{Lang: l.Code, ContentLang: l.Code, Key: taxName, URLPath: taxName, Kind: KindTerms, Taxonomy: taxName}
		list.Meta.Weight = 1000
		l.ByKey[list.Key], l.ByURL[list.URLPath] = list, list
		for i, term := range tax.Terms(taxName) {
			p := &Page{Lang: l.Code, ContentLang: l.Code, Key: taxName + "/" + term, URLPath: taxName + "/" + term,
				Kind: KindTerm, Taxonomy: taxName, Term: term}
			p.Meta.Weight = i
			if _, taken := l.ByURL[p.URLPath]; !taken {
				l.ByKey[p.Key], l.ByURL[p.URLPath] = p, p
			}
		}
	}
}

// link sets kinds, parents, children and menus, and sorts the language's pages.
func link(l *Lang, list *diag.List) {
	l.Pages = l.Pages[:0]
	for _, p := range l.ByURL {
		l.Pages = append(l.Pages, p)
	}
	slices.SortFunc(l.Pages, func(a, b *Page) int { return cmp.Compare(a.URLPath, b.URLPath) })
	for _, p := range l.Pages {
		if p.File != nil {
			switch {
			case p.URLPath == "":
				p.Kind = KindHome
			case strings.HasSuffix(p.File.Path, "/_index.md"):
				p.Kind = KindSection
			default:
				p.Kind = KindPage
			}
		}
		if p.URLPath != "" {
			p.Section, _, _ = strings.Cut(p.URLPath, "/")
			if !strings.Contains(p.URLPath, "/") && p.Kind == KindPage {
				p.Section = ""
			}
		}
	}
	home := l.ByURL[""]
	for _, p := range l.Pages {
		if p.URLPath == "" {
			continue
		}
		parent := home
		for dir := parentDir(p.URLPath); dir != ""; dir = parentDir(dir) {
			if q := l.ByURL[dir]; q != nil {
				parent = q
				break
			}
		}
		p.Parent = parent
		if parent != nil {
			parent.Children = append(parent.Children, p)
		}
		if p.Meta.Menu != "" {
			l.Menus[p.Meta.Menu] = append(l.Menus[p.Meta.Menu], p)
		}
	}
	if home == nil && len(l.Pages) > 0 {
		list.Errorf("content/"+l.Code+"/_index.md", 0, "language %s has no home page: add content/%s/_index.md", l.Code, l.Code)
	}
	for _, p := range l.Pages {
		SortPages(p.Children)
		p.Related = nil
		for _, file := range p.Meta.Related {
			key := urlPathOf(strings.TrimSuffix(file, ".md"))
			if q := l.ByKey[key]; q != nil {
				p.Related = append(p.Related, q)
			} else if p.File != nil && !p.Fallback {
				list.Errorf(p.File.Path, p.File.KeyLines["related"], "related: %s is not a page of the site", file)
			}
		}
	}
	for _, m := range l.Menus {
		SortPages(m)
	}
}

// titleGenerated gives the generated pages of a language their titles and descriptions.
func titleGenerated(l *Lang) {
	loc := l.Strings
	for _, p := range l.ByURL {
		switch p.Kind {
		case KindTerms:
			p.Meta.Title = loc.Translate("taxonomy."+p.Taxonomy, nil, nil)
			p.Meta.Description = loc.Translate("taxonomy."+p.Taxonomy+".description", nil, nil)
		case KindSpecial:
			p.Meta.Title = loc.Translate(p.Key+".title", nil, nil)
			p.Meta.LinkTitle = loc.Translate(p.Key+".linkTitle", nil, nil)
			p.Meta.Description = loc.Translate(p.Key+".description", nil, nil)
		case KindTerm:
			single := strings.TrimSuffix(p.Taxonomy, "s")
			p.Meta.Title = loc.Translate(single+"."+p.Term, nil, nil)
			p.Meta.Description = loc.Translate("taxonomy."+p.Taxonomy+".term", nil, map[string]any{"Term": p.Meta.Title})
		}
	}
}

func parentDir(p string) string {
	i := strings.LastIndexByte(p, '/')
	if i < 0 {
		return ""
	}
	return p[:i]
}

// SortPages orders pages by weight, then title, then address, so that lists are stable.
func SortPages(pages []*Page) {
	slices.SortStableFunc(pages, func(a, b *Page) int {
		return cmp.Or(
			cmp.Compare(a.Meta.Weight, b.Meta.Weight),
			cmp.Compare(a.Meta.Title, b.Meta.Title),
			cmp.Compare(a.URLPath, b.URLPath),
		)
	})
}

// Tagged returns the content pages of a language tagged with term in a taxonomy.
func (l *Lang) Tagged(taxonomy, term string) []*Page {
	var out []*Page
	for _, p := range l.Pages {
		if p.File == nil {
			continue
		}
		tags := p.Meta.Ages
		if taxonomy == "topics" {
			tags = p.Meta.Topics
		}
		if slices.Contains(tags, term) {
			out = append(out, p)
		}
	}
	SortPages(out)
	return out
}
