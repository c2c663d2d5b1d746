package assets

import (
	"strings"

	"github.com/talksite/talksite/internal/diag"
	"github.com/talksite/talksite/internal/minify"
	"github.com/talksite/talksite/internal/source"
)

// Site is the asset stage of a build: it processes every file under the site's assets/
// (see Process) and names the files made later in the build that pages point at, such as
// each language's search index (later: logical name and output path alike). brandColor, when
// set, goes into the stylesheet: the Content Security Policy allows no inline styles. It
// comes last, so it wins over the light and dark defaults.
func Site(tree *source.Tree, brandColor string, later []string, m *minify.Minifier, list *diag.List) *Set {
	files := map[string][]byte{}
	for _, p := range tree.Paths("assets") {
		b, err := tree.ReadFile(p)
		if err != nil {
			list.AddError(p, 0, err)
			continue
		}
		files[strings.TrimPrefix(p, "assets/")] = b
	}
	if brandColor != "" && files["css/site.css"] != nil {
		files["css/site.css"] = append(append([]byte{}, files["css/site.css"]...), "\n:root { --brand: "+brandColor+"; }\n"...)
	}
	set, problems := Process(files, m)
	set.scriptIDs = scriptIDs(files)
	for _, p := range problems {
		list.Errorf(p.File, p.Line, "%s", p.Message)
	}
	for _, name := range later {
		set.ReserveAt(name, name)
	}
	return set
}

// ScriptIDs are the element ids the site's scripts declare they create (see
// scriptIDMark), which no Markdown heading may take.
func (s *Set) ScriptIDs() []string { return s.scriptIDs }
