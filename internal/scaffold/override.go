package scaffold

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/talksite/talksite/internal/source"
)

// Override copies files of the default site def into the site folder root, for `talksite
// override`, so that a school or a translator can change one without a copy of talksite's
// repository. It never overwrites: a file already in the folder is the site's own change.
// Every path is checked before any is copied: when one cannot be, problems says why for
// each ("path: reason") and nothing is copied. copied lists the files copied, as clean
// slash paths, also when err stops the copying half way.
func Override(def fs.FS, root *os.Root, paths []string) (copied, problems []string, err error) {
	for _, p := range paths {
		if msg := overrideProblem(def, root, p); msg != "" {
			problems = append(problems, p+": "+msg)
		}
	}
	if len(problems) > 0 {
		return nil, problems, nil
	}
	for _, p := range paths {
		p = path.Clean(filepath.ToSlash(p))
		b, err := fs.ReadFile(def, p)
		if err == nil {
			err = root.MkdirAll(filepath.FromSlash(path.Dir(p)), 0o755)
		}
		if err == nil {
			err = root.WriteFile(filepath.FromSlash(p), b, 0o644)
		}
		if err != nil {
			return copied, nil, fmt.Errorf("%s: %v", p, err)
		}
		copied = append(copied, p)
	}
	return copied, nil, nil
}

// overrideProblem says why p cannot be copied, or "" when it can.
func overrideProblem(def fs.FS, root *os.Root, p string) string {
	clean := path.Clean(filepath.ToSlash(p))
	top, _, _ := strings.Cut(clean, "/")
	switch {
	case !fs.ValidPath(clean) || !slices.Contains(source.Dirs, top) || clean == top:
		return fmt.Sprintf("not a file of the default site: give a path like content/en/help.md (folders: %s)", strings.Join(source.Dirs, ", "))
	}
	if fi, err := fs.Stat(def, clean); err != nil || fi.IsDir() {
		return "the default site has no such file (talksite override --list shows them)"
	}
	if _, err := root.Stat(filepath.FromSlash(clean)); err == nil {
		return "already in the site folder: it is already your own copy, so it is left as it is"
	} else if !errors.Is(err, fs.ErrNotExist) {
		return err.Error()
	}
	return ""
}

// DefaultFiles lists the default site's files below its site folders (source.Dirs), in
// path order.
func DefaultFiles(def fs.FS) ([]string, error) {
	var out []string
	for _, dir := range source.Dirs {
		err := fs.WalkDir(def, dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !d.IsDir() {
				out = append(out, p)
			}
			return nil
		})
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
	}
	slices.Sort(out)
	return out, nil
}
