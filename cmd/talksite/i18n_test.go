package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/talksite/talksite/internal/cli"
)

// TestI18nRoundTrips runs the translators' commands as they type them (issue 14): stamp
// needs what to stamp or --all, import refuses a bad string with a non-zero exit and
// writes nothing, export keeps work not yet imported unless --force, status takes a
// language and weighs by words.
func TestI18nRoundTrips(t *testing.T) {
	dir := t.TempDir()
	put := func(name, s string) {
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	put("site.toml", "[languages.en]\nname = \"English\"\norder = 1\n[languages.fr]\nname = \"Français\"\norder = 2\n")
	put("i18n/fr.toml", "# Exit this page\n\"exit.button\" = \"Quitter cette page\"\n\"nav.label\" = \"Principal\"\n")
	put("content/fr/privacy.md", "---\ntitle: Confidentialité\n---\nNous ne collectons rien.\n")

	code, _, stderr := runCLI(t, "i18n", "stamp", "-s", dir, "fr")
	if code == cli.ExitOK || !strings.Contains(stderr, "--all") {
		t.Errorf("stamp with nothing named: exit %d, %s", code, stderr)
	}
	code, stdout, stderr := runCLI(t, "i18n", "stamp", "-s", dir, "fr", "content/fr/privacy.md", "strings:exit.button")
	if code != cli.ExitOK || !strings.Contains(stdout, "content/fr/privacy.md") || !strings.Contains(stdout, "stamped exit.button") {
		t.Errorf("stamp of a page and a string: exit %d\n%s%s", code, stdout, stderr)
	}
	code, stdout, _ = runCLI(t, "i18n", "status", "-s", dir, "fr")
	if code != cli.ExitOK || !strings.Contains(stdout, "fr ") || strings.Contains(stdout, "\nen ") || !strings.Contains(stdout, "needs a fluent reader") || !strings.Contains(stdout, "words") {
		t.Errorf("status fr: exit %d\n%s", code, stdout)
	}

	out := filepath.Join(dir, "weblate")
	if code, _, stderr := runCLI(t, "i18n", "export", "-s", dir, "-o", out, "fr"); code != cli.ExitOK {
		t.Fatalf("export: %s", stderr)
	}
	put("weblate/fr.json", `{"exit.button": "Quitter <b>vite</b>", "nav.label": "Menu {{.Nom}}"}`)
	before, _ := os.ReadFile(filepath.Join(dir, "i18n/fr.toml"))
	code, _, stderr = runCLI(t, "i18n", "import", "-s", dir, "fr", filepath.Join(out, "fr.json"))
	if code == cli.ExitOK || !strings.Contains(stderr, "exit.button") || !strings.Contains(stderr, "nav.label") {
		t.Errorf("import of bad strings: exit %d, %s", code, stderr)
	}
	if after, _ := os.ReadFile(filepath.Join(dir, "i18n/fr.toml")); string(after) != string(before) {
		t.Error("a refused import changed i18n/fr.toml")
	}
	code, _, stderr = runCLI(t, "i18n", "export", "-s", dir, "-o", out, "fr")
	if code == cli.ExitOK || !strings.Contains(stderr, "--force") {
		t.Errorf("export over work not imported: exit %d, %s", code, stderr)
	}
	put("weblate/fr.json", `{"exit.button": "Quitter vite"}`)
	if code, _, stderr := runCLI(t, "i18n", "import", "-s", dir, "fr", filepath.Join(out, "fr.json")); code != cli.ExitOK {
		t.Errorf("import: %s", stderr)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "i18n/fr.toml")); !strings.Contains(string(b), "# Exit this page\n\"exit.button\" = \"Quitter vite\"") {
		t.Errorf("import lost the comment or the string:\n%s", b)
	}
	if code, _, stderr := runCLI(t, "i18n", "export", "--pages", "-s", dir, "-o", filepath.Join(out, "pages"), "fr"); code != cli.ExitOK {
		t.Errorf("export --pages: %s", stderr)
	}
	if _, err := os.Stat(filepath.Join(out, "pages", "pages.pot")); err != nil {
		t.Error(err)
	}
}
