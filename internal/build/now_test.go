package build_test

import (
	"regexp"
	"strings"
	"testing"

	talksite "github.com/talksite/talksite"
	"github.com/talksite/talksite/internal/build"
	"github.com/talksite/talksite/internal/content"
	"github.com/talksite/talksite/internal/render"
)

// leadWordLimit is how many words of first actions a "what happened?" page may have before
// its contacts: about what fits a phone's first screen under the title (issue #11 asks for
// at most ~150).
const leadWordLimit = 160

var (
	routeRE = regexp.MustCompile(`<li class="route[ "]`)
	tagRE   = regexp.MustCompile(`<[^>]*>`)
)

// TestNowPages builds the default site once for every country its helplines cover and
// checks that each "what happened?" page under now/ lists at least one contact for that
// country, that its first actions come before any background and are short, and that it
// links to guidance to read next.
func TestNowPages(t *testing.T) {
	countries := map[string]bool{}
	for _, h := range buildDefault(t).Site.Source().Data.Helplines {
		if h.Country != "INT" {
			countries[h.Country] = true
		}
	}
	if len(countries) < 4 {
		t.Fatalf("helplines cover %d countries, want at least GB, IE, US and AU", len(countries))
	}
	for country := range countries {
		t.Run(country, func(t *testing.T) {
			res, err := build.Run(build.Options{
				Site:    mapFS(map[string][]byte{"site.toml": []byte("country = \"" + country + "\"\n")}),
				Default: talksite.DefaultSite(), Render: render.Options{KeepTexts: true},
			})
			if err != nil {
				t.Fatalf("site for %s does not build: %v", country, err)
			}
			src := res.Site.Source()
			var situations int
			for _, p := range src.Pages {
				if p.Section != "now" || p.Kind != content.KindPage {
					continue
				}
				situations++
				html := string(res.Output.Files[p.URL()+"index.html"])
				if n := len(routeRE.FindAllString(html, -1)); n == 0 {
					t.Errorf("%s: lists no contact for %s (routes %v)", p.File.Path, country, p.Meta.Routes)
				}
				if len(p.Related) == 0 {
					t.Errorf("%s: no related guidance to read next", p.File.Path)
				}
				lead, _, found := strings.Cut(html, `class="routes"`)
				if !found {
					t.Errorf("%s: no contacts section", p.File.Path)
					continue
				}
				_, lead, _ = strings.Cut(lead, `class="prose now-first"`)
				if words := len(strings.Fields(tagRE.ReplaceAllString(lead, " "))); words > leadWordLimit {
					t.Errorf("%s: %d words before the contacts, want at most %d", p.File.Path, words, leadWordLimit)
				}
				if !strings.Contains(lead, "<ol") {
					t.Errorf("%s: the first actions are not a numbered list", p.File.Path)
				}
			}
			if situations < 6 {
				t.Errorf("now/ has %d situation pages, want the 6 of issue #11", situations)
			}
		})
	}
}

// TestCountryWithoutHelplines: a site set to a country the helplines do not cover still
// builds, names the country on its "what happened?" pages, and warns that it lists no
// emergency number or place to report, naming the file to add them to.
func TestCountryWithoutHelplines(t *testing.T) {
	res, err := build.Run(build.Options{
		Site:    mapFS(map[string][]byte{"site.toml": []byte("country = \"fr\"\n")}),
		Default: talksite.DefaultSite(),
	})
	if err != nil {
		t.Fatalf("site for FR does not build: %v", err)
	}
	var warned []string
	for _, w := range res.Diagnostics.Warnings() {
		warned = append(warned, w.String())
	}
	all := strings.Join(warned, "\n")
	for _, want := range []string{`country FR (site.toml) has no helpline with purpose = "emergency"`, `purpose = "report-abuse"`, "data/helplines.toml"} {
		if !strings.Contains(all, want) {
			t.Errorf("warnings do not say %q:\n%s", want, all)
		}
	}
	page := string(res.Output.Files["en/now/image-shared/index.html"])
	if !strings.Contains(page, "Who to contact (France)") {
		t.Errorf("the now page does not name France (CLDR's name for FR)")
	}
}
