package translate

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/talksite/talksite"
	"github.com/talksite/talksite/internal/build"
)

// TestDataEntries is issue 14: a data file with 2 of the starters translated counts 2, not
// the whole file; stamp records each entry; a changed English starter makes that one
// outdated, and its page marks it.
func TestDataEntries(t *testing.T) {
	dir := newSite(t)
	// Reviewed by a fluent reader, so that its entries count as translated, not draft.
	write(t, dir, "data/de/starters.toml", `reviewedBy = "A fluent reader"
reviewed = 2026-12-03

[[starter]]
id = "show-me-your-favourite-game"
text = "Welches Spiel magst du am liebsten?"

[[starter]]
id = "happy-and-sad-on-the-tablet"
text = "Was machst du gern auf dem Tablet?"
`)
	st := statusOf(t, open(t, dir), "de")
	if got := itemState(st, "data", "starters/show-me-your-favourite-game"); got != Outdated {
		t.Errorf("an entry with no sourceHash: %s, want outdated", got)
	}
	if got := itemState(st, "data", "starters/secrets-and-surprises"); got != Missing {
		t.Errorf("an untranslated entry: %s, want missing", got)
	}
	if done := st.Data.Total - st.Data.Missing; done != 2 {
		t.Errorf("%d data entries translated, want 2 (%+v)", done, st.Data)
	}
	if _, err := open(t, dir).Stamp("de", StampAll); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(filepath.Join(dir, "data/de/starters.toml"))
	if strings.Count(string(b), "sourceHash = ") != 2 {
		t.Errorf("stamped file:\n%s", b)
	}
	st = statusOf(t, open(t, dir), "de")
	if st.Data.Translated != 2 || st.Data.Outdated != 0 {
		t.Errorf("after stamp: %+v", st.Data)
	}

	// The site changes the English of one starter (merged over the default's by id).
	write(t, dir, "data/en/starters.toml", "[[starter]]\nid = \"happy-and-sad-on-the-tablet\"\ntext = \"What do you enjoy on the tablet?\"\n")
	st = statusOf(t, open(t, dir), "de")
	if a, b := itemState(st, "data", "starters/show-me-your-favourite-game"), itemState(st, "data", "starters/happy-and-sad-on-the-tablet"); a != Translated || b != Outdated {
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
	dir := newSite(t)
	write(t, dir, "data/de/starters.toml", `[[starter]]
id = "show-me-your-favourite-game"
text = "Welches Spiel magst du am liebsten?"

[[starter]]
id = "happy-and-sad-on-the-tablet"
text = "Was machst du gern auf dem Tablet?"
`)
	if _, err := open(t, dir).Stamp("de", "data/de/starters.toml#no-such-entry"); err == nil {
		t.Error("stamp of an entry that is not there: no error")
	}
	changes, err := open(t, dir).Stamp("de", "data/de/starters.toml#happy-and-sad-on-the-tablet")
	if err != nil || len(changes) != 1 || !strings.Contains(changes[0].Note, "happy-and-sad-on-the-tablet") {
		t.Fatalf("stamp one entry: %v %v", changes, err)
	}
	st := statusOf(t, open(t, dir), "de")
	if a, b := itemState(st, "data", "starters/show-me-your-favourite-game"), itemState(st, "data", "starters/happy-and-sad-on-the-tablet"); a != Outdated || !upToDate(b) {
		t.Errorf("after stamping one entry: %s and %s, want outdated and up to date", a, b)
	}
}
