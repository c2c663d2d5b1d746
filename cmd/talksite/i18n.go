package main

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/talksite/talksite"
	"github.com/talksite/talksite/internal/translate"
	"github.com/talksite/talksite/internal/translate/entries"
	"github.com/talksite/talksite/internal/translate/pages"
	"github.com/talksite/talksite/internal/translate/report"
	"github.com/talksite/talksite/internal/translate/uistrings"
)

const i18nUsage = `Usage: talksite i18n COMMAND [-s SITE] ...

Translation tools. Every command takes -s SITE (default: the current folder).

  status [--json] [TAG...]
                         per language (or only those named): pages, data entries and
                         strings translated, missing, outdated and draft, weighed by the
                         words of the English; what still needs a fluent reader
  check                  every translated string keeps its placeholders, has the plural
                         forms its language needs and contains no HTML, and every
                         translated page keeps its links' targets (exit 1 if not)
  new TAG [--name NAME]  add a language: its site.toml entry and i18n/TAG.toml to fill in
  stamp TAG TARGET... | stamp TAG --all
                         record that the named translations match the current source:
                         files (content/TAG/help.md, data/TAG/starters.toml,
                         i18n/TAG.toml), one data entry (data/TAG/starters.toml#ID) or
                         strings (strings:exit.button); --all stamps every translation
                         of TAG, also those nobody touched
  export [-o DIR] [--force] [--pages | --data] [TAG...]
                         write interface strings as go-i18n JSON v2 (for Weblate), or with
                         --pages the pages as gettext PO (DIR/pages.pot, DIR/TAG.po), or
                         with --data the data entries as go-i18n JSON v2; refuses to
                         overwrite a file holding translations not imported yet
  import [--pages | --data] TAG FILE
                         read translations back; refuses (and writes nothing) if a string
                         fails the checks of i18n check, or a page's link targets changed
`

func (c *cli) i18n(args []string) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		w := c.stdout
		code := exitOK
		if len(args) == 0 {
			w, code = c.stderr, exitUsage
		}
		fmt.Fprint(w, i18nUsage)
		return code
	}
	sub, args := args[0], args[1:]
	fs := c.subFlags("i18n "+sub, i18nUsage)
	site := fs.String("s", ".", "the site folder")
	var (
		asJSON *bool
		name   *string
		outDir *string
		all    *bool
		force  *bool
		pagesF *bool
		dataF  *bool
	)
	maxArgs := 0
	switch sub {
	case "status":
		asJSON = fs.Bool("json", false, "print JSON")
		maxArgs = -1
	case "check":
	case "new":
		name = fs.String("name", "", "the language's name in itself (default: from CLDR)")
		maxArgs = 1
	case "stamp":
		all = fs.Bool("all", false, "stamp every translation of the language, also those nobody touched")
		maxArgs = -1
	case "export":
		outDir = fs.String("o", "i18n-export", "the folder to write the JSON files to")
		force = fs.Bool("force", false, "overwrite files that hold translations not imported yet")
		pagesF = fs.Bool("pages", false, "export the pages as gettext PO")
		dataF = fs.Bool("data", false, "export the data entries as go-i18n JSON v2")
		maxArgs = -1
	case "import":
		pagesF = fs.Bool("pages", false, "import pages from gettext PO")
		dataF = fs.Bool("data", false, "import data entries from go-i18n JSON v2")
		maxArgs = 2
	default:
		fmt.Fprintf(c.stderr, "talksite i18n: unknown command %q\n\n%s", sub, i18nUsage)
		return exitUsage
	}
	if code, ok := c.parse(fs, args, maxArgs); !ok {
		return code
	}
	pos := c.positional
	need := map[string]int{"new": 1, "stamp": 1, "import": 2}[sub]
	if len(pos) < need {
		fmt.Fprintf(c.stderr, "talksite i18n %s: missing argument\n\n%s", sub, i18nUsage)
		return exitUsage
	}
	dir, ok := c.siteDir(*site)
	if !ok {
		return exitError
	}
	w, err := translate.Open(dir, talksite.DefaultSite())
	if err != nil {
		fmt.Fprintf(c.stderr, "talksite i18n: %v\n", err)
		return exitError
	}
	for _, d := range w.Diag.Errors() {
		fmt.Fprintf(c.stderr, "note: %s\n", d)
	}
	switch sub {
	case "status":
		st, err := report.Status(w, pos...)
		if err != nil {
			fmt.Fprintf(c.stderr, "talksite i18n: %v\n", err)
			return exitError
		}
		if *asJSON {
			enc := json.NewEncoder(c.stdout)
			enc.SetIndent("", "  ")
			enc.Encode(st)
			return exitOK
		}
		printStatus(c, st)
	case "check":
		problems := report.Check(w)
		for _, p := range problems {
			fmt.Fprintf(c.stdout, "%s:%d: %s\n", p.File, p.Line, p.Message)
		}
		if len(problems) > 0 {
			fmt.Fprintf(c.stderr, "%d %s.\n", len(problems), plural(len(problems), "problem", "problems"))
			return exitError
		}
		fmt.Fprintln(c.stdout, "All translations keep their placeholders, plural forms and link targets.")
	case "new":
		return c.report(w.New(pos[0], *name))
	case "stamp":
		targets := pos[1:]
		for i, t := range targets {
			if filepath.IsAbs(t) {
				if rel, err := filepath.Rel(dir, t); err == nil {
					targets[i] = rel
				}
			}
		}
		if *all {
			targets = append(targets, translate.StampAll)
		}
		return c.report(w.Stamp(pos[0], targets...))
	case "export":
		switch {
		case *pagesF && *dataF:
			fmt.Fprintf(c.stderr, "talksite i18n export: give --pages or --data, not both\n")
			return exitUsage
		case *pagesF:
			return c.report(pages.Export(w, *outDir, pos, *force))
		case *dataF:
			return c.report(entries.Export(w, *outDir, pos, *force))
		}
		return c.report(uistrings.Export(w, *outDir, pos, *force))
	case "import":
		importer := uistrings.Import
		switch {
		case *pagesF && *dataF:
			fmt.Fprintf(c.stderr, "talksite i18n import: give --pages or --data, not both\n")
			return exitUsage
		case *pagesF:
			importer = pages.Import
		case *dataF:
			importer = entries.Import
		}
		changes, notes, err := importer(w, pos[0], pos[1])
		for _, n := range notes {
			fmt.Fprintf(c.stderr, "note: %s\n", n)
		}
		return c.report(changes, err)
	}
	return exitOK
}

func (c *cli) report(changes []translate.Change, err error) int {
	for _, ch := range changes {
		if ch.Note != "" {
			fmt.Fprintf(c.stdout, "%s (%s)\n", ch.Path, ch.Note)
		} else {
			fmt.Fprintf(c.stdout, "wrote %s\n", filepath.ToSlash(ch.Path))
		}
	}
	if err != nil {
		fmt.Fprintf(c.stderr, "talksite i18n: %v\n", err)
		return exitError
	}
	return exitOK
}

func printStatus(c *cli, st []report.LangStatus) {
	fmt.Fprintf(c.stdout, "%-6s %-12s %5s  %-13s  %-24s %-24s %s\n", "lang", "name", "done", "words", "pages", "data", "strings")
	cell := func(n report.Counts) string {
		return fmt.Sprintf("%d/%d (%d%%)", n.Total-n.Missing, n.Total, int(n.Percent()))
	}
	for _, l := range st {
		if l.Source {
			fmt.Fprintf(c.stdout, "%-6s %-12s %5s  (source language)\n", l.Lang, l.Name, "100%")
			continue
		}
		// Rounded down: 100% only when nothing is missing.
		fmt.Fprintf(c.stdout, "%-6s %-12s %4d%%  %-13s  %-24s %-24s %s\n", l.Lang, l.Name, int(l.Percent),
			fmt.Sprintf("%d/%d", l.All.Words-l.All.MissingWords, l.All.Words), cell(l.Pages), cell(l.Data), cell(l.Strings))
	}
	fmt.Fprintln(c.stdout, "\n(pages, data entries and strings translated, and the share of their English words)")
	for _, l := range st {
		if l.Source {
			continue
		}
		section := func(title string, words int, match func(report.Item) bool) {
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
				if it.State != report.Missing && it.MissingWords > 0 && title != "missing" {
					w -= it.MissingWords
				}
				lines = append(lines, fmt.Sprintf("  %6d words  %-6s %s", w, it.Kind, it.ID))
			}
			for _, f := range files {
				e := entries[f]
				lines = append(lines, fmt.Sprintf("  %6d words  data   %s: %d %s", e[1], f, e[0], plural(e[0], "entry", "entries")))
			}
			if strs > 0 {
				lines = append(lines, fmt.Sprintf("  %6d words  %d interface %s", strWords, strs, plural(strs, "string", "strings")))
			}
			if len(lines) > 0 {
				fmt.Fprintf(c.stdout, "\n%s (%s): %s, %d words\n%s\n", l.Lang, l.Name, title, words, strings.Join(lines, "\n"))
			}
		}
		section("missing", l.All.MissingWords, func(it report.Item) bool { return it.State == report.Missing })
		section("outdated: the English changed since", l.All.OutdatedWords, func(it report.Item) bool { return it.State == report.Outdated })
		section("needs a fluent reader (draft, or no reviewedBy)", l.All.DraftWords, func(it report.Item) bool { return it.State == report.Draft })
	}
}
