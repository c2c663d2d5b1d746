package main

import (
	"fmt"
	"os"

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
	self, err := os.Executable()
	if err != nil {
		return fail(err)
	}
	if err := bench.Compare(c.Stdout, bench.Comparison{Pages: *pages, Runs: *runs, Hugo: *hugo, Keep: *keep, Self: self}); err != nil {
		return fail(err)
	}
	return cli.ExitOK
}
