package main

import (
	"archive/zip"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/talksite/talksite/internal/cli"
)

func runCLI(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestUsage(t *testing.T) {
	for _, tc := range []struct {
		args []string
		code int
		want string // in stdout or stderr
	}{
		{nil, cli.ExitUsage, "Usage:"},
		{[]string{"help"}, cli.ExitOK, "talksite build"},
		{[]string{"-h"}, cli.ExitOK, "talksite serve"},
		{[]string{"help", "build"}, cli.ExitOK, "--no-default-content"},
		{[]string{"build", "-h"}, cli.ExitOK, "--strict"},
		{[]string{"build", "--help"}, cli.ExitOK, "the site folder"},
		{[]string{"serve", "-h"}, cli.ExitOK, "--addr"},
		{[]string{"version"}, cli.ExitOK, "talksite "},
		{[]string{"version", "-h"}, cli.ExitOK, "Usage: talksite version"},
		{[]string{"frobnicate"}, cli.ExitUsage, `unknown command "frobnicate"`},
		{[]string{"build", "--frobnicate"}, cli.ExitUsage, "flag provided but not defined"},
		{[]string{"build", "extra"}, cli.ExitUsage, `unexpected argument "extra"`},
		{[]string{"help", "frobnicate"}, cli.ExitUsage, "unknown command"},
	} {
		t.Run(strings.Join(tc.args, "_"), func(t *testing.T) {
			code, out, errs := runCLI(t, tc.args...)
			if code != tc.code {
				t.Errorf("exit %d, want %d\nstdout: %s\nstderr: %s", code, tc.code, out, errs)
			}
			if !strings.Contains(out+errs, tc.want) {
				t.Errorf("output lacks %q\nstdout: %s\nstderr: %s", tc.want, out, errs)
			}
		})
	}
}

// treeHash fingerprints every file name and content below dir.
func treeHash(t *testing.T, dir string) string {
	t.Helper()
	h := sha256.New()
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		fmt.Fprintf(h, "%s\n", rel)
		if d.Type().IsRegular() {
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			h.Write(b)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return fmt.Sprintf("%x", h.Sum(nil))
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestBuildFromAnyFolder(t *testing.T) {
	site := t.TempDir()
	out := filepath.Join(t.TempDir(), "out")
	// Flags after and before positional-free arguments, in both spellings.
	code, stdout, stderr := runCLI(t, "build", "--o", out, "-s", site)
	if code != cli.ExitOK {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	if !regexp.MustCompile(`^Built \d+ pages \(en \d+(, [a-z-]+ \d+)*\) and \d+ other files in `).MatchString(stdout) {
		t.Errorf("summary: %q", stdout)
	}
	for _, f := range []string{"index.html", "en/index.html", "en/help/index.html", "en/guidance/warning-signs/index.html"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Errorf("missing %s", f)
		}
	}
	// Default output folder: SITE/public.
	if code, _, stderr := runCLI(t, "build", "-s", site); code != cli.ExitOK {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	if treeHash(t, filepath.Join(site, "public")) != treeHash(t, out) {
		t.Error("two builds of the same input differ")
	}
}

func TestBrokenPageKeepsPreviousOutput(t *testing.T) {
	site := t.TempDir()
	out := filepath.Join(t.TempDir(), "public")
	if code, _, stderr := runCLI(t, "build", "-s", site, "-o", out); code != cli.ExitOK {
		t.Fatalf("first build: exit %d\n%s", code, stderr)
	}
	before := treeHash(t, out)

	writeFile(t, filepath.Join(site, "content/en/help.md"), "---\ntitle: Help\ndescription: [unclosed\n---\nBody\n")
	writeFile(t, filepath.Join(site, "content/en/guidance/extra.md"), "---\ntitle: Extra\n---\nSee [nowhere](missing.md).\n")
	code, _, stderr := runCLI(t, "build", "-s", site, "-o", out)
	if code != cli.ExitError {
		t.Fatalf("exit %d, want %d\n%s", code, cli.ExitError, stderr)
	}
	for _, want := range []string{
		"content/en/help.md:3: ",                // bad YAML, with its line
		"content/en/guidance/extra.md:4: link ", // errors are collected, not just the first
		"was not changed",
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	if treeHash(t, out) != before {
		t.Error("a failed build changed the previous output")
	}
	entries, _ := os.ReadDir(filepath.Dir(out))
	if len(entries) != 1 {
		t.Errorf("temporary folders left beside the output: %v", entries)
	}
}

func TestStrict(t *testing.T) {
	site := t.TempDir()
	writeFile(t, filepath.Join(site, "content/en/guidance/typo.md"), "---\ntitle: Typo\ndescriptoin: oops\n---\nBody\n")
	out := filepath.Join(t.TempDir(), "out")
	code, _, stderr := runCLI(t, "build", "-s", site, "-o", out)
	if code != cli.ExitOK || !strings.Contains(stderr, `content/en/guidance/typo.md:3: unknown front matter key "descriptoin" (did you mean "description"?)`) {
		t.Errorf("exit %d; want a warning naming the key:\n%s", code, stderr)
	}
	code, _, stderr = runCLI(t, "build", "--strict", "-s", site, "-o", out)
	if code != cli.ExitError || !strings.Contains(stderr, "typo.md:3:") {
		t.Errorf("--strict: exit %d\n%s", code, stderr)
	}
}

func TestNoDefaultContent(t *testing.T) {
	site := t.TempDir()
	writeFile(t, filepath.Join(site, "content/en/_index.md"), "---\ntitle: Our own site\n---\nHello.\n")
	out := filepath.Join(t.TempDir(), "out")
	code, stdout, stderr := runCLI(t, "build", "-s", site, "-o", out, "--no-default-content")
	if code != cli.ExitOK {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(out, "en/guidance/index.html")); err == nil {
		t.Error("default guidance was built despite --no-default-content")
	}
	home, _ := os.ReadFile(filepath.Join(out, "en/index.html"))
	if !bytes.Contains(home, []byte("Our own site")) {
		t.Errorf("home page is not the site's own; stdout %s", stdout)
	}
}

func TestMissingSiteFolder(t *testing.T) {
	code, _, stderr := runCLI(t, "build", "-s", filepath.Join(t.TempDir(), "nope"))
	if code != cli.ExitError || !strings.Contains(stderr, "site folder") {
		t.Errorf("exit %d: %s", code, stderr)
	}
}

func TestCheckCommand(t *testing.T) {
	site := t.TempDir()
	if code, _, stderr := runCLI(t, "build", "-s", site); code != cli.ExitOK {
		t.Fatalf("build: %s", stderr)
	}
	code, stdout, _ := runCLI(t, "check", "-s", site)
	if code != cli.ExitOK || !strings.Contains(stdout, "0 errors") {
		t.Errorf("check of a fresh build: exit %d\n%s", code, stdout)
	}
	code, stdout, _ = runCLI(t, "check", "--json", filepath.Join("..", "..", "internal", "check", "testdata", "broken"))
	if code != cli.ExitError || !strings.Contains(stdout, `"rule": "third-party"`) {
		t.Errorf("check of the broken fixture: exit %d\n%s", code, stdout)
	}
	if code, _, _ := runCLI(t, "check", filepath.Join(site, "nothing")); code != cli.ExitError {
		t.Errorf("check of a missing folder: exit %d", code)
	}
}

func TestNewSiteAndZip(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "hilltop")
	code, stdout, stderr := runCLI(t, "new", dir, "--name", "Hilltop Primary", "--country", "ie")
	if code != cli.ExitOK {
		t.Fatalf("new: exit %d\n%s%s", code, stdout, stderr)
	}
	for _, f := range []string{"site.toml", "README.md", ".gitignore", "content/en/our-safeguarding-team.md"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("new did not create %s", f)
		}
	}
	zipPath := filepath.Join(t.TempDir(), "site.zip")
	// Flags before the positional argument work too.
	if code, _, stderr := runCLI(t, "build", "--zip", zipPath, "-s", dir); code != cli.ExitOK {
		t.Fatalf("build: %s", stderr)
	}
	home, _ := os.ReadFile(filepath.Join(dir, "public", "en", "index.html"))
	if !bytes.Contains(home, []byte("Hilltop Primary")) {
		t.Error("the home page does not show the school's name")
	}
	help, _ := os.ReadFile(filepath.Join(dir, "public", "en", "help", "index.html"))
	if i, j := bytes.Index(help, []byte(`id="country-IE"`)), bytes.Index(help, []byte(`id="country-GB"`)); i < 0 || j < 0 || i > j {
		t.Error("Irish helplines do not come first with --country IE")
	}
	team, _ := os.ReadFile(filepath.Join(dir, "public", "en", "our-safeguarding-team", "index.html"))
	if !bytes.Contains(team, []byte("Our safeguarding team")) || !bytes.Contains(home, []byte(`our-safeguarding-team/index.html`)) {
		t.Error("the example local page is missing or not in the navigation")
	}
	zr, err := zip.OpenReader(zipPath)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
	}
	if !slices.Contains(names, "index.html") || !slices.Contains(names, "en/help/index.html") || !slices.IsSorted(names) {
		t.Errorf("zip entries: %d, sorted %v", len(names), slices.IsSorted(names))
	}
	first, _ := os.ReadFile(zipPath)
	runCLI(t, "build", "-s", dir, "--zip", zipPath)
	if second, _ := os.ReadFile(zipPath); !bytes.Equal(first, second) {
		t.Error("two builds give different archives")
	}
	// Existing folders are never overwritten.
	if code, _, _ := runCLI(t, "new", dir); code != cli.ExitError {
		t.Errorf("new into a non-empty folder: exit %d", code)
	}
	for _, bad := range []string{"Wales", "UK", "XY", "1"} {
		if code, _, _ := runCLI(t, "new", filepath.Join(t.TempDir(), "x"), "--country", bad); code != cli.ExitUsage {
			t.Errorf("country %q: exit %d, want %d", bad, code, cli.ExitUsage)
		}
	}
	// A real country with no helplines in the data: made, with a warning naming the file.
	if code, _, stderr := runCLI(t, "new", filepath.Join(t.TempDir(), "fr"), "--country", "fr"); code != cli.ExitOK || !strings.Contains(stderr, `country FR (site.toml) has no helpline with purpose = "emergency"`) || !strings.Contains(stderr, "data/helplines.toml") {
		t.Errorf("new --country fr: exit %d, stderr %s", code, stderr)
	}
	code, stdout, _ = runCLI(t, "files", "-s", dir)
	if code != cli.ExitOK || !strings.Contains(stdout, "site     content/en/our-safeguarding-team.md") || !strings.Contains(stdout, "default  layouts/baseof.html") {
		t.Errorf("files: %s", stdout)
	}
}

func TestPrecompress(t *testing.T) {
	site := t.TempDir()
	out := filepath.Join(t.TempDir(), "out")
	if code, _, stderr := runCLI(t, "build", "-s", site, "-o", out, "--precompress"); code != cli.ExitOK {
		t.Fatal(stderr)
	}
	page, _ := os.ReadFile(filepath.Join(out, "en/help/index.html"))
	gz, err := os.Open(filepath.Join(out, "en/help/index.html.gz"))
	if err != nil {
		t.Fatal(err)
	}
	defer gz.Close()
	r, err := gzip.NewReader(gz)
	if err != nil {
		t.Fatal(err)
	}
	back, _ := io.ReadAll(r)
	if !bytes.Equal(back, page) {
		t.Error("the .gz copy is not the page")
	}
	if _, err := os.Stat(filepath.Join(out, "en/help/index.html.br")); err != nil {
		t.Error("no .br copy")
	}
	if matches, _ := filepath.Glob(filepath.Join(out, "assets/css/*.css.br")); len(matches) != 1 {
		t.Errorf("stylesheet copies: %v", matches)
	}
}

// TestSchoolMakesItTheirs follows a school's IT person: a new site, a brand colour and a
// contact in site.toml, one template and one page replaced. The pages show them, and
// nothing else changes.
func TestSchoolMakesItTheirs(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "hilltop")
	if code, _, stderr := runCLI(t, "new", dir, "--name", "Hilltop Primary"); code != cli.ExitOK {
		t.Fatal(stderr)
	}
	before := filepath.Join(t.TempDir(), "before")
	if code, _, stderr := runCLI(t, "build", "-s", dir, "-o", before); code != cli.ExitOK {
		t.Fatal(stderr)
	}
	cfg, _ := os.ReadFile(filepath.Join(dir, "site.toml"))
	cfg = append(cfg, "\nbrandColor = \"#5b2a86\"\n[[contacts]]\nname = \"Ms A. Example\"\nrole = \"Designated safeguarding lead\"\nphone = \"01234 567890\"\n"...)
	writeFile(t, filepath.Join(dir, "site.toml"), string(cfg))
	after := filepath.Join(t.TempDir(), "after")
	if code, _, stderr := runCLI(t, "build", "-s", dir, "-o", after); code != cli.ExitOK {
		t.Fatal(stderr)
	}
	help, _ := os.ReadFile(filepath.Join(after, "en/help/index.html"))
	for _, want := range []string{"Hilltop Primary", "Ms A. Example", "Designated safeguarding lead", `href="tel:01234567890"`, "NSPCC Helpline"} {
		if !bytes.Contains(help, []byte(want)) {
			t.Errorf("the help page lacks %q", want)
		}
	}
	css, _ := filepath.Glob(filepath.Join(after, "assets/css/site.*.css"))
	if b, _ := os.ReadFile(css[0]); !bytes.Contains(b, []byte("--brand:#5b2a86")) {
		t.Error("the brand colour is not in the stylesheet")
	}

	// Replace the help layout and the about page: only the pages that use them change.
	writeFile(t, filepath.Join(dir, "layouts/help.html"), `{{define "main"}}<div class="page wrap"><h1>{{.Page.Title}}</h1><p>Our own help page layout.</p>{{.Body}}</div>{{end}}`)
	about, _ := os.ReadFile(filepath.Join("..", "..", "content", "en", "about.md"))
	writeFile(t, filepath.Join(dir, "content/en/about.md"), strings.Replace(string(about), "\n---\n", "\n---\n\nHilltop Primary adapted this site.\n\n", 1))
	again := filepath.Join(t.TempDir(), "again")
	if code, _, stderr := runCLI(t, "build", "-s", dir, "-o", again); code != cli.ExitOK {
		t.Fatal(stderr)
	}
	var changed []string
	filepath.WalkDir(again, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(again, p)
		old, _ := os.ReadFile(filepath.Join(after, rel))
		now, _ := os.ReadFile(p)
		if !bytes.Equal(old, now) {
			changed = append(changed, filepath.ToSlash(rel))
		}
		return nil
	})
	for _, c := range changed {
		lang, rest, _ := strings.Cut(c, "/")
		switch {
		case rest == "help/index.html", rest == "about/index.html", strings.HasPrefix(c, "search/"):
		default:
			t.Errorf("%s changed (language %s), but only the help layout and the about page were replaced", c, lang)
		}
	}
	if len(changed) < 10 {
		t.Errorf("only %v changed", changed)
	}
}
