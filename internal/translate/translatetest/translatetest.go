// Package translatetest makes the small site folders that the translation tools' tests
// work on, and reads where a language stands in them.
package translatetest

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/talksite/talksite"
	"github.com/talksite/talksite/internal/translate"
	"github.com/talksite/talksite/internal/translate/report"
)

// NewSite makes a site folder that publishes English and German (which the default site
// does not have), with one German page and two strings.
func NewSite(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	Write(t, dir, "site.toml", "[languages.en]\nname = \"English\"\norder = 1\n[languages.de]\nname = \"Deutsch\"\norder = 2\n")
	Write(t, dir, "content/de/privacy.md", "---\ntitle: Datenschutz\n---\nWir sammeln nichts.\n")
	Write(t, dir, "i18n/de.toml", "\"site.title\" = \"Kinder online schützen\"\n\"nav.label\" = \"Haupt\"\n")
	return dir
}

// Write writes a file below dir, making its folder.
func Write(t *testing.T, dir, name, content string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	os.MkdirAll(filepath.Dir(p), 0o755)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// ReadFile reads a file below dir.
func ReadFile(t *testing.T, dir, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// ReadDefault reads a file of the default site.
func ReadDefault(t *testing.T, name string) string {
	t.Helper()
	b, err := fs.ReadFile(talksite.DefaultSite(), name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// Open loads the site folder dir over the default site.
func Open(t *testing.T, dir string) *translate.Workspace {
	t.Helper()
	w, err := translate.Open(dir, talksite.DefaultSite())
	if err != nil {
		t.Fatal(err)
	}
	return w
}

// Status is the status of one language.
func Status(t *testing.T, w *translate.Workspace, lang string) report.LangStatus {
	t.Helper()
	all, err := report.Status(w)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range all {
		if s.Lang == lang {
			return s
		}
	}
	t.Fatalf("no status for %s", lang)
	return report.LangStatus{}
}

// UpToDate reports whether a translation is made from the current source, whether or not
// a fluent reader has checked it.
func UpToDate(s report.State) bool { return s == report.Translated || s == report.Draft }

// ItemState is the state of one item of a language's status, or "" when it has none.
func ItemState(s report.LangStatus, kind, id string) report.State {
	for _, it := range s.Items {
		if it.Kind == kind && it.ID == id {
			return it.State
		}
	}
	return ""
}
