package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/talksite/talksite/internal/cli"
)

// TestCodeFromTheSiteFolder: layouts, scripts, styles and SVG from a site folder run or
// show on every page. files and build list them, and build --content-only (for a site built
// from contributions its owner has not read line by line) refuses them.
func TestCodeFromTheSiteFolder(t *testing.T) {
	site := t.TempDir()
	writeFile(t, filepath.Join(site, "content/en/local.md"), "---\ntitle: Local\ndescription: Our page.\n---\nOur words.\n")
	writeFile(t, filepath.Join(site, "data/en/extra.txt"), "not code")
	contentOnly := filepath.Join(t.TempDir(), "content-only")
	if code, _, stderr := runCLI(t, "build", "-s", site, "-o", contentOnly, "--content-only"); code != cli.ExitOK {
		t.Fatalf("a site of pages only: exit %d\n%s", code, stderr)
	} else if strings.Contains(stderr, "Code from the site folder") {
		t.Errorf("lists code for a site without any:\n%s", stderr)
	}

	code := []string{"assets/css/extra.css", "assets/icons/logo.svg", "assets/js/extra.js", "layouts/help.html"}
	writeFile(t, filepath.Join(site, "layouts/help.html"), `{{define "main"}}<div class="page wrap"><h1>{{.Page.Title}}</h1>{{.Body}}</div>{{end}}`)
	writeFile(t, filepath.Join(site, "assets/js/extra.js"), "export const x = 1;\n")
	writeFile(t, filepath.Join(site, "assets/css/extra.css"), "p { color: #000; }\n")
	writeFile(t, filepath.Join(site, "assets/icons/logo.svg"), `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"></svg>`)

	exit, _, stderr := runCLI(t, "build", "-s", site, "-o", filepath.Join(t.TempDir(), "out"))
	if exit != cli.ExitOK {
		t.Fatalf("exit %d\n%s", exit, stderr)
	}
	if !strings.Contains(stderr, "Code from the site folder") {
		t.Errorf("build does not list the code:\n%s", stderr)
	}
	for _, p := range code {
		if !strings.Contains(stderr, "  "+p+"\n") {
			t.Errorf("build does not list %s:\n%s", p, stderr)
		}
	}
	if strings.Contains(stderr, "content/en/local.md") || strings.Contains(stderr, "data/en/extra.txt") {
		t.Errorf("build lists a file that is not code:\n%s", stderr)
	}

	exit, stdout, _ := runCLI(t, "files", "-s", site)
	if exit != cli.ExitOK || !strings.Contains(stdout, "Code from the site folder") {
		t.Errorf("files: exit %d, no code list:\n%s", exit, stdout)
	}
	_, listed, _ := strings.Cut(stdout, "Code from the site folder")
	for _, p := range code {
		if !strings.Contains(listed, p) {
			t.Errorf("files does not list %s as code", p)
		}
	}

	exit, _, stderr = runCLI(t, "build", "-s", site, "-o", contentOnly, "--content-only")
	if exit != cli.ExitError {
		t.Errorf("--content-only with code: exit %d, want %d", exit, cli.ExitError)
	}
	for _, p := range code {
		if !strings.Contains(stderr, p+": ") || !strings.Contains(stderr, "--content-only") {
			t.Errorf("--content-only: no error naming %s:\n%s", p, stderr)
		}
	}
	if exit, stdout, _ := runCLI(t, "help", "build"); exit != cli.ExitOK || !strings.Contains(stdout, "--content-only") {
		t.Errorf("help build does not document --content-only:\n%s", stdout)
	}
}
