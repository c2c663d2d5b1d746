package assets

import (
	"io/fs"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/talksite/talksite"
)

func TestScriptIDs(t *testing.T) {
	for _, c := range []struct {
		name  string
		files map[string][]byte
		want  []string
	}{
		{"none", map[string][]byte{"js/a.js": []byte("(function () {})();\n")}, nil},
		{"one line", map[string][]byte{"js/a.js": []byte("// ids: b a-* c\n(function () {})();\n")}, []string{"a-*", "b", "c"}},
		{"sorted and unique across files", map[string][]byte{
			"js/a.js":     []byte("// ids: x y\n"),
			"js/sub/b.js": []byte("  // ids:   y  w-*\r\n"),
		}, []string{"w-*", "x", "y"}},
		{"only .js files", map[string][]byte{"css/a.css": []byte("// ids: no\n"), "js/a.txt": []byte("// ids: no\n")}, nil},
		{"not a declaration", map[string][]byte{"js/a.js": []byte("//ids: no\n/* ids: no */\nvar s = '// ids: no';\n")}, nil},
		{"words that are not ids are skipped", map[string][]byte{"js/a.js": []byte("// ids: ok 1st *x a*b \"q\" a-*\n")}, []string{"a-*", "ok"}},
		{"empty", map[string][]byte{"js/a.js": nil}, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := scriptIDs(c.files); !slices.Equal(got, c.want) {
				t.Errorf("scriptIDs = %q, want %q", got, c.want)
			}
		})
	}
}

// defaultScripts returns the default site's scripts by logical asset path ("js/a.js").
func defaultScripts(t *testing.T) map[string][]byte {
	t.Helper()
	site := talksite.DefaultSite()
	names, err := fs.Glob(site, "assets/js/*.js")
	if err != nil || len(names) == 0 {
		t.Fatalf("no scripts in the default site: %v", err)
	}
	files := map[string][]byte{}
	for _, name := range names {
		b, err := fs.ReadFile(site, name)
		if err != nil {
			t.Fatal(err)
		}
		files[strings.TrimPrefix(name, "assets/")] = b
	}
	return files
}

// TestDefaultScriptIDs pins what the default site's scripts declare: the ids the agreement
// builder makes and those of its layout it relies on (they were a fixed list in render.go
// before scripts declared them).
func TestDefaultScriptIDs(t *testing.T) {
	want := []string{"age-*", "ages-hint", "agreement-link", "edit-*", "member-*", "own-*", "preview-title", "share-title", "text-*", "when-*", "who-*", "wording-*"}
	if got := scriptIDs(defaultScripts(t)); !slices.Equal(got, want) {
		t.Errorf("the default scripts declare %q, want %q", got, want)
	}
}

// Ways a script gives an element an id from a string literal (see createdIDs).
var (
	// el.id = 'name' or el.id = 'name-' + n
	idPropRE = regexp.MustCompile(`\.id\s*=\s*(['"])([^'"\\]*)['"](\s*\+)?`)
	// el.setAttribute('id', 'name') or ('id', 'name-' + n)
	idAttrRE = regexp.MustCompile(`setAttribute\(\s*['"]id['"]\s*,\s*(['"])([^'"\\]*)['"](\s*\+)?`)
	// 'name-' + n anywhere, such as an id handed to a helper: row('member', 'member-' + i)
	idPrefixRE = regexp.MustCompile(`['"]([A-Za-z][\w-]*-)['"]\s*\+`)
	// `name-${n}`
	idTemplateRE = regexp.MustCompile("`([A-Za-z][\\w-]*-)\\$\\{")
)

// createdIDs returns the ids a script's source gives elements from string literals, best
// effort: "name" for an id written whole, "name-*" for one written as a literal prefix and
// something added to it. A hyphenated literal followed by + counts wherever it appears
// (so that ids handed to a helper count), except data-* and aria-* attribute names.
//
// It does not see ids made without a literal (from data, or from a variable holding the
// literal), ids whose literal has no hyphen before the +, ids written as a whole literal
// handed to a helper (row('x', 'name')), or ids in markup given to innerHTML. It reads
// comments as code, so an example in a comment must be declared too.
func createdIDs(src string) []string {
	var ids []string
	for _, re := range []*regexp.Regexp{idPropRE, idAttrRE} {
		for _, m := range re.FindAllStringSubmatch(src, -1) {
			if m[3] != "" {
				ids = append(ids, m[2]+"*")
			} else {
				ids = append(ids, m[2])
			}
		}
	}
	for _, re := range []*regexp.Regexp{idPrefixRE, idTemplateRE} {
		for _, m := range re.FindAllStringSubmatch(src, -1) {
			if !strings.HasPrefix(m[1], "data-") && !strings.HasPrefix(m[1], "aria-") {
				ids = append(ids, m[1]+"*")
			}
		}
	}
	slices.Sort(ids)
	return slices.Compact(ids)
}

// declares reports whether declared (a script's "// ids:" names) covers id, a name or a
// "prefix*" from createdIDs.
func declares(declared []string, id string) bool {
	for _, d := range declared {
		if d == id {
			return true
		}
		if prefix, ok := strings.CutSuffix(d, "*"); ok && strings.HasPrefix(strings.TrimSuffix(id, "*"), prefix) {
			return true
		}
	}
	return false
}

func TestCreatedIDs(t *testing.T) {
	for _, c := range []struct {
		src  string
		want []string
	}{
		{`el.id = 'x';`, []string{"x"}},
		{`el.id="x-"+n;`, []string{"x-*"}},
		{`el.setAttribute("id", 'y');`, []string{"y"}},
		{`el.setAttribute('id', 'y-' + n);`, []string{"y-*"}},
		{`row('member', 'member-' + (i + 1));`, []string{"member-*"}},
		{"el.id = `z-${n}`;", []string{"z-*"}},
		{`el.getAttribute('data-msg-' + name); el.setAttribute('aria-' + k, v);`, nil},
		{`if (el.id === 'x') {}`, nil},
	} {
		if got := createdIDs(c.src); !slices.Equal(got, c.want) {
			t.Errorf("createdIDs(%s) = %q, want %q", c.src, got, c.want)
		}
	}
	declared := []string{"a", "b-*"}
	for id, want := range map[string]bool{"a": true, "b-*": true, "b-1": true, "b-c-*": true, "ab": false, "b*": false, "c": false} {
		if got := declares(declared, id); got != want {
			t.Errorf("declares(%q, %q) = %v, want %v", declared, id, got, want)
		}
	}
}

// TestScriptsDeclareTheirIDs fails when a script of the default site gives an element an
// id (see createdIDs for which ones it finds) that its own "// ids:" line does not name: a
// heading of a page's Markdown could then take the same id.
func TestScriptsDeclareTheirIDs(t *testing.T) {
	for name, src := range defaultScripts(t) {
		declared := scriptIDs(map[string][]byte{name: src})
		for _, id := range createdIDs(string(src)) {
			if !declares(declared, id) {
				t.Errorf("assets/%s makes id %q but does not declare it; add it to the %q line at the top", name, id, scriptIDMark)
			}
		}
	}
}
