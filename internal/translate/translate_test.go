package translate

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/talksite/talksite"
	"github.com/talksite/talksite/internal/build"
)

// newSite makes a site folder that publishes English and German (which the default site
// does not have), with one German page and two strings.
func newSite(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	write(t, dir, "site.toml", "[languages.en]\nname = \"English\"\norder = 1\n[languages.de]\nname = \"Deutsch\"\norder = 2\n")
	write(t, dir, "content/de/privacy.md", "---\ntitle: Datenschutz\n---\nWir sammeln nichts.\n")
	write(t, dir, "i18n/de.toml", "\"site.title\" = \"Kinder online schützen\"\n\"nav.label\" = \"Haupt\"\n")
	return dir
}

func write(t *testing.T, dir, name, content string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	os.MkdirAll(filepath.Dir(p), 0o755)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func open(t *testing.T, dir string) *Workspace {
	t.Helper()
	w, err := Open(dir, talksite.DefaultSite())
	if err != nil {
		t.Fatal(err)
	}
	return w
}

func statusOf(t *testing.T, w *Workspace, lang string) LangStatus {
	t.Helper()
	all, err := w.Status()
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range all {
		if s.Lang == lang {
			return s
		}
	}
	t.Fatalf("no status for %s", lang)
	return LangStatus{}
}

// upToDate reports whether a translation is made from the current source, whether or not
// a fluent reader has checked it.
func upToDate(s State) bool { return s == Translated || s == Draft }

func itemState(s LangStatus, kind, id string) State {
	for _, it := range s.Items {
		if it.Kind == kind && it.ID == id {
			return it.State
		}
	}
	return ""
}

func TestStatusAndStamp(t *testing.T) {
	dir := newSite(t)
	w := open(t, dir)
	st := statusOf(t, w, "de")
	if got := itemState(st, "page", "privacy"); got != Outdated {
		t.Errorf("privacy without sourceHash: %s, want outdated", got)
	}
	if got := itemState(st, "page", "help"); got != Missing {
		t.Errorf("help: %s, want missing", got)
	}
	if got := itemState(st, "string", "site.title"); got != Outdated {
		t.Errorf("site.title without record: %s, want outdated", got)
	}
	if st.Strings.Total-st.Strings.Missing != 2 || st.Pages.Total < 20 {
		t.Errorf("counts %+v %+v", st.Strings, st.Pages)
	}

	if _, err := w.Stamp("de", StampAll); err != nil {
		t.Fatal(err)
	}
	st = statusOf(t, open(t, dir), "de")
	if got := itemState(st, "page", "privacy"); !upToDate(got) {
		t.Errorf("privacy after stamp: %s", got)
	}
	if got := itemState(st, "string", "site.title"); !upToDate(got) {
		t.Errorf("site.title after stamp: %s", got)
	}
	b, _ := os.ReadFile(filepath.Join(dir, "content/de/privacy.md"))
	if !strings.Contains(string(b), "\nsourceHash: ") || !strings.HasSuffix(string(b), "---\nWir sammeln nichts.\n") {
		t.Errorf("stamp rewrote the page badly:\n%s", b)
	}

	// The English changes: the translation becomes outdated, and the build says so.
	write(t, dir, "content/en/privacy.md", "---\ntitle: Privacy\nmenu: footer\n---\nWe collect nothing, ever.\n")
	st = statusOf(t, open(t, dir), "de")
	if got := itemState(st, "page", "privacy"); got != Outdated {
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

func TestCheck(t *testing.T) {
	dir := newSite(t)
	write(t, dir, "i18n/de.toml", `"site.title" = "Sicher"
"nav.lable" = "Główne"
"notice.fallback" = "Nicht übersetzt, gezeigt auf {{.Sprache}}"
[starters.count]
other = "{{.Count}} Ideen <b>viele</b>"
`)
	problems := open(t, dir).Check()
	var got []string
	for _, p := range problems {
		got = append(got, p.String())
	}
	all := strings.Join(got, "\n")
	for _, want := range []string{
		"i18n/de.toml:2: nav.lable: not in the source language's strings",
		"i18n/de.toml:3: notice.fallback: other form has {{.Sprache}}",
		"notice.fallback: other form lacks {{.Language}}",
		`starters.count: has no "one" plural form, which de needs`,
		"starters.count: other form contains HTML",
		"content/de/privacy.md:0: links: link targets differ from content/en/privacy.md: lacks agreement.md, help.md",
	} {
		if !strings.Contains(all, want) {
			t.Errorf("check lacks %q:\n%s", want, all)
		}
	}
}

func TestNewLanguageBuilds(t *testing.T) {
	dir := t.TempDir() // a site with no site.toml: it inherits the default languages
	w := open(t, dir)
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
	write(t, dir, "content/fr/help.md", "---\ntitle: Obtenir de l'aide\nreviewedBy: Claire\nlayout: help\nmenu: main\nweight: 50\n---\nSi un enfant est en danger, appelez les secours.\n")
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
	write(t, dir, "i18n/fr.toml", strings.Join(lines, "\n"))
	if _, err := open(t, dir).Stamp("fr", StampAll); err != nil { // the translator is done
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
	st := statusOf(t, open(t, dir), "fr")
	if st.Pages.Total-st.Pages.Missing != 1 || st.Strings.Translated+st.Strings.Draft == 0 || st.Strings.Missing == 0 {
		t.Errorf("fr status pages %+v strings %+v", st.Pages, st.Strings)
	}
}

func TestExportImportRoundTrip(t *testing.T) {
	dir := newSite(t)
	w := open(t, dir)
	if _, err := w.Stamp("de", StampAll); err != nil {
		t.Fatal(err)
	}
	// Make nav.label outdated: the source changes after it was translated.
	srcStrings, _ := os.ReadFile(filepath.Join(dir, "..", "dummy"))
	_ = srcStrings
	write(t, dir, "i18n/en.toml", strings.Replace(readDefault(t, "i18n/en.toml"), `"nav.label" = "Main"`, `"nav.label" = "Main menu"`, 1))
	w = open(t, dir)
	if got := itemState(statusOf(t, w, "de"), "string", "nav.label"); got != Outdated {
		t.Fatalf("nav.label: %s, want outdated", got)
	}
	out := t.TempDir()
	if _, err := w.Export(out, []string{"de"}, false); err != nil {
		t.Fatal(err)
	}
	var pl map[string]any
	b, _ := os.ReadFile(filepath.Join(out, "de.json"))
	if err := json.Unmarshal(b, &pl); err != nil || pl["site.title"] != "Kinder online schützen" {
		t.Fatalf("de.json: %v %s", err, b)
	}
	var en map[string]any
	b, _ = os.ReadFile(filepath.Join(out, "en.json"))
	json.Unmarshal(b, &en)
	if c, ok := en["starters.count"].(map[string]any); !ok || c["one"] == nil || c["description"] == nil {
		t.Errorf("en.json plural with description: %v", en["starters.count"])
	}

	// Unchanged round trip: nothing changes state.
	if _, _, err := w.Import("de", filepath.Join(out, "de.json")); err != nil {
		t.Fatal(err)
	}
	st := statusOf(t, open(t, dir), "de")
	if !upToDate(itemState(st, "string", "site.title")) || itemState(st, "string", "nav.label") != Outdated {
		t.Errorf("after an unchanged round trip: site.title %s, nav.label %s", itemState(st, "string", "site.title"), itemState(st, "string", "nav.label"))
	}

	// The translator updates nav.label and adds a plural on the platform.
	pl["nav.label"] = "Hauptmenü"
	pl["starters.count"] = map[string]string{"one": "{{.Count}} Gesprächsanfang", "other": "{{.Count}} Gesprächsanfänge"}
	pl["no.such.id"] = "x"
	b, _ = json.Marshal(pl)
	os.WriteFile(filepath.Join(out, "de.json"), b, 0o644)
	_, notes, err := open(t, dir).Import("de", filepath.Join(out, "de.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(notes) != 1 || !strings.Contains(notes[0], "no.such.id") {
		t.Errorf("notes %v", notes)
	}
	st = statusOf(t, open(t, dir), "de")
	for _, id := range []string{"site.title", "nav.label", "starters.count"} {
		if got := itemState(st, "string", id); !upToDate(got) {
			t.Errorf("%s after import: %s", id, got)
		}
	}
	for _, p := range open(t, dir).Check() {
		if strings.HasPrefix(p.File, "i18n/") {
			t.Errorf("imported strings fail the check: %v", p)
		}
	}
}

func readDefault(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestStampOnlyWhatIsNamed(t *testing.T) {
	dir := newSite(t)
	write(t, dir, "content/de/help.md", "---\ntitle: Hilfe\nlayout: help\nmenu: main\n---\nRufen Sie an.\n")
	w := open(t, dir)
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
	st := statusOf(t, open(t, dir), "de")
	for id, want := range map[string]State{"help": Draft, "privacy": Outdated} {
		if got := itemState(st, "page", id); got != want {
			t.Errorf("page %s: %s, want %s", id, got, want)
		}
	}
	for id, want := range map[string]State{"nav.label": Draft, "site.title": Outdated} {
		if got := itemState(st, "string", id); got != want {
			t.Errorf("string %s: %s, want %s", id, got, want)
		}
	}
	// i18n/de.toml stamps every string, and nothing else.
	if _, err := open(t, dir).Stamp("de", "i18n/de.toml"); err != nil {
		t.Fatal(err)
	}
	st = statusOf(t, open(t, dir), "de")
	if !upToDate(itemState(st, "string", "site.title")) || itemState(st, "page", "privacy") != Outdated {
		t.Errorf("after stamping i18n/de.toml: %v", st.Items)
	}
}

func TestImportRefusesBadStrings(t *testing.T) {
	dir := newSite(t)
	before, _ := os.ReadFile(filepath.Join(dir, "i18n/de.toml"))
	file := filepath.Join(t.TempDir(), "de.json")
	write(t, filepath.Dir(file), "de.json", `{"nav.label": "Haupt <b>menü</b>", "notice.fallback": "Nicht übersetzt, {{.Sprache}}", "site.title": "Neu"}`)
	_, _, err := open(t, dir).Import("de", file)
	if err == nil {
		t.Fatal("import of a string with markup and a wrong placeholder succeeded")
	}
	for _, want := range []string{"nav.label: other form contains HTML", "notice.fallback: other form has {{.Sprache}}"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q:\n%v", want, err)
		}
	}
	after, _ := os.ReadFile(filepath.Join(dir, "i18n/de.toml"))
	if string(after) != string(before) {
		t.Errorf("a refused import wrote i18n/de.toml:\n%s", after)
	}
	if _, err := os.Stat(filepath.Join(dir, "i18n/status/de.toml")); err == nil {
		t.Error("a refused import wrote the status file")
	}
}

func TestImportKeepsComments(t *testing.T) {
	dir := t.TempDir()
	w := open(t, dir)
	if _, err := w.New("fr", ""); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "fr.json")
	write(t, filepath.Dir(file), "fr.json", `{"site.title": "Protéger les enfants", "starters.count": {"one": "{{.Count}} idée", "other": "{{.Count}} idées"}}`)
	if _, _, err := open(t, dir).Import("fr", file); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(filepath.Join(dir, "i18n/fr.toml"))
	for _, want := range []string{
		"# Keeping children safer online\n\"site.title\" = \"Protéger les enfants\"\n",
		"[\"starters.count\"]\none = \"{{.Count}} idée\"\nother = \"{{.Count}} idées\"",
		"# Fill in the text between the quotes",
		"# Main\n\"nav.label\" = \"\"",
	} {
		if !strings.Contains(string(b), want) {
			t.Errorf("i18n/fr.toml lacks %q after import:\n%s", want, b)
		}
	}
}

func TestExportKeepsPlatformWork(t *testing.T) {
	dir := newSite(t)
	out := t.TempDir()
	if _, err := open(t, dir).Export(out, []string{"de"}, false); err != nil {
		t.Fatal(err)
	}
	// Exporting again over an unchanged file is fine.
	if _, err := open(t, dir).Export(out, []string{"de"}, false); err != nil {
		t.Fatal(err)
	}
	// A translator works on the platform; the file is downloaded but not imported.
	write(t, out, "de.json", `{"site.title": "Kinder online schützen", "nav.label": "Hauptmenü"}`)
	if _, err := open(t, dir).Export(out, []string{"de"}, false); err == nil || !strings.Contains(err.Error(), "nav.label") {
		t.Errorf("export over edits not imported: %v, want a refusal naming nav.label", err)
	}
	if b, _ := os.ReadFile(filepath.Join(out, "de.json")); !strings.Contains(string(b), "Hauptmenü") {
		t.Error("the refused export overwrote de.json")
	}
	if _, err := open(t, dir).Export(out, []string{"de"}, true); err != nil {
		t.Errorf("--force: %v", err)
	}
}

func TestStatusWeighsWordsAndReviews(t *testing.T) {
	dir := newSite(t)
	w := open(t, dir)
	if _, err := w.Stamp("de", StampAll); err != nil {
		t.Fatal(err)
	}
	all, err := open(t, dir).Status("de")
	if err != nil || len(all) != 1 || all[0].Lang != "de" {
		t.Fatalf("status de: %v %v", all, err)
	}
	if _, err := open(t, dir).Status("xx"); err == nil {
		t.Error("status of an undeclared language: no error")
	}
	st := all[0]
	// The privacy page is translated but nobody fluent has checked it: a draft.
	if got := itemState(st, "page", "privacy"); got != Draft {
		t.Errorf("privacy without reviewedBy: %s, want draft", got)
	}
	var privacy, help Item
	for _, it := range st.Items {
		switch it.ID {
		case "privacy":
			privacy = it
		case "help":
			help = it
		}
	}
	if privacy.Words < 20 || help.MissingWords != help.Words {
		t.Errorf("words: privacy %+v, help %+v", privacy, help)
	}
	wantPercent := 100 * float64(st.All.Words-st.All.MissingWords) / float64(st.All.Words)
	if st.Percent != wantPercent || st.All.DraftWords < privacy.Words {
		t.Errorf("percent %.1f, want %.1f by words; all %+v", st.Percent, wantPercent, st.All)
	}
	write(t, dir, "content/de/privacy.md", strings.Replace(readFile(t, dir, "content/de/privacy.md"), "title: Datenschutz\n", "title: Datenschutz\nreviewedBy: Deutscher Kinderschutzbund\n", 1))
	write(t, dir, "i18n/de.toml", readFile(t, dir, "i18n/de.toml")+"\n[_meta]\nreviewedBy = \"Jana\"\n")
	all, _ = open(t, dir).Status("de")
	if got := itemState(all[0], "page", "privacy"); got != Translated {
		t.Errorf("privacy with reviewedBy: %s, want translated", got)
	}
	if got := itemState(all[0], "string", "site.title"); got != Translated {
		t.Errorf("site.title in a reviewed strings file: %s, want translated", got)
	}
}

func readFile(t *testing.T, dir, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
