package data

import (
	"fmt"
	"strings"
	"testing"

	"github.com/talksite/talksite/internal/diag"
)

// whoAndPurposes are the default site's who and purpose lists, for test sites' taxonomies.
const whoAndPurposes = "[[who]]\nid = \"everyone\"\n[[who]]\nid = \"child\"\n[[who]]\nid = \"grown-ups\"\n" +
	"[[purpose]]\nid = \"emergency\"\n[[purpose]]\nid = \"report-abuse\"\n[[purpose]]\nid = \"remove-image\"\n" +
	"[[purpose]]\nid = \"report-content\"\n[[purpose]]\nid = \"parent-support\"\n[[purpose]]\nid = \"child-support\"\n"

// loadHelplines loads a facts file (with words for every id in English) and returns the
// English helplines and every problem.
func loadHelplines(t *testing.T, facts string) ([]Helpline, []diag.Diagnostic) {
	t.Helper()
	read := defaultOnly(map[string]string{
		"data/helplines.toml":    facts,
		"data/en/helplines.toml": "[h]\nfor = \"F\"\n",
		"data/taxonomies.toml":   whoAndPurposes,
	})
	site, problems := Load(read, "en", map[string][]string{"en": {"en"}})
	return site.Sets["en"].Helplines, problems
}

// TestHelplineFacts checks each rule of the facts file, and that each problem is reported
// at the line of the value to change.
func TestHelplineFacts(t *testing.T) {
	entry := func(fields ...string) string {
		return "[[helpline]]\nid = \"h\"\ncountry = \"GB\"\nname = \"H\"\nverified = 2026-12-03\n" + strings.Join(fields, "\n") + "\n"
	}
	const (
		url     = `url = "https://example.org/"`
		checked = `checked = "https://example.org/contact"`
		phone   = `phone = "0800 1111"`
	)
	cases := []struct {
		name  string
		facts string
		want  string // "" for no problem; else part of the message
		line  int    // the line the problem must be on (0: not checked)
	}{
		{"complete", entry(`purpose = "child-support"`, phone, url, checked), "", 0},
		{"emergency without url", entry(`purpose = "emergency"`, `phone = "999"`, checked), "", 0},
		{"no purpose", entry(phone, url, checked), `helpline "h" has no purpose`, 2},
		{"unknown purpose", entry(`purpose = "emergencies"`, url, checked), `purpose "emergencies" is not one of emergency, report-abuse`, 6},
		{"old emergency key", entry(`emergency = true`, `phone = "999"`, checked), `has no purpose`, 2},
		{"no checked", entry(`purpose = "report-abuse"`, url), `helpline "h" has no checked page`, 2},
		{"checked over http", entry(`purpose = "report-abuse"`, url, `checked = "http://example.org/"`), `checked "http://example.org/" must be a full https:// address`, 8},
		{"checked not a web address", entry(`purpose = "report-abuse"`, url, `checked = "example.org/contact"`), `must be a full https:// address`, 8},
		{"url over http", entry(`purpose = "report-abuse"`, `url = "http://example.org/"`, checked), `url "http://example.org/" must be a full https:// address`, 7},
		{"url with port", entry(`purpose = "report-abuse"`, `url = "https://example.org:443/blog"`, checked), `has a port (:443)`, 7},
		{"checked with port", entry(`purpose = "report-abuse"`, url, `checked = "https://example.org:8443/"`), `has a port (:8443)`, 8},
		{"url with a password", entry(`purpose = "report-abuse"`, `url = "https://me:pw@example.org/"`, checked), `user name or password`, 7},
		{"emergency without phone", entry(`purpose = "emergency"`, checked), `emergency number "h" has no phone`, 2},
		{"report route without url", entry(`purpose = "report-abuse"`, phone, checked), `helpline "h" has no url`, 2},
		{"key before id", "[[helpline]]\npurpose = \"emergencies\"\nid = \"h\"\ncountry = \"GB\"\nname = \"H\"\nverified = 2026-12-03\n" + url + "\n" + checked + "\n", `purpose "emergencies"`, 2},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, problems := loadHelplines(t, tc.facts)
			var errs []diag.Diagnostic
			for _, p := range problems {
				if p.Severity == diag.Error {
					errs = append(errs, p)
				}
			}
			if tc.want == "" {
				if len(errs) > 0 {
					t.Fatalf("want no problem, got %+v", errs)
				}
				return
			}
			for _, p := range errs {
				if strings.Contains(p.Message, tc.want) {
					if p.File != "data/helplines.toml" {
						t.Errorf("problem in %q, want data/helplines.toml", p.File)
					}
					if tc.line != 0 && p.Line != tc.line {
						t.Errorf("problem at line %d, want line %d (%s)\n%s", p.Line, tc.line, p.Message, numbered(tc.facts))
					}
					return
				}
			}
			t.Fatalf("want a problem with %q, got %+v", tc.want, errs)
		})
	}
}

// TestHelplinePurpose checks that purpose and checked reach the loaded helpline, and that
// Emergency follows the purpose.
func TestHelplinePurpose(t *testing.T) {
	hs, problems := loadHelplines(t, "[[helpline]]\nid = \"h\"\ncountry = \"gb\"\npurpose = \"emergency\"\nname = \"H\"\nphone = \"999\"\nchecked = \"https://example.org/999\"\nverified = 2026-12-03\n")
	if len(problems) > 0 {
		t.Fatalf("problems: %+v", problems)
	}
	if len(hs) != 1 {
		t.Fatalf("%d helplines, want 1", len(hs))
	}
	h := hs[0]
	if h.Purpose != "emergency" || !h.Emergency() || h.Checked != "https://example.org/999" || h.Country != "GB" {
		t.Errorf("got %+v", h)
	}
	h.Purpose = "report-abuse"
	if h.Emergency() {
		t.Error("a report-abuse route reports Emergency")
	}
}

// defaultOnly reads files as the default site's, with no site folder.
func defaultOnly(files map[string]string) Reader {
	return func(p string) ([]Layer, error) {
		if s, ok := files[p]; ok {
			return []Layer{{Src: []byte(s)}}, nil
		}
		return nil, nil
	}
}

func numbered(s string) string {
	var b strings.Builder
	for i, l := range strings.Split(s, "\n") {
		fmt.Fprintf(&b, "%2d %s\n", i+1, l)
	}
	return b.String()
}
