package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/talksite/talksite/internal/cli"
)

// TestSiteSymlinksStayInside: the site folder is read through os.Root, so a symbolic link
// cannot publish files from elsewhere on the computer (assets -> /home/someone/private),
// and a link that leads outside the folder or to nothing is an error naming it, not a page
// silently left out.
func TestSiteSymlinksStayInside(t *testing.T) {
	outside := t.TempDir()
	writeFile(t, filepath.Join(outside, "css/site.css"), "body{} /* SECRET-OUTSIDE */")
	writeFile(t, filepath.Join(outside, "secret.md"), "---\ntitle: Secret\ndescription: d\n---\nSECRET-OUTSIDE\n")
	for _, tc := range []struct {
		name, link, target, want string
	}{
		{"top-level folder", "assets", outside, "assets"},
		{"page", "content/en/secret.md", filepath.Join(outside, "secret.md"), "content/en/secret.md"},
		{"page, relative", "content/en/secret.md", "../../../" + filepath.Base(outside) + "/secret.md", "content/en/secret.md"},
		{"dangling page", "content/en/gone.md", "nothing-here.md", "content/en/gone.md"},
		{"dangling folder", "layouts", filepath.Join(outside, "no-such-folder"), "layouts"},
		{"site.toml", "site.toml", filepath.Join(outside, "secret.md"), "site.toml"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			site := filepath.Join(filepath.Dir(outside), "site-"+strings.ReplaceAll(tc.name, " ", "-"))
			t.Cleanup(func() { os.RemoveAll(site) })
			os.MkdirAll(filepath.Join(site, filepath.Dir(tc.link)), 0o755)
			if err := os.Symlink(tc.target, filepath.Join(site, tc.link)); err != nil {
				t.Skip("no symbolic links here:", err)
			}
			out := filepath.Join(t.TempDir(), "out")
			code, _, stderr := runCLI(t, "build", "-s", site, "-o", out)
			if code != cli.ExitError {
				t.Errorf("build: exit %d, want %d\n%s", code, cli.ExitError, stderr)
			}
			if !strings.Contains(stderr, tc.want+":") {
				t.Errorf("build: no error naming %s:\n%s", tc.want, stderr)
			}
			if strings.Contains(treeText(t, out), "SECRET-OUTSIDE") {
				t.Error("a file from outside the site folder was published")
			}
			if code, _, stderr := runCLI(t, "files", "-s", site); code != cli.ExitError || !strings.Contains(stderr, tc.want) {
				t.Errorf("files: exit %d, stderr:\n%s", code, stderr)
			}
		})
	}
	// A link that stays inside the site folder is followed.
	site := t.TempDir()
	writeFile(t, filepath.Join(site, "shared/page.md"), "---\ntitle: Shared page\ndescription: d\n---\nShared words.\n")
	os.MkdirAll(filepath.Join(site, "content/en"), 0o755)
	if err := os.Symlink("../../shared/page.md", filepath.Join(site, "content/en/alias.md")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	out := filepath.Join(t.TempDir(), "out")
	if code, _, stderr := runCLI(t, "build", "-s", site, "-o", out); code != cli.ExitOK {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	if b, err := os.ReadFile(filepath.Join(out, "en/alias/index.html")); err != nil || !strings.Contains(string(b), "Shared words") {
		t.Errorf("the page linked inside the site is missing: %v", err)
	}
}

// treeText is every file of a folder, joined ("" when it does not exist).
func treeText(t *testing.T, dir string) string {
	var b strings.Builder
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			c, _ := os.ReadFile(p)
			b.Write(c)
		}
		return nil
	})
	return b.String()
}
