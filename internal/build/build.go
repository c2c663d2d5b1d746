// Package build is the route a page takes, from the site folder to the files of the
// site. Run reads top to bottom as that route; each stage is a package whose comment is
// its specification:
//
//	config    site.toml, the default's then the site's          internal/config
//	files     the site folder laid over the embedded default    internal/source
//	load      front matter, data, strings → one site model,     internal/content
//	          complete (generated titles, order, menus) and
//	          never changed afterwards
//	assets    minified, fingerprinted; search index names       internal/assets
//	layouts   parsed once; the page view they see               internal/layouts, internal/view
//	Markdown  each body converted once, addresses final         internal/body
//	render    workers run each page through its layout          internal/render
//	search    each language's index                             internal/search
//	hosting   server rules, sitemap, robots.txt                 internal/hosting
//	output    collected in memory or streamed, compressed       internal/output
//
// Data flows one way: a stage reads what earlier stages made and never changes it. Every
// stage adds its problems to one diag.List, so that a build reports every problem at once.
// Only `talksite build` writes to disk (output.Dir).
package build

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"reflect"
	"strings"
	"time"

	"github.com/talksite/talksite/internal/assets"
	"github.com/talksite/talksite/internal/body"
	"github.com/talksite/talksite/internal/config"
	"github.com/talksite/talksite/internal/content"
	"github.com/talksite/talksite/internal/diag"
	"github.com/talksite/talksite/internal/hosting"
	"github.com/talksite/talksite/internal/layouts"
	"github.com/talksite/talksite/internal/minify"
	"github.com/talksite/talksite/internal/output"
	"github.com/talksite/talksite/internal/render"
	"github.com/talksite/talksite/internal/search"
	"github.com/talksite/talksite/internal/source"
	"github.com/talksite/talksite/internal/view"
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
	// render.Again), with the same output a full build gives.
	Previous *Result
}

// Result is a finished build.
type Result struct {
	Site        *content.Site
	Output      *output.Files
	Diagnostics *diag.List
	Duration    time.Duration
	// Incremental reports whether the build reused Previous.
	Incremental bool
	// SiteCode lists the code files from the site folder (source.Tree.SiteCode).
	SiteCode []string

	inputs   string           // fingerprint of everything but the content files (see fingerprint)
	rendered *render.Rendered // for the next incremental build
}

// Run builds the site in memory. The error is a *diag.BuildError listing every problem
// when the input is wrong; Result is returned with its diagnostics either way.
func Run(opts Options) (*Result, error) {
	start := time.Now()
	res := &Result{Diagnostics: &diag.List{}}
	list := res.Diagnostics
	defer func() { res.Duration = time.Since(start) }()

	tree, cfg := siteFiles(opts, res)
	if tree == nil {
		return res, list.Err()
	}
	site := content.LoadReusing(tree, cfg, list, reusable(opts.Previous, res))
	res.Site = site
	min := minify.New()
	precompress := opts.Render.Precompress || cfg.Precompress
	set := assets.Site(tree, cfg.BrandColor, searchIndexes(cfg), min, list)
	page := &view.Context{Site: site, Assets: set, Dev: opts.Render.Dev}
	lays := layouts.Load(tree, page, min, layouts.Options{NoMinify: opts.Render.NoMinify}, list)
	if lays == nil {
		return res, list.Err()
	}
	bodies := body.NewConverter(site, set, min, body.Options{
		Reserved: append(lays.IDs(), set.ScriptIDs()...), PageIDs: lays.PageIDs, NoMinify: opts.Render.NoMinify})
	stages := render.Stages{Site: site, View: page, Bodies: bodies, Layouts: lays}

	// Render even when some pages had errors, so one build reports every problem; the
	// output is not used when there are errors.
	var out *output.Files
	if changed, ok := onlyBodiesChanged(opts.Previous, res, list); ok {
		res.Incremental = true
		out = output.Again(opts.Previous.Output)
		res.rendered = render.Again(stages, opts.Previous.rendered, changed, out, list)
	} else {
		out = output.NewFiles(opts.Render.Emit, precompress)
		for _, f := range set.Files() {
			out.Put(f.Out, f.Body)
		}
		res.rendered = render.Pages(stages, out, opts.Render, list)
		render.Chooser(stages, out)
		render.NotFound(stages, out)
		for name, b := range hosting.Files(site, precompress) {
			out.Put(name, b)
		}
	}
	res.Output = out
	body.CheckAnchors(site, res.rendered.Outlines, list)
	for name, b := range search.SiteIndexes(site, res.rendered.Words, list) {
		out.Put(name, b)
	}
	lays.ReportFailures()
	for _, err := range out.Err() {
		list.AddError("", 0, err)
	}
	if opts.Strict {
		for _, w := range list.Warnings() {
			list.Errorf(w.File, w.Line, "%s (a warning, an error with --strict)", w.Message)
		}
	}
	return res, list.Err()
}

// SiteFiles are the site folder laid over the embedded default, and the configuration the
// two give: the route's first hop, which `talksite i18n` takes too.
type SiteFiles struct {
	Tree                  *source.Tree
	Config                *config.Config
	DefaultTOML, SiteTOML []byte // the two site.toml files as read
}

// LoadSiteFiles reads both site.toml files and lays the site folder over the default site,
// without the default's pages and data when noDefaultContent is set or the configuration
// says defaultContent = false. Its errors name the file.
func LoadSiteFiles(site, def fs.FS, noDefaultContent bool) (*SiteFiles, error) {
	tree, err := source.Load(site, def, source.Options{NoDefaultContent: noDefaultContent})
	if err != nil {
		return nil, err
	}
	defTOML, siteTOML, err := tree.ConfigLayers()
	if err != nil {
		return nil, err
	}
	cfg, err := config.Load(defTOML, siteTOML)
	if err != nil {
		return nil, err
	}
	if !cfg.UseDefaultContent() && !noDefaultContent {
		if tree, err = source.Load(site, def, source.Options{NoDefaultContent: true}); err != nil {
			return nil, err
		}
	}
	return &SiteFiles{Tree: tree, Config: cfg, DefaultTOML: defTOML, SiteTOML: siteTOML}, nil
}

// siteFiles loads the site's files (LoadSiteFiles) and refuses the site folder's code
// with ContentOnly. It returns a nil tree when the build cannot go on.
func siteFiles(opts Options, res *Result) (*source.Tree, *config.Config) {
	list := res.Diagnostics
	files, err := LoadSiteFiles(opts.Site, opts.Default, opts.NoDefaultContent)
	if err != nil {
		list.AddError("", 0, err)
		return nil, nil
	}
	tree, cfg := files.Tree, files.Config
	res.SiteCode = tree.SiteCode()
	if opts.ContentOnly {
		for _, p := range res.SiteCode {
			list.Errorf(p, 0, "code from the site folder is refused with --content-only: layouts, scripts, styles and SVG run or show on every page; remove the file, or build without --content-only after reading it")
		}
		if list.HasErrors() {
			return nil, nil
		}
	}
	res.inputs = fingerprint(tree, files.DefaultTOML, files.SiteTOML, opts)
	return tree, cfg
}

// searchIndexes are the output paths of the languages' search indexes, which pages point
// at before the indexes are made.
func searchIndexes(cfg *config.Config) []string {
	var names []string
	for _, l := range cfg.Langs {
		names = append(names, search.IndexName(l.Code))
	}
	return names
}

// reusable is the previous build's site model when nothing but pages changed since: its
// strings and lists stand.
func reusable(prev *Result, res *Result) *content.Site {
	if prev != nil && prev.Site != nil && prev.inputs == res.inputs && !prev.Diagnostics.HasErrors() {
		return prev.Site
	}
	return nil
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
