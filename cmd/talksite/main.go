// Command talksite builds the talksite static website: guidance, conversation starters
// and a family-agreement builder that help parents and carers keep children safer online.
//
// Run `talksite help` for the commands.
package main

import (
	"os"
	"runtime/debug"
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
