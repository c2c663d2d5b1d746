// Package address computes the relative addresses between files of the built site, so
// that the site works from any sub-path of any server and opened from disk. Paths are
// relative to the site root and slash-separated; folders end in "/".
package address

import "strings"

// RelURL returns the address of the page at URL to from the page at URL from (both
// relative to the site root, ending in "/"), ending in index.html so it opens from disk.
func RelURL(from, to string) string {
	return RelPath(from, to) + "index.html"
}

// RootURL and RootPath are RelURL and RelPath without shortcuts: they climb to the site
// root and come down again ("../../en/help/index.html"), so that every page at the same
// depth writes the same address for the same target. Layouts use them, which lets a
// header or footer be rendered once per depth.
func RootURL(from, to string) string { return RootPath(from, to) + "index.html" }

// RootPath is the path to (below the site root) from the folder from, climbing to the root.
func RootPath(from, to string) string {
	depth := strings.Count(strings.Trim(from, "/"), "/") + 1
	if strings.Trim(from, "/") == "" {
		depth = 0
	}
	p := strings.Repeat("../", depth) + to
	if depth == 0 {
		if first, _, _ := strings.Cut(to, "/"); strings.Contains(first, ":") {
			p = "./" + p
		}
	}
	return p
}

// RelPath returns the relative path from directory from to the path to (both relative to
// the site root; directories end in "/").
func RelPath(from, to string) string {
	f := strings.Split(strings.TrimSuffix(from, "/"), "/")
	if from == "" || from == "/" {
		f = nil
	}
	t := strings.Split(to, "/")
	i := 0
	for i < len(f) && i < len(t)-1 && f[i] == t[i] {
		i++
	}
	var b strings.Builder
	for range f[i:] {
		b.WriteString("../")
	}
	// A first segment with a colon would read as a scheme ("javascript:x/index.html").
	if b.Len() == 0 && i < len(t) && strings.Contains(t[i], ":") {
		b.WriteString("./")
	}
	b.WriteString(strings.Join(t[i:], "/"))
	return b.String()
}
