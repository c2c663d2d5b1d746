package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/talksite/talksite/internal/bench"
)

func (c *cli) bench(args []string) int {
	fs := c.flags("bench", "")
	pages := fs.Int("pages", 10000, "pages to generate, spread over the languages")
	runs := fs.Int("runs", 3, "builds of each tool; the median is reported")
	hugo := fs.String("hugo", "hugo", "the hugo command to compare with; empty to skip")
	keep := fs.String("keep", "", "generate into this folder and keep it (default: a temporary folder)")
	if code, ok := c.parse(fs, args, 0); !ok {
		return code
	}
	dir := *keep
	if dir == "" {
		d, err := os.MkdirTemp("", "talksite-bench-")
		if err != nil {
			fmt.Fprintf(c.stderr, "talksite bench: %v\n", err)
			return exitError
		}
		defer os.RemoveAll(d)
		dir = d
	}
	opts := bench.Options{Pages: *pages, Seed: 1}
	tsDir, hugoDir := filepath.Join(dir, "talksite"), filepath.Join(dir, "hugo")
	if err := bench.WriteTalksite(tsDir, opts); err != nil {
		fmt.Fprintf(c.stderr, "talksite bench: %v\n", err)
		return exitError
	}
	self, err := os.Executable()
	if err != nil {
		fmt.Fprintf(c.stderr, "talksite bench: %v\n", err)
		return exitError
	}
	fmt.Fprintf(c.stdout, "Generated %d pages in %s (%s), 600 to 1,200 words each.\n", *pages, strings.Join(bench.DefaultLangs, ", "), dir)
	fmt.Fprintf(c.stdout, "%-9s %4s %10s %10s %12s\n", "tool", "runs", "median", "pages/s", "peak memory")
	ts, err := bench.Measure(*runs, self, "build", "-s", tsDir, "-o", filepath.Join(dir, "out-talksite"))
	if err != nil {
		fmt.Fprintf(c.stderr, "talksite bench: %v\n", err)
		return exitError
	}
	row := func(name string, runs []bench.Run) bench.Run {
		m := bench.Median(runs)
		fmt.Fprintf(c.stdout, "%-9s %4d %10s %10.0f %9.0f MB\n", name, len(runs), m.Wall.Round(1e6), float64(*pages)/m.Wall.Seconds(), float64(m.MaxRSS)/(1<<20))
		return m
	}
	tm := row("talksite", ts)
	if *hugo == "" {
		return exitOK
	}
	if _, err := exec.LookPath(*hugo); err != nil {
		fmt.Fprintf(c.stdout, "hugo: not found (%v); install Debian's hugo package to compare.\n", err)
		return exitOK
	}
	if err := bench.WriteHugo(hugoDir, opts); err != nil {
		fmt.Fprintf(c.stderr, "talksite bench: %v\n", err)
		return exitError
	}
	hs, err := bench.Measure(*runs, *hugo, "--quiet", "--minify", "-s", hugoDir, "-d", filepath.Join(dir, "out-hugo"))
	if err != nil {
		fmt.Fprintf(c.stderr, "talksite bench: %v\n", err)
		return exitError
	}
	hm := row("hugo", hs)
	fmt.Fprintf(c.stdout, "talksite took %.2f of Hugo's time (%.1fx faster) and %.2f of its peak memory.\n",
		tm.Wall.Seconds()/hm.Wall.Seconds(), hm.Wall.Seconds()/tm.Wall.Seconds(), float64(tm.MaxRSS)/float64(hm.MaxRSS))
	return exitOK
}
