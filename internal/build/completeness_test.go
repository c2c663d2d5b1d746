package build_test

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/talksite/talksite"
	"github.com/talksite/talksite/internal/build"
	"github.com/talksite/talksite/internal/content"
	"github.com/talksite/talksite/internal/data"
	"github.com/talksite/talksite/internal/frontmatter"
	"github.com/talksite/talksite/internal/i18n"
	"github.com/talksite/talksite/internal/render"
	"github.com/talksite/talksite/internal/tomlfile"
)

// Language completeness (issue 13). A language the default site ships must be whole: a
// parent who picks Polish should never meet an English page, button or starter, and a
// translation must not change a phone number, an address or a link. These checks run on
// the built default site; TestLanguageCompletenessCatchesFaults plants one fault of each
// kind to show that each check can fail.

// TestLanguageCompleteness checks every shipped language of the default site: no fallback
// page, no fallback interface string, every data entry translated in the language's own
// file with the English ids, the same numbers and URLs in each data entry as the English,
// the i18n check rules for strings, the same link targets on each page as the English, and
// no phrase of the language's banned list (testdata/banned/<lang>.txt).
func TestLanguageCompleteness(t *testing.T) {
	res := buildDefault(t)
	problems := completenessProblems(t, res, "testdata/banned")
	langs := map[string][]string{}
	for _, p := range problems {
		langs[p.lang] = append(langs[p.lang], p.msg)
	}
	for _, l := range res.Site.Langs {
		msgs := langs[l.Code]
		if len(msgs) == 0 {
			continue
		}
		// One error per language with its first problems, so that a language still
		// being translated does not bury the others.
		const show = 40
		more := ""
		if len(msgs) > show {
			more = fmt.Sprintf("\n  ... and %d more", len(msgs)-show)
			msgs = msgs[:show]
		}
		t.Errorf("%s (%s) is not complete: %d %s:\n  %s%s", l.Code, l.Name, len(langs[l.Code]),
			map[bool]string{true: "problem", false: "problems"}[len(langs[l.Code]) == 1], strings.Join(msgs, "\n  "), more)
	}
}

// TestLanguageCompletenessCatchesFaults plants a fault of every kind in a complete
// language and checks that each is reported, naming the file.
func TestLanguageCompletenessCatchesFaults(t *testing.T) {
	base := buildDefault(t)
	lang := "pl" // complete when this test was written; its own problems are left out below
	before := map[string]bool{}
	for _, p := range completenessProblems(t, base, "testdata/banned") {
		before[p.lang+" "+p.msg] = true
	}
	read := func(name string) string {
		b, err := base.Site.Tree.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	help := read("content/pl/help.md")
	starters := read("data/pl/starters.toml")
	checklist := read("data/pl/checklist.toml")
	helplines := read("data/pl/helplines.toml")
	strs := read("i18n/pl.toml")
	banned, err := readBanned("testdata/banned/pl.txt")
	if err != nil || len(banned) == 0 {
		t.Fatalf("testdata/banned/pl.txt: %v", err)
	}
	phrase := banned[0]

	// Each fault, and what the report must say.
	firstLink := regexp.MustCompile(`\]\(([^)]+)\)`).FindStringSubmatch(help)
	if firstLink == nil {
		t.Fatal("content/pl/help.md has no link to plant a fault in")
	}
	var starterIDs []string
	for _, m := range regexp.MustCompile(`(?m)^\[\[starter\]\]\nid = "([^"]+)"`).FindAllStringSubmatch(starters, 3) {
		starterIDs = append(starterIDs, m[1])
	}
	firstAction := regexp.MustCompile(`(?m)^\[\[action\]\]\nid = "([^"]+)"`).FindStringSubmatch(checklist)
	iwf := regexp.MustCompile(`(?m)^\[(iwf-report)\]`).FindStringSubmatch(helplines)
	if len(starterIDs) < 3 || firstAction == nil || iwf == nil {
		t.Fatal("the Polish data files changed shape: update the planted faults")
	}
	planted := fstest.MapFS{
		// A link target changed, and a banned phrase in the text.
		"content/pl/help.md": {Data: []byte(strings.Replace(help, firstLink[0], "](https://example.org/pl)", 1) + "\nTo jest " + phrase + ".\n")},
		// A page that is only in English: content/pl/ lacks it.
		"content/en/planted-only-english.md": {Data: []byte("---\ntitle: Only in English\ndescription: A page nobody translated.\nreviewed: 2026-12-03\n---\nWords.\n")},
		// A starter with an id the English does not have, one with its words left
		// out (so the English shows), and one with a number the English does not have.
		"data/pl/starters.toml": {Data: []byte(plantStarters(t, starters, starterIDs))},
		// A URL in a helpline's words.
		"data/pl/helplines.toml": {Data: []byte(strings.Replace(helplines, "[iwf-report]\n", "[iwf-report]\nhours = \"https://example.org/godziny\"\n", 1))},
		// A plural form left out (a wrong placeholder already fails the build), and a
		// string left out.
		"i18n/pl.toml": {Data: []byte(strings.Replace(
			regexp.MustCompile(`(?m)^"exit\.button" = .*\n`).ReplaceAllString(strs, ""),
			"few = \"{{.Count}} pomysły na rozmowę\"\n", "", 1))},
	}
	res, err := build.Run(build.Options{Site: planted, Default: talksite.DefaultSite(), Render: render.Options{KeepTexts: true}})
	if err != nil {
		t.Fatalf("the site with planted faults does not build:\n%v", err)
	}
	var got []string
	for _, p := range completenessProblems(t, res, "testdata/banned") {
		if p.lang == lang && !before[p.lang+" "+p.msg] {
			got = append(got, p.msg)
		}
	}
	all := strings.Join(got, "\n")
	for _, want := range []string{
		"content/pl/help.md: link targets differ from content/en/help.md: lacks " + firstLink[1] + "; has https://example.org/pl",
		fmt.Sprintf("content/pl/help.md: uses %q, which testdata/banned/pl.txt bans", phrase),
		"content/en/planted-only-english.md: no translation: the page is shown in English",
		fmt.Sprintf("data/pl/starters.toml: starter %s: no translation", starterIDs[1]),
		`data/pl/starters.toml: "planted-renamed" is not an id of data/en/starters.toml`,
		fmt.Sprintf("data/pl/starters.toml: starter %s text: numbers differ from the English: has 123, 456, 789", starterIDs[2]),
		"data/pl/helplines.toml: helpline iwf-report hours: URLs differ from the English: has https://example.org/godziny",
		"i18n/pl.toml: exit.button: no translation: the English is shown",
		`starters.count: has no "few" plural form, which pl needs`,
	} {
		if !strings.Contains(all, want) {
			t.Errorf("the planted fault is not reported as %q; got:\n%s", want, all)
		}
	}
}

// plantStarters renames the first starter, empties the second's words and adds a number to
// the third's.
func plantStarters(t *testing.T, src string, ids []string) string {
	t.Helper()
	out := strings.Replace(src, `id = "`+ids[0]+`"`, `id = "planted-renamed"`, 1)
	for i, with := range map[int]string{1: `${1}text = ""`, 2: `${1}text = "Zadzwoń pod 123 456 789. `} {
		re := regexp.MustCompile(`(id = "` + regexp.QuoteMeta(ids[i]) + `"\n(?:[^\[].*\n|\n)*?)text = "`)
		if i == 1 {
			re = regexp.MustCompile(`(id = "` + regexp.QuoteMeta(ids[i]) + `"\n(?:[^\[].*\n|\n)*?)text = ".*"`)
		}
		if !re.MatchString(out) {
			t.Fatalf("starter %s: no text to plant a fault in", ids[i])
		}
		out = re.ReplaceAllString(out, with)
	}
	return out
}

// TestBannedListsAreRead checks every banned list: one lower-case phrase a line, and each
// phrase, planted in a text, is found and named with its list.
func TestBannedListsAreRead(t *testing.T) {
	lists, _ := filepath.Glob("testdata/banned/*.txt")
	if len(lists) == 0 {
		t.Fatal("no testdata/banned/*.txt")
	}
	for _, list := range lists {
		phrases, err := readBanned(list)
		if err != nil {
			t.Error(err)
			continue
		}
		if len(phrases) == 0 {
			t.Errorf("%s: no phrases", list)
		}
		for _, ph := range phrases {
			r := []rune(ph)
			text := "Start. " + strings.ToUpper(string(r[:1])) + string(r[1:]) + " end."
			found := bannedIn(text, phrases)
			if !slices.Contains(found, ph) {
				t.Errorf("%s: %q planted in a text is not found", list, ph)
			}
		}
	}
}

// problem is one way a language falls short.
type problem struct{ lang, msg string }

// completenessProblems runs every completeness check on a built site, for each language
// but the source.
func completenessProblems(t *testing.T, res *build.Result, bannedDir string) []problem {
	t.Helper()
	site := res.Site
	srcLang := site.Source()
	var out []problem
	for _, l := range site.Langs {
		if l.Code == srcLang.Code {
			continue
		}
		add := func(format string, args ...any) {
			out = append(out, problem{l.Code, fmt.Sprintf(format, args...)})
		}
		var texts []placedText // the language's own words, for the banned list

		// Pages: none from another language; the same link targets as the English.
		for _, sp := range srcLang.Pages {
			if sp.File == nil {
				continue
			}
			p := l.ByKey[sp.Key]
			if p == nil || p.Fallback {
				add("%s: no translation: the page is shown in %s", sp.File.Path, langOf(p, srcLang.Code))
				continue
			}
			if lacks, extra := diffSets(linkTargets(body(t, site, sp.File.Path)), linkTargets(body(t, site, p.File.Path))); len(lacks)+len(extra) > 0 {
				add("%s: link targets differ from %s:%s", p.File.Path, sp.File.Path, describeDiff(lacks, extra))
			}
			texts = append(texts, placedText{p.File.Path, p.Meta.Title + "\n" + p.Meta.Description + "\n" + res.Output.Texts[p.URL()+"index.html"]})
		}

		// Interface strings: every one translated, each passing `i18n check`.
		cat := site.Strings
		tf := cat.File(l.Code)
		strPath := "i18n/" + l.Code + ".toml"
		for _, id := range cat.Source().IDs() {
			orig := cat.Source().Messages[id]
			if orig.Empty() {
				continue
			}
			if !cat.Has(l.Code, id) {
				add("%s: %s: no translation: the English is shown", strPath, id)
				continue
			}
			m := tf.Messages[id]
			for _, msg := range i18n.Check(l.Code, orig, m) {
				add("%s:%d: %s: %s", strPath, m.Line, id, msg)
			}
			for _, f := range i18n.Forms {
				if v := m.Forms[f]; v != "" {
					texts = append(texts, placedText{strPath + " " + id, v})
				}
			}
		}

		// Data: every entry in the language's own file, with the English ids, numbers
		// and URLs.
		srcTexts := map[string]entryText{}
		for _, e := range entryTexts(srcLang.Data) {
			srcTexts[e.key] = e
		}
		for _, e := range entryTexts(l.Data) {
			src := srcTexts[e.key]
			if strings.TrimSpace(src.text.Value) == "" && strings.TrimSpace(e.text.Value) == "" {
				continue // nothing to translate
			}
			file := "data/" + l.Code + "/" + e.list + ".toml"
			if e.text.Lang != l.Code {
				add("%s: %s %s: no translation: shown in %s", file, e.kind, e.id, langName(e.text.Lang))
				continue
			}
			texts = append(texts, placedText{file + " " + e.id, e.text.Value})
			wantURLs, _ := urlsAndNumbers(src.text.Value)
			gotURLs, _ := urlsAndNumbers(e.text.Value)
			if lacks, extra := diffSets(wantURLs, gotURLs); len(lacks)+len(extra) > 0 {
				add("%s: %s %s %s: URLs differ from the English:%s", file, e.kind, e.id, e.field, describeDiff(lacks, extra))
			}
			if lacks, extra := compareNumbers(src.text.Value, e.text.Value); len(lacks)+len(extra) > 0 {
				add("%s: %s %s %s: numbers differ from the English:%s", file, e.kind, e.id, e.field, describeDiff(lacks, extra))
			}
		}
		for _, name := range data.Names {
			srcIDs := fileIDs(t, site, "data/"+srcLang.Code+"/"+name+".toml")
			if srcIDs == nil {
				continue
			}
			p := "data/" + l.Code + "/" + name + ".toml"
			ids := fileIDs(t, site, p)
			if ids == nil {
				add("%s: missing: every entry is shown in English", p)
				continue
			}
			_, extra := diffSets(srcIDs, ids)
			for _, id := range extra {
				add("%s: %q is not an id of data/%s/%s.toml", p, id, srcLang.Code, name)
			}
		}

		// The language's banned phrases.
		list := filepath.Join(bannedDir, l.Code+".txt")
		phrases, err := readBanned(list)
		if err != nil {
			add("%s: %v (write one: a phrase a line, lower case, # comments)", filepath.ToSlash(list), err)
		}
		for _, x := range texts {
			for _, ph := range bannedIn(x.text, phrases) {
				add("%s: uses %q, which %s bans", x.where, ph, filepath.ToSlash(list))
			}
		}
	}
	return out
}

type placedText struct{ where, text string }

// body reads the Markdown of a content file (the build does not keep it).
func body(t *testing.T, site *content.Site, p string) []byte {
	b, err := site.Tree.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	page, err := frontmatter.Parse(bytes.ReplaceAll(b, []byte("\r\n"), []byte("\n")))
	if err != nil {
		t.Fatalf("%s: %v", p, err)
	}
	return page.Body
}

func langOf(p *content.Page, source string) string {
	if p == nil {
		return langName(source)
	}
	return langName(p.ContentLang)
}

func langName(code string) string {
	if code == "en" {
		return "English"
	}
	return code
}

// entryText is one translatable text of a data list.
type entryText struct {
	list, kind, id, field, key string
	text                       data.Text
}

func entryTexts(set *data.Set) []entryText {
	if set == nil {
		return nil
	}
	var out []entryText
	add := func(list, kind, id, field string, t data.Text) {
		out = append(out, entryText{list, kind, id, field, list + "/" + id + "/" + field, t})
	}
	for _, s := range set.Starters {
		add("starters", "starter", s.ID, "text", s.Text)
	}
	for _, r := range set.Replies {
		add("starters", "reply", r.ID, "text", r.Text)
		add("starters", "reply", r.ID, "note", r.Note)
	}
	for _, a := range set.Checklist {
		add("checklist", "action", a.ID, "text", a.Text)
	}
	for _, sec := range set.Agreement {
		add("agreement", "section", sec.ID, "title", sec.Title)
		add("agreement", "section", sec.ID, "prompt", sec.Prompt)
		for _, p := range sec.Promises {
			add("agreement", "promise", p.ID, "text", p.Text)
		}
	}
	for _, h := range set.Helplines {
		add("helplines", "helpline", h.ID, "for", h.For)
		add("helplines", "helpline", h.ID, "hours", h.Hours)
		if h.Name.Lang != "" && h.Name.Lang != set.Lang {
			continue // a proper noun from data/helplines.toml: not translated
		}
	}
	return out
}

// fileIDs lists the entry ids of a data file as written: every `id` of its tables, and
// for the helplines' words the names of its tables. nil when the file is not there.
func fileIDs(t *testing.T, site *content.Site, p string) []string {
	if !site.Tree.Has(p) {
		return nil
	}
	b, err := site.Tree.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	var raw map[string]any
	if _, err := tomlfile.Decode(p, b, &raw); err != nil {
		t.Fatalf("%s: %v", p, err)
	}
	ids := []string{}
	var walk func(v any, top bool)
	walk = func(v any, top bool) {
		switch v := v.(type) {
		case map[string]any:
			if id, ok := v["id"].(string); ok {
				ids = append(ids, id)
			}
			for k, x := range v {
				if top && strings.HasSuffix(p, "/helplines.toml") {
					if _, table := x.(map[string]any); table {
						ids = append(ids, k)
					}
					continue
				}
				walk(x, false)
			}
		case []map[string]any:
			for _, x := range v {
				walk(x, false)
			}
		case []any:
			for _, x := range v {
				walk(x, false)
			}
		}
	}
	walk(raw, true)
	sort.Strings(ids)
	return slices.Compact(ids)
}

var (
	mdLinkRE  = regexp.MustCompile(`\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)`)
	mdRefRE   = regexp.MustCompile(`(?m)^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)`)
	autoRE    = regexp.MustCompile(`<(https?://[^>\s]+)>`)
	urlRE     = regexp.MustCompile(`https?://[^\s<>"'()\[\]]+`)
	digitRunE = regexp.MustCompile(`\d+`)
	emailRE   = regexp.MustCompile(`[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}`)
)

// linkTargets returns the distinct link targets of a Markdown body.
func linkTargets(body []byte) []string {
	var out []string
	for _, re := range []*regexp.Regexp{mdLinkRE, mdRefRE, autoRE} {
		for _, m := range re.FindAllSubmatch(body, -1) {
			out = append(out, string(m[1]))
		}
	}
	sort.Strings(out)
	return slices.Compact(out)
}

// urlsAndNumbers returns the distinct URLs and email addresses of a text, and its
// distinct numbers outside them: runs of digits (Arabic-Indic and Persian digits read as
// 0-9), without leading zeros.
func urlsAndNumbers(s string) (urls, numbers []string) {
	s = strings.Map(func(r rune) rune {
		switch {
		case r >= '٠' && r <= '٩':
			return '0' + (r - '٠')
		case r >= '۰' && r <= '۹':
			return '0' + (r - '۰')
		}
		return r
	}, s)
	for _, re := range []*regexp.Regexp{urlRE, emailRE} {
		for _, u := range re.FindAllString(s, -1) {
			urls = append(urls, strings.TrimRight(u, ".,;:!?"))
		}
		s = re.ReplaceAllString(s, " ")
	}
	for _, n := range digitRunE.FindAllString(s, -1) {
		numbers = append(numbers, number(n))
	}
	sort.Strings(urls)
	sort.Strings(numbers)
	return slices.Compact(urls), slices.Compact(numbers)
}

func number(digits string) string {
	if n := strings.TrimLeft(digits, "0"); n != "" {
		return n
	}
	return "0"
}

// clockTime is a time of day written in English, "6pm" or "9.30am".
type clockTime struct {
	text         string
	hour12, hour string // "6" and "18"
	minute       string // "0" for a whole hour
}

var englishTimeRE = regexp.MustCompile(`(?i)\b(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)`)

// englishTimes takes the times of day out of an English text: a translation may write
// 6pm as 18:00, so they are compared apart from the other numbers.
func englishTimes(s string) (string, []clockTime) {
	var times []clockTime
	for _, m := range englishTimeRE.FindAllStringSubmatch(s, -1) {
		h := 0
		fmt.Sscan(m[1], &h)
		if strings.HasPrefix(strings.ToLower(m[3]), "p") && h < 12 {
			h += 12
		} else if strings.HasPrefix(strings.ToLower(m[3]), "a") && h == 12 {
			h = 0
		}
		minute := "0"
		if m[2] != "" {
			minute = number(m[2])
		}
		times = append(times, clockTime{m[0], number(m[1]), fmt.Sprint(h), minute})
	}
	return englishTimeRE.ReplaceAllString(s, " "), times
}

// compareNumbers compares the numbers of a translation with its English: each English
// number must be there, each English time of day either as written (6, or 6 and 30) or on
// the 24-hour clock (18 and 00), and the translation may have no other number.
func compareNumbers(english, translation string) (lacks, extra []string) {
	rest, times := englishTimes(english)
	_, want := urlsAndNumbers(rest)
	_, got := urlsAndNumbers(translation)
	used := map[string]bool{}
	for _, n := range want {
		if slices.Contains(got, n) {
			used[n] = true
		} else {
			lacks = append(lacks, n)
		}
	}
	for _, t := range times {
		twelve := []string{t.hour12}
		if t.minute != "0" {
			twelve = append(twelve, t.minute)
		}
		matched := false
		for _, form := range [][]string{twelve, {t.hour, t.minute}} {
			if !slices.ContainsFunc(form, func(n string) bool { return !slices.Contains(got, n) }) {
				for _, n := range form {
					used[n] = true
				}
				matched = true
				break
			}
		}
		if !matched {
			lacks = append(lacks, t.text)
		}
	}
	for _, n := range got {
		if !used[n] {
			extra = append(extra, n)
		}
	}
	return lacks, extra
}

// diffSets returns what want has and got lacks, and what got has beyond want.
func diffSets(want, got []string) (lacks, extra []string) {
	for _, w := range want {
		if !slices.Contains(got, w) {
			lacks = append(lacks, w)
		}
	}
	for _, g := range got {
		if !slices.Contains(want, g) {
			extra = append(extra, g)
		}
	}
	return lacks, extra
}

func describeDiff(lacks, extra []string) string {
	var b strings.Builder
	if len(lacks) > 0 {
		b.WriteString(" lacks " + strings.Join(lacks, ", "))
	}
	if len(extra) > 0 {
		if len(lacks) > 0 {
			b.WriteString(";")
		}
		b.WriteString(" has " + strings.Join(extra, ", "))
	}
	return b.String()
}

// readBanned reads a banned list: one lower-case phrase a line, # starts a comment line.
func readBanned(path string) ([]string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		if os.IsNotExist(err) {
			return nil, fmt.Errorf("no banned-phrase list for the language")
		}
		return nil, err
	}
	var out []string
	sc := bufio.NewScanner(bytes.NewReader(b))
	line := 0
	for sc.Scan() {
		line++
		s := strings.TrimSpace(sc.Text())
		if s == "" || strings.HasPrefix(s, "#") {
			continue
		}
		if s != strings.ToLower(s) {
			return out, fmt.Errorf("%s:%d: %q: write phrases in lower case", filepath.ToSlash(path), line, s)
		}
		out = append(out, s)
	}
	return out, sc.Err()
}

// bannedIn returns the phrases a text uses: a phrase matches anywhere, compared in lower
// case with runs of spaces as one, so that a stem ("prostytut") catches every ending, as
// the English list does.
func bannedIn(text string, phrases []string) []string {
	low := strings.Join(strings.Fields(strings.ToLower(text)), " ")
	var out []string
	for _, ph := range phrases {
		if strings.Contains(low, strings.Join(strings.Fields(ph), " ")) {
			out = append(out, ph)
		}
	}
	return out
}
