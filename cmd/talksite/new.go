package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	talksite "github.com/talksite/talksite"
	"github.com/talksite/talksite/internal/build"
	"github.com/talksite/talksite/internal/cli"
	"github.com/talksite/talksite/internal/scaffold"
)

func runNew(c *cli.Env, args []string) int {
	fs := c.Flags("new", "")
	name := fs.String("name", "", "your organisation's name, shown on every page, e.g. \"Hilltop Primary School\"")
	country := fs.String("country", "", "the country whose helplines come first (GB, IE, US, AU)")
	if code, ok := c.Parse(fs, args, 1); !ok {
		return code
	}
	if len(c.Positional) != 1 {
		fmt.Fprintf(c.Stderr, "talksite new: give the folder to create, e.g. talksite new hilltop --name \"Hilltop Primary\"\n")
		return cli.ExitUsage
	}
	dir := c.Positional[0]
	if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
		fmt.Fprintf(c.Stderr, "talksite new: %s already exists and is not empty\n", dir)
		return cli.ExitError
	}
	files, err := scaffold.Files(scaffold.Options{Name: *name, Country: strings.ToUpper(*country)})
	if err != nil {
		fmt.Fprintf(c.Stderr, "talksite new: %v\n", err)
		return cli.ExitUsage
	}
	for _, f := range files {
		p := filepath.Join(dir, filepath.FromSlash(f.Path))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			fmt.Fprintf(c.Stderr, "talksite new: %v\n", err)
			return cli.ExitError
		}
		if err := os.WriteFile(p, f.Body, 0o644); err != nil {
			fmt.Fprintf(c.Stderr, "talksite new: %v\n", err)
			return cli.ExitError
		}
		fmt.Fprintf(c.Stdout, "created %s\n", filepath.ToSlash(p))
	}
	// Build the new site in memory once, so that a country with no emergency number or
	// place to report is said now, not at the first build.
	if res, err := build.Run(build.Options{Site: os.DirFS(dir), Default: talksite.DefaultSite()}); err == nil {
		for _, w := range res.Diagnostics.Warnings() {
			fmt.Fprintf(c.Stderr, "warning: %s\n", w)
		}
	}
	fmt.Fprintf(c.Stdout, "\nNext:\n  talksite serve -s %s     preview it at http://127.0.0.1:1313/\n  talksite build -s %s     write the site to %s\n", dir, dir, filepath.ToSlash(filepath.Join(dir, "public")))
	return cli.ExitOK
}
