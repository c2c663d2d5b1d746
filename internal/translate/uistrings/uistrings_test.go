package uistrings_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/talksite/talksite/internal/translate"
	"github.com/talksite/talksite/internal/translate/report"
	"github.com/talksite/talksite/internal/translate/translatetest"
	"github.com/talksite/talksite/internal/translate/uistrings"
)

func TestExportImportRoundTrip(t *testing.T) {
	dir := translatetest.NewSite(t)
	w := translatetest.Open(t, dir)
	if _, err := w.Stamp("de", translate.StampAll); err != nil {
		t.Fatal(err)
	}
	// Make nav.label outdated: the source changes after it was translated.
	srcStrings, _ := os.ReadFile(filepath.Join(dir, "..", "dummy"))
	_ = srcStrings
	translatetest.Write(t, dir, "i18n/en.toml", strings.Replace(translatetest.ReadDefault(t, "i18n/en.toml"), `"nav.label" = "Main"`, `"nav.label" = "Main menu"`, 1))
	w = translatetest.Open(t, dir)
	if got := translatetest.ItemState(translatetest.Status(t, w, "de"), "string", "nav.label"); got != report.Outdated {
		t.Fatalf("nav.label: %s, want outdated", got)
	}
	out := t.TempDir()
	if _, err := uistrings.Export(w, out, []string{"de"}, false); err != nil {
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
	if _, _, err := uistrings.Import(w, "de", filepath.Join(out, "de.json")); err != nil {
		t.Fatal(err)
	}
	st := translatetest.Status(t, translatetest.Open(t, dir), "de")
	if !translatetest.UpToDate(translatetest.ItemState(st, "string", "site.title")) || translatetest.ItemState(st, "string", "nav.label") != report.Outdated {
		t.Errorf("after an unchanged round trip: site.title %s, nav.label %s", translatetest.ItemState(st, "string", "site.title"), translatetest.ItemState(st, "string", "nav.label"))
	}

	// The translator updates nav.label and adds a plural on the platform.
	pl["nav.label"] = "Hauptmenü"
	pl["starters.count"] = map[string]string{"one": "{{.Count}} Gesprächsanfang", "other": "{{.Count}} Gesprächsanfänge"}
	pl["no.such.id"] = "x"
	b, _ = json.Marshal(pl)
	os.WriteFile(filepath.Join(out, "de.json"), b, 0o644)
	_, notes, err := uistrings.Import(translatetest.Open(t, dir), "de", filepath.Join(out, "de.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(notes) != 1 || !strings.Contains(notes[0], "no.such.id") {
		t.Errorf("notes %v", notes)
	}
	st = translatetest.Status(t, translatetest.Open(t, dir), "de")
	for _, id := range []string{"site.title", "nav.label", "starters.count"} {
		if got := translatetest.ItemState(st, "string", id); !translatetest.UpToDate(got) {
			t.Errorf("%s after import: %s", id, got)
		}
	}
	for _, p := range report.Check(translatetest.Open(t, dir)) {
		if strings.HasPrefix(p.File, "i18n/") {
			t.Errorf("imported strings fail the check: %v", p)
		}
	}
}

func TestImportRefusesBadStrings(t *testing.T) {
	dir := translatetest.NewSite(t)
	before, _ := os.ReadFile(filepath.Join(dir, "i18n/de.toml"))
	file := filepath.Join(t.TempDir(), "de.json")
	translatetest.Write(t, filepath.Dir(file), "de.json", `{"nav.label": "Haupt <b>menü</b>", "notice.fallback": "Nicht übersetzt, {{.Sprache}}", "site.title": "Neu"}`)
	_, _, err := uistrings.Import(translatetest.Open(t, dir), "de", file)
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
	w := translatetest.Open(t, dir)
	if _, err := w.New("fr", ""); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "fr.json")
	translatetest.Write(t, filepath.Dir(file), "fr.json", `{"site.title": "Protéger les enfants", "starters.count": {"one": "{{.Count}} idée", "other": "{{.Count}} idées"}}`)
	if _, _, err := uistrings.Import(translatetest.Open(t, dir), "fr", file); err != nil {
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
	dir := translatetest.NewSite(t)
	out := t.TempDir()
	if _, err := uistrings.Export(translatetest.Open(t, dir), out, []string{"de"}, false); err != nil {
		t.Fatal(err)
	}
	// Exporting again over an unchanged file is fine.
	if _, err := uistrings.Export(translatetest.Open(t, dir), out, []string{"de"}, false); err != nil {
		t.Fatal(err)
	}
	// A translator works on the platform; the file is downloaded but not imported.
	translatetest.Write(t, out, "de.json", `{"site.title": "Kinder online schützen", "nav.label": "Hauptmenü"}`)
	if _, err := uistrings.Export(translatetest.Open(t, dir), out, []string{"de"}, false); err == nil || !strings.Contains(err.Error(), "nav.label") {
		t.Errorf("export over edits not imported: %v, want a refusal naming nav.label", err)
	}
	if b, _ := os.ReadFile(filepath.Join(out, "de.json")); !strings.Contains(string(b), "Hauptmenü") {
		t.Error("the refused export overwrote de.json")
	}
	if _, err := uistrings.Export(translatetest.Open(t, dir), out, []string{"de"}, true); err != nil {
		t.Errorf("--force: %v", err)
	}
}
