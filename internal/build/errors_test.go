package build_test

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/talksite/talksite"
	"github.com/talksite/talksite/internal/build"
)

// TestBadInput lays a few broken files over the default site and checks that each problem
// is reported with its file and line, all in one build.
func TestBadInput(t *testing.T) {
	for _, tc := range []struct {
		name  string
		files map[string]string
		want  []string
	}{
		{"broken links", map[string]string{
			"content/en/guidance/x.md": "---\ntitle: X\n---\nOne [ok](../help.md) and [file](warning-signs.md).\n\n[url style](../talk/agree/) and [absolute](/guidance/warning-signs/)\n\n[gone](nothing.md)\n\n[bad anchor](warning-signs.md#nowhere) [good anchor](if-your-child-tells-you.md#first-steps)\n\n[outside](../../../etc/passwd)\n\n[script](javascript:alert(1))\n",
		}, []string{
			`content/en/guidance/x.md:8: link "nothing.md": there is no page /en/guidance/nothing/`,
			`content/en/guidance/x.md:10: link "warning-signs.md#nowhere": there is no heading with id "nowhere"`,
			`content/en/guidance/x.md:12: link "../../../etc/passwd" points outside content/en/`,
			`content/en/guidance/x.md:14: link "javascript:alert(1)": only https:, http:, mailto: and tel: links are allowed`,
		}},
		{"template error names the layout", map[string]string{
			"layouts/single.html": "{{define \"main\"}}\n<p>{{.Page.Nope}}</p>\n{{end}}\n",
		}, []string{"layouts/single.html:2: executing"}},
		{"template syntax error", map[string]string{
			"layouts/list.html": "{{define \"main\"}}\n\n{{if}}\n{{end}}\n",
		}, []string{"layouts/list.html:3: "}},
		{"unknown layout", map[string]string{
			"content/en/x.md": "---\ntitle: X\nlayout: fancy\n---\n",
		}, []string{`content/en/x.md:3: layout "fancy": there is no layouts/fancy.html`}},
		{"invalid UTF-8", map[string]string{
			"content/en/x.md": "---\ntitle: X\n---\nline 4\n\xff\xfe\n",
		}, []string{"content/en/x.md:5: not valid UTF-8"}},
		{"undeclared language", map[string]string{
			"content/fr/_index.md": "---\ntitle: Accueil\n---\n",
		}, []string{`content/fr/_index.md: language "fr" is not declared in site.toml`}},
		{"bad data", map[string]string{
			"data/en/starters.toml": "[[starter]]\nid = \"a\"\nages = [\"toddler\"]\ntopics = [\"gaming\"]\ntext = \"Hi\"\n\n[[starter]]\nid = \"a\"\nages = [\"8-10\"]\ntopics = []\ntext = \"\"\n",
		}, []string{
			`data/en/starters.toml:2: ages: "toddler" is not one of under-8, 8-10, 11-13, 14-17`,
			`data/en/starters.toml:8: id "a" is used twice`,
			`data/en/starters.toml:8: no topics`,
			`data/en/starters.toml:8: starter "a" has no text`,
		}},
		{"bad synonyms", map[string]string{
			"data/pl/synonyms.toml": "stop = [\"na\", \"do\"]\ngroups = [\n  [\"szantaż\", \"blackmail\"],\n  [\"zdjęcie\"],\n  [\"x\", \"photo\", \"image\"],\n]\n",
		}, []string{
			`data/pl/synonyms.toml:4: a group needs two words or more, that find each other`,
			`data/pl/synonyms.toml:5: word "x" is one letter: search ignores words shorter than two letters`,
		}},
		{"bad site.toml", map[string]string{
			"site.toml": "nmae = \"x\"\n",
		}, []string{`site.toml:1: unknown key "nmae" (did you mean "name"?)`}},
		{"bad string placeholder", map[string]string{
			"site.toml":    "[languages.en]\nname = \"English\"\n[languages.cy]\nname = \"Cymraeg\"\norder = 2\n",
			"i18n/cy.toml": "\"notice.readOriginal\" = \"Darllen y gwreiddiol yn {{.Iaith}}\"\n",
		}, []string{`i18n/cy.toml:1: notice.readOriginal: other form has {{.Iaith}}, which the source does not have`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			site := fstest.MapFS{}
			for name, content := range tc.files {
				site[name] = &fstest.MapFile{Data: []byte(content)}
			}
			_, err := build.Run(build.Options{Site: site, Default: talksite.DefaultSite()})
			if err == nil {
				t.Fatal("built without errors")
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("errors lack %q:\n%v", w, err)
				}
			}
		})
	}
}
