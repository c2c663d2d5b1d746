package assets

import (
	"bytes"
	"path"
	"regexp"
	"slices"
	"strings"
)

// scriptIDMark starts the line on which a script names the element ids it creates, so
// that no heading of a page's Markdown takes one of them:
//
//	// ids: age-* ages-hint preview-title
//
// Names are separated by spaces; a name ending in "*" stands for every id starting with
// what comes before it ("age-*": age-8-10, age-11-13, …), as for the ids found in layouts
// (see internal/layouts).
const scriptIDMark = "// ids:"

// scriptIDNameRE is a name a script may declare: an id that a heading could also get,
// or such a prefix followed by "*". Other words on the line are ignored.
var scriptIDNameRE = regexp.MustCompile(`^[A-Za-z][\w-]*\*?$`)

// scriptIDs returns the ids that the scripts among files (logical asset path, such as
// "js/agreement.js", → content) declare on their "// ids:" lines, sorted and without
// repeats. Files that are not .js files are not read.
func scriptIDs(files map[string][]byte) []string {
	var ids []string
	for name, body := range files {
		if path.Ext(name) != ".js" {
			continue
		}
		for line := range bytes.Lines(body) {
			rest, ok := strings.CutPrefix(strings.TrimSpace(string(line)), scriptIDMark)
			if !ok {
				continue
			}
			for _, id := range strings.Fields(rest) {
				if scriptIDNameRE.MatchString(id) {
					ids = append(ids, id)
				}
			}
		}
	}
	slices.Sort(ids)
	return slices.Compact(ids)
}
