package content_test

import (
	"flag"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/tools/txtar"

	"github.com/talksite/talksite"
	"github.com/talksite/talksite/internal/build"
	"github.com/talksite/talksite/internal/content"
	"github.com/talksite/talksite/internal/diag"
	"github.com/talksite/talksite/internal/txtartest"
)

var update = flag.Bool("update", false, "rewrite want/model in testdata/load/*.txtar from what Load gives")

// TestLoad loads one small site per archive in testdata/load/*.txtar, over the default
// site's layouts, data and strings but not its pages, and compares the model (see
// describe) and every diagnostic with the archive's want/model. The archive's comment
// says what the case proves, and a line "show: generated" in it lists the generated pages
// too (age bands, topics, the print pack, the site map: the same in every case, so
// left out elsewhere); its site/<path> files are the site folder, laid over those of
// testdata/load/_base.txtar.
//
// go test ./internal/content/ -update rewrites want/model from what Load gives.
func TestLoad(t *testing.T) {
	txtartest.Each(t, "testdata/load", func(t *testing.T, file string, base, ar *txtar.Archive) {
		site := txtartest.Site(t, file, base, ar)
		got := describe(t, site, strings.Contains(string(ar.Comment), "\nshow: generated\n"))
		txtartest.Want(t, file, ar, "want/model", got, *update)
		if *update {
			txtartest.Write(t, file, ar)
		}
	})
}

// describe loads site and writes the model as a reader of it would list it: each
// language's pages in order (address, kind, title, the language of the words, how it
// stands as a translation, parent, children in order, related pages), its menus, the
// pages that could not be read, then every diagnostic. Without generated, generated pages are left out of the lists.
func describe(t *testing.T, site fstest.MapFS, generated bool) string {
	t.Helper()
	files, err := build.LoadSiteFiles(site, talksite.DefaultSite(), true)
	if err != nil {
		t.Fatal(err)
	}
	list := &diag.List{}
	s := content.Load(files.Tree, files.Config, list)
	var b strings.Builder
	shown := func(p *content.Page) bool { return generated || p.File != nil }
	urls := func(pages []*content.Page) string {
		var u []string
		for _, p := range pages {
			if shown(p) {
				u = append(u, p.URL())
			}
		}
		return strings.Join(u, " ")
	}
	for _, l := range s.Langs {
		fmt.Fprintf(&b, "language %s (chain %s)\n", l.Code, strings.Join(l.Chain, " "))
		for _, p := range l.Pages {
			if !shown(p) {
				continue
			}
			fmt.Fprintf(&b, "  %s %s %q", p.URL(), p.Kind, p.Title())
			if p.Meta.LinkTitle != "" {
				fmt.Fprintf(&b, " link %q", p.Meta.LinkTitle)
			}
			if p.ContentLang != p.Lang {
				fmt.Fprintf(&b, " words:%s", p.ContentLang)
			}
			for _, flag := range []struct {
				on   bool
				name string
			}{{p.Fallback, "fallback"}, {p.DraftTranslation, "draft-translation"}, {p.Outdated, "outdated"}} {
				if flag.on {
					b.WriteString(" " + flag.name)
				}
			}
			if p.File != nil {
				fmt.Fprintf(&b, " from %s", p.File.Path)
			}
			b.WriteByte('\n')
			if p.Parent != nil {
				fmt.Fprintf(&b, "    parent %s\n", p.Parent.URL())
			}
			if u := urls(p.Children); u != "" {
				fmt.Fprintf(&b, "    children %s\n", u)
			}
			if u := urls(p.Related); u != "" {
				fmt.Fprintf(&b, "    related %s\n", u)
			}
		}
		for _, name := range []string{"main", "footer"} {
			if u := urls(l.Menus[name]); u != "" {
				fmt.Fprintf(&b, "  menu %s: %s\n", name, u)
			}
		}
	}
	if len(s.Broken) > 0 {
		fmt.Fprintf(&b, "broken %s\n", strings.Join(slices.Sorted(maps.Keys(s.Broken)), " "))
	}
	b.WriteString("diagnostics\n")
	for _, d := range list.Sorted() {
		fmt.Fprintf(&b, "  %s: %s\n", d.Severity, d)
	}
	return b.String()
}
