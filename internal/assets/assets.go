// Package assets processes the files under assets/: it minifies CSS, JavaScript and SVG,
// rewrites url() references in CSS, and names every file by a hash of its content
// ("css/site.css" → "assets/css/site.3f9a1c2e7b.css") so that servers can cache them for a
// year and a changed file is never served stale.
//
// Nothing an asset references may come from another site: a CSS url() to another origin or
// a data: URL is an error, because the pages' Content Security Policy would block it and
// because the site makes no third-party requests.
//
// An SVG that could run script or load from another site is refused (see CheckSVG): it is
// served from the site's own origin, where a script could read what families saved.
package assets

import (
	"crypto/sha256"
	"encoding/hex"
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/talksite/talksite/internal/address"
	"github.com/talksite/talksite/internal/diag"
	"github.com/talksite/talksite/internal/minify"
)

// File is a processed asset.
type File struct {
	Logical  string // path below assets/, e.g. "css/site.css"
	Out      string // path in the output, e.g. "assets/css/site.3f9a1c2e7b.css"
	Body     []byte
	reserved bool // named now, made later (see Reserve)
}

// Set is every processed asset, by logical path.
type Set struct {
	files     map[string]*File
	scriptIDs []string // see ScriptIDs
}

// Out returns the output path of a logical asset path, and whether it exists.
func (s *Set) Out(logical string) (string, bool) {
	f, ok := s.files[strings.TrimPrefix(logical, "/")]
	if !ok {
		return "", false
	}
	return f.Out, true
}

// Get returns the processed asset.
func (s *Set) Get(logical string) *File { return s.files[logical] }

// Files returns every asset sorted by output path.
func (s *Set) Files() []*File {
	out := make([]*File, 0, len(s.files))
	for _, f := range s.files {
		if !f.reserved {
			out = append(out, f)
		}
	}
	slices.SortFunc(out, func(a, b *File) int { return strings.Compare(a.Out, b.Out) })
	return out
}

// Allowed are the file types the site may publish as assets.
var Allowed = []string{"css", "js", "svg", "png", "jpg", "jpeg", "webp", "ico", "txt", "woff2"}

// Process builds the asset set from the files (logical path → content). CSS is processed
// last so its references can point at the other files' hashed names. Each problem names
// the file by its site path, e.g. "assets/css/site.css".
func Process(files map[string][]byte, m *minify.Minifier) (*Set, []diag.Diagnostic) {
	s := &Set{files: map[string]*File{}}
	var problems []diag.Diagnostic
	var names []string
	for name := range files {
		names = append(names, name)
	}
	slices.Sort(names)
	var css []string
	for _, name := range names {
		ext := strings.ToLower(strings.TrimPrefix(path.Ext(name), "."))
		if !slices.Contains(Allowed, ext) {
			problems = append(problems, diag.Errorf("assets/"+name, 0, "file type .%s is not published; allowed: %s", ext, strings.Join(Allowed, ", ")))
			continue
		}
		if ext == "css" {
			css = append(css, name)
			continue
		}
		body := files[name]
		if ext == "svg" {
			bad := CheckSVG(body)
			for _, p := range bad {
				problems = append(problems, diag.At("assets/"+name, 0, p))
			}
			if len(bad) > 0 {
				continue
			}
		}
		if mt := minify.ForExt(ext); mt != "" {
			min, err := m.Bytes(mt, body)
			if err != nil {
				problems = append(problems, diag.At("assets/"+name, 0, err))
				continue
			}
			body = min
		}
		s.add(name, body)
	}
	for _, name := range css {
		body, errs := s.rewriteURLs(name, files[name])
		for _, e := range errs {
			problems = append(problems, diag.At("assets/"+name, 0, e))
		}
		min, err := m.Bytes(minify.CSS, body)
		if err != nil {
			problems = append(problems, diag.At("assets/"+name, 0, err))
			continue
		}
		s.add(name, min)
	}
	return s, problems
}

// ReserveAt names a file that will be made later in the build at a fixed output path.
func (s *Set) ReserveAt(logical, out string) string {
	s.files[logical] = &File{Logical: logical, Out: out, reserved: true}
	return out
}

// Add adds a file made during the build (such as a search index) under a logical name,
// fingerprinted like every other asset.
func (s *Set) Add(name string, body []byte) { s.add(name, body) }

func (s *Set) add(name string, body []byte) {
	sum := sha256.Sum256(body)
	ext := path.Ext(name)
	out := "assets/" + strings.TrimSuffix(name, ext) + "." + hex.EncodeToString(sum[:])[:10] + ext
	s.files[name] = &File{Logical: name, Out: out, Body: body}
}

var urlRE = regexp.MustCompile(`url\(\s*(['"]?)([^'")]*)(['"]?)\s*\)`)

// rewriteURLs points each url() of a stylesheet at the hashed name of the file it names.
// Its problems name a line but no file.
func (s *Set) rewriteURLs(name string, css []byte) ([]byte, []diag.Diagnostic) {
	var errs []diag.Diagnostic
	dir := path.Dir(name)
	out := urlRE.ReplaceAllFunc(css, func(m []byte) []byte {
		sub := urlRE.FindSubmatch(m)
		ref := strings.TrimSpace(string(sub[2]))
		line := 1 + strings.Count(string(css[:indexOf(css, m)]), "\n")
		switch {
		case ref == "" || strings.HasPrefix(ref, "#"):
			return m
		case strings.Contains(ref, ":") || strings.HasPrefix(ref, "//"):
			errs = append(errs, diag.Errorf("", line, "url(%s): styles may only use files of this site (no other sites, no data: URLs)", ref))
			return m
		}
		clean, frag, _ := strings.Cut(ref, "#")
		target := path.Clean(path.Join(dir, clean))
		f, ok := s.files[target]
		if !ok {
			errs = append(errs, diag.Errorf("", line, "url(%s): there is no file assets/%s", ref, target))
			return m
		}
		rel := address.RelPath("assets/"+dir+"/", f.Out)
		if frag != "" {
			rel += "#" + frag
		}
		return []byte("url(" + rel + ")")
	})
	return out, errs
}

func indexOf(b, sub []byte) int {
	i := strings.Index(string(b), string(sub))
	if i < 0 {
		return 0
	}
	return i
}
