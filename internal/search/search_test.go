package search

import (
	"encoding/json"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/talksite/talksite/internal/diag"
)

func TestNormalize(t *testing.T) {
	for in, want := range map[string]string{
		"Co zrobić NAJPIERW": "co zrobic najpierw",
		"Beth i'w wneud? Â":  "beth i'w wneud? a",
		"Szantaż":            "szantaz",
		"ffôn":               "ffon",
		"مُحَادَثَة":         "محادثه",
		"أمان إنترنت":        "امان انترنت",
		"ابتزاز":             "ابتزاز",
		"بچوں کی حفاظت":      "بچوں كي حفاظت",
		"تصویر":              "تصوير",
		"ـمـرحـبـا":          "مرحبا",
		"Café naïve":         "cafe naive",
	} {
		if got := Normalize(in); got != want {
			t.Errorf("Normalize(%q) = %q, want %q", in, got, want)
		}
	}
}

// readIndex decodes an index file made by Build.
func readIndex(t *testing.T, lang string, js []byte) index {
	t.Helper()
	prefix := `(window.talksiteIndex = window.talksiteIndex || {})["` + lang + `"] = `
	s := string(js)
	if !strings.HasPrefix(s, prefix) || !strings.HasSuffix(s, ";\n") {
		t.Fatalf("index file: %.80s", s)
	}
	var ix index
	if err := json.Unmarshal([]byte(strings.TrimSuffix(strings.TrimPrefix(s, prefix), ";\n")), &ix); err != nil {
		t.Fatal(err)
	}
	return ix
}

func TestBuild(t *testing.T) {
	words := Synonyms{Stop: []string{"the", "my"}, Groups: [][]string{{"blackmail", "sextortion"}}}
	docs := func() []Doc {
		return []Doc{
			{URL: "ar/help/index.html", Title: "الحصول على المساعدة", Words: TextWords(Words("اتصل بالطوارئ"))},
			{URL: "ar/guidance/sextortion/index.html", Title: "Sextortion", Section: "Guidance", Snippet: "When someone threatens.",
				Lang: "en", SectionLang: "en", Words: NewPlacedWords(map[string]Place{"blackmail": Often, "the": InText, "my": InHeading, "report": InHeading, "sextortion": InText})},
		}
	}
	js := Build("ar", docs(), words)
	ix := readIndex(t, "ar", js)
	// Pages are sorted by address: guidance (0) before help (1); each word lists page*4+place.
	if want := []string{"ar/guidance/sextortion/index.html", "Sextortion", "Guidance", "en", "When someone threatens.", "en"}; !slices.Equal(ix.Pages[0], want) {
		t.Errorf("page 0 = %q, want %q", ix.Pages[0], want)
	}
	if want := []string{"ar/help/index.html", "الحصول على المساعدة"}; !slices.Equal(ix.Pages[1], want) {
		t.Errorf("page 1 = %q, want %q (no empty fields at the end)", ix.Pages[1], want)
	}
	for word, want := range map[string][]int{
		"المساعده":   {1*4 + int(InTitle)},
		"بالطواري":   {1*4 + int(InText)},
		"blackmail":  {0*4 + int(Often)},
		"report":     {0*4 + int(InHeading)},
		"sextortion": {0*4 + int(InTitle)}, // the title beats the text
	} {
		if got := ix.Words[word]; !slices.Equal(got, want) {
			t.Errorf("%s: %v, want %v", word, got, want)
		}
	}
	for _, stop := range []string{"the", "my"} {
		if _, ok := ix.Words[stop]; ok {
			t.Errorf("stop word %q is in the index", stop)
		}
	}
	if !slices.Equal(ix.Stop, words.Stop) || len(ix.Syn) != 1 || !slices.Equal(ix.Syn[0], words.Groups[0]) {
		t.Errorf("stop %v, synonyms %v", ix.Stop, ix.Syn)
	}
	reversed := docs()
	slices.Reverse(reversed)
	for range 5 { // maps range in random order: build several times
		if string(Build("ar", reversed, words)) != string(js) {
			t.Fatal("the index depends on the order of the pages or of map iteration")
		}
	}
}

func TestPageWords(t *testing.T) {
	page := `<html><head><title>Headtitle</title></head><body>
<nav class="site-nav"><a href="/">Menu words</a></nav>
<main id="main"><div class="notice" role="note" id="notices"><p>Shown in English <b>for now</b></p></div><nav class="breadcrumb"><a>Crumb</a></nav>
<h1 id="page-title">Sextortion: when someone <em>threatens</em></h1>
<p>Do not pay. Keep the messages.<br>Report it to CEOP. CEOP can help; CEOP is police.</p>
<section><h2>Who to contact</h2><h3>CEOP Safety Centre</h3><p>Online form &amp; advice</p></section>
<script>var scriptWord = 1;</script><template><p>Templated</p></template>
<p>Szantaż i zdjęcie</p><img alt="x" src="y.png"><p>after image</p>
</main><footer>Footer words</footer></body></html>`
	got := PageWords([]byte(page))
	for word, want := range map[string]Place{
		"sextortion": InTitle,
		"threatens":  InTitle,
		"pay":        InText,
		"messages":   InText,
		"ceop":       InHeading, // in the text three times too, but the heading is better
		"contact":    InHeading,
		"advice":     InText,
		"szantaz":    InText,
		"zdjecie":    InText,
		"after":      InText,
	} {
		if p, ok := got.Lookup(word); !ok || p != want {
			t.Errorf("%s: place %d (found %v), want %d", word, p, ok, want)
		}
	}
	for _, left := range []string{"menu", "crumb", "scriptword", "templated", "footer", "headtitle", "shown", "now"} {
		if _, ok := got.Lookup(left); ok {
			t.Errorf("%q is indexed: it is not the page's own text", left)
		}
	}
	if p, _ := PageWords([]byte(`<main><p>help help help</p></main>`)).Lookup("help"); p != Often {
		t.Errorf("a word three times: place %d, want Often", p)
	}
}

// TestReaderRemembers reads texts and pages in other scripts with one Reader, as a render
// worker does: what it remembers from one never changes the words of the next.
func TestReaderRemembers(t *testing.T) {
	texts := []string{
		"Szantaż: zdjęcie, Zdjęcie i ZDJĘCIE. Żółw.",
		"ابتزاز الصورة صُورة، ابتزاز",
		"Zdjęcia szantażysty",
		"Szantaż ابتزاز الصور",
		"بچوں کی حفاظت اور بچوں",
	}
	r := NewReader()
	for round := range 2 {
		for _, text := range texts {
			if got, want := r.Words(text), tokenWords(text); !slices.Equal(got, want) {
				t.Errorf("round %d: Words(%q) = %q, want %q", round, text, got, want)
			}
			page := []byte("<main><h1>" + text + "</h1><p>" + text + "</p></main>")
			if got, want := maps.Collect(r.PageWords(page).All()), maps.Collect(PageWords(page).All()); !maps.Equal(got, want) {
				t.Errorf("round %d: PageWords(%q) = %v, want %v", round, page, got, want)
			}
		}
	}
	// Pages with more words in all than a Reader numbers before it starts again
	// (maxNormal), in windows that overlap, each with a word every page has.
	var many []string
	for i := range maxNormal + 3000 {
		many = append(many, "w"+strconv.Itoa(i))
	}
	for start := 0; start < len(many); start += 4000 {
		page := []byte("<main><h2>" + many[start] + "</h2><p>" + strings.Join(many[start:min(start+5000, len(many))], " ") + " often often often</p></main>")
		if got, want := maps.Collect(r.PageWords(page).All()), maps.Collect(PageWords(page).All()); !maps.Equal(got, want) {
			t.Errorf("the page of words %d on: %d words and places differ from a new Reader's %d", start, len(got), len(want))
		}
	}
	if n := len(r.words); n > maxNormal {
		t.Errorf("the Reader numbers %d words: more than %d, though it reads one page at a time", n, maxNormal)
	}
}

// tokenWords are the distinct Tokens of text of two letters or more, in order: what Words
// gives.
func tokenWords(text string) []string {
	var want []string
	seen := map[string]bool{}
	for _, w := range Tokens(text) {
		if !seen[w] && len([]rune(w)) > 1 {
			seen[w] = true
			want = append(want, w)
		}
	}
	return want
}

func TestWordsMatchesTokens(t *testing.T) {
	for _, text := range []string{
		"Hello, World! It's a TEST of 2 words: words, WORDS.",
		"Co zrobić najpierw? Zrobić to.",
		"مُحَادَثَة مع طفلك، محادثه",
		"بچوں کی حفاظت اور بچوں",
		"naïve café CAFÉ x",
	} {
		if got, want := Words(text), tokenWords(text); !slices.Equal(got, want) {
			t.Errorf("Words(%q) = %q, want %q", text, got, want)
		}
	}
}

func TestParseSynonyms(t *testing.T) {
	src := `# A test file.
stop = ["the", "My", "two words", "a"]
groups = [
  ["Blackmail", "sextortion", "Szantaż"],
  ["nude", "the"],
  ["image", "photo", "image"],
  ["take down", "remove"],
  ["one"],
  ["x", "y", "child's phone is lost"],
]
colour = "blue"
`
	var list diag.List
	got := ParseSynonyms("data/en/synonyms.toml", []byte(src), &list)
	if want := []string{"my", "the"}; !slices.Equal(got.Stop, want) {
		t.Errorf("stop = %q, want %q", got.Stop, want)
	}
	wantGroups := [][]string{{"blackmail", "sextortion", "szantaz"}, {"image", "photo"}, {"remove", "takedown"}}
	if !slices.EqualFunc(got.Groups, wantGroups, slices.Equal) {
		t.Errorf("groups = %q, want %q", got.Groups, wantGroups)
	}
	var msgs []string
	for _, d := range list.Sorted() {
		msgs = append(msgs, d.Severity.String()+" "+d.String())
	}
	want := []string{
		`error data/en/synonyms.toml:2: stop word "a" is one letter: search ignores words shorter than two letters`,
		`error data/en/synonyms.toml:2: stop word "two words" is more than one word: a stop word is one word`,
		`error data/en/synonyms.toml:5: a group needs two words or more, that find each other`,
		`warning data/en/synonyms.toml:5: word "the" is also a stop word, so it is never searched: remove it from stop or from this group`,
		`warning data/en/synonyms.toml:6: word "image" is twice in this group`,
		`error data/en/synonyms.toml:8: a group needs two words or more, that find each other`,
		`error data/en/synonyms.toml:9: a group needs two words or more, that find each other`,
		`error data/en/synonyms.toml:9: word "child's phone is lost" is more than three words: search matches words, and phrases of up to three`,
		`error data/en/synonyms.toml:9: word "x" is one letter: search ignores words shorter than two letters`,
		`error data/en/synonyms.toml:9: word "y" is one letter: search ignores words shorter than two letters`,
		`warning data/en/synonyms.toml:11: unknown key "colour": a synonyms file has stop and groups`,
	}
	if !slices.Equal(msgs, want) {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(msgs, "\n"), strings.Join(want, "\n"))
	}
}

func TestParseSynonymsBrokenTOML(t *testing.T) {
	for name, src := range map[string]string{
		"unclosed": "stop = [\"the\"]\ngroups = [\n  [\"a\", \"b\"\n",
		"flat":     "stop = [\"the\"]\n\ngroups = [\"a\", \"b\"]\n",
	} {
		var list diag.List
		got := ParseSynonyms("data/pl/synonyms.toml", []byte(src), &list)
		errs := list.Errors()
		if len(errs) != 1 || errs[0].File != "data/pl/synonyms.toml" || errs[0].Line < 2 {
			t.Errorf("%s: %v", name, errs)
		}
		if len(got.Groups) != 0 {
			t.Errorf("%s: groups from a broken file: %v", name, got.Groups)
		}
	}
}

func TestMerge(t *testing.T) {
	pl := Synonyms{Stop: []string{"na", "to"}, Groups: [][]string{{"blackmail", "szantaz"}}}
	en := Synonyms{Stop: []string{"the", "to"}, Groups: [][]string{{"blackmail", "sextortion"}, {"blackmail", "szantaz"}}}
	got := pl.Merge(en)
	if !slices.Equal(got.Stop, []string{"na", "the", "to"}) || len(got.Groups) != 2 {
		t.Errorf("merged: %v %v", got.Stop, got.Groups)
	}
	if len(pl.Stop) != 2 {
		t.Error("Merge changed its receiver")
	}
}

// TestShippedSynonyms reads the default site's synonyms files: each must be clean, and
// each language must send its word for blackmail to the English words, so that it finds
// the English page on sextortion while that page is untranslated.
func TestShippedSynonyms(t *testing.T) {
	blackmail := map[string]string{"en": "blackmail", "pl": "szantaż", "cy": "blacmel", "ar": "ابتزاز", "ur": "بلیک میل"}
	image := map[string]string{"en": "photo", "pl": "zdjęcie", "cy": "llun", "ar": "صورة", "ur": "تصویر"}
	for _, lang := range slices.Sorted(maps.Keys(blackmail)) {
		t.Run(lang, func(t *testing.T) {
			path := filepath.Join("..", "..", "data", lang, "synonyms.toml")
			src, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			var list diag.List
			syn := ParseSynonyms("data/"+lang+"/synonyms.toml", src, &list)
			for _, d := range list.Sorted() {
				t.Errorf("%s", d)
			}
			if lang != "en" && !strings.Contains(string(src), "DRAFT") {
				t.Error("a translation written without a native speaker must say DRAFT in a comment")
			}
			for local, english := range map[string]string{blackmail[lang]: "sextortion", image[lang]: "image"} {
				key := strings.Join(Tokens(local), "")
				if !slices.ContainsFunc(syn.Groups, func(g []string) bool {
					return slices.Contains(g, key) && slices.Contains(g, english)
				}) {
					t.Errorf("no group has both %q and %q", local, english)
				}
			}
		})
	}
}

func BenchmarkWords(b *testing.B) {
	text := strings.Repeat("Talk to your child about life online, and listen to what they say. ", 100)
	for b.Loop() {
		Words(text)
	}
}

func BenchmarkPageWords(b *testing.B) {
	page := []byte("<html><body><main><h1>Title</h1>" + strings.Repeat("<h2>A heading</h2><p>Talk to your <a href=x>child</a> about life online, and listen to what they say.</p>", 200) + "</main></body></html>")
	b.SetBytes(int64(len(page)))
	for b.Loop() {
		PageWords(page)
	}
}
