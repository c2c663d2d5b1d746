package pages

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/talksite/talksite"
	"github.com/talksite/talksite/internal/build"
	"github.com/talksite/talksite/internal/frontmatter"
	"github.com/talksite/talksite/internal/translate/report"
	"github.com/talksite/talksite/internal/translate/translatetest"
)

// TestSegmentRoundTrip splits every page of the default content, in every language, and
// joins it again: the body must come back byte for byte.
func TestSegmentRoundTrip(t *testing.T) {
	files, _ := filepath.Glob("../../../content/*/*.md")
	more, _ := filepath.Glob("../../../content/*/*/*.md")
	files = append(files, more...)
	files = append(files, "testdata/segment.md")
	if len(files) < 30 {
		t.Fatalf("only %d content files", len(files))
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		pg, err := frontmatter.Parse(b)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		body := string(pg.Body)
		pieces := segment(body)
		if got := assemble(pieces, func(s string) string { return s }); got != body {
			t.Errorf("%s: split and joined, the body changed:\n%s", f, got)
		}
		for _, u := range units(pieces) {
			if strings.Contains(u.lit, "{#") || strings.HasPrefix(u.lit, "#") || strings.HasPrefix(u.lit, "- ") {
				t.Errorf("%s: a unit holds structure: %q", f, u.lit)
			}
		}
	}
}

func TestSegmentUnits(t *testing.T) {
	b, _ := os.ReadFile("testdata/segment.md")
	pg, err := frontmatter.Parse(b)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, u := range units(segment(string(pg.Body))) {
		got = append(got, u.kind+": "+u.lit)
	}
	want := []string{
		"paragraph: First paragraph,\non two lines with a [link](help.md).",
		"heading: A heading",
		"item: One item",
		"item: Two items,\ncontinued",
		"item: A numbered item",
		"row: | Cell | Other cell |",
		"row: | 1 | 2 |",
		"paragraph: Last.",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("units:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestPagesRoundTrip exports the pages as PO, translates every unit of one page as a
// platform would, imports it, and builds: the page keeps its front matter, heading ids and
// link targets, is recorded as made from the current English, and a unit whose link
// target changed is refused.
func TestPagesRoundTrip(t *testing.T) {
	dir := translatetest.NewSite(t)
	out := t.TempDir()
	if _, err := Export(translatetest.Open(t, dir), out, []string{"de"}, false); err != nil {
		t.Fatal(err)
	}
	pot, _ := os.ReadFile(filepath.Join(out, "pages.pot"))
	po, _ := os.ReadFile(filepath.Join(out, "de.po"))
	if !strings.Contains(string(pot), "msgctxt \"guidance/sextortion\"") || !strings.Contains(string(po), "Language: de") {
		t.Fatalf("pages.pot or de.po lack what they should have:\n%.600s", pot)
	}
	entries, err := readPO("de.po", po)
	if err != nil {
		t.Fatal(err)
	}
	// The German privacy page has other paragraphs than the English: nothing of it is
	// offered as a translation. Translate the talk page, every unit: "DE " + English.
	n := 0
	for _, e := range entries {
		if e.Context == "privacy" && e.Str != "" {
			t.Errorf("privacy unit %q has a translation from a page of another shape", e.ID)
		}
		if e.Context == "talk/talk" {
			e.Str = "DE " + e.ID
			n++
		}
	}
	if n < 10 {
		t.Fatalf("talk/talk has %d units", n)
	}
	translated := filepath.Join(out, "de-done.po")
	os.WriteFile(translated, writePO("de", entries), 0o644)
	changes, notes, err := Import(translatetest.Open(t, dir), "de", translated)
	if err != nil || len(changes) != 1 || changes[0].Path != "content/de/talk/talk.md" {
		t.Fatalf("import: %v %v %v", changes, notes, err)
	}
	en := translatetest.ReadDefault(t, "content/en/talk/talk.md")
	de := translatetest.ReadFile(t, dir, "content/de/talk/talk.md")
	for _, want := range []string{"title: \"DE TALK to your child\"", "weight: 10", "url: https://talk.iwf.org.uk/", "\n## DE Why it matters\n", "\n1. **DE Start now.**"} {
		if !strings.Contains(de, want) && !strings.Contains(de, strings.Replace(want, "**DE ", "DE **", 1)) {
			t.Errorf("content/de/talk/talk.md lacks %q:\n%.1500s", want, de)
		}
	}
	idRE := regexp.MustCompile(`\{#[^}]+\}|\]\([^)]+\)`)
	if got, want := idRE.FindAllString(de, -1), idRE.FindAllString(en, -1); strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("heading ids and link targets changed:\n%v\nwant\n%v", got, want)
	}
	st := translatetest.Status(t, translatetest.Open(t, dir), "de")
	if got := translatetest.ItemState(st, "page", "talk/talk"); got != report.Draft {
		t.Errorf("talk/talk after import: %s, want draft (made from the current English, not reviewed)", got)
	}
	if _, err := build.Run(build.Options{Site: os.DirFS(dir), Default: talksite.DefaultSite()}); err != nil {
		t.Fatalf("the imported page does not build: %v", err)
	}

	// Exported again, the page's units carry their translations, and the export does
	// not refuse: nothing is waiting to be imported.
	if _, err := Export(translatetest.Open(t, dir), out, []string{"de"}, false); err != nil {
		t.Fatal(err)
	}
	po, _ = os.ReadFile(filepath.Join(out, "de.po"))
	if !strings.Contains(string(po), "msgstr \"DE Why it matters\"") {
		t.Error("the second export lacks the imported translation")
	}

	// A unit whose link target changed on the platform: nothing is written.
	for _, e := range entries {
		if e.Context == "talk/talk" && strings.Contains(e.ID, "](") {
			e.Str = regexp.MustCompile(`\]\([^)]+\)`).ReplaceAllString(e.Str, "](https://example.org/)")
			break
		}
	}
	os.WriteFile(translated, writePO("de", entries), 0o644)
	before := translatetest.ReadFile(t, dir, "content/de/talk/talk.md")
	if _, _, err := Import(translatetest.Open(t, dir), "de", translated); err == nil || !strings.Contains(err.Error(), "link targets differ") {
		t.Errorf("import of a changed link target: %v", err)
	}
	if translatetest.ReadFile(t, dir, "content/de/talk/talk.md") != before {
		t.Error("a refused import wrote the page")
	}
}

// TestPagesRoundTripDefaultContent exports the default site's translated pages and imports
// them into an empty site folder: every page comes back as it was (blank lines aside,
// which follow the English), so a translation made by hand survives a trip through the
// platform.
func TestPagesRoundTripDefaultContent(t *testing.T) {
	dir := t.TempDir()
	out := t.TempDir()
	w := translatetest.Open(t, dir)
	if _, err := Export(w, out, nil, false); err != nil {
		t.Fatal(err)
	}
	blankRuns := regexp.MustCompile(`\n{2,}`)
	for _, l := range w.Site.Langs {
		if l.Code == w.Config.DefaultLanguage {
			continue
		}
		changes, _, err := Import(translatetest.Open(t, dir), l.Code, filepath.Join(out, l.Code+".po"))
		if err != nil {
			t.Fatalf("%s: %v", l.Code, err)
		}
		if len(changes) < 25 {
			t.Errorf("%s: %d pages came back, want nearly all", l.Code, len(changes))
		}
		for _, ch := range changes {
			got := translatetest.ReadFile(t, dir, ch.Path)
			want := translatetest.ReadDefault(t, ch.Path)
			if blankRuns.ReplaceAllString(got, "\n") != blankRuns.ReplaceAllString(want, "\n") {
				t.Errorf("%s changed on the round trip:\n%s", ch.Path, got)
			}
		}
	}
}

// TestReadPOAsWeblateWrites: wrapped strings, previous msgids, fuzzy flags, obsolete
// entries and the header, as Weblate and msgmerge write them.
func TestReadPOAsWeblateWrites(t *testing.T) {
	src := `# Translators
msgid ""
msgstr ""
"Language: pl\n"
"Plural-Forms: nplurals=4; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<12 || n%100>14) ? 1 : n%10==1 ? 2 : 3);\n"

#. paragraph
#: content/en/help.md
#, fuzzy
#| msgid "Old text"
msgctxt "help"
msgid ""
"A long paragraph that Weblate wraps "
"over two lines."
msgstr ""
"Długi akapit, który Weblate zawija "
"w dwóch wierszach."

#. title
#: content/en/help.md
msgctxt "help"
msgid "Get help"
msgstr "Uzyskaj \"pomoc\""
#~ msgctxt "help"
#~ msgid "Gone"
#~ msgstr "Nie ma"
`
	entries, err := readPO("pl.po", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 2 {
		t.Fatalf("%d entries: %+v", len(entries), entries)
	}
	a, b := entries[0], entries[1]
	if !a.Fuzzy || a.Context != "help" || a.ID != "A long paragraph that Weblate wraps over two lines." || a.Str != "Długi akapit, który Weblate zawija w dwóch wierszach." {
		t.Errorf("first entry %+v", a)
	}
	if b.Fuzzy || b.ID != "Get help" || b.Str != `Uzyskaj "pomoc"` || b.Comments[0] != "title" {
		t.Errorf("second entry %+v", b)
	}
	// What writePO writes, readPO reads back.
	again, err := readPO("x.po", writePO("pl", entries))
	if err != nil || len(again) != 2 || again[0].Str != a.Str || again[1].Str != b.Str || !again[0].Fuzzy {
		t.Errorf("write and read again: %v %+v", err, again)
	}
}
