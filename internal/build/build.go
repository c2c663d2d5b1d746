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
	"fmt"
	"io/fs"
	"slices"
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
	// Render options.
	Render render.Options
}

// Result is a finished build.
type Result struct {
	Site        *content.Site
	Output      *render.Output
	Diagnostics *diag.List
	Duration    time.Duration
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
		list.Errorf(source.ConfigFile, 0, "%v", err)
		return res, list.Err()
	}
	cfg, err := config.Load(defTOML, siteTOML)
	if err != nil {
		for _, e := range unwrap(err) {
			list.Errorf("", 0, "%v", e)
		}
		return res, list.Err()
	}
	if !cfg.UseDefaultContent() && !opts.NoDefaultContent {
		tree, err = source.Load(opts.Site, opts.Default, source.Options{NoDefaultContent: true})
		if err != nil {
			list.Errorf("", 0, "%v", err)
			return res, list.Err()
		}
	}
	site := content.Load(tree, cfg, list)
	res.Site = site
	// Render even when some pages had errors, so one build reports every problem; the
	// output is not used when there are errors.
	res.Output = render.Render(site, opts.Render, list)
	if res.Output != nil {
		for name, b := range hosting.Files(site) {
			res.Output.Put(name, b)
		}
	}
	if opts.Strict {
		for _, w := range list.Warnings() {
			list.Errorf(w.File, w.Line, "%s (a warning, an error with --strict)", w.Message)
		}
	}
	return res, list.Err()
}

func unwrap(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
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

// SortedFiles returns the output file names in order.
func (r *Result) SortedFiles() []string {
	names := make([]string, 0, len(r.Output.Files))
	for n := range r.Output.Files {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}
