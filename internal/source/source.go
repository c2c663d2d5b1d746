// Package source owns the first stage of the pipeline: it finds the files a site is made
// of. A site folder is laid over the default site embedded in the binary, file by file: a
// file the folder has replaces the default's, a file it adds is added. Only the site's own
// folders are read (content, data, layouts, assets, i18n); anything else in the folder, such
// as the build output or a .git folder, is ignored. site.toml is not overlaid here: the
// config stage merges the two files key by key.
//
// Every path is a slash-separated path relative to the site root, e.g. "content/en/help.md".
package source

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
)

// Dirs are the folders of a site that the build reads, in the order they are listed.
var Dirs = []string{"assets", "content", "data", "i18n", "layouts"}

// ConfigFile is the site's configuration file.
const ConfigFile = "site.toml"

// Origin says which layer a file comes from.
type Origin int

const (
	FromDefault Origin = iota // embedded in the binary
	FromSite                  // the site folder
)

func (o Origin) String() string {
	if o == FromSite {
		return "site"
	}
	return "default"
}

// Options change how the layers are combined.
type Options struct {
	// NoDefaultContent drops the default site's content/ and data/ folders, so that a site
	// folder can hold a completely different site while keeping the default layouts,
	// assets and UI strings.
	NoDefaultContent bool
}

// Tree is the effective site: every file of both layers, the site's winning.
type Tree struct {
	site, def fs.FS
	origin    map[string]Origin
	paths     []string // sorted
}

// Load lists both layers. site may be nil (the default site alone).
func Load(site, def fs.FS, opts Options) (*Tree, error) {
	t := &Tree{site: site, def: def, origin: map[string]Origin{}}
	if def != nil {
		for _, dir := range Dirs {
			if opts.NoDefaultContent && (dir == "content" || dir == "data") {
				continue
			}
			if err := t.walk(def, dir, FromDefault); err != nil {
				return nil, err
			}
		}
	}
	if site != nil {
		for _, dir := range Dirs {
			if err := t.walk(site, dir, FromSite); err != nil {
				return nil, err
			}
		}
	}
	for p := range t.origin {
		t.paths = append(t.paths, p)
	}
	slices.Sort(t.paths)
	return t, nil
}

func (t *Tree) walk(fsys fs.FS, dir string, origin Origin) error {
	err := fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == dir && errors.Is(err, fs.ErrNotExist) {
				return fs.SkipDir
			}
			return fmt.Errorf("%s: %w", p, err)
		}
		if p != dir && ignored(d.Name()) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.Type().IsRegular() {
			t.origin[p] = origin
		}
		return nil
	})
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return err
}

// ignored reports whether a file or folder name is hidden or an editor's temporary file.
func ignored(name string) bool {
	return strings.HasPrefix(name, ".") || strings.HasPrefix(name, "#") ||
		strings.HasSuffix(name, "~") || strings.HasSuffix(name, ".swp")
}

// Paths returns every file of the effective site below dir ("" for all), sorted.
func (t *Tree) Paths(dir string) []string {
	if dir == "" {
		return slices.Clone(t.paths)
	}
	prefix := strings.TrimSuffix(dir, "/") + "/"
	i, _ := slices.BinarySearch(t.paths, prefix)
	j := i
	for j < len(t.paths) && strings.HasPrefix(t.paths[j], prefix) {
		j++
	}
	return slices.Clone(t.paths[i:j])
}

// Has reports whether the effective site has the file.
func (t *Tree) Has(p string) bool {
	_, ok := t.origin[p]
	return ok
}

// Origin says which layer the file comes from.
func (t *Tree) Origin(p string) Origin { return t.origin[p] }

// ReadFile reads a file of the effective site.
func (t *Tree) ReadFile(p string) ([]byte, error) {
	origin, ok := t.origin[p]
	if !ok {
		return nil, fmt.Errorf("%s: %w", p, fs.ErrNotExist)
	}
	fsys := t.def
	if origin == FromSite {
		fsys = t.site
	}
	b, err := fs.ReadFile(fsys, p)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", p, err)
	}
	return b, nil
}

// ConfigLayers returns site.toml of the default and of the site folder; either may be nil.
func (t *Tree) ConfigLayers() (def, site []byte, err error) {
	read := func(fsys fs.FS) ([]byte, error) {
		if fsys == nil {
			return nil, nil
		}
		b, err := fs.ReadFile(fsys, ConfigFile)
		if errors.Is(err, fs.ErrNotExist) {
			return nil, nil
		}
		return b, err
	}
	if def, err = read(t.def); err != nil {
		return nil, nil, fmt.Errorf("default %s: %w", ConfigFile, err)
	}
	if site, err = read(t.site); err != nil {
		return nil, nil, fmt.Errorf("%s: %w", ConfigFile, err)
	}
	return def, site, nil
}

// Ext returns the file's extension without the dot, lower-cased.
func Ext(p string) string { return strings.ToLower(strings.TrimPrefix(path.Ext(p), ".")) }
