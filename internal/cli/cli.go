// Package cli is the frame of the talksite command; the commands themselves, and the one
// table of them, are in cmd/talksite.
//
// # Commands
//
// Run looks the first argument up in the table it is given and runs that command with the
// rest; -h, --help and no arguments print the usage (the table's commands, in its order,
// each with its arguments and summary); -v and --version run the "version" command.
//
// # Flags
//
// A command's flags are written -name or --name, and mixed with its positional arguments
// in any order ("new DIR --name X" and "new --name X DIR" both work); "--" ends the flags.
// -h prints the command's help, made from its table entry and its flags, sorted by name.
//
// # Exit codes
//
// ExitOK (0) on success, ExitError (1) when the work failed, ExitUsage (2) when the
// command line was wrong.
package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Exit codes.
const (
	ExitOK    = 0
	ExitError = 1
	ExitUsage = 2
)

// Command is a subcommand.
type Command struct {
	Name    string
	Args    string // usage after the name
	Summary string
	Run     func(c *Env, args []string) int
}

// Env is what a command runs with: the output streams, the table of commands (for help)
// and the positional arguments Parse found.
type Env struct {
	Stdout, Stderr io.Writer
	Commands       []*Command
	Positional     []string // set by Parse
}

// Run runs the command args[0] of commands with the rest of args, and returns its exit
// code.
func Run(commands []*Command, args []string, stdout, stderr io.Writer) int {
	c := &Env{Stdout: stdout, Stderr: stderr, Commands: commands}
	if len(args) == 0 {
		c.Usage(stderr)
		return ExitUsage
	}
	name := args[0]
	switch name {
	case "-h", "--help", "-help":
		c.Usage(stdout)
		return ExitOK
	case "-v", "--version", "-version":
		name = "version"
	}
	cmd := c.Lookup(name)
	if cmd == nil {
		fmt.Fprintf(stderr, "talksite: unknown command %q\n\n", name)
		c.Usage(stderr)
		return ExitUsage
	}
	return cmd.Run(c, args[1:])
}

// Lookup returns the command with the name, or nil.
func (c *Env) Lookup(name string) *Command {
	for _, cmd := range c.Commands {
		if cmd.Name == name {
			return cmd
		}
	}
	return nil
}

// Usage prints every command with its arguments and summary.
func (c *Env) Usage(w io.Writer) {
	fmt.Fprintf(w, "talksite builds a static website that helps parents and carers keep children safer online.\n\nUsage:\n\n")
	for _, cmd := range c.Commands {
		fmt.Fprintf(w, "  talksite %-8s %s\n", cmd.Name, cmd.Args)
		fmt.Fprintf(w, "  %10s %s\n", "", cmd.Summary)
	}
	fmt.Fprintf(w, "\nRun `talksite COMMAND -h` for a command's options.\n")
}

// Help is the help command: the usage, or one command's help.
func Help(c *Env, args []string) int {
	if len(args) == 0 {
		c.Usage(c.Stdout)
		return ExitOK
	}
	cmd := c.Lookup(args[0])
	if cmd == nil {
		fmt.Fprintf(c.Stderr, "talksite help: unknown command %q\n", args[0])
		return ExitUsage
	}
	return cmd.Run(c, []string{"-h"})
}

// Flags makes a flag set for a command whose errors and help go to stderr/stdout.
func (c *Env) Flags(name, positional string) *flag.FlagSet {
	fs := flag.NewFlagSet("talksite "+name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	cmd := c.Lookup(name)
	fs.Usage = func() {
		w := fs.Output()
		fmt.Fprintf(w, "Usage: talksite %s %s\n\n", name, cmd.Args)
		if cmd.Summary != "" {
			fmt.Fprintf(w, "%s%s.\n\n", strings.ToUpper(cmd.Summary[:1]), cmd.Summary[1:])
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

// SubFlags makes a flag set for a command with its own usage text.
func (c *Env) SubFlags(name, usage string) *flag.FlagSet {
	fs := flag.NewFlagSet("talksite "+name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() { fmt.Fprint(fs.Output(), usage) }
	return fs
}

// Parse parses flags and positional arguments in any order; "--" ends the flags. maxArgs
// limits positional arguments (-1: any). It returns ok=false with the exit code when the
// command should stop (help asked for, or bad usage).
func (c *Env) Parse(fs *flag.FlagSet, args []string, maxArgs int) (int, bool) {
	var positional []string
	for {
		err := fs.Parse(args)
		if errors.Is(err, flag.ErrHelp) {
			fs.SetOutput(c.Stdout)
			fs.Usage()
			return ExitOK, false
		}
		if err != nil {
			fmt.Fprintf(c.Stderr, "%s: %v\n\n", fs.Name(), err)
			fs.SetOutput(c.Stderr)
			fs.Usage()
			return ExitUsage, false
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
		fmt.Fprintf(c.Stderr, "%s: unexpected argument %q\n\n", fs.Name(), positional[maxArgs])
		fs.SetOutput(c.Stderr)
		fs.Usage()
		return ExitUsage, false
	}
	c.Positional = positional
	return ExitOK, true
}

// SiteDir checks the -s flag's folder and returns it as an absolute path.
func (c *Env) SiteDir(dir string) (string, bool) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		fmt.Fprintf(c.Stderr, "talksite: %v\n", err)
		return "", false
	}
	fi, err := os.Stat(abs)
	if err != nil {
		fmt.Fprintf(c.Stderr, "talksite: site folder %s: %v\n", dir, errors.Unwrap(err))
		return "", false
	}
	if !fi.IsDir() {
		fmt.Fprintf(c.Stderr, "talksite: site folder %s is not a folder\n", dir)
		return "", false
	}
	return abs, true
}

// Plural is one or other, as n asks.
func Plural(n int, one, other string) string {
	if n == 1 {
		return one
	}
	return other
}
