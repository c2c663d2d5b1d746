// Package source owns the first stage of the pipeline: it finds the files a site is made
// of. A site folder is laid over the default site embedded in the binary, file by file: a
// file the folder has replaces the default's, a file it adds is added. Only the site's own
// folders are read (content, data, layouts, assets, i18n); anything else in the folder, such
// as the build output or a .git folder, is ignored. site.toml is not overlaid here: the
// config stage merges the two files key by key (ConfigLayers); nor are data files, which
// the data stage merges entry by entry (Layers).
//
// Every path is a slash-separated path relative to the site root, e.g. "content/en/help.md".
//
// A site folder is read through os.Root (see OpenDir), so nothing outside it can be read:
// a symbolic link may point at another file or folder inside the site folder, and one that
// leads outside it, or to nothing, is an error naming the link.
package source

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
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
	// data/taxonomies.toml stays: the layouts and interface strings depend on its lists.
	NoDefaultContent bool
}

// Taxonomies is the data file that NoDefaultContent keeps: the age bands, topics and
// steps that the default layouts and interface strings are written for.
const Taxonomies = "data/taxonomies.toml"

// Tree is the effective site: every file of both layers, the site's winning.
type Tree struct {
	site, def fs.FS
	origin    map[string]Origin
	inDefault map[string]bool // files the default layer has, overridden or not
	paths     []string        // sorted
}

// Load lists both layers. site may be nil (the default site alone).
func Load(site, def fs.FS, opts Options) (*Tree, error) {
	t := &Tree{site: site, def: def, origin: map[string]Origin{}, inDefault: map[string]bool{}}
	if def != nil {
		for _, dir := range Dirs {
			if opts.NoDefaultContent && (dir == "content" || dir == "data") {
				if dir == "data" {
					if err := checkLink(def, Taxonomies); err == nil {
						t.add(Taxonomies, FromDefault)
					}
				}
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

// OpenDir opens a site folder so that nothing outside it can be read through the
// returned file system, not even by a symbolic link (os.Root). The folder stays open for
// the life of the process.
func OpenDir(dir string) (fs.FS, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	return root.FS(), nil
}

func (t *Tree) walk(fsys fs.FS, dir string, origin Origin) error {
	if err := checkLink(fsys, dir); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil // the site has no such folder
		}
		return err
	}
	return fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return fmt.Errorf("%s: %w", p, linkError(err))
		}
		if p != dir && ignored(d.Name()) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if p != dir && d.Type()&fs.ModeSymlink != 0 {
			if err := checkLink(fsys, p); err != nil {
				return err
			}
			// A link to a file inside the site is read like the file; a link to a folder
			// is not followed (it could loop).
			if fi, err := fs.Stat(fsys, p); err == nil && fi.Mode().IsRegular() {
				t.add(p, origin)
			}
			return nil
		}
		if d.Type().IsRegular() {
			t.add(p, origin)
		}
		return nil
	})
}

func (t *Tree) add(p string, origin Origin) {
	t.origin[p] = origin
	if origin == FromDefault {
		t.inDefault[p] = true
	}
}

// checkLink returns a located error when p is a symbolic link that leads outside the
// site folder or to nothing, and fs.ErrNotExist when there is no p at all.
func checkLink(fsys fs.FS, p string) error {
	_, err := fs.Stat(fsys, p)
	if err == nil {
		return nil
	}
	if lfs, ok := fsys.(fs.ReadLinkFS); ok {
		if fi, lerr := lfs.Lstat(p); lerr == nil && fi.Mode()&fs.ModeSymlink != 0 {
			target, _ := lfs.ReadLink(p)
			if errors.Is(err, fs.ErrNotExist) {
				return fmt.Errorf("%s: the symbolic link points to nothing (%s)", p, target)
			}
			return fmt.Errorf("%s: %w (it points to %s)", p, linkError(err), target)
		}
	}
	if errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return fmt.Errorf("%s: %w", p, linkError(err))
}

// errOutside replaces os.Root's "path escapes from parent".
var errOutside = errors.New("a symbolic link leads outside the site folder; only files inside it are published")

// linkError says in plain words when os.Root refused a path because a link leaves the site.
func linkError(err error) error {
	if err != nil && strings.Contains(err.Error(), "escapes from parent") {
		return errOutside
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
		return nil, fmt.Errorf("%s: %w", p, linkError(err))
	}
	return b, nil
}

// Layer is one layer's copy of a file.
type Layer struct {
	Origin Origin
	Data   []byte
}

// Layers reads both layers of a file, the default's first: the data stage merges data
// files entry by entry instead of taking the site's file whole (see package data). A
// default file dropped by Options.NoDefaultContent is not a layer. It returns no layer
// when neither has the file.
func (t *Tree) Layers(p string) ([]Layer, error) {
	var layers []Layer
	if t.inDefault[p] {
		b, err := fs.ReadFile(t.def, p)
		if err != nil {
			return nil, fmt.Errorf("default %s: %w", p, err)
		}
		layers = append(layers, Layer{FromDefault, b})
	}
	if t.origin[p] == FromSite {
		b, err := fs.ReadFile(t.site, p)
		if err != nil {
			return layers, fmt.Errorf("%s: %w", p, linkError(err))
		}
		layers = append(layers, Layer{FromSite, b})
	}
	return layers, nil
}

// ConfigLayers returns site.toml of the default and of the site folder; either may be nil.
func (t *Tree) ConfigLayers() (def, site []byte, err error) {
	read := func(fsys fs.FS) ([]byte, error) {
		if fsys == nil {
			return nil, nil
		}
		if err := checkLink(fsys, ConfigFile); errors.Is(err, fs.ErrNotExist) {
			return nil, nil
		} else if err != nil {
			return nil, errors.New(strings.TrimPrefix(err.Error(), ConfigFile+": "))
		}
		b, err := fs.ReadFile(fsys, ConfigFile)
		return b, linkError(err)
	}
	if def, err = read(t.def); err != nil {
		return nil, nil, fmt.Errorf("default %s: %w", ConfigFile, err)
	}
	if site, err = read(t.site); err != nil {
		return nil, nil, fmt.Errorf("%s: %w", ConfigFile, err)
	}
	return def, site, nil
}

// IsCode reports whether a file of a site is code rather than content: a layout, a
// script, a stylesheet or an SVG. Code runs, or shows, on every page, so a site folder's
// code is listed by every build and refused by --content-only.
func IsCode(p string) bool {
	if strings.HasPrefix(p, "layouts/") {
		return true
	}
	if strings.HasPrefix(p, "assets/") {
		switch Ext(p) {
		case "js", "css", "svg":
			return true
		}
	}
	return false
}

// SiteCode returns the code files (IsCode) that come from the site folder, sorted. A file
// byte for byte the same as the default site's is not listed: it adds no code of its own
// (this repository's own folder is such a site).
func (t *Tree) SiteCode() []string {
	var code []string
	for _, p := range t.paths {
		if t.origin[p] == FromSite && IsCode(p) && !t.sameAsDefault(p) {
			code = append(code, p)
		}
	}
	return code
}

func (t *Tree) sameAsDefault(p string) bool {
	if t.def == nil || t.site == nil {
		return false
	}
	def, err := fs.ReadFile(t.def, p)
	if err != nil {
		return false
	}
	site, err := fs.ReadFile(t.site, p)
	return err == nil && bytes.Equal(def, site)
}

// Ext returns the file's extension without the dot, lower-cased.
func Ext(p string) string { return strings.ToLower(strings.TrimPrefix(path.Ext(p), ".")) }
