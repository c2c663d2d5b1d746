package main

import (
	"bytes"
	"fmt"
	"io"

	"github.com/talksite/talksite"
	"github.com/talksite/talksite/internal/cli"
	"github.com/talksite/talksite/internal/data"
	"github.com/talksite/talksite/internal/source"
)

func runFiles(c *cli.Env, args []string) int {
	fs := c.Flags("files", "")
	site := fs.String("s", ".", "the site folder")
	if code, ok := c.Parse(fs, args, 0); !ok {
		return code
	}
	dir, ok := c.SiteDir(*site)
	if !ok {
		return cli.ExitError
	}
	siteFS, err := source.OpenDir(dir)
	if err != nil {
		fmt.Fprintf(c.Stderr, "talksite files: %v\n", err)
		return cli.ExitError
	}
	tree, err := source.Load(siteFS, talksite.DefaultSite(), source.Options{})
	if err != nil {
		fmt.Fprintf(c.Stderr, "talksite files: %v\n", err)
		return cli.ExitError
	}
	def, own, err := tree.ConfigLayers()
	if err != nil {
		fmt.Fprintf(c.Stderr, "talksite files: %v\n", err)
		return cli.ExitError
	}
	ownCount := 0
	if own != nil {
		fmt.Fprintf(c.Stdout, "%-8s %s\n", "site", source.ConfigFile)
		ownCount++
	} else if def != nil {
		fmt.Fprintf(c.Stdout, "%-8s %s\n", "default", source.ConfigFile)
	}
	paths := tree.Paths("")
	for _, p := range paths {
		o := tree.Origin(p)
		if o == source.FromSite {
			ownCount++
		}
		fmt.Fprintf(c.Stdout, "%-8s %s\n", o, p)
		if o == source.FromSite {
			listEntries(c.Stdout, tree, p)
		}
	}
	fmt.Fprintf(c.Stdout, "%d files: %d from this folder, %d from the default site.\n", len(paths)+1, ownCount, len(paths)+1-ownCount)
	cli.ListCode(c.Stdout, tree.SiteCode())
	return cli.ExitOK
}

// listEntries shows, for a data file of the site folder that is merged over the
// default's, which entries the folder adds, replaces and removes (see package data).
func listEntries(w io.Writer, tree *source.Tree, p string) {
	layers, err := tree.Layers(p)
	if err != nil || len(layers) < 2 || bytes.Equal(layers[0].Data, layers[1].Data) {
		return // nothing merged: the folder's own file, or a copy of the default's
	}
	var in []data.Layer
	for _, l := range layers {
		in = append(in, data.Layer{Site: l.Origin == source.FromSite, Src: l.Data})
	}
	origins, ok := data.Origins(p, in)
	if !ok {
		return
	}
	kept := 0
	for _, o := range origins {
		if o.Change == "default" {
			kept++
			continue
		}
		fmt.Fprintf(w, "%-8s   %-8s %s %s\n", "", o.Change, o.Kind, o.ID)
	}
	fmt.Fprintf(w, "%-8s   %d %s from the default site\n", "", kept, cli.Plural(kept, "entry", "entries"))
}
