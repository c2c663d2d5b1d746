package diag

import "testing"

func TestKeyLine(t *testing.T) {
	src := []byte("# a comment naming title\nname = \"x\"\n\"quoted\" = 1\n[theme]\ncolour = \"#123456\"\nlinks.helpline = \"y\"\n[[contacts]]\nname = \"z\"\n")
	for _, tc := range []struct {
		key  string
		want int
	}{
		{"name", 2},     // the first assignment, not the one in [[contacts]]
		{"quoted", 3},   // a quoted key
		{"theme", 4},    // a table header
		{"colour", 5},   // a key inside a table
		{"helpline", 6}, // the last part of a dotted key
		{"contacts", 7}, // an array-of-tables header
		{"title", 0},    // only in a comment
		{"nam", 0},      // a prefix of a key is not the key
		{"a.b(c", 0},    // regexp characters are taken literally
	} {
		if got := KeyLine(src, tc.key); got != tc.want {
			t.Errorf("KeyLine(%q) = %d, want %d", tc.key, got, tc.want)
		}
	}
}
