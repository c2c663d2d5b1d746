// Package txtartest reads the txtar archives that tests are written in: a site folder in
// site/<path> files, and what the test must give in want/<section> files, which
// `go test -update` rewrites from what it gives.
package txtartest

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/tools/txtar"
)

// Each runs test on each archive dir/*.txtar, in a subtest named after it, with the
// archive read and dir/_base.txtar, whose files are laid under every case's (see Site).
// Archives named _* are not cases.
func Each(t *testing.T, dir string, test func(t *testing.T, file string, base, ar *txtar.Archive)) {
	t.Helper()
	archives, err := filepath.Glob(filepath.Join(dir, "*.txtar"))
	if err != nil || len(archives) == 0 {
		t.Fatalf("no archives in %s: %v", dir, err)
	}
	base, err := txtar.ParseFile(filepath.Join(dir, "_base.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	for _, file := range archives {
		name := strings.TrimSuffix(filepath.Base(file), ".txtar")
		if strings.HasPrefix(name, "_") {
			continue
		}
		t.Run(name, func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			test(t, file, base, ar)
		})
	}
}

// Site is the site folder of the site/<path> files of archives, a later archive's file
// winning over an earlier's (a base under a case). A file that is neither site/ nor want/
// is an error of the test.
func Site(t testing.TB, file string, archives ...*txtar.Archive) fstest.MapFS {
	t.Helper()
	site := fstest.MapFS{}
	for _, ar := range archives {
		for _, f := range ar.Files {
			if p, ok := strings.CutPrefix(f.Name, "site/"); ok {
				site[p] = &fstest.MapFile{Data: f.Data}
			} else if !strings.HasPrefix(f.Name, "want/") {
				t.Errorf("%s: %s is neither site/... nor want/...", file, f.Name)
			}
		}
	}
	return site
}

// Want compares got with the archive's section (e.g. "want/pages"). With update it sets
// the section to got instead, a new section going before any want/snippet/ files, so that
// an archive reads in and then out; Write then writes the archive.
func Want(t testing.TB, file string, ar *txtar.Archive, section, got string, update bool) {
	t.Helper()
	i := slices.IndexFunc(ar.Files, func(f txtar.File) bool { return f.Name == section })
	if update {
		if i < 0 {
			i = slices.IndexFunc(ar.Files, func(f txtar.File) bool { return strings.HasPrefix(f.Name, "want/snippet/") })
			if i < 0 {
				i = len(ar.Files)
			}
			ar.Files = slices.Insert(ar.Files, i, txtar.File{Name: section})
		}
		ar.Files[i].Data = []byte(got)
		return
	}
	if i < 0 {
		t.Errorf("%s: no %s section (go test -update writes it)", file, section)
		return
	}
	if want := string(ar.Files[i].Data); want != got {
		t.Errorf("%s: %s differ (-want +got; go test -update rewrites it):\n%s", file, section, LineDiff(want, got))
	}
}

// Write writes the archive back to file, after Want has updated it.
func Write(t testing.TB, file string, ar *txtar.Archive) {
	t.Helper()
	if err := os.WriteFile(file, txtar.Format(ar), 0o666); err != nil {
		t.Fatal(err)
	}
}

// LineDiff lists the lines only want has ("-") and only got has ("+"), in order.
func LineDiff(want, got string) string {
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
