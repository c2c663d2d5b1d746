package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"github.com/talksite/talksite/internal/check"
	"github.com/talksite/talksite/internal/cli"
)

func runCheck(c *cli.Env, args []string) int {
	fs := c.Flags("check", "")
	site := fs.String("s", ".", "the site folder (its public/ is checked unless OUT is given)")
	asJSON := fs.Bool("json", false, "print the report as JSON")
	if code, ok := c.Parse(fs, args, 1); !ok {
		return code
	}
	out := filepath.Join(*site, "public")
	if len(c.Positional) == 1 {
		out = c.Positional[0]
	}
	if fi, err := os.Stat(out); err != nil || !fi.IsDir() {
		fmt.Fprintf(c.Stderr, "talksite check: %s is not a built site folder (run talksite build first)\n", out)
		return cli.ExitError
	}
	report, err := check.Site(os.DirFS(out), check.Options{})
	if err != nil {
		fmt.Fprintf(c.Stderr, "talksite check: %v\n", err)
		return cli.ExitError
	}
	if *asJSON {
		enc := json.NewEncoder(c.Stdout)
		enc.SetIndent("", "  ")
		enc.Encode(report)
	} else {
		for _, f := range report.Findings {
			fmt.Fprintf(c.Stdout, "%-7s %s\n", f.Severity, f)
		}
		errs, warns := len(report.Errors()), len(report.Warnings())
		fmt.Fprintf(c.Stdout, "Checked %d pages and %d files in %s: %d %s, %d %s.\n", report.Pages, report.Files, out,
			errs, cli.Plural(errs, "error", "errors"), warns, cli.Plural(warns, "warning", "warnings"))
	}
	if len(report.Errors()) > 0 {
		return cli.ExitError
	}
	return cli.ExitOK
}
