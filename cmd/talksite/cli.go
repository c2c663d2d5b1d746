package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"sort"
	"strings"
)

// Exit codes.
const (
	exitOK    = 0
	exitError = 1
	exitUsage = 2
)

// command is a subcommand.
type command struct {
	name    string
	args    string // usage after the name
	summary string
	run     func(c *cli, args []string) int
}

// cli carries the output streams to every command.
type cli struct {
	stdout, stderr io.Writer
	positional     []string // set by parse
}

var commands []*command

func init() {
	commands = []*command{
		{"build", "[-s SITE] [-o OUT] [--zip FILE] [--precompress] [--strict] [--no-default-content] [--content-only]", "build the site into OUT (default SITE/public)", (*cli).build},
		{"serve", "[-s SITE] [--addr 127.0.0.1:1313]", "preview the site, rebuilding and reloading on every change", (*cli).serve},
		{"new", "DIR [--name NAME] [--country CC]", "create a site folder for a school or charity", (*cli).newSite},
		{"files", "[-s SITE]", "list every file of the site and whether it comes from the default or the site folder", (*cli).files},
		{"override", "[-s SITE] [--list] PATH...", "copy files of the default site into the site folder to change them", (*cli).override},
		{"check", "[-s SITE] [--json] [OUT]", "check a built site (default SITE/public): links, other origins, scripts, alt text, lang, contrast, dates", (*cli).check},
		{"i18n", "status|check|new|stamp|export|import ...", "translation tools: what is missing or outdated, checks, new languages, Weblate exchange", (*cli).i18n},
		{"bench", "[-pages N] [-runs N] [-hugo CMD] [-keep DIR]", "generate a large multilingual site and time its build beside the floor (goldmark, minify, write) and Hugo", (*cli).bench},
		{"version", "", "print the version", (*cli).version},
		{"help", "[COMMAND]", "show help", (*cli).help},
	}
}

func run(args []string, stdout, stderr io.Writer) int {
	c := &cli{stdout: stdout, stderr: stderr}
	if len(args) == 0 {
		c.usage(stderr)
		return exitUsage
	}
	name := args[0]
	switch name {
	case "-h", "--help", "-help":
		c.usage(stdout)
		return exitOK
	case "-v", "--version", "-version":
		name = "version"
	}
	cmd := lookup(name)
	if cmd == nil {
		fmt.Fprintf(stderr, "talksite: unknown command %q\n\n", name)
		c.usage(stderr)
		return exitUsage
	}
	return cmd.run(c, args[1:])
}

func lookup(name string) *command {
	for _, cmd := range commands {
		if cmd.name == name {
			return cmd
		}
	}
	return nil
}

func (c *cli) usage(w io.Writer) {
	fmt.Fprintf(w, "talksite builds a static website that helps parents and carers keep children safer online.\n\nUsage:\n\n")
	for _, cmd := range commands {
		fmt.Fprintf(w, "  talksite %-8s %s\n", cmd.name, cmd.args)
		fmt.Fprintf(w, "  %10s %s\n", "", cmd.summary)
	}
	fmt.Fprintf(w, "\nRun `talksite COMMAND -h` for a command's options.\n")
}

func (c *cli) help(args []string) int {
	if len(args) == 0 {
		c.usage(c.stdout)
		return exitOK
	}
	cmd := lookup(args[0])
	if cmd == nil {
		fmt.Fprintf(c.stderr, "talksite help: unknown command %q\n", args[0])
		return exitUsage
	}
	return cmd.run(c, []string{"-h"})
}

func (c *cli) version(args []string) int {
	fs := c.flags("version", "")
	if code, ok := c.parse(fs, args, 0); !ok {
		return code
	}
	fmt.Fprintf(c.stdout, "talksite %s\n", version())
	return exitOK
}

// releaseVersion is set by scripts/release (-X main.releaseVersion=v1.2.3).
var releaseVersion string

func version() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "(unknown)"
	}
	v := info.Main.Version
	if releaseVersion != "" {
		v = releaseVersion
	}
	var rev, modified string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				modified = "+changes"
			}
		}
	}
	if (v == "" || v == "(devel)") && rev != "" {
		if len(rev) > 12 {
			rev = rev[:12]
		}
		return "devel " + rev + modified + " " + info.GoVersion
	}
	if v == "" {
		v = "(devel)"
	}
	if rev != "" {
		if len(rev) > 12 {
			rev = rev[:12]
		}
		v += " (commit " + rev + modified + ")"
	}
	return v + " " + info.GoVersion
}

// flags makes a flag set for a command whose errors and help go to stderr/stdout.
func (c *cli) flags(name, positional string) *flag.FlagSet {
	fs := flag.NewFlagSet("talksite "+name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	cmd := lookup(name)
	fs.Usage = func() {
		w := fs.Output()
		fmt.Fprintf(w, "Usage: talksite %s %s\n\n", name, cmd.args)
		if cmd.summary != "" {
			fmt.Fprintf(w, "%s%s.\n\n", strings.ToUpper(cmd.summary[:1]), cmd.summary[1:])
		}
		var names []string
		fs.VisitAll(func(f *flag.Flag) { names = append(names, f.Name) })
		sort.Strings(names)
		if len(names) > 0 {
			fmt.Fprintf(w, "Options (write -name or --name):\n")
		}
		for _, n := range names {
			f := fs.Lookup(n)
			typ, usage := flag.UnquoteUsage(f)
			line := "  --" + n
			if typ != "" {
				line += " " + typ
			}
			fmt.Fprintf(w, "%s\n      %s", line, usage)
			if f.DefValue != "" && f.DefValue != "false" {
				fmt.Fprintf(w, " (default %s)", f.DefValue)
			}
			fmt.Fprintln(w)
		}
	}
	return fs
}

// subFlags makes a flag set for a command with its own usage text.
func (c *cli) subFlags(name, usage string) *flag.FlagSet {
	fs := flag.NewFlagSet("talksite "+name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() { fmt.Fprint(fs.Output(), usage) }
	return fs
}

// parse parses flags and positional arguments in any order ("new DIR --name X" and "new
// --name X DIR" both work); "--" ends the flags. maxArgs limits positional arguments (-1:
// any). It returns ok=false with the exit code when the command should stop (help asked
// for, or bad usage).
func (c *cli) parse(fs *flag.FlagSet, args []string, maxArgs int) (int, bool) {
	var positional []string
	for {
		err := fs.Parse(args)
		if errors.Is(err, flag.ErrHelp) {
			fs.SetOutput(c.stdout)
			fs.Usage()
			return exitOK, false
		}
		if err != nil {
			fmt.Fprintf(c.stderr, "%s: %v\n\n", fs.Name(), err)
			fs.SetOutput(c.stderr)
			fs.Usage()
			return exitUsage, false
		}
		rest := fs.Args()
		if len(rest) == 0 {
			break
		}
		if len(args) > len(rest) && args[len(args)-len(rest)-1] == "--" {
			positional = append(positional, rest...)
			break
		}
		positional = append(positional, rest[0])
		args = rest[1:]
	}
	if maxArgs >= 0 && len(positional) > maxArgs {
		fmt.Fprintf(c.stderr, "%s: unexpected argument %q\n\n", fs.Name(), positional[maxArgs])
		fs.SetOutput(c.stderr)
		fs.Usage()
		return exitUsage, false
	}
	c.positional = positional
	return exitOK, true
}

// siteDir checks the -s flag's folder.
func (c *cli) siteDir(dir string) (string, bool) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		fmt.Fprintf(c.stderr, "talksite: %v\n", err)
		return "", false
	}
	fi, err := os.Stat(abs)
	if err != nil {
		fmt.Fprintf(c.stderr, "talksite: site folder %s: %v\n", dir, errors.Unwrap(err))
		return "", false
	}
	if !fi.IsDir() {
		fmt.Fprintf(c.stderr, "talksite: site folder %s is not a folder\n", dir)
		return "", false
	}
	return abs, true
}
