package build_test

import (
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/talksite/talksite/internal/check"
	"github.com/talksite/talksite/internal/content"
)

// banned are phrases the content must never use. The UK Council for Internet Safety's
// guidance on victim-blaming language, and the Luxembourg terminology guidelines, explain
// why: they blame a child, or name abuse as if it were consensual or adult.
var banned = []string{
	"child pornography", "child porn", "kiddie porn", "child prostitut",
	"why did you", "why didn't you", "you should have", "should have known",
	"sexting", "revenge porn", "stranger danger", "take away their phone",
	"take their phone away", "confiscate", "ban them from",
}

// TestDefaultContent checks every page and list of the default content against the
// standards of issue #3: required front matter, sources, review dates, banned phrases,
// plain English, helplines and tags.
func TestDefaultContent(t *testing.T) {
	res := buildDefault(t)
	site := res.Site
	src := site.Source()

	var scores []string
	for _, p := range src.Pages {
		if p.File == nil {
			continue
		}
		file := p.File.Path
		m := p.Meta
		if m.Description == "" {
			t.Errorf("%s: no description", file)
		}
		if m.Reviewed.IsZero() {
			t.Errorf("%s: no reviewed date", file)
		} else if m.Reviewed.AddDate(1, 0, 0).Before(time.Now()) {
			t.Logf("warning: %s: reviewed %s, more than 12 months ago", file, m.Reviewed.Format("2006-01-02"))
		}
		if (p.Section == "guidance" || p.Section == "talk") && p.Kind == content.KindPage && len(m.Sources) == 0 {
			t.Errorf("%s: guidance without sources", file)
		}
		text := res.Output.Texts[p.URL()+"index.html"]
		score, words, _ := check.Readability(m.Title + ".\n" + text)
		scores = append(scores, fmt.Sprintf("%5.1f %5d words  %s", score, words, file))
		if score < 60 {
			t.Errorf("%s: reading ease %.1f, below 60: use shorter sentences and everyday words", file, score)
		}
	}
	sort.Strings(scores)
	t.Logf("Flesch reading ease per English page (lowest first):\n%s", strings.Join(scores, "\n"))

	// Banned phrases, in every language (translators may keep an English term).
	for _, l := range site.Langs {
		var texts []struct{ where, text string }
		for _, p := range l.Pages {
			if p.File != nil && !p.Fallback {
				texts = append(texts, struct{ where, text string }{p.File.Path, p.Meta.Title + "\n" + p.Meta.Description + "\n" + res.Output.Texts[p.URL()+"index.html"]})
			}
		}
		for _, s := range l.Data.Starters {
			texts = append(texts, struct{ where, text string }{"data/" + s.Text.Lang + "/starters.toml " + s.ID, s.Text.Value})
		}
		for _, r := range l.Data.Replies {
			texts = append(texts, struct{ where, text string }{"data/" + r.Text.Lang + "/starters.toml " + r.ID, r.Text.Value + " " + r.Note.Value})
		}
		for _, sec := range l.Data.Agreement {
			for _, p := range sec.Promises {
				texts = append(texts, struct{ where, text string }{"data/" + p.Text.Lang + "/agreement.toml " + p.ID, p.Text.Value})
			}
		}
		for _, a := range l.Data.Checklist {
			texts = append(texts, struct{ where, text string }{"data/" + a.Text.Lang + "/checklist.toml " + a.ID, a.Text.Value})
		}
		for _, x := range texts {
			low := strings.ToLower(x.text)
			for _, b := range banned {
				if strings.Contains(low, b) {
					t.Errorf("%s: uses %q", x.where, b)
				}
			}
		}
	}

	// Helplines: checked details, an address to check them at, phone numbers for
	// emergencies.
	known := map[string]bool{}
	for _, h := range src.Data.Helplines {
		if h.Verified.IsZero() {
			t.Errorf("helpline %s: no verified date", h.ID)
		}
		if !h.Emergency && !strings.HasPrefix(h.URL, "https://") {
			t.Errorf("helpline %s: url %q is not https", h.ID, h.URL)
		}
		if h.Emergency && h.Phone == "" {
			t.Errorf("emergency %s: no phone", h.ID)
		}
		if h.Phone != "" {
			known[digits(h.Phone)] = true
		}
	}
	for _, r := range []string{"GB", "IE", "US", "AU", "INT"} {
		if !slices.ContainsFunc(src.Data.Helplines, func(h dataHelpline) bool { return h.Country == r }) {
			t.Errorf("no helplines for %s", r)
		}
	}

	// Every phone number a page or a helpline text mentions is one of the helplines' own:
	// no number is typed in by hand where it could drift or be wrong.
	phoneRE := regexp.MustCompile(`\+?\d[\d ,\-]*\d`)
	for _, l := range site.Langs {
		for _, p := range l.Pages {
			if p.File == nil || p.Fallback {
				continue
			}
			for _, m := range phoneRE.FindAllString(res.Output.Texts[p.URL()+"index.html"], -1) {
				d := digits(m)
				if strings.Contains(m, ",") { // 170,000: a figure, not a phone number
					continue
				}
				if len(d) < 3 || isYear(d) || known[d] {
					continue
				}
				t.Errorf("%s: %q looks like a phone number that is not in data/helplines.toml", p.File.Path, m)
			}
		}
	}

	// Tags.
	for _, s := range src.Data.Starters {
		if len(s.Ages) == 0 || len(s.Topics) == 0 {
			t.Errorf("starter %s: no age band or topic", s.ID)
		}
	}
	for _, sec := range src.Data.Agreement {
		for _, p := range sec.Promises {
			if len(p.Ages) == 0 {
				t.Errorf("promise %s: no age band", p.ID)
			}
		}
	}
	if n := len(src.Data.Starters); n < 60 {
		t.Errorf("%d starters, want at least 60", n)
	}
	guidance := 0
	for _, p := range src.Pages {
		if p.Section == "guidance" && p.Kind == content.KindPage {
			guidance++
		}
	}
	if guidance < 8 {
		t.Errorf("%d guidance articles, want at least 8", guidance)
	}
}

func digits(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func isYear(d string) bool { return len(d) == 4 && d >= "1990" && d <= "2100" }
