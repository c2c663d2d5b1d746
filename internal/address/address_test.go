package address

import "testing"

func TestAddresses(t *testing.T) {
	for _, tc := range []struct {
		from, to          string
		rel, root, relURL string
	}{
		{"en/help/", "en/guidance/", "../guidance/", "../../en/guidance/", "../guidance/index.html"},
		{"en/guidance/grooming/", "en/help/", "../../help/", "../../../en/help/", "../../help/index.html"},
		{"en/", "en/help/", "help/", "../en/help/", "help/index.html"},
		{"en/help/", "cy/help/", "../../cy/help/", "../../cy/help/", "../../cy/help/index.html"},
		{"", "en/", "en/", "en/", "en/index.html"},
		{"en/help/", "en/help/", "", "../../en/help/", "index.html"},
		{"en/help/", "assets/css/site.1.css", "../../assets/css/site.1.css", "../../assets/css/site.1.css", ""},
		// A first segment with a colon would read as a scheme.
		{"en/", "en/javascript:x/", "./javascript:x/", "../en/javascript:x/", ""},
		{"", "javascript:x/", "./javascript:x/", "./javascript:x/", ""},
	} {
		if got := RelPath(tc.from, tc.to); got != tc.rel {
			t.Errorf("RelPath(%q, %q) = %q, want %q", tc.from, tc.to, got, tc.rel)
		}
		if got := RootPath(tc.from, tc.to); got != tc.root {
			t.Errorf("RootPath(%q, %q) = %q, want %q", tc.from, tc.to, got, tc.root)
		}
		if tc.relURL != "" {
			if got := RelURL(tc.from, tc.to); got != tc.relURL {
				t.Errorf("RelURL(%q, %q) = %q, want %q", tc.from, tc.to, got, tc.relURL)
			}
		}
	}
}
