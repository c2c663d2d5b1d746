package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/talksite/talksite"
	"github.com/talksite/talksite/internal/build"
	"github.com/talksite/talksite/internal/diag"
	"github.com/talksite/talksite/internal/output"
	"github.com/talksite/talksite/internal/render"
	"github.com/talksite/talksite/internal/source"
)

func (c *cli) build(args []string) int {
	fs := c.flags("build", "")
	site := fs.String("s", ".", "the site folder")
	out := fs.String("o", "", "the output folder (default SITE/public)")
	strict := fs.Bool("strict", false, "treat warnings as errors")
	noDefault := fs.Bool("no-default-content", false, "leave out the default site's pages and data")
	zipPath := fs.String("zip", "", "also write the site as one zip archive at this path, to hand over")
	precompress := fs.Bool("precompress", false, "also write .gz and .br copies of text files, for servers that send them")
	contentOnly := fs.Bool("content-only", false, "refuse code from the site folder (layouts, JavaScript, CSS, SVG): for a site built from contributions you have not read line by line")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the build to this file (read it with go tool pprof)")
	memProfile := fs.String("memprofile", "", "write a memory profile of the build to this file (read it with go tool pprof)")
	if code, ok := c.parse(fs, args, 0); !ok {
		return code
	}
	prof, err := startProfiles(*cpuProfile, *memProfile)
	if err != nil {
		fmt.Fprintf(c.stderr, "talksite: %v\n", err)
		return exitError
	}
	defer func() {
		if err := prof.stopCPU(); err != nil {
			fmt.Fprintf(c.stderr, "talksite: writing the CPU profile: %v\n", err)
		}
	}()
	dir, ok := c.siteDir(*site)
	if !ok {
		return exitError
	}
	if *out == "" {
		*out = filepath.Join(dir, "public")
	}
	if err := output.Check(*out, dir); err != nil {
		fmt.Fprintf(c.stderr, "talksite: %v\n", err)
		return exitError
	}
	siteFS, err := source.OpenDir(dir)
	if err != nil {
		fmt.Fprintf(c.stderr, "talksite: %v\n", err)
		return exitError
	}
	opts := build.Options{
		Site:             siteFS,
		Default:          talksite.DefaultSite(),
		NoDefaultContent: *noDefault,
		Strict:           *strict,
		ContentOnly:      *contentOnly,
	}
	opts.Render.Precompress = *precompress
	stopProgress := c.progress(&opts.Render)
	defer stopProgress()
	// Pages go to disk as they are made (into a folder beside OUT, swapped in at the end),
	// so a large site never has to fit in memory; a zip needs them all at once, so then
	// they are written after the build.
	stream, err := output.Begin(*out)
	if err != nil {
		fmt.Fprintf(c.stderr, "talksite: %v\n", err)
		return exitError
	}
	if *zipPath == "" {
		opts.Render.Emit = stream.Put
	}
	// Ctrl+C or a kill (not -9) throws the half-written folder away before exiting, so
	// nothing is left beside OUT.
	stopSignals := onStopSignal(func(sig os.Signal) {
		stream.Abort()
		stopProgress()
		fmt.Fprintf(c.stderr, "talksite: stopped (%v); %s was not changed.\n", sig, *out)
	})
	defer stopSignals()
	res, err := build.Run(opts)
	stopProgress()
	if err := prof.writeHeap(); err != nil {
		fmt.Fprintf(c.stderr, "talksite: writing the memory profile: %v\n", err)
	}
	if !*contentOnly {
		listCode(c.stderr, res.SiteCode)
	}
	report(c.stderr, res.Diagnostics, *strict)
	if err != nil {
		stream.Abort()
		var be *diag.BuildError
		if errors.As(err, &be) {
			fmt.Fprintf(c.stderr, "Build failed with %d %s; %s was not changed.\n", len(be.Diagnostics), plural(len(be.Diagnostics), "error", "errors"), *out)
		} else {
			fmt.Fprintf(c.stderr, "Build failed: %v\n", err)
		}
		return exitError
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

// listCode names the code files that come from the site folder: they run or show on
// every page, so whoever builds the site should know whose they are.
func listCode(w io.Writer, code []string) {
	if len(code) == 0 {
		return
	}
	fmt.Fprintf(w, "Code from the site folder (it runs or shows on every page; --content-only refuses it):\n")
	for _, p := range code {
		fmt.Fprintf(w, "  %s\n", p)
	}
}

// onStopSignal calls cleanup and exits (status 130 for SIGINT, 143 for SIGTERM, as a
// shell reports them) when the process is asked to stop. The returned function stops
// listening.
func onStopSignal(cleanup func(os.Signal)) func() {
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, os.Interrupt, syscall.SIGTERM)
	done := make(chan struct{})
	go func() {
		select {
		case sig := <-ch:
			cleanup(sig)
			code := 130
			if sig == syscall.SIGTERM {
				code = 143
			}
			os.Exit(code)
		case <-done:
		}
	}()
	return func() {
		signal.Stop(ch)
		close(done)
	}
}

// progress shows "pages done of total" on stderr while a build runs for more than a
// second, when stderr is a terminal (logs stay clean). It returns the function that stops
// it and clears the line; calling that more than once is fine.
func (c *cli) progress(opts *render.Options) func() {
	f, ok := c.stderr.(*os.File)
	if !ok {
		return func() {}
	}
	if fi, err := f.Stat(); err != nil || fi.Mode()&os.ModeCharDevice == 0 || os.Getenv("TERM") == "dumb" {
		return func() {}
	}
	var done, total atomic.Int64
	opts.Progress = func(d, t int) {
		done.Store(int64(d))
		total.Store(int64(t))
	}
	stop := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		shown := false
		defer func() {
			if shown {
				fmt.Fprint(f, "\r\x1b[K")
			}
		}()
		select {
		case <-stop:
			return
		case <-time.After(time.Second):
		}
		tick := time.NewTicker(100 * time.Millisecond)
		defer tick.Stop()
		for {
			if t := total.Load(); t > 0 {
				fmt.Fprintf(f, "\rBuilding: %d of %d pages", done.Load(), t)
				shown = true
			}
			select {
			case <-stop:
				return
			case <-tick.C:
			}
		}
	}()
	var once sync.Once
	return func() {
		once.Do(func() {
			close(stop)
			<-finished
		})
	}
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
