package build_test

import (
	"bytes"
	"cmp"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/talksite/talksite"
	"github.com/talksite/talksite/internal/build"
	"github.com/talksite/talksite/internal/diag"
	"github.com/talksite/talksite/internal/txtartest"
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
	txtartest.Each(t, "testdata/pipeline", func(t *testing.T, file string, base, ar *txtar.Archive) {
		t.Parallel()
		runPipelineCase(t, file, base, ar)
	})
}

func runPipelineCase(t *testing.T, file string, base, ar *txtar.Archive) {
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
	opts.Site = txtartest.Site(t, file, base, ar)

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
		txtartest.Want(t, file, ar, section, got[section], *update)
	}
	if *update {
		txtartest.Write(t, file, ar)
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
