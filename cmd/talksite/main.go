// Command talksite builds the talksite static website: guidance, conversation starters
// and a family-agreement builder that help parents and carers keep children safer online.
//
// Run `talksite help` for the commands.
package main

import (
	"fmt"
	"io"
	"os"
	"runtime/debug"

	"github.com/talksite/talksite/internal/cli"
)

func main() {
	// A build allocates much and keeps little: collecting garbage less often saves about
	// a tenth of a large build's time, and the soft limit keeps memory modest on a large
	// site (it is not a cap: a site that needs more gets more). GOGC and GOMEMLIMIT win.
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(200)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(300 << 20)
	}
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run runs the command line args and returns the exit code.
func run(args []string, stdout, stderr io.Writer) int {
	return cli.Run(commands(), args, stdout, stderr)
}

// commands is the one table of talksite's commands, in the order help lists them.
func commands() []*cli.Command {
	return []*cli.Command{
		{Name: "build", Args: "[-s SITE] [-o OUT] [--zip FILE] [--precompress] [--strict] [--no-default-content] [--content-only]", Summary: "build the site into OUT (default SITE/public)", Run: runBuild},
		{Name: "serve", Args: "[-s SITE] [--addr 127.0.0.1:1313]", Summary: "preview the site, rebuilding and reloading on every change", Run: runServe},
		{Name: "new", Args: "DIR [--name NAME] [--country CC]", Summary: "create a site folder for a school or charity", Run: runNew},
		{Name: "files", Args: "[-s SITE]", Summary: "list every file of the site and whether it comes from the default or the site folder", Run: runFiles},
		{Name: "override", Args: "[-s SITE] [--list] PATH...", Summary: "copy files of the default site into the site folder to change them", Run: runOverride},
		{Name: "check", Args: "[-s SITE] [--json] [OUT]", Summary: "check a built site (default SITE/public): links, other origins, scripts, alt text, lang, contrast, dates", Run: runCheck},
		{Name: "i18n", Args: "status|check|new|stamp|export|import ...", Summary: "translation tools: what is missing or outdated, checks, new languages, Weblate exchange", Run: runI18n},
		{Name: "bench", Args: "[-pages N] [-runs N] [-hugo CMD] [-keep DIR]", Summary: "generate a large multilingual site and time its build beside the floor (goldmark, minify, write) and Hugo", Run: runBench},
		{Name: "version", Args: "", Summary: "print the version", Run: runVersion},
		{Name: "help", Args: "[COMMAND]", Summary: "show help", Run: cli.Help},
	}
}

// releaseVersion is set by scripts/release (-X main.releaseVersion=v1.2.3).
var releaseVersion string

func runVersion(c *cli.Env, args []string) int {
	fs := c.Flags("version", "")
	if code, ok := c.Parse(fs, args, 0); !ok {
		return code
	}
	fmt.Fprintf(c.Stdout, "talksite %s\n", cli.Version(releaseVersion))
	return cli.ExitOK
}
