package tomlfile

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/talksite/talksite/internal/diag"
)

func TestKeyLine(t *testing.T) {
	src := []byte(`# a comment naming title = 1
name = "x"
"quoted" = 1
text = """
name = "inside a multi-line string"
"""
[theme]
colour = "#123456"
links.helpline = "y"
[languages."pt-BR"]
name = "Português"
[languages.cy]
name = "Cymraeg"
[[contacts]]
name = "z"
[[contacts]]
role = "w"
inline = { a = 1, b = 2 }
list = [
  ["not", "a table"],
  { name = "not a key" },
]
after = 1
`)
	for _, tc := range []struct {
		key  []string
		want int
	}{
		{[]string{"name"}, 2},                         // top level, not the one in a string or a table
		{[]string{"quoted"}, 3},                       // a quoted key
		{[]string{"theme"}, 7},                        // a table header
		{[]string{"theme", "colour"}, 8},              // a key inside a table
		{[]string{"theme", "links", "helpline"}, 9},   // a dotted key
		{[]string{"languages", "pt-BR", "name"}, 11},  // a quoted part of a header
		{[]string{"languages", "cy"}, 12},             //
		{[]string{"languages", "cy", "name"}, 13},     //
		{[]string{"languages"}, 10},                   // an implicit table: its first sub-table
		{[]string{"contacts"}, 14},                    // the first of an array of tables
		{[]string{"contacts", "role"}, 17},            //
		{[]string{"contacts", "inline", "b"}, 18},     // inside an inline table: the enclosing key
		{[]string{"theme", "nothing"}, 7},             // not written: the enclosing table
		{[]string{"title"}, 0},                        // only in a comment
		{[]string{"nam"}, 0},                          // a prefix of a key is not the key
		{[]string{"a.b(c"}, 0},                        // no pattern characters
		{[]string{"colour"}, 0},                       // not at the top level
		{[]string{"contacts", "name", "x", "y"}, 15},  // deeper than written
		{[]string{"languages", "pt-BR", "order"}, 10}, // the enclosing table
		{[]string{"contacts", "after"}, 23},           // after a value over several lines
		{[]string{"contacts", "name"}, 15},            // not the one inside the value
	} {
		if got := KeyLine(src, tc.key...); got != tc.want {
			t.Errorf("KeyLine(%q) = %d, want %d", tc.key, got, tc.want)
		}
	}
	if got := KeyLines(src, "contacts"); !slices.Equal(got, []int{14, 16}) {
		t.Errorf("KeyLines(contacts) = %v, want [14 16]", got)
	}
}

func TestDecode(t *testing.T) {
	var v struct {
		Name  string `toml:"name"`
		Count int    `toml:"count"`
	}
	md, err := Decode("site.toml", []byte("name = \"x\"\n[extra]\nkey = 1\n"), &v)
	if err != nil || v.Name != "x" {
		t.Fatalf("Decode: %v, %+v", err, v)
	}
	if got := md.Undecoded(); len(got) != 2 || got[1].String() != "extra.key" {
		t.Errorf("Undecoded = %v", got)
	}
	if !md.IsDefined("extra", "key") || md.IsDefined("count") {
		t.Error("IsDefined")
	}
	if md.Line("extra", "key") != 3 {
		t.Errorf("Line(extra.key) = %d", md.Line("extra", "key"))
	}

	for _, tc := range []struct {
		name, src     string
		line, column  int
		wantSubstring string
	}{
		{"syntax", "name = \"x\"\nname = \"y\"\n", 2, 12, "already been defined"},
		{"unclosed string", "\n\nname = \"x\n", 3, 10, "cannot contain newlines"},
		{"wrong type", "name = \"x\"\ncount = \"seven\"\n", 2, 0, "incompatible types"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Decode("site.toml", []byte(tc.src), &v)
			d, ok := errors.AsType[diag.Diagnostic](err)
			if !ok {
				t.Fatalf("error %v (%T) is not a Diagnostic", err, err)
			}
			if d.File != "site.toml" || d.Line != tc.line || d.Column != tc.column || d.Severity != diag.Error {
				t.Errorf("got %+v, want site.toml:%d:%d", d, tc.line, tc.column)
			}
			if !strings.Contains(d.Message, tc.wantSubstring) || strings.Contains(d.Message, "toml:") {
				t.Errorf("message %q: want it to contain %q and not the decoder's prefix", d.Message, tc.wantSubstring)
			}
		})
	}
}

func TestString(t *testing.T) {
	for in, want := range map[string]string{
		`Hilltop`:        `"Hilltop"`,
		`a "quote"`:      `"a \"quote\""`,
		"line\nexitURL=": `"line\nexitURL="`,
		`back\slash`:     `"back\\slash"`,
	} {
		if got := String(in); got != want {
			t.Errorf("String(%q) = %s, want %s", in, got, want)
		}
		var m map[string]string
		if _, err := Decode("x", []byte("v = "+String(in)), &m); err != nil || m["v"] != in {
			t.Errorf("String(%q) does not read back: %v %q", in, err, m["v"])
		}
	}
}
