package main

import (
	"fmt"

	"github.com/talksite/talksite"
	"github.com/talksite/talksite/internal/source"
)

func (c *cli) files(args []string) int {
	fs := c.flags("files", "")
	site := fs.String("s", ".", "the site folder")
	if code, ok := c.parse(fs, args, 0); !ok {
		return code
	}
	dir, ok := c.siteDir(*site)
	if !ok {
		return exitError
	}
	siteFS, err := source.OpenDir(dir)
	if err != nil {
		fmt.Fprintf(c.stderr, "talksite files: %v\n", err)
		return exitError
	}
	tree, err := source.Load(siteFS, talksite.DefaultSite(), source.Options{})
	if err != nil {
		fmt.Fprintf(c.stderr, "talksite files: %v\n", err)
		return exitError
	}
	def, own, err := tree.ConfigLayers()
	if err != nil {
		fmt.Fprintf(c.stderr, "talksite files: %v\n", err)
		return exitError
	}
	ownCount := 0
	if own != nil {
		fmt.Fprintf(c.stdout, "%-8s %s\n", "site", source.ConfigFile)
		ownCount++
	} else if def != nil {
		fmt.Fprintf(c.stdout, "%-8s %s\n", "default", source.ConfigFile)
	}
	paths := tree.Paths("")
	for _, p := range paths {
		o := tree.Origin(p)
		if o == source.FromSite {
			ownCount++
		}
		fmt.Fprintf(c.stdout, "%-8s %s\n", o, p)
	}
	fmt.Fprintf(c.stdout, "%d files: %d from this folder, %d from the default site.\n", len(paths)+1, ownCount, len(paths)+1-ownCount)
	listCode(c.stdout, tree.SiteCode())
	return exitOK
}
