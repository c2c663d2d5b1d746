package report_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/talksite/talksite/internal/translate"
	"github.com/talksite/talksite/internal/translate/report"
	"github.com/talksite/talksite/internal/translate/translatetest"
)

func TestCheck(t *testing.T) {
	dir := translatetest.NewSite(t)
	translatetest.Write(t, dir, "i18n/de.toml", `"site.title" = "Sicher"
"nav.lable" = "Główne"
"notice.fallback" = "Nicht übersetzt, gezeigt auf {{.Sprache}}"
[starters.count]
other = "{{.Count}} Ideen <b>viele</b>"
`)
	// Links the English does not have are reported at the first one's line.
	translatetest.Write(t, dir, "content/de/about.md", "---\ntitle: Über uns\n---\nWir sind Eltern.\n\nSiehe [mehr](privacy.md)\nund [anderswo](https://example.org/de), [Hilfe](help.md).\n")
	problems := report.Check(translatetest.Open(t, dir))
	var got []string
	for _, p := range problems {
		got = append(got, fmt.Sprintf("%s:%d: %s", p.File, p.Line, p.Message)) // as `talksite i18n check` prints it
	}
	all := strings.Join(got, "\n")
	for _, want := range []string{
		"i18n/de.toml:2: nav.lable: not in the source language's strings",
		"i18n/de.toml:3: notice.fallback: other form has {{.Sprache}}",
		"notice.fallback: other form lacks {{.Language}}",
		`starters.count: has no "one" plural form, which de needs`,
		"starters.count: other form contains HTML",
		"content/de/privacy.md:4: links: link targets differ from content/en/privacy.md: lacks agreement.md, help.md",
		"content/de/about.md:7: links: link targets differ from content/en/about.md: lacks https://talk.iwf.org.uk/; has help.md, https://example.org/de",
	} {
		if !strings.Contains(all, want) {
			t.Errorf("check lacks %q:\n%s", want, all)
		}
	}
}

func TestStatusWeighsWordsAndReviews(t *testing.T) {
	dir := translatetest.NewSite(t)
	w := translatetest.Open(t, dir)
	if _, err := w.Stamp("de", translate.StampAll); err != nil {
		t.Fatal(err)
	}
	all, err := report.Status(translatetest.Open(t, dir), "de")
	if err != nil || len(all) != 1 || all[0].Lang != "de" {
		t.Fatalf("status de: %v %v", all, err)
	}
	if _, err := report.Status(translatetest.Open(t, dir), "xx"); err == nil {
		t.Error("status of an undeclared language: no error")
	}
	st := all[0]
	// The privacy page is translated but nobody fluent has checked it: a draft.
	if got := translatetest.ItemState(st, "page", "privacy"); got != report.Draft {
		t.Errorf("privacy without reviewedBy: %s, want draft", got)
	}
	var privacy, help report.Item
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
	translatetest.Write(t, dir, "content/de/privacy.md", strings.Replace(translatetest.ReadFile(t, dir, "content/de/privacy.md"), "title: Datenschutz\n", "title: Datenschutz\nreviewedBy: Deutscher Kinderschutzbund\n", 1))
	translatetest.Write(t, dir, "i18n/de.toml", translatetest.ReadFile(t, dir, "i18n/de.toml")+"\n[_meta]\nreviewedBy = \"Jana\"\n")
	all, _ = report.Status(translatetest.Open(t, dir), "de")
	if got := translatetest.ItemState(all[0], "page", "privacy"); got != report.Translated {
		t.Errorf("privacy with reviewedBy: %s, want translated", got)
	}
	if got := translatetest.ItemState(all[0], "string", "site.title"); got != report.Translated {
		t.Errorf("site.title in a reviewed strings file: %s, want translated", got)
	}
}
