package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/talksite/talksite/internal/cli"
)

func TestOverride(t *testing.T) {
	dir := t.TempDir()
	code, stdout, _ := runCLI(t, "override", "-s", dir, "--list")
	if code != cli.ExitOK || !strings.Contains(stdout, "content/en/help.md\n") || !strings.Contains(stdout, "layouts/baseof.html\n") || !strings.Contains(stdout, "data/en/starters.toml\n") {
		t.Fatalf("--list: exit %d\n%s", code, stdout)
	}
	code, stdout, stderr := runCLI(t, "override", "-s", dir, "content/en/help.md", "i18n/pl.toml")
	if code != cli.ExitOK {
		t.Fatalf("override: exit %d: %s", code, stderr)
	}
	b, err := os.ReadFile(filepath.Join(dir, "content", "en", "help.md"))
	if err != nil || !strings.Contains(string(b), "title:") {
		t.Fatalf("copied help.md: %v %q", err, b)
	}
	if !strings.Contains(stdout, "copied content/en/help.md") {
		t.Errorf("stdout: %s", stdout)
	}
	// The site's own copy is never overwritten, and a mistake copies nothing at all.
	os.WriteFile(filepath.Join(dir, "content", "en", "help.md"), []byte("mine"), 0o644)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"content/en/help.md"}, "already in the site folder"},
		{[]string{"layouts/single.html", "content/en/nope.md"}, "the default site has no such file"},
		{[]string{"../etc/passwd"}, "not a file of the default site"},
		{[]string{"/etc/passwd"}, "not a file of the default site"},
		{[]string{"content"}, "not a file of the default site"},
	} {
		code, _, stderr := runCLI(t, append([]string{"override", "-s", dir}, tc.args...)...)
		if code != cli.ExitError || !strings.Contains(stderr, tc.want) {
			t.Errorf("override %v: exit %d, stderr %q, want %q", tc.args, code, stderr, tc.want)
		}
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "content", "en", "help.md")); string(b) != "mine" {
		t.Errorf("the site's own help.md was overwritten")
	}
	if _, err := os.Stat(filepath.Join(dir, "layouts", "single.html")); err == nil {
		t.Errorf("layouts/single.html was copied although another path in the same command was wrong")
	}
	code, stdout, _ = runCLI(t, "override", "-s", dir, "--list")
	if code != cli.ExitOK || !strings.Contains(stdout, "content/en/help.md   (already in this folder)") {
		t.Errorf("--list does not mark the site's own copies:\n%s", stdout)
	}
}
