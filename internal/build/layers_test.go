package build_test

import (
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/talksite/talksite"
	"github.com/talksite/talksite/internal/build"
)

// TestSiteAddsOneHelpline is issue 14's "done when": a site folder whose
// data/helplines.toml has one entry adds that helpline and keeps every default one.
func TestSiteAddsOneHelpline(t *testing.T) {
	def := buildDefault(t)
	site := fstest.MapFS{
		"data/helplines.toml": {Data: []byte(`[[helpline]]
id = "our-school-line"
country = "GB"
purpose = "parent-support"
name = "Our School Safeguarding Line"
url = "https://school.example/safeguarding"
checked = "https://school.example/safeguarding"
verified = 2026-12-03
weight = 50
`)},
		"data/en/helplines.toml": {Data: []byte("[our-school-line]\nfor = \"For parents of our pupils who are worried about a child.\"\n")},
	}
	res, err := build.Run(build.Options{Site: site, Default: talksite.DefaultSite()})
	if err != nil {
		t.Fatal(err)
	}
	want := res.Site.Source().Data.Helplines
	if got, had := len(want), len(def.Site.Source().Data.Helplines); got != had+1 {
		t.Fatalf("%d helplines, want the %d defaults and one more", got, had)
	}
	for i, h := range def.Site.Source().Data.Helplines {
		if want[i].ID != h.ID || want[i].Phone != h.Phone {
			t.Errorf("helpline %d is %s, want the default's %s", i, want[i].ID, h.ID)
		}
	}
	help := string(res.Output.Files["en/help/index.html"])
	for _, name := range []string{"Our School Safeguarding Line", "Childline", "NSPCC Helpline", "Internet Watch Foundation"} {
		if !strings.Contains(help, name) {
			t.Errorf("the help page lacks %q", name)
		}
	}
}

// TestSiteAddsATopic adds a topic: its index page is made, and a starter can use it.
func TestSiteAddsATopic(t *testing.T) {
	// A site's strings file replaces the default's whole (strings are not merged).
	strings_, err := fs.ReadFile(talksite.DefaultSite(), "i18n/en.toml")
	if err != nil {
		t.Fatal(err)
	}
	site := fstest.MapFS{
		"data/taxonomies.toml":  {Data: []byte("[[topic]]\nid = \"money\"\n")},
		"i18n/en.toml":          {Data: append([]byte("\"topic.money\" = \"Money and gifts\"\n"), strings_...)},
		"data/en/starters.toml": {Data: []byte("[[starter]]\nid = \"gifts-from-online-friends\"\nages = [\"11-13\"]\ntopics = [\"money\"]\ntext = \"Has anyone online ever offered you a gift or money?\"\n")},
	}
	res, err := build.Run(build.Options{Site: site, Default: talksite.DefaultSite()})
	if err != nil {
		t.Fatal(err)
	}
	page := string(res.Output.Files["en/topics/money/index.html"])
	if !strings.Contains(page, "Money and gifts") || !strings.Contains(page, "offered you a gift") {
		t.Errorf("en/topics/money/index.html:\n%s", page)
	}
	// Without its interface string, the new topic is a located error.
	delete(site, "i18n/en.toml")
	if _, err := build.Run(build.Options{Site: site, Default: talksite.DefaultSite()}); err == nil || !strings.Contains(err.Error(), "topic.money") {
		t.Errorf("a topic with no name: %v", err)
	}
}
