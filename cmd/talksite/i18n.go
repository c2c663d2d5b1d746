package main

import (
	"encoding/json"
	"fmt"
	"path/filepath"

	"github.com/talksite/talksite"
	"github.com/talksite/talksite/internal/cli"
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

func runI18n(c *cli.Env, args []string) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		w := c.Stdout
		code := cli.ExitOK
		if len(args) == 0 {
			w, code = c.Stderr, cli.ExitUsage
		}
		fmt.Fprint(w, i18nUsage)
		return code
	}
	sub, args := args[0], args[1:]
	fs := c.SubFlags("i18n "+sub, i18nUsage)
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
		fmt.Fprintf(c.Stderr, "talksite i18n: unknown command %q\n\n%s", sub, i18nUsage)
		return cli.ExitUsage
	}
	if code, ok := c.Parse(fs, args, maxArgs); !ok {
		return code
	}
	pos := c.Positional
	need := map[string]int{"new": 1, "stamp": 1, "import": 2}[sub]
	if len(pos) < need {
		fmt.Fprintf(c.Stderr, "talksite i18n %s: missing argument\n\n%s", sub, i18nUsage)
		return cli.ExitUsage
	}
	dir, ok := c.SiteDir(*site)
	if !ok {
		return cli.ExitError
	}
	w, err := translate.Open(dir, talksite.DefaultSite())
	if err != nil {
		fmt.Fprintf(c.Stderr, "talksite i18n: %v\n", err)
		return cli.ExitError
	}
	// result prints what a command wrote and its error, and returns the exit code.
	result := func(changes []translate.Change, err error) int { return reportChanges(c, changes, err) }
	for _, d := range w.Diag.Errors() {
		fmt.Fprintf(c.Stderr, "note: %s\n", d)
	}
	switch sub {
	case "status":
		st, err := report.Status(w, pos...)
		if err != nil {
			fmt.Fprintf(c.Stderr, "talksite i18n: %v\n", err)
			return cli.ExitError
		}
		if *asJSON {
			enc := json.NewEncoder(c.Stdout)
			enc.SetIndent("", "  ")
			enc.Encode(st)
			return cli.ExitOK
		}
		report.WriteText(c.Stdout, st)
	case "check":
		problems := report.Check(w)
		for _, p := range problems {
			fmt.Fprintf(c.Stdout, "%s:%d: %s\n", p.File, p.Line, p.Message)
		}
		if len(problems) > 0 {
			fmt.Fprintf(c.Stderr, "%d %s.\n", len(problems), cli.Plural(len(problems), "problem", "problems"))
			return cli.ExitError
		}
		fmt.Fprintln(c.Stdout, "All translations keep their placeholders, plural forms and link targets.")
	case "new":
		return result(w.New(pos[0], *name))
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
		return result(w.Stamp(pos[0], targets...))
	case "export":
		switch {
		case *pagesF && *dataF:
			fmt.Fprintf(c.Stderr, "talksite i18n export: give --pages or --data, not both\n")
			return cli.ExitUsage
		case *pagesF:
			return result(pages.Export(w, *outDir, pos, *force))
		case *dataF:
			return result(entries.Export(w, *outDir, pos, *force))
		}
		return result(uistrings.Export(w, *outDir, pos, *force))
	case "import":
		importer := uistrings.Import
		switch {
		case *pagesF && *dataF:
			fmt.Fprintf(c.Stderr, "talksite i18n import: give --pages or --data, not both\n")
			return cli.ExitUsage
		case *pagesF:
			importer = pages.Import
		case *dataF:
			importer = entries.Import
		}
		changes, notes, err := importer(w, pos[0], pos[1])
		for _, n := range notes {
			fmt.Fprintf(c.Stderr, "note: %s\n", n)
		}
		return result(changes, err)
	}
	return cli.ExitOK
}

func reportChanges(c *cli.Env, changes []translate.Change, err error) int {
	for _, ch := range changes {
		if ch.Note != "" {
			fmt.Fprintf(c.Stdout, "%s (%s)\n", ch.Path, ch.Note)
		} else {
			fmt.Fprintf(c.Stdout, "wrote %s\n", filepath.ToSlash(ch.Path))
		}
	}
	if err != nil {
		fmt.Fprintf(c.Stderr, "talksite i18n: %v\n", err)
		return cli.ExitError
	}
	return cli.ExitOK
}
