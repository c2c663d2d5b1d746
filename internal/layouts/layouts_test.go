package layouts

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/talksite/talksite/internal/content"
	"github.com/talksite/talksite/internal/diag"
)

// TestLookup checks the order in which a page's layout is chosen (see the package
// documentation), with each candidate removed in turn.
func TestLookup(t *testing.T) {
	all := []string{"special.html", "home.html", "guidance/list.html", "list.html", "guidance/single.html", "single.html", "terms.html", "term.html"}
	page := func(kind content.Kind, section, layout string) *content.Page {
		p := &content.Page{Kind: kind, Section: section}
		p.Meta.Layout = layout
		return p
	}
	for _, tc := range []struct {
		name  string
		page  *content.Page
		tries []string // in order; each is picked when those before it are missing
	}{
		{"front matter layout", page(content.KindPage, "guidance", "special"), []string{"special.html"}},
		{"home", page(content.KindHome, "", ""), []string{"home.html", "list.html"}},
		{"section", page(content.KindSection, "guidance", ""), []string{"guidance/list.html", "list.html"}},
		{"page in a section", page(content.KindPage, "guidance", ""), []string{"guidance/single.html", "single.html"}},
		{"top-level page", page(content.KindPage, "", ""), []string{"single.html"}},
		{"taxonomy list", page(content.KindTerms, "ages", ""), []string{"terms.html", "list.html"}},
		{"one term", page(content.KindTerm, "ages", ""), []string{"term.html", "list.html"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			have := slices.Clone(all)
			for _, want := range tc.tries {
				s := &Set{layouts: map[string]*layout{}}
				for _, n := range have {
					s.layouts[n] = &layout{file: "layouts/" + n}
				}
				lay, problem := s.layoutFor(tc.page)
				if lay == nil || lay.file != "layouts/"+want {
					t.Fatalf("with %v: got %v (%s), want %s", have, lay, problem, want)
				}
				have = slices.DeleteFunc(have, func(n string) bool { return n == want })
			}
			s := &Set{layouts: map[string]*layout{}}
			if lay, problem := s.layoutFor(tc.page); lay != nil || problem == "" {
				t.Errorf("no layouts: got %v, %q; want a problem", lay, problem)
			}
		})
	}
}

func TestUnknownLayoutNamesTheKnown(t *testing.T) {
	s := &Set{layouts: map[string]*layout{"single.html": {}, "checklist.html": {}}}
	p := &content.Page{Kind: content.KindPage}
	p.Meta.Layout = "fancy"
	_, problem := s.layoutFor(p)
	if want := `layout "fancy": there is no layouts/fancy.html (layouts: checklist, single)`; problem != want {
		t.Errorf("problem %q, want %q", problem, want)
	}
}

func TestIDsOf(t *testing.T) {
	got := idsOf(`<main id="main"><h2 id="step-{{.Key}}">x</h2><p id='single'></p><div id="a1-b_c">`)
	if want := []string{"main", "step-*", "a1-b_c"}; !slices.Equal(got, want) {
		t.Errorf("idsOf = %q, want %q", got, want)
	}
}

func TestParseTemplateError(t *testing.T) {
	for _, tc := range []struct {
		err  string
		want diag.Diagnostic
	}{
		{`template: single.html:12:3: executing "single.html" at <.Nope>: can't evaluate field Nope`,
			diag.Errorf("layouts/single.html", 12, `executing "single.html" at <.Nope>: can't evaluate field Nope`)},
		{`template: partials/header.html:4: unexpected "}" in operand`,
			diag.Errorf("layouts/partials/header.html", 4, `unexpected "}" in operand`)},
		{`template: no such template "x"`, diag.Errorf("layouts/list.html", 0, `no such template "x"`)},
	} {
		if got := parseTemplateError("layouts/list.html", errors.New(tc.err)); got != tc.want {
			t.Errorf("%s:\n got %v\nwant %v", tc.err, got, tc.want)
		}
	}
	if !strings.HasPrefix(parseTemplateError("x", errors.New("template: a.html:1: b")).File, "layouts/") {
		t.Error("file not under layouts/")
	}
}
