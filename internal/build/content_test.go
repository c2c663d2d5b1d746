package build_test

import (
	"bufio"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/talksite/talksite"
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

	// Sources: the publisher's own page, over https, with no port.
	refused := refusedHosts(t)
	for _, p := range src.Pages {
		if p.File == nil {
			continue
		}
		for _, s := range p.Meta.Sources {
			if s.URL == "" {
				continue // a document cited by title alone
			}
			if msg := judgeSource(s.URL, refused); msg != "" {
				t.Errorf("%s:%d: source %q: %s", p.File.Path, defaultFileLine(t, p.File.Path, s.URL), s.URL, msg)
			}
		}
	}

	// Helplines: a purpose, checked details, the page they were checked against, a
	// number for emergencies, and an emergency number for every country listed.
	const facts = "data/helplines.toml"
	known := map[string]bool{}
	emergency := map[string]bool{}
	for _, h := range src.Data.Helplines {
		at := fmt.Sprintf("%s:%d: helpline %s", facts, defaultFileLine(t, facts, `id = "`+h.ID+`"`), h.ID)
		if h.Verified.IsZero() {
			t.Errorf("%s: no verified date", at)
		}
		if purposes := site.Taxonomies.Purposes; !slices.Contains(purposes, h.Purpose) {
			t.Errorf("%s: purpose %q is not one of %s", at, h.Purpose, strings.Join(purposes, ", "))
		}
		if h.Checked == "" {
			t.Errorf("%s: no checked page", at)
		} else if msg := judgeSource(h.Checked, refused); msg != "" {
			t.Errorf("%s: checked %q: %s", at, h.Checked, msg)
		}
		if h.URL != "" {
			if msg := judgeSource(h.URL, refused); msg != "" {
				t.Errorf("%s: url %q: %s", at, h.URL, msg)
			}
		} else if !h.Emergency() {
			t.Errorf("%s: no url", at)
		}
		if h.Emergency() {
			emergency[h.Country] = true
			if h.Phone == "" {
				t.Errorf("%s: an emergency entry with no phone", at)
			}
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
	for _, h := range src.Data.Helplines {
		if h.Country != "INT" && !emergency[h.Country] {
			t.Errorf("%s: country %s has helplines but no emergency entry (purpose = \"emergency\")", facts, h.Country)
			emergency[h.Country] = true // once per country
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

// refusedHosts reads testdata/source-hosts-refused.txt: hosts that copy or retell other
// publishers' documents, which a source must not be.
func refusedHosts(t *testing.T) map[string]bool {
	t.Helper()
	f, err := os.Open("testdata/source-hosts-refused.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	hosts := map[string]bool{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		hosts[strings.ToLower(line)] = true
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return hosts
}

// judgeSource says what is wrong with a source's address, or "" when nothing is: it must
// be https, with no port, on a host that is not a mirror or aggregator (refused lists
// hosts; a refused host also refuses its subdomains).
func judgeSource(raw string, refused map[string]bool) string {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || u.Opaque != "" {
		return "not a full web address"
	}
	if u.Scheme != "https" {
		return fmt.Sprintf("uses %s:, use the https:// address", u.Scheme)
	}
	if u.Port() != "" {
		return fmt.Sprintf("has a port (:%s): leave it out", u.Port())
	}
	host := strings.TrimSuffix(strings.ToLower(u.Hostname()), ".")
	for h := host; h != ""; {
		if refused[h] {
			return fmt.Sprintf("%s copies or retells other publishers' documents: cite the publisher's own page", host)
		}
		_, rest, ok := strings.Cut(h, ".")
		if !ok {
			break
		}
		h = rest
	}
	return ""
}

// defaultFileLine returns the first line of a default-site file that contains s, or 0.
func defaultFileLine(t *testing.T, path, s string) int {
	t.Helper()
	b, err := fs.ReadFile(talksite.DefaultSite(), path)
	if err != nil {
		return 0
	}
	for i, line := range strings.Split(string(b), "\n") {
		if strings.Contains(line, s) {
			return i + 1
		}
	}
	return 0
}

// TestJudgeSource checks the rules a source address is judged by.
func TestJudgeSource(t *testing.T) {
	refused := map[string]bool{"fdocuments.net": true, "scribd.com": true}
	cases := []struct {
		url  string
		want string // part of the problem; "" for none
	}{
		{"https://www.nspcc.org.uk/keeping-children-safe/", ""},
		{"https://talk.iwf.org.uk/", ""},
		{"https://inhope.org/EN/articles/about-inhope", ""},
		{"https://notscribd.com/doc", ""}, // only the host and its subdomains are refused
		{"http://www.mariecollinsfoundation.org.uk/", "uses http:"},
		{"ftp://example.org/file", "uses ftp:"},
		{"https://saferinternet.org.uk:443/blog/x", "has a port (:443)"},
		{"https://example.org:8080/", "has a port (:8080)"},
		{"https://fdocuments.net/document/family-agreement.html", "fdocuments.net copies"},
		{"https://www.scribd.com/document/1", "www.scribd.com copies"},
		{"https://SCRIBD.com./document/1", "scribd.com copies"},
		{"www.nspcc.org.uk/page", "not a full web address"},
		{"https:alert(1)", "not a full web address"},
		{"https://example.org/%zz", "not a full web address"},
	}
	for _, tc := range cases {
		got := judgeSource(tc.url, refused)
		if tc.want == "" && got != "" || tc.want != "" && !strings.Contains(got, tc.want) {
			t.Errorf("judgeSource(%q) = %q, want %q", tc.url, got, tc.want)
		}
	}
}

// TestRefusedHostsList checks the list itself: the hosts the content rules name, and no
// entry that is not a bare host name.
func TestRefusedHostsList(t *testing.T) {
	refused := refusedHosts(t)
	for _, h := range []string{"fdocuments.net", "newsgroove.co.uk", "paperturn-view.com", "scribd.com", "studylib.es", "mumsnet.com"} {
		if !refused[h] {
			t.Errorf("testdata/source-hosts-refused.txt does not refuse %s", h)
		}
	}
	hostRE := regexp.MustCompile(`^[a-z0-9-]+(\.[a-z0-9-]+)+$`)
	for h := range refused {
		if !hostRE.MatchString(h) {
			t.Errorf("testdata/source-hosts-refused.txt: %q is not a host name such as example.org", h)
		}
	}
}
