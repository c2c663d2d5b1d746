package build_test

import (
	"bytes"
	"cmp"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/tools/txtar"

	"github.com/talksite/talksite"
	"github.com/talksite/talksite/internal/build"
	"github.com/talksite/talksite/internal/diag"
)

// TestPipeline builds one small site per archive in testdata/pipeline/*.txtar and compares
// what comes out with what the archive expects: tests as data (issue #16).
//
// An archive's comment says what the case proves. A comment line "flags: ..." sets build
// options: --strict, --content-only. Every case builds with build.Options.NoDefaultContent:
// its own pages over the default layouts, assets and strings, so that it stays small.
//
// Its files:
//
//	site/<path>               a file of the site folder, laid over the default site.
//	                          _base.txtar's site/ files are laid under every case's, so
//	                          each case starts from an English-only site whose country
//	                          has its helplines; a case's own file of the same name wins.
//	want/diagnostics          every diagnostic, sorted, one a line:
//	                          "error: file:line: message" or "warning: file:line: message"
//	want/pages                every HTML page written, one a line
//	want/snippet/<output>     each non-blank line must appear in the output file <output>
//	                          (as written: minified); a line starting "!" must not
//
// go test ./internal/build/ -run TestPipeline -update rewrites want/diagnostics and
// want/pages from what the build gives; snippets are kept as written and still checked.
func TestPipeline(t *testing.T) {
	archives, err := filepath.Glob("testdata/pipeline/*.txtar")
	if err != nil {
		t.Fatal(err)
	}
	base, err := txtar.ParseFile("testdata/pipeline/_base.txtar")
	if err != nil {
		t.Fatal(err)
	}
	for _, file := range archives {
		name := strings.TrimSuffix(filepath.Base(file), ".txtar")
		if strings.HasPrefix(name, "_") {
			continue
		}
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			runPipelineCase(t, file, base)
		})
	}
}

func runPipelineCase(t *testing.T, file string, base *txtar.Archive) {
	ar, err := txtar.ParseFile(file)
	if err != nil {
		t.Fatal(err)
	}
	opts := build.Options{Default: talksite.DefaultSite(), NoDefaultContent: true}
	for line := range strings.Lines(string(ar.Comment)) {
		flags, ok := strings.CutPrefix(line, "flags:")
		if !ok {
			continue
		}
		for _, f := range strings.Fields(flags) {
			switch f {
			case "--strict":
				opts.Strict = true
			case "--content-only":
				opts.ContentOnly = true
			default:
				t.Fatalf("%s: unknown flag %q", file, f)
			}
		}
	}
	site := fstest.MapFS{}
	for _, f := range slices.Concat(base.Files, ar.Files) {
		if p, ok := strings.CutPrefix(f.Name, "site/"); ok {
			site[p] = &fstest.MapFile{Data: f.Data}
		} else if !strings.HasPrefix(f.Name, "want/") {
			t.Errorf("%s: %s is neither site/... nor want/...", file, f.Name)
		}
	}
	opts.Site = site

	res, _ := build.Run(opts) // the diagnostics say all the error says
	var outputs map[string][]byte
	if res.Output != nil {
		outputs = res.Output.Files
	}
	got := map[string]string{
		"want/diagnostics": diagnosticLines(res.Diagnostics.Sorted()),
		"want/pages":       pageLines(outputs),
	}
	for _, section := range []string{"want/diagnostics", "want/pages"} {
		i := slices.IndexFunc(ar.Files, func(f txtar.File) bool { return f.Name == section })
		if *update {
			if i < 0 { // before the snippets, so that an archive reads in and then out
				i = slices.IndexFunc(ar.Files, func(f txtar.File) bool { return strings.HasPrefix(f.Name, "want/snippet/") })
				if i < 0 {
					i = len(ar.Files)
				}
				ar.Files = slices.Insert(ar.Files, i, txtar.File{Name: section})
			}
			ar.Files[i].Data = []byte(got[section])
			continue
		}
		if i < 0 {
			t.Errorf("%s: no %s section (go test -run 'TestPipeline/...' -update writes it)", file, section)
			continue
		}
		if want := string(ar.Files[i].Data); want != got[section] {
			t.Errorf("%s: %s differ (-want +got):\n%s", file, section, lineDiff(want, got[section]))
		}
	}
	if *update {
		if err := os.WriteFile(file, txtar.Format(ar), 0o666); err != nil {
			t.Fatal(err)
		}
	}
	checkSnippets(t, file, ar, outputs)
}

// diagnosticLines writes diagnostics one a line, "error: file:line: message", with line
// 0 written out (a diagnostic without a line is worth seeing) and "-" for no file.
func diagnosticLines(ds []diag.Diagnostic) string {
	var b strings.Builder
	for _, d := range ds {
		where := cmp.Or(d.File, "-") + ":" + strconv.Itoa(d.Line)
		if d.Column > 0 {
			where += ":" + strconv.Itoa(d.Column)
		}
		fmt.Fprintf(&b, "%s: %s: %s\n", d.Severity, where, strings.ReplaceAll(d.Message, "\n", `\n`))
	}
	return b.String()
}

// pageLines lists the HTML files of a build, sorted, one a line.
func pageLines(outputs map[string][]byte) string {
	var names []string
	for name := range outputs {
		if strings.HasSuffix(name, ".html") {
			names = append(names, name+"\n")
		}
	}
	slices.Sort(names)
	return strings.Join(names, "")
}

// checkSnippets checks every want/snippet/<output> section against that output file.
func checkSnippets(t *testing.T, file string, ar *txtar.Archive, outputs map[string][]byte) {
	for _, f := range ar.Files {
		out, ok := strings.CutPrefix(f.Name, "want/snippet/")
		if !ok {
			continue
		}
		b, ok := outputs[out]
		if !ok {
			t.Errorf("%s: no output file %s", file, out)
			continue
		}
		for line := range strings.Lines(string(f.Data)) {
			line = strings.TrimSuffix(line, "\n")
			if strings.TrimSpace(line) == "" {
				continue
			}
			if absent, ok := strings.CutPrefix(line, "!"); ok {
				if bytes.Contains(b, []byte(absent)) {
					t.Errorf("%s: %s has %q", file, out, absent)
				}
			} else if !bytes.Contains(b, []byte(line)) {
				t.Errorf("%s: %s lacks %q%s", file, out, line, nearest(b, line))
			}
		}
	}
}

// lineDiff lists the lines only want has ("-") and only got has ("+"), in order.
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	for _, l := range w {
		if !slices.Contains(g, l) {
			fmt.Fprintf(&b, "-%s\n", l)
		}
	}
	for _, l := range g {
		if !slices.Contains(w, l) {
			fmt.Fprintf(&b, "+%s\n", l)
		}
	}
	return b.String()
}

var wordRE = regexp.MustCompile(`[\pL\pN]{4,}`)

// nearest shows where the output has the longest word of a missing snippet, which is
// usually enough to see what changed.
func nearest(b []byte, snippet string) string {
	word := ""
	for _, w := range wordRE.FindAllString(snippet, -1) {
		if len(w) > len(word) {
			word = w
		}
	}
	i := bytes.Index(b, []byte(word))
	if word == "" || i < 0 {
		return ""
	}
	return fmt.Sprintf("; near %q it has %q", word, b[max(0, i-60):min(len(b), i+len(word)+60)])
}
