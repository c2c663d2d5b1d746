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

func runBench(c *cli.Env, args []string) int {
	fs := c.Flags("bench", "")
	pages := fs.Int("pages", 10000, "pages to generate, spread over the languages")
	runs := fs.Int("runs", 3, "builds of each tool; the median is reported")
	hugo := fs.String("hugo", "hugo", "the hugo command to compare with; empty to skip")
	keep := fs.String("keep", "", "generate into this folder and keep it (default: a temporary folder)")
	if code, ok := c.Parse(fs, args, 0); !ok {
		return code
	}
	dir := *keep
	if dir == "" {
		d, err := os.MkdirTemp("", "talksite-bench-")
		if err != nil {
			fmt.Fprintf(c.Stderr, "talksite bench: %v\n", err)
			return cli.ExitError
		}
		defer os.RemoveAll(d)
		dir = d
	}
	opts := bench.Options{Pages: *pages, Seed: 1}
	tsDir, hugoDir := filepath.Join(dir, "talksite"), filepath.Join(dir, "hugo")
	if err := bench.WriteTalksite(tsDir, opts); err != nil {
		fmt.Fprintf(c.Stderr, "talksite bench: %v\n", err)
		return cli.ExitError
	}
	self, err := os.Executable()
	if err != nil {
		fmt.Fprintf(c.Stderr, "talksite bench: %v\n", err)
		return cli.ExitError
	}
	fmt.Fprintf(c.Stdout, "Generated %d pages in %s (%s), 600 to 1,200 words each.\n", *pages, strings.Join(bench.DefaultLangs, ", "), dir)
	fmt.Fprintf(c.Stdout, "%-9s %4s %10s %10s %12s\n", "tool", "runs", "median", "pages/s", "peak memory")
	ts, err := bench.Measure(*runs, self, "build", "-s", tsDir, "-o", filepath.Join(dir, "out-talksite"))
	if err != nil {
		fmt.Fprintf(c.Stderr, "talksite bench: %v\n", err)
		return cli.ExitError
	}
	row := func(name string, runs []bench.Run) bench.Run {
		m := bench.Median(runs)
		fmt.Fprintf(c.Stdout, "%-9s %4d %10s %10.0f %9.0f MB\n", name, len(runs), m.Wall.Round(1e6), float64(*pages)/m.Wall.Seconds(), float64(m.MaxRSS)/(1<<20))
		return m
	}
	tm := row("talksite", ts)
	if *hugo == "" {
		return cli.ExitOK
	}
	if _, err := exec.LookPath(*hugo); err != nil {
		fmt.Fprintf(c.Stdout, "hugo: not found (%v); install Debian's hugo package to compare.\n", err)
		return cli.ExitOK
	}
	if err := bench.WriteHugo(hugoDir, opts); err != nil {
		fmt.Fprintf(c.Stderr, "talksite bench: %v\n", err)
		return cli.ExitError
	}
	hs, err := bench.Measure(*runs, *hugo, "--quiet", "--minify", "-s", hugoDir, "-d", filepath.Join(dir, "out-hugo"))
	if err != nil {
		fmt.Fprintf(c.Stderr, "talksite bench: %v\n", err)
		return cli.ExitError
	}
	hm := row("hugo", hs)
	fmt.Fprintf(c.Stdout, "talksite took %.2f of Hugo's time (%.1fx faster) and %.2f of its peak memory.\n",
		tm.Wall.Seconds()/hm.Wall.Seconds(), hm.Wall.Seconds()/tm.Wall.Seconds(), float64(tm.MaxRSS)/float64(hm.MaxRSS))
	return cli.ExitOK
}
