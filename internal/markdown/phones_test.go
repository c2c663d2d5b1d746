package markdown

import (
	"strings"
	"testing"
)

func TestPhoneLinks(t *testing.T) {
	r := New().WithPhones([]string{"999", "000", "0800 1111", "1-800-843-5678", "112"})
	for _, tc := range []struct{ md, want string }{
		{"Call 999 now.", `Call <a href="tel:999" class="phone ltr" dir="ltr">999</a> now.`},
		{"Call 0800 1111, any time.", `<a href="tel:08001111" class="phone ltr" dir="ltr">0800 1111</a>, any time.`},
		{"Ring 112 or 999.", `Ring <a href="tel:112" class="phone ltr" dir="ltr">112</a> or <a href="tel:999" class="phone ltr" dir="ltr">999</a>.`},
		{"In the US, 1-800-843-5678.", `<a href="tel:18008435678" class="phone ltr" dir="ltr">1-800-843-5678</a>.`},
		{"\u2066999\u2069 في حالة الطوارئ", "\u2066<a href=\"tel:999\" class=\"phone ltr\" dir=\"ltr\">999</a>\u2069"},
		// Parts of other numbers, words and links stay as they are.
		{"Over 170,000 people.", "Over 170,000 people."},
		{"Code 9990 and 1999.", "Code 9990 and 1999."},
		{"The 999-year lease.", "The 999-year lease."},
		{"[Call 999](https://example.org/)", `>Call 999</a>`},
		{"`999`", "<code>999</code>"},
		{"## Call 999", ">Call 999</h2>"},
	} {
		res, err := r.Render([]byte(tc.md), 1, func(dest string, image bool) (Target, error) { return Target{Dest: dest}, nil })
		if err != nil {
			t.Fatal(err)
		}
		if got := string(res.HTML); !strings.Contains(got, tc.want) {
			t.Errorf("%q:\n got %s\nwant %s", tc.md, got, tc.want)
		}
		if strings.Count(string(res.HTML), "tel:") != strings.Count(tc.want, "tel:") {
			t.Errorf("%q: %d tel: links, want %d: %s", tc.md, strings.Count(string(res.HTML), "tel:"), strings.Count(tc.want, "tel:"), res.HTML)
		}
	}
}
