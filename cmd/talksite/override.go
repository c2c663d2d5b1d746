package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/talksite/talksite"
	"github.com/talksite/talksite/internal/cli"
	"github.com/talksite/talksite/internal/scaffold"
)

func runOverride(c *cli.Env, args []string) int {
	set := c.Flags("override", "PATH...")
	site := set.String("s", ".", "the site folder")
	list := set.Bool("list", false, "list the default site's files that can be copied")
	if code, ok := c.Parse(set, args, -1); !ok {
		return code
	}
	dir, ok := c.SiteDir(*site)
	if !ok {
		return cli.ExitError
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		fmt.Fprintf(c.Stderr, "talksite override: %v\n", err)
		return cli.ExitError
	}
	defer root.Close()
	def := talksite.DefaultSite()
	if *list {
		paths, err := scaffold.DefaultFiles(def)
		if err != nil {
			fmt.Fprintf(c.Stderr, "talksite override: %v\n", err)
			return cli.ExitError
		}
		for _, p := range paths {
			mark := ""
			if _, err := root.Stat(filepath.FromSlash(p)); err == nil {
				mark = "   (already in this folder)"
			}
			fmt.Fprintf(c.Stdout, "%s%s\n", p, mark)
		}
		return cli.ExitOK
	}
	if len(c.Positional) == 0 {
		fmt.Fprintf(c.Stderr, "talksite override: name the files to copy, e.g. talksite override content/en/help.md (talksite override --list shows them all)\n")
		return cli.ExitUsage
	}
	copied, problems, err := scaffold.Override(def, root, c.Positional)
	for _, p := range problems {
		fmt.Fprintf(c.Stderr, "talksite override: %s\n", p)
	}
	if len(problems) > 0 {
		return cli.ExitError
	}
	for _, p := range copied {
		fmt.Fprintf(c.Stdout, "copied %s\n", p)
	}
	if err != nil {
		fmt.Fprintf(c.Stderr, "talksite override: %v\n", err)
		return cli.ExitError
	}
	fmt.Fprintf(c.Stdout, "Edit the copies in %s: they now replace the default site's files.\n", dir)
	return cli.ExitOK
}
