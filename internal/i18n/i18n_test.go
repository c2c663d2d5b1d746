package i18n

import (
	"slices"
	"strings"
	"testing"

	"github.com/talksite/talksite/internal/diag"
)

func mustParse(t *testing.T, lang, src string) *File {
	t.Helper()
	f, err := Parse(lang, "i18n/"+lang+".toml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func TestNeededForms(t *testing.T) {
	for lang, want := range map[string][]string{
		"en": {"one", "other"},
		"ar": {"zero", "one", "two", "few", "many", "other"},
		"cy": {"zero", "one", "two", "few", "many", "other"},
		"pl": {"one", "few", "many", "other"},
		"ur": {"one", "other"},
		"ja": {"other"},
	} {
		if got := NeededForms(lang); !slices.Equal(got, want) {
			t.Errorf("%s: %v, want %v", lang, got, want)
		}
	}
}

func TestFallbackChainAndPlurals(t *testing.T) {
	en := mustParse(t, "en", `
"hello" = "Hello"
"only.en" = "English only"
[count]
one = "{{.Count}} starter"
other = "{{.Count}} starters"
`)
	pt := mustParse(t, "pt", `
"hello" = "Olá"
"only.pt" = "Só pt"
`)
	ptBR := mustParse(t, "pt-BR", `"hello" = "Oi"`)
	ar := mustParse(t, "ar", `
[count]
zero = "لا شيء"
one = "واحد"
two = "اثنان"
few = "{{.Count}} قليل"
many = "{{.Count}} كثير"
other = "{{.Count}} آخر"
`)
	cat, err := NewCatalog("en", []*File{en, pt, ptBR, ar})
	if err != nil {
		t.Fatal(err)
	}
	var problems []diag.Diagnostic
	loc := cat.Localizer([]string{"pt-BR", "pt", "en"}, func(p diag.Diagnostic) { problems = append(problems, p) })
	for id, want := range map[string]string{"hello": "Oi", "only.pt": "Só pt", "only.en": "English only"} {
		if got := loc.Translate(id, nil, nil); got != want {
			t.Errorf("pt-BR %s = %q, want %q (the chain pt-BR → pt → en)", id, got, want)
		}
	}
	if got := loc.Lang("only.pt"); got != "pt" {
		t.Errorf("only.pt comes from %q", got)
	}
	one := 1
	if got := loc.Translate("count", &one, nil); got != "1 starter" {
		t.Errorf("count 1 = %q", got)
	}
	arLoc := cat.Localizer([]string{"ar", "en"}, nil)
	for n, want := range map[int]string{0: "لا شيء", 1: "واحد", 2: "اثنان", 3: "3 قليل", 11: "11 كثير", 100: "100 آخر"} {
		if got := arLoc.Translate("count", &n, nil); got != want {
			t.Errorf("ar count %d = %q, want %q", n, got, want)
		}
	}
	if got := loc.Translate("missing", nil, nil); got != "missing" || len(problems) != 1 || !strings.Contains(problems[0].Message, `no string "missing"`) {
		t.Errorf("missing string: %q, problems %+v", got, problems)
	}
}

func TestTranslationsAreText(t *testing.T) {
	// Placeholders are filled in as plain text; escaping is the layout's job, but a
	// translation can never call a function or reach data it was not given.
	en := mustParse(t, "en", `"x" = "Hello {{.Name}}"`)
	cat, _ := NewCatalog("en", []*File{en})
	loc := cat.Localizer([]string{"en"}, nil)
	if got := loc.Translate("x", nil, map[string]any{"Name": "<b>Ana</b>"}); got != "Hello <b>Ana</b>" {
		t.Errorf("got %q", got)
	}
}

func TestCheck(t *testing.T) {
	src := &Message{ID: "c", Forms: map[string]string{"one": "{{.Count}} starter", "other": "{{.Count}} starters for {{.Name}}"}}
	for _, tc := range []struct {
		lang  string
		forms map[string]string
		want  []string
	}{
		{"pl", map[string]string{"one": "1 starter", "few": "{{.Count}} x {{.Name}}", "many": "{{.Count}} y {{.Name}}", "other": "{{.Count}} z {{.Name}}"}, []string{"one form lacks {{.Name}}"}},
		{"pl", map[string]string{"one": "{{.Name}}", "other": "{{.Count}} {{.Nmae}}"}, []string{`has no "few" plural form`, `has no "many" plural form`, "other form has {{.Nmae}}", "other form lacks {{.Name}}"}},
		{"ur", map[string]string{"one": "<b>{{.Name}}</b>", "other": "{{.Count}} {{.Name}}"}, []string{"one form contains HTML"}},
	} {
		got := Check(tc.lang, src, &Message{ID: "c", Forms: tc.forms})
		for _, w := range tc.want {
			if !slices.ContainsFunc(got, func(g string) bool { return strings.Contains(g, w) }) {
				t.Errorf("%s %v: problems %q lack %q", tc.lang, tc.forms, got, w)
			}
		}
	}
}

func TestParseErrorsAndMeta(t *testing.T) {
	f := mustParse(t, "cy", "\"a\" = \"A\"\n\n[b]\nother = \"B\"\nsourceHash = \"abc\"\ndraft = true\n\n[_meta]\ndraft = true\n")
	if !f.Draft || f.Messages["b"].SourceHash != "abc" || !f.Messages["b"].Draft || f.Messages["b"].Line != 3 {
		t.Errorf("file %+v, b %+v", f, f.Messages["b"])
	}
	if _, err := Parse("en", "i18n/en.toml", []byte("x = 1")); err == nil || !strings.Contains(err.Error(), "i18n/en.toml:1: x: want text") {
		t.Errorf("number value: %v", err)
	}
	if _, err := Parse("en", "i18n/en.toml", []byte("x = \"unclosed")); err == nil || !strings.Contains(err.Error(), "i18n/en.toml:1:") {
		t.Errorf("bad TOML: %v", err)
	}
	if _, err := Parse("en", "i18n/en.toml", []byte("[x]\none = \"a\"")); err == nil || !strings.Contains(err.Error(), `no "other" form`) {
		t.Errorf("no other: %v", err)
	}
}

// TestCheckRefusesTemplateCode: a translation that would pass as a go template but does
// more than fill in a placeholder is a problem for Check, so that `i18n import` refuses it
// before it reaches a strings file (issue 14).
func TestCheckRefusesTemplateCode(t *testing.T) {
	src := &Message{Forms: map[string]string{"other": "{{.Count}} found"}}
	for _, text := range []string{"{{range .Count}}x{{end}}", "{{.Count | printf \"%d\"}} found", "{{template \"x\"}}"} {
		tr := &Message{Forms: map[string]string{"other": text}}
		if problems := Check("fr", src, tr); !slices.ContainsFunc(problems, func(p string) bool { return strings.Contains(p, "only placeholders") }) {
			t.Errorf("%q: %v", text, problems)
		}
	}
	if problems := Check("fr", src, &Message{Forms: map[string]string{"other": "{{.Count}} trouvés"}}); len(problems) != 0 {
		t.Errorf("a good translation: %v", problems)
	}
}

func TestReviewedBy(t *testing.T) {
	f := mustParse(t, "fr", "\"a\" = \"b\"\n[_meta]\nreviewedBy = \"Claire\"\nreviewed = 2026-12-03\n")
	if !f.IsReviewed() || f.Reviewed != "2026-12-03" {
		t.Errorf("reviewedBy %q reviewed %q", f.ReviewedBy, f.Reviewed)
	}
	f = mustParse(t, "fr", "\"a\" = \"b\"\n[_meta]\nreviewedBy = \"Claire\"\ndraft = true\n")
	if f.IsReviewed() {
		t.Error("a draft with reviewedBy counts as reviewed")
	}
	f = mustParse(t, "fr", "\"a\" = \"b\"\n")
	f.Apply(&Status{ReviewedBy: "Jan"})
	if !f.IsReviewed() {
		t.Error("reviewedBy in the status file does not count")
	}
}
