package view

import (
	"slices"
	"testing"

	"github.com/talksite/talksite/internal/config"
	"github.com/talksite/talksite/internal/content"
	"github.com/talksite/talksite/internal/data"
)

// helplineView is a view of a GB site's page whose language lists these helplines.
func helplineView(helplines ...data.Helpline) *View {
	cfg := &config.Config{Country: "GB"}
	lang := &content.Lang{Data: &data.Set{Helplines: helplines}}
	site := &content.Site{Config: cfg, Langs: []*content.Lang{lang},
		Taxonomies: data.Taxonomies{Purposes: []string{"emergency", "report-abuse", "parent-support"}}}
	return &View{Site: site, Config: cfg, Lang: lang}
}

func ids(hs []data.Helpline) []string {
	var out []string
	for _, h := range hs {
		out = append(out, h.ID)
	}
	return out
}

// TestHelplines checks the help page's order: the site's country first, others by code,
// international last; within a country by weight, grouped in the order of purposes.
func TestHelplines(t *testing.T) {
	v := helplineView(
		data.Helpline{ID: "int-report", Country: "INT", Purpose: "report-abuse"},
		data.Helpline{ID: "us-911", Country: "US", Purpose: "emergency"},
		data.Helpline{ID: "gb-support", Country: "GB", Purpose: "parent-support", Weight: 1},
		data.Helpline{ID: "gb-ceop", Country: "GB", Purpose: "report-abuse", Weight: 20},
		data.Helpline{ID: "gb-999", Country: "GB", Purpose: "emergency", Weight: 10},
		data.Helpline{ID: "au-000", Country: "AU", Purpose: "emergency"},
	)
	var countries []string
	for _, c := range v.Helplines() {
		countries = append(countries, c.Code)
	}
	if want := []string{"GB", "AU", "US", "INT"}; !slices.Equal(countries, want) {
		t.Errorf("countries %q, want %q", countries, want)
	}
	gb := v.Helplines()[0]
	if got, want := ids(gb.Helplines), []string{"gb-support", "gb-999", "gb-ceop"}; !slices.Equal(got, want) {
		t.Errorf("GB by weight %q, want %q", got, want)
	}
	var groups []string
	for _, g := range gb.Groups {
		groups = append(groups, g.Name+":"+ids(g.Helplines)[0])
	}
	if want := []string{"emergency:gb-999", "report-abuse:gb-ceop", "parent-support:gb-support"}; !slices.Equal(groups, want) {
		t.Errorf("GB groups %q, want %q", groups, want)
	}
}

// TestRoutes checks what a "what happened?" page lists: the site's country's helplines
// for the purposes asked, in that order, then the international ones; never another
// country's, never one twice.
func TestRoutes(t *testing.T) {
	v := helplineView(
		data.Helpline{ID: "int-report", Country: "INT", Purpose: "report-abuse"},
		data.Helpline{ID: "us-report", Country: "US", Purpose: "report-abuse"},
		data.Helpline{ID: "gb-ceop", Country: "GB", Purpose: "report-abuse", Weight: 2},
		data.Helpline{ID: "gb-iwf", Country: "GB", Purpose: "report-abuse", Weight: 1},
		data.Helpline{ID: "gb-999", Country: "GB", Purpose: "emergency"},
	)
	got := ids(v.Routes([]string{"report-abuse", "emergency", "report-abuse"}))
	if want := []string{"gb-iwf", "gb-ceop", "gb-999", "int-report"}; !slices.Equal(got, want) {
		t.Errorf("Routes = %q, want %q", got, want)
	}
	if got := ids(v.EmergencyRoutes()); !slices.Equal(got, []string{"gb-999"}) {
		t.Errorf("EmergencyRoutes = %q", got)
	}
}
