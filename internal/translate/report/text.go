package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/talksite/talksite/internal/translate"
)

// WriteText writes the status as `talksite i18n status` prints it: a table of languages
// with their share of the source's words translated, then per language what is missing,
// outdated and waiting for a fluent reader, pages one by one, data entries per file and
// interface strings on one line.
func WriteText(out io.Writer, st []LangStatus) {
	fmt.Fprintf(out, "%-6s %-12s %5s  %-13s  %-24s %-24s %s\n", "lang", "name", "done", "words", "pages", "data", "strings")
	cell := func(n Counts) string {
		return fmt.Sprintf("%d/%d (%d%%)", n.Total-n.Missing, n.Total, int(n.Percent()))
	}
	for _, l := range st {
		if l.Source {
			fmt.Fprintf(out, "%-6s %-12s %5s  (source language)\n", l.Lang, l.Name, "100%")
			continue
		}
		// Rounded down: 100% only when nothing is missing.
		fmt.Fprintf(out, "%-6s %-12s %4d%%  %-13s  %-24s %-24s %s\n", l.Lang, l.Name, int(l.Percent),
			fmt.Sprintf("%d/%d", l.All.Words-l.All.MissingWords, l.All.Words), cell(l.Pages), cell(l.Data), cell(l.Strings))
	}
	fmt.Fprintln(out, "\n(pages, data entries and strings translated, and the share of their English words)")
	for _, l := range st {
		if l.Source {
			continue
		}
		section := func(title string, words int, match func(Item) bool) {
			var lines []string
			strs, strWords := 0, 0
			entries := map[string][2]int{} // data file → entries, words
			var files []string
			for _, it := range l.Items {
				if !match(it) {
					continue
				}
				if it.Kind == "string" { // strings are many and short: one line for them all
					strs++
					strWords += it.Words
					continue
				}
				if it.Kind == "data" { // entries too: one line per data file
					file, _, _ := strings.Cut(it.ID, "/")
					if _, ok := entries[file]; !ok {
						files = append(files, file)
					}
					e := entries[file]
					entries[file] = [2]int{e[0] + 1, e[1] + it.Words}
					continue
				}
				w := it.Words
				if it.State != Missing && it.MissingWords > 0 && title != "missing" {
					w -= it.MissingWords
				}
				lines = append(lines, fmt.Sprintf("  %6d words  %-6s %s", w, it.Kind, it.ID))
			}
			for _, f := range files {
				e := entries[f]
				lines = append(lines, fmt.Sprintf("  %6d words  data   %s: %d %s", e[1], f, e[0], translate.Plural(e[0], "entry", "entries")))
			}
			if strs > 0 {
				lines = append(lines, fmt.Sprintf("  %6d words  %d interface %s", strWords, strs, translate.Plural(strs, "string", "strings")))
			}
			if len(lines) > 0 {
				fmt.Fprintf(out, "\n%s (%s): %s, %d words\n%s\n", l.Lang, l.Name, title, words, strings.Join(lines, "\n"))
			}
		}
		section("missing", l.All.MissingWords, func(it Item) bool { return it.State == Missing })
		section("outdated: the English changed since", l.All.OutdatedWords, func(it Item) bool { return it.State == Outdated })
		section("needs a fluent reader (draft, or no reviewedBy)", l.All.DraftWords, func(it Item) bool { return it.State == Draft })
	}
}
