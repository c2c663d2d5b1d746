// Package output is the last stage of the pipeline and the only one that writes to the
// real disk. Files collects a build's finished files, in memory or handed on as each is
// made, with a .gz and a .br copy of each text file when asked. Dir writes a site
// atomically: into a temporary folder beside the output folder, swapped in only when every
// file is written, so a failed build leaves the previous output exactly as it was.
//
// Because a build replaces the output folder whole, it refuses a folder it could not
// have made (see Check): one that is or holds the site folder, holds a site.toml or a
// .git, or has files but no Marker. Every output gets the Marker, a small file saying a
// build made it. A build killed before it finished leaves its temporary folder beside the
// output; the next build removes it.
package output

import (
	"archive/zip"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"
)

// Marker is the file every output folder holds, so that the next build knows it may
// replace the folder. It is not in a --zip archive, which holds only the site's files.
const Marker = ".talksite-output"

const markerText = "This folder was made by talksite build. The next build replaces everything in it.\n"

// RefusedError is an output folder a build may not replace.
type RefusedError struct {
	Dir, Reason string
}

func (e *RefusedError) Error() string {
	return fmt.Sprintf("refusing to write the site into %s: %s", e.Dir, e.Reason)
}

// Check reports whether a build may replace dir with its output: a folder that does not
// exist yet, an empty one, or one an earlier build made (it holds the Marker). It may not
// be, or hold, the site folder (site; "" for none), and may not hold a site.toml or a .git
// folder, which the build would delete.
func Check(dir, site string) error {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return err
	}
	real, err := filepath.EvalSymlinks(abs)
	if errors.Is(err, os.ErrNotExist) {
		return nil // nothing there to lose
	}
	if err != nil {
		return err
	}
	if site != "" {
		siteAbs, err := filepath.Abs(site)
		if err != nil {
			return err
		}
		if r, err := filepath.EvalSymlinks(siteAbs); err == nil {
			siteAbs = r
		}
		if rel, err := filepath.Rel(real, siteAbs); err == nil && (rel == "." || filepath.IsLocal(rel)) {
			what := "it holds the site folder " + site
			if rel == "." {
				what = "it is the site folder"
			}
			return &RefusedError{dir, what + ", and a build replaces everything in its output folder. Choose another folder, such as " + filepath.Join(site, "public")}
		}
	}
	fi, err := os.Stat(real)
	if err != nil {
		return err
	}
	if !fi.IsDir() {
		return &RefusedError{dir, "it exists and is not a folder"}
	}
	entries, err := os.ReadDir(real)
	if err != nil {
		return err
	}
	if len(entries) == 0 {
		return nil
	}
	for _, name := range []string{"site.toml", ".git"} {
		if _, err := os.Lstat(filepath.Join(real, name)); err == nil {
			return &RefusedError{dir, "it holds " + name + ", which a build would delete with everything else in the folder. Choose another folder"}
		}
	}
	if _, err := os.Lstat(filepath.Join(real, Marker)); err != nil {
		return &RefusedError{dir, "it is not empty and no talksite build made it (it has no " + Marker + " file), and a build replaces everything in it. Choose a new or empty folder; if it holds an earlier build, delete it yourself first"}
	}
	return nil
}

// Write writes files (slash paths relative to dir) as the new content of dir, replacing
// what was there only when everything is written.
func Write(dir string, files map[string][]byte) error {
	d, err := Begin(dir)
	if err != nil {
		return err
	}
	if err := d.PutAll(files); err != nil {
		d.Abort()
		return err
	}
	return d.Commit()
}

// PutAll writes every file, in the order of their paths, so that two builds write alike.
func (d *Dir) PutAll(files map[string][]byte) error {
	for _, name := range slices.Sorted(maps.Keys(files)) {
		if err := d.Put(name, files[name]); err != nil {
			return err
		}
	}
	return nil
}

// Dir is a new output folder being written beside the old one.
type Dir struct {
	dir, tmp string
	mu       sync.Mutex
	made     map[string]bool
	// writing is held for reading by every Put and for writing by Abort, so that Abort
	// (on a signal, while pages are still being written) removes the folder only when no
	// Put is half-way, and no Put starts again after it.
	writing sync.RWMutex
	closed  bool // committed or aborted
}

// Begin starts writing a new version of dir, in a temporary folder beside it, after
// checking that dir may be replaced (Check, without a site folder) and removing what
// interrupted builds left beside it.
func Begin(dir string) (*Dir, error) {
	dir = filepath.Clean(dir)
	parent := filepath.Dir(dir)
	if err := Check(dir, ""); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	removeLeftovers(dir)
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(dir)+".new-")
	if err != nil {
		return nil, err
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		os.RemoveAll(tmp)
		return nil, err
	}
	if err := os.WriteFile(filepath.Join(tmp, Marker), []byte(markerText), 0o644); err != nil {
		os.RemoveAll(tmp)
		return nil, err
	}
	return &Dir{dir: dir, tmp: tmp, made: map[string]bool{}}, nil
}

// removeLeftovers removes the temporary folders of builds of dir that were killed before
// they finished: only folders beside dir named exactly as Begin and swap name them
// (".NAME.new-" or ".NAME.old-" and digits) that hold the Marker.
func removeLeftovers(dir string) {
	parent, base := filepath.Dir(dir), filepath.Base(dir)
	entries, err := os.ReadDir(parent)
	if err != nil {
		return
	}
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		rest, ok := strings.CutPrefix(e.Name(), "."+base+".new-")
		if !ok {
			rest, ok = strings.CutPrefix(e.Name(), "."+base+".old-")
		}
		if !ok || rest == "" || strings.Trim(rest, "0123456789") != "" {
			continue
		}
		p := filepath.Join(parent, e.Name())
		if _, err := os.Lstat(filepath.Join(p, Marker)); err == nil {
			os.RemoveAll(p)
		}
	}
}

// Put writes one file. It is safe for concurrent use.
func (d *Dir) Put(name string, body []byte) error {
	if !filepath.IsLocal(filepath.FromSlash(name)) || strings.Contains(name, "\\") {
		return fmt.Errorf("refusing to write %q outside the output folder", name)
	}
	d.writing.RLock()
	defer d.writing.RUnlock()
	if d.closed {
		return errors.New("the build was stopped")
	}
	p := filepath.Join(d.tmp, filepath.FromSlash(name))
	if err := d.mkdir(filepath.Dir(p)); err != nil {
		return err
	}
	return os.WriteFile(p, body, 0o644)
}

// mkdir makes a folder of the new output and the folders above it, remembering which
// exist. Most pages have a folder of their own whose parent exists already: one mkdir
// call then makes it, where os.MkdirAll would first look at it and at its parent.
func (d *Dir) mkdir(dir string) error {
	d.mu.Lock()
	made := d.made[dir] || dir == d.tmp
	d.mu.Unlock()
	if made {
		return nil
	}
	err := os.Mkdir(dir, 0o755)
	if errors.Is(err, fs.ErrNotExist) {
		if err = d.mkdir(filepath.Dir(dir)); err == nil {
			err = os.Mkdir(dir, 0o755)
		}
	}
	if err != nil && !errors.Is(err, fs.ErrExist) { // another Put may have just made it
		return err
	}
	d.mu.Lock()
	d.made[dir] = true
	d.mu.Unlock()
	return nil
}

// Commit puts the new folder in place of the old one.
func (d *Dir) Commit() error {
	d.writing.Lock()
	defer d.writing.Unlock()
	if d.closed {
		return errors.New("the build was stopped")
	}
	d.closed = true
	return swap(d.tmp, d.dir)
}

// Abort throws the new folder away, leaving the old one as it was, and reports whether it
// did: false once the folder was committed or thrown away already. It is safe to call
// while other goroutines Put, and more than once.
func (d *Dir) Abort() bool {
	d.writing.Lock()
	defer d.writing.Unlock()
	if d.closed {
		return false
	}
	d.closed = true
	os.RemoveAll(d.tmp)
	return true
}

// swap puts tmp in dir's place: the old folder is moved aside, the new one moved in, and
// the old one removed. If moving the new one in fails, the old one is put back.
func swap(tmp, dir string) error {
	old := ""
	if _, err := os.Stat(dir); err == nil {
		f, err := os.MkdirTemp(filepath.Dir(dir), "."+filepath.Base(dir)+".old-")
		if err != nil {
			os.RemoveAll(tmp)
			return err
		}
		os.Remove(f) // only the unique name is wanted
		if err := os.Rename(dir, f); err != nil {
			os.RemoveAll(tmp)
			return fmt.Errorf("move the previous output aside: %w", err)
		}
		old = f
	}
	if err := os.Rename(tmp, dir); err != nil {
		if old != "" {
			err = errors.Join(err, os.Rename(old, dir))
		}
		os.RemoveAll(tmp)
		return fmt.Errorf("move the new output into place: %w", err)
	}
	if old != "" {
		return os.RemoveAll(old)
	}
	return nil
}

// WriteZip writes files as one zip archive at path, atomically: the archive is written
// beside path and renamed into place. Entries are sorted and dated at a fixed time, so the
// same site always gives the same archive.
func WriteZip(path string, files map[string][]byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".new-")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	zw := zip.NewWriter(tmp)
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		if !filepath.IsLocal(filepath.FromSlash(name)) {
			tmp.Close()
			return fmt.Errorf("refusing to write %q outside the archive's folder", name)
		}
		w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: zipTime})
		if err != nil {
			tmp.Close()
			return err
		}
		if _, err := w.Write(files[name]); err != nil {
			tmp.Close()
			return err
		}
	}
	if err := zw.Close(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// zipTime dates every archive entry: a fixed time keeps archives byte-identical.
var zipTime = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
