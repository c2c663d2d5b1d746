package source

import (
	"io"
	"io/fs"
	"path"
	"slices"
	"strings"
	"time"
)

// A Tree is an fs.FS: the union of its two layers, the site's files winning, holding only
// the files the build reads (see Load). Directories are made up from the paths of the
// files in them, so that fs.WalkDir, fs.Glob and fs.Sub work over the union.
var (
	_ fs.ReadFileFS = (*Tree)(nil)
	_ fs.ReadDirFS  = (*Tree)(nil)
)

// Open opens a file or directory of the effective site.
func (t *Tree) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	if origin, ok := t.origin[name]; ok {
		fsys := t.def
		if origin == FromSite {
			fsys = t.site
		}
		f, err := fsys.Open(name)
		if err != nil {
			return nil, &fs.PathError{Op: "open", Path: name, Err: linkError(err)}
		}
		return f, nil
	}
	entries, err := t.ReadDir(name)
	if err != nil {
		return nil, err
	}
	return &dir{info: dirInfo(path.Base(name)), entries: entries}, nil
}

// ReadDir lists a directory of the effective site, sorted by name.
func (t *Tree) ReadDir(name string) ([]fs.DirEntry, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrInvalid}
	}
	prefix := ""
	if name != "." {
		prefix = name + "/"
	}
	var entries []fs.DirEntry
	seen := map[string]bool{}
	for _, p := range t.Paths(strings.TrimSuffix(prefix, "/")) {
		rest := strings.TrimPrefix(p, prefix)
		first, _, isDir := strings.Cut(rest, "/")
		if seen[first] {
			continue
		}
		seen[first] = true
		if isDir {
			entries = append(entries, fs.FileInfoToDirEntry(dirInfo(first)))
			continue
		}
		info, err := t.stat(p)
		if err != nil {
			return nil, &fs.PathError{Op: "readdir", Path: name, Err: err}
		}
		entries = append(entries, fs.FileInfoToDirEntry(info))
	}
	if entries == nil && name != "." {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrNotExist}
	}
	slices.SortFunc(entries, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	return entries, nil
}

func (t *Tree) stat(p string) (fs.FileInfo, error) {
	fsys := t.def
	if t.origin[p] == FromSite {
		fsys = t.site
	}
	info, err := fs.Stat(fsys, p)
	if err != nil {
		return nil, linkError(err)
	}
	return info, nil
}

// dir is a directory of the union, listing the entries found below it.
type dir struct {
	info    fs.FileInfo
	entries []fs.DirEntry
	offset  int
}

func (d *dir) Stat() (fs.FileInfo, error) { return d.info, nil }
func (d *dir) Close() error               { return nil }
func (d *dir) Read([]byte) (int, error) {
	return 0, &fs.PathError{Op: "read", Path: d.info.Name(), Err: fs.ErrInvalid}
}

func (d *dir) ReadDir(n int) ([]fs.DirEntry, error) {
	rest := d.entries[d.offset:]
	if n <= 0 {
		d.offset = len(d.entries)
		return rest, nil
	}
	if len(rest) == 0 {
		return nil, io.EOF
	}
	n = min(n, len(rest))
	d.offset += n
	return rest[:n], nil
}

// dirInfo describes a made-up directory.
type dirInfo string

func (d dirInfo) Name() string       { return string(d) }
func (d dirInfo) Size() int64        { return 0 }
func (d dirInfo) Mode() fs.FileMode  { return fs.ModeDir | 0o555 }
func (d dirInfo) ModTime() time.Time { return time.Time{} }
func (d dirInfo) IsDir() bool        { return true }
func (d dirInfo) Sys() any           { return nil }
