package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"

	"github.com/talksite/talksite"
	"github.com/talksite/talksite/internal/build"
	"github.com/talksite/talksite/internal/cli"
	"github.com/talksite/talksite/internal/diag"
	"github.com/talksite/talksite/internal/output"
	"github.com/talksite/talksite/internal/source"
)

func runBuild(c *cli.Env, args []string) int {
	fs := c.Flags("build", "")
	site := fs.String("s", ".", "the site folder")
	out := fs.String("o", "", "the output folder (default SITE/public)")
	strict := fs.Bool("strict", false, "treat warnings as errors")
	noDefault := fs.Bool("no-default-content", false, "leave out the default site's pages and data")
	zipPath := fs.String("zip", "", "also write the site as one zip archive at this path, to hand over")
	precompress := fs.Bool("precompress", false, "also write .gz and .br copies of text files, for servers that send them")
	contentOnly := fs.Bool("content-only", false, "refuse code from the site folder (layouts, JavaScript, CSS, SVG): for a site built from contributions you have not read line by line")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the build to this file (read it with go tool pprof)")
	memProfile := fs.String("memprofile", "", "write a memory profile of the build to this file (read it with go tool pprof)")
	if code, ok := c.Parse(fs, args, 0); !ok {
		return code
	}
	prof, err := cli.StartProfiles(*cpuProfile, *memProfile)
	if err != nil {
		fmt.Fprintf(c.Stderr, "talksite: %v\n", err)
		return cli.ExitError
	}
	defer func() {
		if err := prof.StopCPU(); err != nil {
			fmt.Fprintf(c.Stderr, "talksite: writing the CPU profile: %v\n", err)
		}
	}()
	dir, ok := c.SiteDir(*site)
	if !ok {
		return cli.ExitError
	}
	if *out == "" {
		*out = filepath.Join(dir, "public")
	}
	if err := output.Check(*out, dir); err != nil {
		fmt.Fprintf(c.Stderr, "talksite: %v\n", err)
		return cli.ExitError
	}
	siteFS, err := source.OpenDir(dir)
	if err != nil {
		fmt.Fprintf(c.Stderr, "talksite: %v\n", err)
		return cli.ExitError
	}
	opts := build.Options{
		Site:             siteFS,
		Default:          talksite.DefaultSite(),
		NoDefaultContent: *noDefault,
		Strict:           *strict,
		ContentOnly:      *contentOnly,
	}
	opts.Render.Precompress = *precompress
	progress, stopProgress := cli.Progress(c.Stderr)
	if progress != nil {
		opts.Render.Progress = progress
	}
	defer stopProgress()
	// Ctrl+C or a kill (not -9) throws the half-written folder away before exiting, so
	// nothing is left beside OUT. It listens before the folder is made, and waits for it
	// to be made, so that no signal falls between the two.
	var beginning sync.Mutex
	var stream *output.Dir
	stopSignals := cli.OnStopSignal(func(sig os.Signal) {
		stopProgress()
		beginning.Lock()
		s := stream
		beginning.Unlock()
		if s != nil && !s.Abort() {
			fmt.Fprintf(c.Stderr, "talksite: stopped (%v) once %s was written.\n", sig, *out)
			return
		}
		fmt.Fprintf(c.Stderr, "talksite: stopped (%v); %s was not changed.\n", sig, *out)
	})
	defer stopSignals()
	// Pages go to disk as they are made (into a folder beside OUT, swapped in at the end),
	// so a large site never has to fit in memory; a zip needs them all at once, so then
	// they are written after the build.
	beginning.Lock()
	stream, err = output.Begin(*out)
	beginning.Unlock()
	if err != nil {
		fmt.Fprintf(c.Stderr, "talksite: %v\n", err)
		return cli.ExitError
	}
	if *zipPath == "" {
		opts.Render.Emit = stream.Put
	}
	res, err := build.Run(opts)
	stopProgress()
	if err := prof.WriteHeap(); err != nil {
		fmt.Fprintf(c.Stderr, "talksite: writing the memory profile: %v\n", err)
	}
	if !*contentOnly {
		cli.ListCode(c.Stderr, res.SiteCode)
	}
	cli.PrintDiagnostics(c.Stderr, res.Diagnostics, *strict)
	if err != nil {
		stream.Abort()
		var be *diag.BuildError
		if errors.As(err, &be) {
			fmt.Fprintf(c.Stderr, "Build failed with %d %s; %s was not changed.\n", len(be.Diagnostics), cli.Plural(len(be.Diagnostics), "error", "errors"), *out)
		} else {
			fmt.Fprintf(c.Stderr, "Build failed: %v\n", err)
		}
		return cli.ExitError
	}
	if *zipPath != "" {
		err = stream.PutAll(res.Output.Files)
	}
	if err == nil {
		err = stream.Commit()
	} else {
		stream.Abort()
	}
	if err != nil {
		fmt.Fprintf(c.Stderr, "talksite: writing %s: %v\n", *out, err)
		return cli.ExitError
	}
	if *zipPath != "" {
		if err := output.WriteZip(*zipPath, res.Output.Files); err != nil {
			fmt.Fprintf(c.Stderr, "talksite: writing %s: %v\n", *zipPath, err)
			return cli.ExitError
		}
		fmt.Fprintf(c.Stdout, "Wrote %s.\n", *zipPath)
	}
	fmt.Fprintf(c.Stdout, "%s Output: %s\n", res.Summary(), *out)
	return cli.ExitOK
}
