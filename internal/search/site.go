package search

import (
	"sync"

	"github.com/talksite/talksite/internal/content"
	"github.com/talksite/talksite/internal/diag"
)

// IndexName is the output path of a language's index. It is not fingerprinted: the index
// changes with every edit of any page, and a fingerprint would change every page that
// points at it. Servers revalidate it instead of caching it for a year.
func IndexName(lang string) string { return "search/" + lang + ".js" }

// SiteIndexes makes every language's index (the languages in parallel), by output path.
// words gives the words a page shows; synonyms come from each language's
// data/<lang>/synonyms.toml along its fallback chain.
func SiteIndexes(site *content.Site, words func(*content.Page) PlacedWords, list *diag.List) map[string][]byte {
	synonyms := loadSynonyms(site, list)
	bodies := make([][]byte, len(site.Langs))
	var wg sync.WaitGroup
	for i, l := range site.Langs {
		var syn Synonyms
		for _, code := range l.Chain {
			syn = syn.Merge(synonyms[code])
		}
		wg.Go(func() {
			docs := make([]Doc, 0, len(l.Pages))
			for _, p := range l.Pages {
				d := Doc{URL: p.URL() + "index.html", Title: p.Meta.Title, Snippet: p.Meta.Description, Words: words(p)}
				if p.Parent != nil && p.Parent.Kind != content.KindHome {
					d.Section = p.Parent.Meta.Title
					if p.Parent.ContentLang != l.Code {
						d.SectionLang = p.Parent.ContentLang
					}
				}
				if p.ContentLang != l.Code {
					d.Lang = p.ContentLang
				}
				docs = append(docs, d)
			}
			bodies[i] = Build(l.Code, docs, syn)
		})
	}
	wg.Wait()
	out := make(map[string][]byte, len(site.Langs))
	for i, l := range site.Langs {
		out[IndexName(l.Code)] = bodies[i]
	}
	return out
}

// loadSynonyms reads each language's data/<lang>/synonyms.toml (see ParseSynonyms),
// reporting malformed entries with their lines. A language without the file has none.
func loadSynonyms(site *content.Site, list *diag.List) map[string]Synonyms {
	out := map[string]Synonyms{}
	for _, l := range site.Langs {
		path := "data/" + l.Code + "/synonyms.toml"
		if !site.Tree.Has(path) {
			continue
		}
		b, err := site.Tree.ReadFile(path)
		if err != nil {
			list.AddError(path, 0, err)
			continue
		}
		out[l.Code] = ParseSynonyms(path, b, list)
	}
	return out
}
