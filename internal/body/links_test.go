package body

import (
	"strings"
	"testing"

	"github.com/talksite/talksite/internal/content"
)

func TestToURLPath(t *testing.T) {
	for in, want := range map[string]string{
		"guidance/a.md": "guidance/a", "guidance/a/": "guidance/a", "guidance/a/index.html": "guidance/a",
		"guidance/_index.md": "guidance", "_index.md": "", "index.html": "", ".": "", "": "",
	} {
		if got := toURLPath(in); got != want {
			t.Errorf("toURLPath(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestOtherSites checks destinations that never reach the site model: other sites'
// addresses, refused schemes and images from elsewhere.
func TestOtherSites(t *testing.T) {
	r := &resolver{file: &content.SourceFile{Path: "content/en/a.md", Lang: "en"}, from: "en/a/", outline: &Outline{}}
	for _, tc := range []struct {
		dest     string
		image    bool
		external bool
		err      string
	}{
		{dest: "https://www.nspcc.org.uk/", external: true},
		{dest: "mailto:help@example.org"},
		{dest: "tel:08088005000"},
		{dest: "javascript:alert(1)", err: "only https:, http:, mailto: and tel: links are allowed"},
		{dest: "data:text/html,x", err: "only https:"},
		{dest: "https:///nohost", err: "has no host"},
		{dest: "//example.org/x", err: "write https:// before the address"},
		{dest: "https://example.org/a.png", image: true, err: "comes from another site"},
		{dest: "", err: "empty link"},
	} {
		got, err := r.resolve(tc.dest, tc.image)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("%q: error %v, want %q", tc.dest, err, tc.err)
			}
			continue
		}
		if err != nil || got.Dest != tc.dest || got.External != tc.external {
			t.Errorf("%q: got %+v, %v", tc.dest, got, err)
		}
	}
	if len(r.outline.Links) != 0 {
		t.Errorf("links to other sites recorded as the site's: %v", r.outline.Links)
	}
}
