package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/talksite/talksite/internal/bench"
	"github.com/talksite/talksite/internal/cli"
)

// bench times talksite's build of a generated site beside the floor (bench.Floor: read,
// goldmark, minify, write, nothing else) and, when it is installed, Hugo's build of the
// same pages. Each is a child process (the floor is this program run with -floor), so all
// three are measured alike.
func runBench(c *cli.Env, args []string) int {
	fs := c.Flags("bench", "")
	pages := fs.Int("pages", 10000, "pages to generate, spread over the languages")
	runs := fs.Int("runs", 3, "builds of each tool, taking turns; the median is reported")
	hugo := fs.String("hugo", "hugo", "the hugo command to compare with; empty to skip")
	keep := fs.String("keep", "", "generate into this folder and keep it (default: a temporary folder)")
	floor := fs.String("floor", "", "run only the floor on this generated site folder, writing to -floor-out (bench runs itself so to time it)")
	floorOut := fs.String("floor-out", "", "the floor's output folder, with -floor")
	if code, ok := c.Parse(fs, args, 0); !ok {
		return code
	}
	fail := func(err error) int {
		fmt.Fprintf(c.Stderr, "talksite bench: %v\n", err)
		return cli.ExitError
	}
	if *floor != "" {
		if *floorOut == "" {
			return fail(fmt.Errorf("-floor needs -floor-out"))
		}
		if _, err := bench.Floor(*floor, *floorOut); err != nil {
			return fail(err)
		}
		return cli.ExitOK
	}
	dir := *keep
	if dir == "" {
		d, err := os.MkdirTemp("", "talksite-bench-")
		if err != nil {
			return fail(err)
		}
		defer os.RemoveAll(d)
		dir = d
	}
	opts := bench.Options{Pages: *pages, Seed: 1}
	tsDir, hugoDir := filepath.Join(dir, "talksite"), filepath.Join(dir, "hugo")
	if err := bench.WriteTalksite(tsDir, opts); err != nil {
		return fail(err)
	}
	self, err := os.Executable()
	if err != nil {
		return fail(err)
	}
	tsOut, floorDir, hugoOut := filepath.Join(dir, "out-talksite"), filepath.Join(dir, "out-floor"), filepath.Join(dir, "out-hugo")
	tools := []bench.Tool{
		{Name: "talksite", Args: []string{self, "build", "-s", tsDir, "-o", tsOut}, Out: tsOut},
		{Name: "floor", Args: []string{self, "bench", "-floor", tsDir, "-floor-out", floorDir}, Out: floorDir},
	}
	hugoNote := ""
	if *hugo == "" {
		hugoNote = "Hugo: skipped (-hugo \"\")."
	} else if _, err := exec.LookPath(*hugo); err != nil {
		hugoNote = fmt.Sprintf("Hugo: not found (%v); install Debian's hugo package to compare.", err)
	} else {
		if err := bench.WriteHugo(hugoDir, opts); err != nil {
			return fail(err)
		}
		tools = append(tools, bench.Tool{Name: "hugo", Args: []string{*hugo, "--quiet", "--minify", "-s", hugoDir, "-d", hugoOut}, Out: hugoOut})
	}
	fmt.Fprintf(c.Stdout, "Generated %d pages in %s (%s), 600 to 1,200 words each.\n", *pages, strings.Join(bench.DefaultLangs, ", "), dir)
	fmt.Fprintf(c.Stdout, "The floor only reads each page, converts it with goldmark, minifies it and writes it.\n")
	if hugoNote != "" {
		fmt.Fprintln(c.Stdout, hugoNote)
	}
	measured, err := bench.Measure(*runs, tools)
	if err != nil {
		return fail(err)
	}
	results := make([]bench.Result, len(tools))
	for i, t := range tools {
		results[i] = bench.Result{Name: t.Name, Runs: measured[i]}
	}
	fmt.Fprintln(c.Stdout)
	bench.WriteTable(c.Stdout, *pages, results)
	return cli.ExitOK
}
