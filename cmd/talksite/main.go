// Command talksite builds the talksite static website: guidance, conversation starters
// and a family-agreement builder that help parents and carers keep children safer online.
//
// Run `talksite help` for the commands.
package main

import "os"

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}
