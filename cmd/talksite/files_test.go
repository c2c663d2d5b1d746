package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/talksite/talksite/internal/cli"
)

// TestFilesListsMergedEntries checks that `talksite files` shows what a site folder's data
// file adds to, changes in and removes from the default's list.
func TestFilesListsMergedEntries(t *testing.T) {
	site := t.TempDir()
	writeFile(t, filepath.Join(site, "data/helplines.toml"), `[[helpline]]
id = "our-school-line"
country = "GB"
purpose = "parent-support"
name = "Our School Line"
url = "https://school.example/"
checked = "https://school.example/"
verified = 2026-12-03

[[helpline]]
id = "childline"
weight = 1

[[helpline]]
id = "inhope"
remove = true
`)
	code, stdout, stderr := runCLI(t, "files", "-s", site)
	if code != cli.ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"site     data/helplines.toml", "added    helpline our-school-line", "replaced helpline childline", "removed  helpline inhope", "entries from the default site"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("files lacks %q:\n%s", want, stdout)
		}
	}
}
