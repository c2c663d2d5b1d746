package data

import (
	"slices"
	"strconv"
	"strings"
	"testing"
)

// twoLayers reads files from a default site and a site folder laid over it.
func twoLayers(def, site map[string]string) Reader {
	return func(p string) ([]Layer, error) {
		var out []Layer
		if s, ok := def[p]; ok {
			out = append(out, Layer{Src: []byte(s)})
		}
		if s, ok := site[p]; ok {
			out = append(out, Layer{Site: true, Src: []byte(s)})
		}
		return out, nil
	}
}

// defaults is a small default site: two of everything.
var defaults = map[string]string{
	"data/taxonomies.toml": "[[age]]\nid = \"8-10\"\n[[age]]\nid = \"11-13\"\n\n[[topic]]\nid = \"gaming\"\n[[topic]]\nid = \"pressure\"\n\n[[step]]\nid = \"talk\"\n[[step]]\nid = \"know\"\n" + whoAndPurposes,
	"data/en/starters.toml": `[[starter]]
id = "a"
ages = ["8-10"]
topics = ["gaming"]
text = "A"

[[starter]]
id = "b"
ages = ["11-13"]
topics = ["pressure"]
text = "B"
`,
	"data/en/agreement.toml": `[[section]]
id = "s"
title = "S"

[[section.promise]]
id = "p"
ages = ["8-10"]
who = "everyone"
text = "P"

[[section.promise]]
id = "q"
ages = ["8-10"]
who = "child"
text = "Q"
`,
	"data/helplines.toml":    helpline("h1", "GB") + helpline("h2", "INT"),
	"data/en/helplines.toml": "[h1]\nfor = \"F1\"\n\n[h2]\nfor = \"F2\"\n",
}

func helpline(id, country string) string {
	return "[[helpline]]\nid = \"" + id + "\"\ncountry = \"" + country + "\"\npurpose = \"child-support\"\nname = \"" + strings.ToUpper(id) +
		"\"\nurl = \"https://example.org/\"\nchecked = \"https://example.org/c\"\nverified = 2026-12-03\n\n"
}

// TestMerge lays a site folder's data files over the defaults.
func TestMerge(t *testing.T) {
	type want struct {
		starters, promises, helplines, topics string // ids:words, comma-separated
		problem                               string // "file:line: part of the message", or ""
	}
	cases := []struct {
		name string
		site map[string]string
		want want
	}{
		{"nothing", nil, want{starters: "a:A,b:B", promises: "p:P,q:Q", helplines: "h1:F1,h2:F2", topics: "gaming,pressure"}},
		{"add a helpline", map[string]string{
			"data/helplines.toml":    helpline("mine", "GB"),
			"data/en/helplines.toml": "[mine]\nfor = \"Mine\"\n",
		}, want{starters: "a:A,b:B", promises: "p:P,q:Q", helplines: "h1:F1,h2:F2,mine:Mine", topics: "gaming,pressure"}},
		{"replace key by key", map[string]string{
			"data/en/starters.toml":  "[[starter]]\nid = \"a\"\ntext = \"New A\"\n",
			"data/en/helplines.toml": "[h2]\nhours = \"Always\"\n",
		}, want{starters: "a:New A,b:B", promises: "p:P,q:Q", helplines: "h1:F1,h2:F2", topics: "gaming,pressure"}},
		{"remove", map[string]string{
			"data/en/starters.toml": "[[starter]]\nid = \"a\"\nremove = true\n",
			"data/helplines.toml":   "[[helpline]]\nid = \"h1\"\nremove = true\n",
		}, want{starters: "b:B", promises: "p:P,q:Q", helplines: "h2:F2", topics: "gaming,pressure"}},
		{"remove an unknown id", map[string]string{
			"data/en/starters.toml": "# mine\n[[starter]]\nid = \"zz\"\nremove = true\n",
		}, want{starters: "a:A,b:B", promises: "p:P,q:Q", helplines: "h1:F1,h2:F2", topics: "gaming,pressure",
			problem: `data/en/starters.toml:3: remove = true: there is no starter "zz" to remove`}},
		{"promises in a section", map[string]string{
			"data/en/agreement.toml": "[[section]]\nid = \"s\"\n\n[[section.promise]]\nid = \"p\"\nremove = true\n\n[[section.promise]]\nid = \"q\"\ntext = \"New Q\"\n\n[[section.promise]]\nid = \"r\"\nages = [\"11-13\"]\nwho = \"grown-ups\"\ntext = \"R\"\n",
		}, want{starters: "a:A,b:B", promises: "q:New Q,r:R", helplines: "h1:F1,h2:F2", topics: "gaming,pressure"}},
		{"a new topic", map[string]string{
			"data/taxonomies.toml":  "[[topic]]\nid = \"money\"\n",
			"data/en/starters.toml": "[[starter]]\nid = \"c\"\nages = [\"8-10\"]\ntopics = [\"money\"]\ntext = \"C\"\n",
		}, want{starters: "a:A,b:B,c:C", promises: "p:P,q:Q", helplines: "h1:F1,h2:F2", topics: "gaming,pressure,money"}},
		{"remove a topic a starter uses", map[string]string{
			"data/taxonomies.toml":  "[[topic]]\nid = \"pressure\"\nremove = true\n",
			"data/en/starters.toml": "[[starter]]\nid = \"c\"\nages = [\"8-10\"]\ntopics = [\"gaming\"]\ntext = \"C\"\n",
		}, want{starters: "a:A,b:B,c:C", promises: "p:P,q:Q", helplines: "h1:F1,h2:F2", topics: "gaming",
			problem: `default data/en/starters.toml:8: topics: "pressure" is not one of gaming`}},
		{"a problem in a replaced entry is the site's", map[string]string{
			"data/en/starters.toml": "\n[[starter]]\nid = \"b\"\nages = [\"toddler\"]\n",
		}, want{starters: "a:A,b:B", promises: "p:P,q:Q", helplines: "h1:F1,h2:F2", topics: "gaming,pressure",
			problem: `data/en/starters.toml:3: ages: "toddler" is not one of 8-10, 11-13`}},
		{"a helpline's bad address is located in the site's file", map[string]string{
			"data/helplines.toml": "[[helpline]]\nid = \"h2\"\nurl = \"http://example.org/\"\n",
		}, want{starters: "a:A,b:B", promises: "p:P,q:Q", helplines: "h1:F1,h2:F2", topics: "gaming,pressure",
			problem: `data/helplines.toml:3: helpline "h2": url "http://example.org/" must be a full https:// address`}},
		{"a wrong type", map[string]string{
			"data/en/starters.toml": "[[starter]]\nid = \"a\"\ntext = 5\n",
		}, want{starters: "a:A,b:B", promises: "p:P,q:Q", helplines: "h1:F1,h2:F2", topics: "gaming,pressure",
			problem: `data/en/starters.toml:3: starter "a": text must be text in quotes`}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			site, problems := Load(twoLayers(defaults, tc.site), "en", map[string][]string{"en": {"en"}})
			var got []string
			for _, p := range problems {
				got = append(got, p.File+":"+strconv.Itoa(p.Line)+": "+p.Message)
			}
			if tc.want.problem == "" && len(got) > 0 {
				t.Errorf("problems:\n%s", strings.Join(got, "\n"))
			}
			if tc.want.problem != "" && !slices.ContainsFunc(got, func(s string) bool { return strings.HasPrefix(s, tc.want.problem) }) {
				t.Errorf("want a problem %q, got:\n%s", tc.want.problem, strings.Join(got, "\n"))
			}
			en := site.Sets["en"]
			var starters, promises, helplines []string
			for _, s := range en.Starters {
				starters = append(starters, s.ID+":"+s.Text.Value)
			}
			for _, s := range en.Agreement {
				for _, p := range s.Promises {
					promises = append(promises, p.ID+":"+p.Text.Value)
				}
			}
			for _, h := range en.Helplines {
				helplines = append(helplines, h.ID+":"+h.For.Value)
			}
			check := func(what, got, want string) {
				if got != want {
					t.Errorf("%s: got %s, want %s", what, got, want)
				}
			}
			check("starters", strings.Join(starters, ","), tc.want.starters)
			check("promises", strings.Join(promises, ","), tc.want.promises)
			check("helplines", strings.Join(helplines, ","), tc.want.helplines)
			check("topics", strings.Join(site.Taxonomies.Topics, ","), tc.want.topics)
		})
	}
}

// TestReplaceKeepsKeys checks that a replaced entry keeps the keys the site does not set.
func TestReplaceKeepsKeys(t *testing.T) {
	site, problems := Load(twoLayers(defaults, map[string]string{
		"data/en/starters.toml":  "[[starter]]\nid = \"a\"\ntext = \"New A\"\n",
		"data/en/helplines.toml": "[h2]\nhours = \"Always\"\n",
	}), "en", map[string][]string{"en": {"en"}})
	if len(problems) > 0 {
		t.Fatalf("problems: %+v", problems)
	}
	a := site.Sets["en"].Starters[0]
	if !slices.Equal(a.Ages, []string{"8-10"}) || !slices.Equal(a.Topics, []string{"gaming"}) {
		t.Errorf("replaced starter lost its tags: %+v", a)
	}
	h2 := site.Sets["en"].Helplines[1]
	if h2.For.Value != "F2" || h2.Hours.Value != "Always" || h2.Name.Value != "H2" {
		t.Errorf("replaced words: %+v", h2)
	}
}
