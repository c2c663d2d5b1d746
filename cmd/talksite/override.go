package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/talksite/talksite"
	"github.com/talksite/talksite/internal/source"
)

// override copies files of the default site into a site folder, so that a school or a
// translator can change one without a copy of talksite's repository. It never overwrites:
// a file already in the folder is the site's own change.
func (c *cli) override(args []string) int {
	set := c.flags("override", "PATH...")
	site := set.String("s", ".", "the site folder")
	list := set.Bool("list", false, "list the default site's files that can be copied")
	if code, ok := c.parse(set, args, -1); !ok {
		return code
	}
	dir, ok := c.siteDir(*site)
	if !ok {
		return exitError
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		fmt.Fprintf(c.stderr, "talksite override: %v\n", err)
		return exitError
	}
	defer root.Close()
	def := talksite.DefaultSite()
	if *list {
		paths, err := defaultFiles(def)
		if err != nil {
			fmt.Fprintf(c.stderr, "talksite override: %v\n", err)
			return exitError
		}
		for _, p := range paths {
			mark := ""
			if _, err := root.Stat(filepath.FromSlash(p)); err == nil {
				mark = "   (already in this folder)"
			}
			fmt.Fprintf(c.stdout, "%s%s\n", p, mark)
		}
		return exitOK
	}
	if len(c.positional) == 0 {
		fmt.Fprintf(c.stderr, "talksite override: name the files to copy, e.g. talksite override content/en/help.md (talksite override --list shows them all)\n")
		return exitUsage
	}
	// Check every file before copying any, so that a mistake copies nothing.
	var bad []string
	for _, p := range c.positional {
		if msg := overrideProblem(def, root, p); msg != "" {
			bad = append(bad, p+": "+msg)
		}
	}
	if len(bad) > 0 {
		for _, b := range bad {
			fmt.Fprintf(c.stderr, "talksite override: %s\n", b)
		}
		return exitError
	}
	for _, p := range c.positional {
		p = path.Clean(filepath.ToSlash(p))
		b, err := fs.ReadFile(def, p)
		if err == nil {
			err = root.MkdirAll(filepath.FromSlash(path.Dir(p)), 0o755)
		}
		if err == nil {
			err = root.WriteFile(filepath.FromSlash(p), b, 0o644)
		}
		if err != nil {
			fmt.Fprintf(c.stderr, "talksite override: %s: %v\n", p, err)
			return exitError
		}
		fmt.Fprintf(c.stdout, "copied %s\n", p)
	}
	fmt.Fprintf(c.stdout, "Edit the copies in %s: they now replace the default site's files.\n", dir)
	return exitOK
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

// defaultFiles lists the default site's files below its site folders.
func defaultFiles(def fs.FS) ([]string, error) {
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
