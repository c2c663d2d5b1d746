package suggest

import "testing"

func TestClosest(t *testing.T) {
	keys := []string{"title", "description", "layout", "name", "brandColor", "order", "email", "weight", "sources"}
	for _, tc := range []struct{ typed, want string }{
		{"nmae", "name"},                 // two letters swapped
		{"descripton", "description"},    // one dropped
		{"brandColour", "brandColor"},    // one added
		{"Titel", "title"},               // case ignored, swapped
		{"mail", "email"},                // one dropped at the start
		{"wieght", "weight"},             // swapped
		{"srcs", ""},                     // too far for four letters
		{"colour", ""},                   // shares only letters with layout
		{"exitAddress", ""},              // nothing like it
		{"x", ""},                        // one letter: any one edit is another word
		{"titl", "title"},                // one dropped from a short word
		{"descriptionnn", "description"}, // two added to a long word
	} {
		if got := Closest(tc.typed, keys); got != tc.want {
			t.Errorf("Closest(%q) = %q, want %q", tc.typed, got, tc.want)
		}
	}
}
