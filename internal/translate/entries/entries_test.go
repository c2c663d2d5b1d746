package entries_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/talksite/talksite"
	"github.com/talksite/talksite/internal/build"
	"github.com/talksite/talksite/internal/translate/entries"
	"github.com/talksite/talksite/internal/translate/translatetest"
)

// TestDataRoundTrip exports the data entries as go-i18n JSON, translates some on the
// "platform", and imports them: a list the language lacked is made from the English with
// its ids and tags, an existing file is edited in place, and a changed web address is
// refused.
func TestDataRoundTrip(t *testing.T) {
	dir := translatetest.NewSite(t)
	out := t.TempDir()
	if _, err := entries.Export(translatetest.Open(t, dir), out, []string{"de"}, false); err != nil {
		t.Fatal(err)
	}
	var en map[string]string
	b, _ := os.ReadFile(filepath.Join(out, "en.json"))
	if err := json.Unmarshal(b, &en); err != nil {
		t.Fatal(err)
	}
	de := map[string]string{}
	n := 0
	for k, v := range en {
		if strings.HasPrefix(k, "checklist.") {
			de[k] = "DE " + v
			n++
		}
	}
	if n < 10 || en["starters.show-me-your-favourite-game.text"] == "" {
		t.Fatalf("en.json: %d checklist keys; %.300s", n, b)
	}
	de["no.such.key"] = "x"
	translatetest.Write(t, out, "de.json", mustJSON(t, de))
	changes, notes, err := entries.Import(translatetest.Open(t, dir), "de", filepath.Join(out, "de.json"))
	if err != nil || len(changes) != 1 || changes[0].Path != "data/de/checklist.toml" || len(notes) != 1 {
		t.Fatalf("import: %v %v %v", changes, notes, err)
	}
	got := translatetest.ReadFile(t, dir, "data/de/checklist.toml")
	for _, want := range []string{"id = \"talk-pick-a-calm-moment\"\nsourceHash = \"", "\nstep = \"talk\"\ntext = \"DE Pick a calm moment", "# The TALK checklist"} {
		if !strings.Contains(got, want) {
			t.Errorf("data/de/checklist.toml lacks %q:\n%.800s", want, got)
		}
	}
	st := translatetest.Status(t, translatetest.Open(t, dir), "de")
	for _, it := range st.Items {
		if strings.HasPrefix(it.ID, "checklist/") && !translatetest.UpToDate(it.State) {
			t.Errorf("%s after import: %s, want up to date (made from the English Weblate showed)", it.ID, it.State)
		}
	}
	res, err := build.Run(build.Options{Site: os.DirFS(dir), Default: talksite.DefaultSite()})
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range res.Site.Langs {
		if l.Code != "de" {
			continue
		}
		for _, a := range l.Data.Checklist {
			if a.Text.Lang != "de" || !strings.HasPrefix(a.Text.Value, "DE ") {
				t.Errorf("action %s: %+v", a.ID, a.Text)
			}
		}
	}

	// Edited on the platform again: one text changes; the file keeps everything else.
	translatetest.Write(t, dir, "data/de/checklist.toml", "# Unsere Kommentare bleiben.\n"+got)
	de = map[string]string{"checklist.talk-pick-a-calm-moment.text": "Ein ruhiger Moment."}
	translatetest.Write(t, out, "de.json", mustJSON(t, de))
	if _, _, err := entries.Import(translatetest.Open(t, dir), "de", filepath.Join(out, "de.json")); err != nil {
		t.Fatal(err)
	}
	edited := translatetest.ReadFile(t, dir, "data/de/checklist.toml")
	if !strings.HasPrefix(edited, "# Unsere Kommentare bleiben.\n") || !strings.Contains(edited, `text = "Ein ruhiger Moment."`) ||
		strings.Count(edited, "text = \"DE ") != n-1 {
		t.Errorf("edited in place badly:\n%.800s", edited)
	}

	// A helpline's words with another web address: refused, nothing written.
	var key, text string
	for k, v := range en {
		if strings.HasPrefix(k, "helplines.") && strings.Contains(v, "@") {
			key, text = k, v
			break
		}
	}
	if key == "" {
		t.Fatal("no helpline words with an email address")
	}
	de = map[string]string{key: regexp.MustCompile(`[\w.]+@[\w.]+\w`).ReplaceAllString(text, "hilfe@example.org")}
	translatetest.Write(t, out, "de.json", mustJSON(t, de))
	if _, _, err := entries.Import(translatetest.Open(t, dir), "de", filepath.Join(out, "de.json")); err == nil || !strings.Contains(err.Error(), key) {
		t.Errorf("import of a changed address: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "data/de/helplines.toml")); err == nil {
		t.Error("a refused import wrote data/de/helplines.toml")
	}
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestDataRoundTripDefaultContent exports the default site's data entries and imports them
// again: nothing changes, not even how a line is written.
func TestDataRoundTripDefaultContent(t *testing.T) {
	dir := t.TempDir()
	out := t.TempDir()
	w := translatetest.Open(t, dir)
	if _, err := entries.Export(w, out, nil, false); err != nil {
		t.Fatal(err)
	}
	for _, l := range w.Site.Langs {
		if l.Code == w.Config.DefaultLanguage {
			continue
		}
		changes, _, err := entries.Import(translatetest.Open(t, dir), l.Code, filepath.Join(out, l.Code+".json"))
		if err != nil {
			t.Fatalf("%s: %v", l.Code, err)
		}
		if len(changes) != 1 || changes[0].Note != "no entry changed" {
			t.Errorf("%s: an unchanged round trip wrote %v", l.Code, changes)
		}
	}
}
