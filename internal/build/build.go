// Package build runs the whole pipeline, in this order:
//
//	source   find the files: the site folder laid over the embedded default
//	config   read site.toml (default, then the site's)
//	content  read front matter, data files and interface strings; build the site model
//	render   Markdown, layouts, assets, minification → files in memory
//	hosting  header rules for web servers; sitemap and robots.txt with a base URL
//	output   write the files atomically (only `talksite build` does this)
//
// Data flows one way. Every stage adds its problems to one diag.List so that a build
// reports every problem at once.
package build

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"reflect"
	"strings"
	"time"

	"github.com/talksite/talksite/internal/config"
	"github.com/talksite/talksite/internal/content"
	"github.com/talksite/talksite/internal/diag"
	"github.com/talksite/talksite/internal/hosting"
	"github.com/talksite/talksite/internal/render"
	"github.com/talksite/talksite/internal/source"
)

// Options configure a build.
type Options struct {
	// Site is the site folder; nil builds the default site alone.
	Site fs.FS
	// Default is the embedded default site.
	Default fs.FS
	// NoDefaultContent drops the default content (also set by defaultContent = false).
	NoDefaultContent bool
	// Strict turns warnings into errors.
	Strict bool
	// ContentOnly refuses code from the site folder (source.IsCode: layouts, scripts,
	// styles, SVG), for a site built from contributions its owner has not read line by
	// line: pages, data and strings are escaped, code runs on every page.
	ContentOnly bool
	// Render options.
	Render render.Options
	// Previous is the last good build of the same site, for `talksite serve`: when only
	// the Markdown of some pages changed since, only those pages are rendered again (see
	// render.Incremental), with the same output a full build gives.
	Previous *Result
}

// Result is a finished build.
type Result struct {
	Site        *content.Site
	Output      *render.Output
	Diagnostics *diag.List
	Duration    time.Duration
	// Incremental reports whether the build reused Previous.
	Incremental bool
	// SiteCode lists the code files from the site folder (source.Tree.SiteCode).
	SiteCode []string

	inputs string // fingerprint of everything but the content files (see fingerprint)
}

// Run builds the site in memory. The error is a *diag.BuildError listing every problem
// when the input is wrong; Result is returned with its diagnostics either way.
func Run(opts Options) (*Result, error) {
	start := time.Now()
	res := &Result{Diagnostics: &diag.List{}}
	list := res.Diagnostics
	defer func() { res.Duration = time.Since(start) }()

	tree, err := source.Load(opts.Site, opts.Default, source.Options{NoDefaultContent: opts.NoDefaultContent})
	if err != nil {
		list.Errorf("", 0, "%v", err)
		return res, list.Err()
	}
	defTOML, siteTOML, err := tree.ConfigLayers()
	if err != nil {
		list.Errorf("", 0, "%v", err) // it names the file
		return res, list.Err()
	}
	cfg, err := config.Load(defTOML, siteTOML)
	if err != nil {
		list.AddError("", 0, err)
		return res, list.Err()
	}
	if !cfg.UseDefaultContent() && !opts.NoDefaultContent {
		tree, err = source.Load(opts.Site, opts.Default, source.Options{NoDefaultContent: true})
		if err != nil {
			list.Errorf("", 0, "%v", err)
			return res, list.Err()
		}
	}
	res.SiteCode = tree.SiteCode()
	if opts.ContentOnly {
		for _, p := range res.SiteCode {
			list.Errorf(p, 0, "code from the site folder is refused with --content-only: layouts, scripts, styles and SVG run or show on every page; remove the file, or build without --content-only after reading it")
		}
		if list.HasErrors() {
			return res, list.Err()
		}
	}
	res.inputs = fingerprint(tree, defTOML, siteTOML, opts)
	// Nothing but pages changed since the previous build: its strings and lists stand.
	var reuse *content.Site
	if p := opts.Previous; p != nil && p.Site != nil && p.inputs == res.inputs && !p.Diagnostics.HasErrors() {
		reuse = p.Site
	}
	site := content.LoadReusing(tree, cfg, list, reuse)
	res.Site = site
	if cfg.Precompress {
		opts.Render.Precompress = true
	}
	if changed, ok := onlyBodiesChanged(opts.Previous, res, list); ok {
		res.Incremental = true
		res.Output = render.Incremental(opts.Previous.Output, site, changed, list)
	} else {
		// Render even when some pages had errors, so one build reports every problem; the
		// output is not used when there are errors.
		res.Output = render.Render(site, opts.Render, list)
		if res.Output != nil {
			for name, b := range hosting.Files(site, opts.Render.Precompress) {
				res.Output.Put(name, b)
			}
		}
	}
	if opts.Strict {
		for _, w := range list.Warnings() {
			list.Errorf(w.File, w.Line, "%s (a warning, an error with --strict)", w.Message)
		}
	}
	return res, list.Err()
}

// fingerprint hashes every input of a build except the content files: options, both
// site.toml files, and every layout, asset, data and strings file.
func fingerprint(tree *source.Tree, defTOML, siteTOML []byte, opts Options) string {
	h := sha256.New()
	fmt.Fprintf(h, "%v %v %v %v %v %v\x00", opts.NoDefaultContent, opts.Strict, opts.ContentOnly, opts.Render.Dev, opts.Render.NoMinify, opts.Render.KeepTexts)
	h.Write(defTOML)
	h.Write([]byte{0})
	h.Write(siteTOML)
	for _, p := range tree.Paths("") {
		if strings.HasPrefix(p, "content/") {
			continue
		}
		b, _ := tree.ReadFile(p)
		fmt.Fprintf(h, "\x00%s\x00%d\x00", p, len(b))
		h.Write(b)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// onlyBodiesChanged reports whether res differs from prev only in the Markdown bodies of
// some content files, and returns their keys. Anything else (a new or removed page, a
// changed title or weight, any other file) needs a full build.
func onlyBodiesChanged(prev, res *Result, list *diag.List) (map[string]bool, bool) {
	if prev == nil || prev.Output == nil || prev.Site == nil || list.HasErrors() ||
		prev.inputs != res.inputs || len(prev.Site.Files) != len(res.Site.Files) ||
		len(prev.Site.Broken) > 0 || len(res.Site.Broken) > 0 {
		return nil, false
	}
	before := map[string]*content.SourceFile{}
	for _, f := range prev.Site.Files {
		before[f.Path] = f
	}
	changed := map[string]bool{}
	for _, f := range res.Site.Files {
		old := before[f.Path]
		if old == nil || old.Key != f.Key || old.URLPath != f.URLPath || !reflect.DeepEqual(old.Meta, f.Meta) {
			return nil, false
		}
		if old.Hash != f.Hash || old.BodyLine != f.BodyLine {
			changed[f.Key] = true
		}
	}
	return changed, true
}

// Summary is the one-line report of a finished build, e.g.
// "Built 212 pages (en 52, cy 40, ...) and 14 other files in 180ms."
func (r *Result) Summary() string {
	if r.Output == nil {
		return ""
	}
	var parts []string
	total := 0
	for _, l := range r.Site.Langs {
		n := r.Output.Pages[l.Code]
		total += n
		parts = append(parts, fmt.Sprintf("%s %d", l.Code, n))
	}
	other := r.Output.Count - total
	return fmt.Sprintf("Built %d pages (%s) and %d other files in %s.", total, strings.Join(parts, ", "), other, r.Duration.Round(time.Millisecond))
}
