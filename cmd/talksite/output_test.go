package main

import (
	"archive/zip"
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/talksite/talksite/internal/cli"
)

// TestMain lets a test run the command as a separate process (for signals): the test
// binary runs talksite itself when TALKSITE_TEST_RUN_MAIN is set.
//
// The tests run with the garbage collector working half as often (GOGC=200) unless GOGC
// is set: they build the default site about twenty times, and this takes a quarter off
// their user CPU time for about twice the memory (issue #16).
func TestMain(m *testing.M) {
	if os.Getenv("TALKSITE_TEST_RUN_MAIN") == "1" {
		os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
	}
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(200)
	}
	os.Exit(m.Run())
}

// TestBuildRefusesOutputThatWouldLoseFiles: the build replaces its output folder whole,
// so `-s mysite -o mysite` deleted content/ and .git/. An output folder that is or holds
// the site, another site, a Git repository, or files no build made is refused, and left
// exactly as it was.
func TestBuildRefusesOutputThatWouldLoseFiles(t *testing.T) {
	newSite := func(t *testing.T) string {
		t.Helper()
		site := filepath.Join(t.TempDir(), "mysite")
		writeFile(t, filepath.Join(site, "content/en/ours.md"), "---\ntitle: Ours\ndescription: d\n---\nOurs.\n")
		writeFile(t, filepath.Join(site, ".git/HEAD"), "ref: refs/heads/main\n")
		return site
	}
	for _, tc := range []struct {
		name   string
		out    func(t *testing.T, site string) string
		reason string
	}{
		{"the site folder", func(t *testing.T, site string) string { return site }, "site folder"},
		{"the site folder, written another way", func(t *testing.T, site string) string {
			return filepath.Join(site, "content", "..") + string(filepath.Separator)
		}, "site folder"},
		{"the site's parent", func(t *testing.T, site string) string { return filepath.Dir(site) }, "site folder"},
		{"another site", func(t *testing.T, site string) string {
			other := filepath.Join(t.TempDir(), "other")
			writeFile(t, filepath.Join(other, "site.toml"), "name = \"Other\"\n")
			return other
		}, "site.toml"},
		{"a Git repository, even one built into", func(t *testing.T, site string) string {
			repo := filepath.Join(t.TempDir(), "pages")
			writeFile(t, filepath.Join(repo, ".git/HEAD"), "ref: refs/heads/gh-pages\n")
			writeFile(t, filepath.Join(repo, ".talksite-output"), "")
			return repo
		}, ".git"},
		{"a folder of other files", func(t *testing.T, site string) string {
			photos := filepath.Join(t.TempDir(), "photos")
			writeFile(t, filepath.Join(photos, "holiday.jpg"), "jpeg")
			return photos
		}, ".talksite-output"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			site := newSite(t)
			out := tc.out(t, site)
			before, beforeSite := treeHash(t, out), treeHash(t, site)
			code, _, stderr := runCLI(t, "build", "-s", site, "-o", out)
			if code != cli.ExitError {
				t.Errorf("exit %d, want %d", code, cli.ExitError)
			}
			if !strings.Contains(stderr, "refusing") || !strings.Contains(stderr, tc.reason) {
				t.Errorf("stderr does not refuse naming %q:\n%s", tc.reason, stderr)
			}
			if treeHash(t, out) != before || treeHash(t, site) != beforeSite {
				t.Error("the refused folder or the site changed")
			}
		})
	}

	// A new or empty folder is fine; the build marks it, so the next build may replace it.
	site := newSite(t)
	out := filepath.Join(t.TempDir(), "out")
	os.Mkdir(out, 0o755)
	zipPath := filepath.Join(t.TempDir(), "site.zip")
	for range 2 {
		if code, _, stderr := runCLI(t, "build", "-s", site, "-o", out, "--zip", zipPath); code != cli.ExitOK {
			t.Fatalf("exit %d\n%s", code, stderr)
		}
	}
	if _, err := os.Stat(filepath.Join(out, ".talksite-output")); err != nil {
		t.Errorf("no marker in the output: %v", err)
	}
	zr, err := zip.OpenReader(zipPath)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	for _, f := range zr.File {
		if strings.Contains(f.Name, ".talksite-output") {
			t.Errorf("the marker is in the zip")
		}
	}
}

// TestBuildCleansUpWhenStopped stops a build with SIGTERM and SIGINT while it writes, and
// checks that it leaves no temporary folder beside the output.
func TestBuildCleansUpWhenStopped(t *testing.T) {
	if testing.Short() {
		t.Skip("runs builds in a separate process")
	}
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGINT} {
		t.Run(sig.String(), func(t *testing.T) {
			parent := t.TempDir()
			out := filepath.Join(parent, "public")
			cmd := exec.Command(os.Args[0], "build", "-s", t.TempDir(), "-o", out)
			cmd.Env = append(os.Environ(), "TALKSITE_TEST_RUN_MAIN=1")
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			deadline := time.Now().Add(20 * time.Second)
			for {
				if m, _ := filepath.Glob(filepath.Join(parent, ".public.new-*")); len(m) > 0 {
					break
				}
				if time.Now().After(deadline) {
					cmd.Process.Kill()
					t.Fatal("the build never started writing")
				}
				time.Sleep(time.Millisecond)
			}
			time.Sleep(50 * time.Millisecond) // let it write some pages
			cmd.Process.Signal(sig)
			err := cmd.Wait()
			entries, _ := os.ReadDir(parent)
			if err == nil {
				t.Logf("the build finished before the signal arrived")
				return
			}
			var names []string
			for _, e := range entries {
				names = append(names, e.Name())
			}
			// A signal that comes once the new folder is in place leaves it there, and
			// says so; any other leaves nothing.
			want := []string(nil)
			if strings.Contains(stderr.String(), "once "+out+" was written") {
				want = []string{"public"}
			}
			if !slices.Equal(names, want) {
				t.Errorf("left beside the output after %s: %v, want %v\n%s", sig, names, want, stderr.String())
			}
		})
	}
}
