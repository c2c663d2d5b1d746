package search

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
)

func TestNormalize(t *testing.T) {
	for in, want := range map[string]string{
		"Co zrobić NAJPIERW": "co zrobic najpierw",
		"Beth i'w wneud? Â":  "beth i'w wneud? a",
		"مُحَادَثَة":         "محادثه",
		"أمان إنترنت":        "امان انترنت",
		"بچوں کی حفاظت":      "بچوں كي حفاظت",
		"ـمـرحـبـا":          "مرحبا",
		"Café naïve":         "cafe naive",
	} {
		if got := Normalize(in); got != want {
			t.Errorf("Normalize(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestBuild(t *testing.T) {
	js := string(Build("ar", []Doc{
		{URL: "ar/help/index.html", Title: "الحصول على المساعدة", Words: Words("اتصل بالطوارئ")},
		{URL: "ar/guidance/index.html", Title: "إرشادات", Words: Words("Grooming guidance in English"), Lang: "en"},
	}))
	prefix := `(window.talksiteIndex = window.talksiteIndex || {})["ar"] = `
	if !strings.HasPrefix(js, prefix) {
		t.Fatalf("index file: %.80s", js)
	}
	var ix index
	if err := json.Unmarshal([]byte(strings.TrimSuffix(strings.TrimPrefix(js, prefix), ";\n")), &ix); err != nil {
		t.Fatal(err)
	}
	// Pages are sorted by address: guidance (1) before help (2). Title words are negative.
	if got := ix.Words["المساعده"]; !slices.Equal(got, []int{-2}) {
		t.Errorf("title word: %v", got)
	}
	if got := ix.Words["grooming"]; !slices.Equal(got, []int{1}) || ix.Pages[0][3] != "en" {
		t.Errorf("body word: %v, pages %v", got, ix.Pages)
	}
	if js != string(Build("ar", []Doc{
		{URL: "ar/guidance/index.html", Title: "إرشادات", Words: Words("Grooming guidance in English"), Lang: "en"},
		{URL: "ar/help/index.html", Title: "الحصول على المساعدة", Words: Words("اتصل بالطوارئ")},
	})) {
		t.Error("the index depends on the order of the pages")
	}
}

func TestWordsMatchesTokens(t *testing.T) {
	for _, text := range []string{
		"Hello, World! It's a TEST of 2 words: words, WORDS.",
		"Co zrobić najpierw? Zrobić to.",
		"مُحَادَثَة مع طفلك، محادثه",
		"بچوں کی حفاظت اور بچوں",
		"naïve café CAFÉ x",
	} {
		var want []string
		seen := map[string]bool{}
		for _, w := range Tokens(text) {
			if !seen[w] && len([]rune(w)) > 1 {
				seen[w] = true
				want = append(want, w)
			}
		}
		if got := Words(text); !slices.Equal(got, want) {
			t.Errorf("Words(%q) = %q, want %q", text, got, want)
		}
	}
}

func BenchmarkWords(b *testing.B) {
	text := strings.Repeat("Talk to your child about life online, and listen to what they say. ", 100)
	for b.Loop() {
		Words(text)
	}
}
