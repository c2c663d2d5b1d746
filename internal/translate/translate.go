// Package translate is the translators' toolbox behind `talksite i18n`. This package holds
// what every tool shares: a Workspace (a site folder loaded over the default site), the
// records of which source a translation was made from, and the two tools that only edit
// those records: New starts a language, Stamp records that named translations match the
// current source. The other tools are packages of their own:
//
//   - report: what is translated, missing, outdated or waiting for a fluent reader in each
//     language, weighed by the words of the source (status), and the checks of every
//     translation's strings and page links (check);
//   - uistrings: interface strings to and from go-i18n JSON v2, for platforms such as
//     Weblate;
//   - pages: pages to and from gettext PO;
//   - entries: the words of data entries to and from go-i18n JSON v2.
//
// A translation is a draft until a fluent reader has checked it: reviewedBy in a page's
// front matter, at the top of a data file, or in the strings' [_meta] table (issue 13).
// Imports refuse, and write nothing, when a translation breaks a placeholder, a plural
// form, markup or a link target; exports refuse to overwrite work not yet imported (issue
// 14).
//
// Every tool works on a site folder on disk and writes only there: a file that comes from
// the embedded default site is never changed (stamping it is reported as skipped).
package translate

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/talksite/talksite/internal/build"
	"github.com/talksite/talksite/internal/config"
	"github.com/talksite/talksite/internal/content"
	"github.com/talksite/talksite/internal/diag"
	"github.com/talksite/talksite/internal/frontmatter"
	"github.com/talksite/talksite/internal/source"
)

// Workspace is a site folder loaded for translation work.
type Workspace struct {
	Dir    string
	Tree   *source.Tree
	Config *config.Config
	Site   *content.Site
	Diag   *diag.List // problems found while loading (reported, not fatal)
}

// Open loads the site folder dir over the default site.
func Open(dir string, def fs.FS) (*Workspace, error) {
	site, err := source.OpenDir(dir)
	if err != nil {
		return nil, err
	}
	files, err := build.LoadSiteFiles(site, def, false)
	if err != nil {
		return nil, err
	}
	w := &Workspace{Dir: dir, Tree: files.Tree, Config: files.Config, Diag: &diag.List{}}
	w.Site = content.Load(w.Tree, w.Config, w.Diag)
	return w, nil
}

// SitePath returns the path on disk of a site file, and whether the file is the site
// folder's own (not the embedded default's).
func (w *Workspace) SitePath(p string) (string, bool) {
	return filepath.Join(w.Dir, filepath.FromSlash(p)), w.Tree.Has(p) && w.Tree.Origin(p) == source.FromSite
}

// ReadPage reads a content file of the site: its front matter and its body, with Windows
// line ends made Unix ones.
func (w *Workspace) ReadPage(p string) (frontmatter.Meta, string, error) {
	b, err := w.Tree.ReadFile(p)
	if err != nil {
		return frontmatter.Meta{}, "", err
	}
	b = bytes.ReplaceAll(b, []byte("\r\n"), []byte("\n"))
	pg, err := frontmatter.Parse(b)
	if err != nil {
		return frontmatter.Meta{}, "", fmt.Errorf("%s: %v", p, err)
	}
	return pg.Meta, string(pg.Body), nil
}

// Change is a file written (or skipped) by a command.
type Change struct {
	Path string `json:"path"`
	Note string `json:"note,omitempty"`
}

// Output is one file an export writes.
type Output struct {
	Path string
	Body []byte
}

// WriteOutputs writes an export's files, or none of them when some would overwrite
// translations not yet imported into folder (unsaved names them; --force empties it).
func WriteOutputs(outs []Output, unsaved []string, folder string) ([]Change, error) {
	if len(unsaved) > 0 {
		return nil, fmt.Errorf("nothing exported: these files hold translations that are not in %s yet; --force overwrites them:\n  %s", folder, strings.Join(unsaved, "\n  "))
	}
	var changes []Change
	for _, o := range outs {
		if err := WriteFile(o.Path, o.Body); err != nil {
			return changes, err
		}
		changes = append(changes, Change{Path: o.Path})
	}
	return changes, nil
}

// WriteFile writes a file, making its folder first.
func WriteFile(path string, b []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, b, 0o644)
}
