package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/talksite/talksite"
	"github.com/talksite/talksite/internal/build"
	"github.com/talksite/talksite/internal/diag"
	"github.com/talksite/talksite/internal/output"
)

func (c *cli) build(args []string) int {
	fs := c.flags("build", "")
	site := fs.String("s", ".", "the site folder")
	out := fs.String("o", "", "the output folder (default SITE/public)")
	strict := fs.Bool("strict", false, "treat warnings as errors")
	noDefault := fs.Bool("no-default-content", false, "leave out the default site's pages and data")
	zipPath := fs.String("zip", "", "also write the site as one zip archive at this path, to hand over")
	if code, ok := c.parse(fs, args, 0); !ok {
		return code
	}
	dir, ok := c.siteDir(*site)
	if !ok {
		return exitError
	}
	if *out == "" {
		*out = filepath.Join(dir, "public")
	}
	opts := build.Options{
		Site:             os.DirFS(dir),
		Default:          talksite.DefaultSite(),
		NoDefaultContent: *noDefault,
		Strict:           *strict,
	}
	// Pages go to disk as they are made (into a folder beside OUT, swapped in at the end),
	// so a large site never has to fit in memory; a zip needs them all at once.
	var stream *output.Dir
	if *zipPath == "" {
		d, err := output.Begin(*out)
		if err != nil {
			fmt.Fprintf(c.stderr, "talksite: %v\n", err)
			return exitError
		}
		stream = d
		opts.Render.Emit = d.Put
	}
	res, err := build.Run(opts)
	report(c.stderr, res.Diagnostics, *strict)
	if err != nil {
		if stream != nil {
			stream.Abort()
		}
		var be *diag.BuildError
		if errors.As(err, &be) {
			fmt.Fprintf(c.stderr, "Build failed with %d %s; %s was not changed.\n", len(be.Diagnostics), plural(len(be.Diagnostics), "error", "errors"), *out)
		} else {
			fmt.Fprintf(c.stderr, "Build failed: %v\n", err)
		}
		return exitError
	}
	if stream != nil {
		err = stream.Commit()
	} else {
		err = output.Write(*out, res.Output.Files)
	}
	if err != nil {
		fmt.Fprintf(c.stderr, "talksite: writing %s: %v\n", *out, err)
		return exitError
	}
	if *zipPath != "" {
		if err := output.WriteZip(*zipPath, res.Output.Files); err != nil {
			fmt.Fprintf(c.stderr, "talksite: writing %s: %v\n", *zipPath, err)
			return exitError
		}
		fmt.Fprintf(c.stdout, "Wrote %s.\n", *zipPath)
	}
	fmt.Fprintf(c.stdout, "%s Output: %s\n", res.Summary(), *out)
	return exitOK
}

// report prints warnings, then errors, one per line as file:line: message.
func report(w io.Writer, list *diag.List, strict bool) {
	if list == nil {
		return
	}
	warnings := list.Warnings()
	if len(warnings) > 0 && !strict {
		fmt.Fprintf(w, "%d %s:\n", len(warnings), plural(len(warnings), "warning", "warnings"))
		for _, d := range warnings {
			fmt.Fprintf(w, "  %s\n", d)
		}
	}
	for _, d := range list.Errors() {
		fmt.Fprintf(w, "error: %s\n", d)
	}
}

func plural(n int, one, other string) string {
	if n == 1 {
		return one
	}
	return other
}
