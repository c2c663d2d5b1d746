package translate_test

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/talksite/talksite"
	"github.com/talksite/talksite/internal/build"
	"github.com/talksite/talksite/internal/translate"
	"github.com/talksite/talksite/internal/translate/report"
	"github.com/talksite/talksite/internal/translate/translatetest"
)

func TestStatusAndStamp(t *testing.T) {
	dir := translatetest.NewSite(t)
	w := translatetest.Open(t, dir)
	st := translatetest.Status(t, w, "de")
	if got := translatetest.ItemState(st, "page", "privacy"); got != report.Outdated {
		t.Errorf("privacy without sourceHash: %s, want outdated", got)
	}
	if got := translatetest.ItemState(st, "page", "help"); got != report.Missing {
		t.Errorf("help: %s, want missing", got)
	}
	if got := translatetest.ItemState(st, "string", "site.title"); got != report.Outdated {
		t.Errorf("site.title without record: %s, want outdated", got)
	}
	if st.Strings.Total-st.Strings.Missing != 2 || st.Pages.Total < 20 {
		t.Errorf("counts %+v %+v", st.Strings, st.Pages)
	}

	if _, err := w.Stamp("de", translate.StampAll); err != nil {
		t.Fatal(err)
	}
	st = translatetest.Status(t, translatetest.Open(t, dir), "de")
	if got := translatetest.ItemState(st, "page", "privacy"); !translatetest.UpToDate(got) {
		t.Errorf("privacy after stamp: %s", got)
	}
	if got := translatetest.ItemState(st, "string", "site.title"); !translatetest.UpToDate(got) {
		t.Errorf("site.title after stamp: %s", got)
	}
	b, _ := os.ReadFile(filepath.Join(dir, "content/de/privacy.md"))
	if !strings.Contains(string(b), "\nsourceHash: ") || !strings.HasSuffix(string(b), "---\nWir sammeln nichts.\n") {
		t.Errorf("stamp rewrote the page badly:\n%s", b)
	}

	// The English changes: the translation becomes outdated, and the build says so.
	translatetest.Write(t, dir, "content/en/privacy.md", "---\ntitle: Privacy\nmenu: footer\n---\nWe collect nothing, ever.\n")
	st = translatetest.Status(t, translatetest.Open(t, dir), "de")
	if got := translatetest.ItemState(st, "page", "privacy"); got != report.Outdated {
		t.Errorf("after the source changed: %s, want outdated", got)
	}
	res, err := build.Run(build.Options{Site: os.DirFS(dir), Default: talksite.DefaultSite()})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(res.Output.Files["de/privacy/index.html"]), "notice") {
		t.Error("the outdated German page has no notice")
	}
}

func TestNewLanguageBuilds(t *testing.T) {
	dir := t.TempDir() // a site with no site.toml: it inherits the default languages
	w := translatetest.Open(t, dir)
	if _, err := w.New("fr", ""); err != nil {
		t.Fatal(err)
	}
	cfg, _ := os.ReadFile(filepath.Join(dir, "site.toml"))
	for _, want := range []string{"[languages.en]", "[languages.ar]", "[languages.fr]\nname = \"français\""} {
		if !strings.Contains(string(cfg), want) {
			t.Errorf("site.toml lacks %q:\n%s", want, cfg)
		}
	}
	strs, _ := os.ReadFile(filepath.Join(dir, "i18n/fr.toml"))
	if !strings.Contains(string(strs), "# Keeping children safer online\n\"site.title\" = \"\"") ||
		!strings.Contains(string(strs), "[\"starters.count\"]\none = \"\"\nother = \"\"") {
		t.Errorf("i18n/fr.toml:\n%s", strs)
	}
	// It builds straight away: every page falls back with a notice.
	res, err := build.Run(build.Options{Site: os.DirFS(dir), Default: talksite.DefaultSite()})
	if err != nil {
		t.Fatal(err)
	}
	if res.Output.Pages["fr"] != res.Output.Pages["en"] {
		t.Errorf("fr has %d pages, en %d", res.Output.Pages["fr"], res.Output.Pages["en"])
	}

	// Translate one page and half the strings.
	translatetest.Write(t, dir, "content/fr/help.md", "---\ntitle: Obtenir de l'aide\nreviewedBy: Claire\nlayout: help\nmenu: main\nweight: 50\n---\nSi un enfant est en danger, appelez les secours.\n")
	// Every other plain string gets "FR " plus its source text (shown in the comment above
	// it), which keeps its placeholders.
	lines := strings.Split(string(strs), "\n")
	n := 0
	for i, l := range lines {
		if !strings.HasSuffix(l, "= \"\"") || !strings.HasPrefix(l, "\"") {
			continue
		}
		if n%2 == 0 {
			src := strings.TrimPrefix(lines[i-1], "# ")
			lines[i] = strings.TrimSuffix(l, "\"\"") + strconv.Quote("FR "+src)
		}
		n++
	}
	translatetest.Write(t, dir, "i18n/fr.toml", strings.Join(lines, "\n"))
	if _, err := translatetest.Open(t, dir).Stamp("fr", translate.StampAll); err != nil { // the translator is done
		t.Fatal(err)
	}
	res, err = build.Run(build.Options{Site: os.DirFS(dir), Default: talksite.DefaultSite()})
	if err != nil {
		t.Fatal(err)
	}
	help := string(res.Output.Files["fr/help/index.html"])
	guide := string(res.Output.Files["fr/guidance/index.html"])
	if !strings.Contains(help, "Obtenir de l") || strings.Contains(help, `class="notice"`) {
		t.Errorf("the translated French page is missing or has a notice:\n%s", help)
	}
	if !strings.Contains(guide, `class="notice"`) || !strings.Contains(guide, "noindex") {
		t.Error("a French fallback page has no notice or is indexed")
	}
	st := translatetest.Status(t, translatetest.Open(t, dir), "fr")
	if st.Pages.Total-st.Pages.Missing != 1 || st.Strings.Translated+st.Strings.Draft == 0 || st.Strings.Missing == 0 {
		t.Errorf("fr status pages %+v strings %+v", st.Pages, st.Strings)
	}
}

func TestStampOnlyWhatIsNamed(t *testing.T) {
	dir := translatetest.NewSite(t)
	translatetest.Write(t, dir, "content/de/help.md", "---\ntitle: Hilfe\nlayout: help\nmenu: main\n---\nRufen Sie an.\n")
	w := translatetest.Open(t, dir)
	if _, err := w.Stamp("de"); err == nil || !strings.Contains(err.Error(), "--all") {
		t.Errorf("stamp with nothing named: %v, want an error that mentions --all", err)
	}
	if _, err := w.Stamp("de", "content/de/nope.md", "strings:no.such"); err == nil ||
		!strings.Contains(err.Error(), "content/de/nope.md") || !strings.Contains(err.Error(), "no.such") {
		t.Errorf("stamp of unknown targets: %v", err)
	}
	changes, err := w.Stamp("de", "content/de/help.md", "strings:nav.label")
	if err != nil {
		t.Fatal(err)
	}
	if len(changes) != 2 {
		t.Errorf("changes %v", changes)
	}
	st := translatetest.Status(t, translatetest.Open(t, dir), "de")
	for id, want := range map[string]report.State{"help": report.Draft, "privacy": report.Outdated} {
		if got := translatetest.ItemState(st, "page", id); got != want {
			t.Errorf("page %s: %s, want %s", id, got, want)
		}
	}
	for id, want := range map[string]report.State{"nav.label": report.Draft, "site.title": report.Outdated} {
		if got := translatetest.ItemState(st, "string", id); got != want {
			t.Errorf("string %s: %s, want %s", id, got, want)
		}
	}
	// i18n/de.toml stamps every string, and nothing else.
	if _, err := translatetest.Open(t, dir).Stamp("de", "i18n/de.toml"); err != nil {
		t.Fatal(err)
	}
	st = translatetest.Status(t, translatetest.Open(t, dir), "de")
	if !translatetest.UpToDate(translatetest.ItemState(st, "string", "site.title")) || translatetest.ItemState(st, "page", "privacy") != report.Outdated {
		t.Errorf("after stamping i18n/de.toml: %v", st.Items)
	}
}

// TestDataEntries is issue 14: a data file with 2 of the starters translated counts 2, not
// the whole file; stamp records each entry; a changed English starter makes that one
// outdated, and its page marks it.
func TestDataEntries(t *testing.T) {
	dir := translatetest.NewSite(t)
	// Reviewed by a fluent reader, so that its entries count as translated, not draft.
	translatetest.Write(t, dir, "data/de/starters.toml", `reviewedBy = "A fluent reader"
reviewed = 2026-12-03

[[starter]]
id = "show-me-your-favourite-game"
text = "Welches Spiel magst du am liebsten?"

[[starter]]
id = "happy-and-sad-on-the-tablet"
text = "Was machst du gern auf dem Tablet?"
`)
	st := translatetest.Status(t, translatetest.Open(t, dir), "de")
	if got := translatetest.ItemState(st, "data", "starters/show-me-your-favourite-game"); got != report.Outdated {
		t.Errorf("an entry with no sourceHash: %s, want outdated", got)
	}
	if got := translatetest.ItemState(st, "data", "starters/secrets-and-surprises"); got != report.Missing {
		t.Errorf("an untranslated entry: %s, want missing", got)
	}
	if done := st.Data.Total - st.Data.Missing; done != 2 {
		t.Errorf("%d data entries translated, want 2 (%+v)", done, st.Data)
	}
	if _, err := translatetest.Open(t, dir).Stamp("de", translate.StampAll); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(filepath.Join(dir, "data/de/starters.toml"))
	if strings.Count(string(b), "sourceHash = ") != 2 {
		t.Errorf("stamped file:\n%s", b)
	}
	st = translatetest.Status(t, translatetest.Open(t, dir), "de")
	if st.Data.Translated != 2 || st.Data.Outdated != 0 {
		t.Errorf("after stamp: %+v", st.Data)
	}

	// The site changes the English of one starter (merged over the default's by id).
	translatetest.Write(t, dir, "data/en/starters.toml", "[[starter]]\nid = \"happy-and-sad-on-the-tablet\"\ntext = \"What do you enjoy on the tablet?\"\n")
	st = translatetest.Status(t, translatetest.Open(t, dir), "de")
	if a, b := translatetest.ItemState(st, "data", "starters/show-me-your-favourite-game"), translatetest.ItemState(st, "data", "starters/happy-and-sad-on-the-tablet"); a != report.Translated || b != report.Outdated {
		t.Errorf("after the English changed: %s and %s, want translated and outdated", a, b)
	}
	res, err := build.Run(build.Options{Site: os.DirFS(dir), Default: talksite.DefaultSite()})
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range res.Diagnostics.Warnings() {
		if strings.Contains(w.String(), "unknown key") {
			t.Errorf("reviewedBy in a data file: %s", w)
		}
	}
	page := string(res.Output.Files["de/starters/index.html"])
	if n := strings.Count(page, `class="entry-note">`); n != 1 {
		t.Errorf("%d outdated notes on the German starters, want 1", n)
	}
	if !strings.Contains(page, `class="entry-note" lang="de"`) {
		t.Error("untranslated starters have no note")
	}
}

// TestStampOneEntry: stamp can name one entry of a data file (data/<lang>/<list>.toml#<id>);
// the file's other outdated entries stay outdated.
func TestStampOneEntry(t *testing.T) {
	dir := translatetest.NewSite(t)
	translatetest.Write(t, dir, "data/de/starters.toml", `[[starter]]
id = "show-me-your-favourite-game"
text = "Welches Spiel magst du am liebsten?"

[[starter]]
id = "happy-and-sad-on-the-tablet"
text = "Was machst du gern auf dem Tablet?"
`)
	if _, err := translatetest.Open(t, dir).Stamp("de", "data/de/starters.toml#no-such-entry"); err == nil {
		t.Error("stamp of an entry that is not there: no error")
	}
	changes, err := translatetest.Open(t, dir).Stamp("de", "data/de/starters.toml#happy-and-sad-on-the-tablet")
	if err != nil || len(changes) != 1 || !strings.Contains(changes[0].Note, "happy-and-sad-on-the-tablet") {
		t.Fatalf("stamp one entry: %v %v", changes, err)
	}
	st := translatetest.Status(t, translatetest.Open(t, dir), "de")
	if a, b := translatetest.ItemState(st, "data", "starters/show-me-your-favourite-game"), translatetest.ItemState(st, "data", "starters/happy-and-sad-on-the-tablet"); a != report.Outdated || !translatetest.UpToDate(b) {
		t.Errorf("after stamping one entry: %s and %s, want outdated and up to date", a, b)
	}
}
