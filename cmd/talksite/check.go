package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"github.com/talksite/talksite/internal/check"
)

func (c *cli) check(args []string) int {
	fs := c.flags("check", "")
	site := fs.String("s", ".", "the site folder (its public/ is checked unless OUT is given)")
	asJSON := fs.Bool("json", false, "print the report as JSON")
	if code, ok := c.parse(fs, args, 1); !ok {
		return code
	}
	out := filepath.Join(*site, "public")
	if len(c.positional) == 1 {
		out = c.positional[0]
	}
	if fi, err := os.Stat(out); err != nil || !fi.IsDir() {
		fmt.Fprintf(c.stderr, "talksite check: %s is not a built site folder (run talksite build first)\n", out)
		return exitError
	}
	report, err := check.Site(os.DirFS(out), check.Options{})
	if err != nil {
		fmt.Fprintf(c.stderr, "talksite check: %v\n", err)
		return exitError
	}
	if *asJSON {
		enc := json.NewEncoder(c.stdout)
		enc.SetIndent("", "  ")
		enc.Encode(report)
	} else {
		for _, f := range report.Findings {
			fmt.Fprintf(c.stdout, "%-7s %s\n", f.Severity, f)
		}
		errs, warns := len(report.Errors()), len(report.Warnings())
		fmt.Fprintf(c.stdout, "Checked %d pages and %d files in %s: %d %s, %d %s.\n", report.Pages, report.Files, out,
			errs, plural(errs, "error", "errors"), warns, plural(warns, "warning", "warnings"))
	}
	if len(report.Errors()) > 0 {
		return exitError
	}
	return exitOK
}
