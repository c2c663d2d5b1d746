package listfile

import (
	"slices"
	"testing"
)

var itemShape = &Shape{Key: "item", Path: "item", Keys: map[string]Kind{"text": String, "n": Int}}

func twoLayers(def, site string) Reader {
	return func(string) ([]Layer, error) {
		return []Layer{{Src: []byte(def)}, {Site: true, Src: []byte(site)}}, nil
	}
}

// TestLayers checks the merge rules of the package comment and where problems are reported.
func TestLayers(t *testing.T) {
	def := "[[item]]\nid = \"a\"\ntext = \"A\"\n[[item]]\nid = \"b\"\ntext = \"B\"\nn = 2\n"
	site := "[[item]]\nid = \"b\"\ntext = \"B2\"\n[[item]]\nid = \"c\"\ntext = \"C\"\ncolour = \"red\"\n[[item]]\nid = \"a\"\nremove = true\n[[item]]\nid = \"zz\"\nremove = true\n"
	var ld Loader
	l := ld.Load(twoLayers(def, site), "data/x.toml", itemShape)
	var got []string
	for _, e := range l.Lists["item"] {
		got = append(got, e.ID+"="+e.Str("text"))
	}
	if want := []string{"b=B2", "c=C"}; !slices.Equal(got, want) {
		t.Errorf("entries %q, want %q", got, want)
	}
	if b := l.Lists["item"][0]; b.Int("n") != 2 || b.Line != 2 {
		t.Errorf("b keeps the default's n and is at the site's line 2: n=%d line %d", b.Int("n"), b.Line)
	}
	var diags []string
	for _, d := range ld.Diagnostics() {
		diags = append(diags, d.Severity.String()+" "+d.String())
	}
	want := []string{
		`warning data/x.toml:7: unknown key "item.colour"`,
		`error data/x.toml:12: remove = true: there is no item "zz" to remove`,
	}
	if !slices.Equal(diags, want) {
		t.Errorf("diagnostics\n%q\nwant\n%q", diags, want)
	}

	origins := Origins("data/x.toml", []Layer{{Src: []byte(def)}, {Site: true, Src: []byte(site)}}, itemShape)
	var o []string
	for _, e := range origins {
		o = append(o, e.ID+" "+e.Change)
	}
	if want := []string{"b replaced", "c added", "a removed"}; !slices.Equal(o, want) {
		t.Errorf("origins %q, want %q", o, want)
	}
}

// TestDefaultLayerNamed checks that a problem in the default's copy names it as such
// when the site has the file too.
func TestDefaultLayerNamed(t *testing.T) {
	var ld Loader
	ld.Load(twoLayers("[[item]]\nid = \"Bad Id\"\n", "[[item]]\nid = \"ok\"\n"), "data/x.toml", itemShape)
	d := ld.Diagnostics()
	if len(d) != 1 || d[0].String() != `default data/x.toml:2: id "Bad Id": use lower-case letters, digits and hyphens` {
		t.Errorf("got %v", d)
	}
}
