// Package render is the render workers: it runs every page of every language through its
// layout, in parallel, and hands each finished page to the output.
//
// One job per content file: its Markdown is converted once (internal/body) and every page
// that shows it (its own language's, and other languages' fallbacks) is rendered and
// handed on at once, so the HTML of a body never outlives its pages. Generated pages (age
// and topic indexes, the print pack, the site map) are jobs of their own. Then the root
// language chooser and each language's 404 page.
//
// Output is deterministic: whatever order workers finish in, each file's content depends
// only on the site, and the output stage writes files in sorted order.
package render

import (
	"html/template"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/talksite/talksite/internal/body"
	"github.com/talksite/talksite/internal/content"
	"github.com/talksite/talksite/internal/diag"
	"github.com/talksite/talksite/internal/layouts"
	"github.com/talksite/talksite/internal/markdown"
	"github.com/talksite/talksite/internal/output"
	"github.com/talksite/talksite/internal/search"
	"github.com/talksite/talksite/internal/view"
)

// Options change how pages are rendered and handed on. build.Run passes each to the
// stage that uses it.
type Options struct {
	// Workers is the number of pages rendered at once; 0 means one per CPU.
	Workers int
	// KeepTexts keeps the plain text of every page's body in the output (for content
	// checks).
	KeepTexts bool
	// Progress, when set, is told how many pages are done out of how many.
	Progress func(done, total int)
	// Dev renders for `talksite serve`: pages load the live-reload script and their policy
	// allows its event stream (view.Context). A build never sets it.
	Dev bool
	// NoMinify leaves HTML as the layouts and goldmark wrote it (for debugging layouts).
	NoMinify bool
	// Emit, when set, receives each finished file as soon as it is rendered (possibly from
	// several goroutines at once) instead of the output collecting them all: a large site
	// then never has to fit in memory (output.Files).
	Emit func(name string, body []byte) error
	// Precompress writes a .gz and a .br copy beside every text file (output.Files).
	Precompress bool
}

// Stages are the earlier stages' results the workers use.
type Stages struct {
	Site    *content.Site
	View    *view.Context
	Bodies  *body.Converter
	Layouts *layouts.Set
}

// Rendered is what the rendered pages leave for the later stages.
type Rendered struct {
	// Outlines are every converted body's headings, links and words, by file.
	Outlines map[*content.SourceFile]*body.Outline
	// PageWords are the words of each page for the search index: for a content page
	// those it shows, layouts' lists included; for a home, section or generated page its
	// own Markdown's only, since it lists other pages' titles and descriptions and would
	// match nearly every search.
	PageWords map[*content.Page]search.PlacedWords
}

// Words are the words of page p for the search index (see PageWords).
func (r *Rendered) Words(p *content.Page) search.PlacedWords { return r.PageWords[p] }

// Pages renders every page of the site into out. Problems are added to list.
func Pages(st Stages, out *output.Files, opts Options, list *diag.List) *Rendered {
	return run(st, jobsFor(st.Site, func(*content.Page) bool { return true }), out, opts, list)
}

// Again renders only the pages of the content files whose Markdown changed, with the
// outlines of every other file taken from prev: what `talksite serve` does when nothing
// but some bodies changed (the caller checks). It returns the outlines of every file.
func Again(st Stages, prev *Rendered, changed map[string]bool, out *output.Files, list *diag.List) *Rendered {
	jobs := jobsFor(st.Site, func(p *content.Page) bool { return p.File != nil && changed[p.Key] })
	r := run(st, jobs, out, Options{}, list)
	byPath := map[string]*body.Outline{}
	for _, o := range prev.Outlines {
		byPath[o.File.Path] = o
	}
	for _, f := range st.Site.Files {
		if _, done := r.Outlines[f]; !done && !changed[f.Key] {
			if o := byPath[f.Path]; o != nil {
				r.Outlines[f] = o
			}
		}
	}
	for p, w := range prev.PageWords {
		if !changed[p.Key] {
			if np := st.Site.Lang(p.Lang).ByKey[p.Key]; np != nil {
				r.PageWords[np] = w
			}
		}
	}
	return r
}

type job struct {
	file  *content.SourceFile // nil for a generated page
	pages []*content.Page
}

// jobsFor makes one job per content file, holding every page that shows it, and one per
// generated page; only pages for which include is true.
func jobsFor(site *content.Site, include func(*content.Page) bool) []job {
	var jobs []job
	byFile := map[*content.SourceFile]int{}
	for _, l := range site.Langs {
		for _, p := range l.Pages {
			if !include(p) {
				continue
			}
			if p.File == nil {
				jobs = append(jobs, job{pages: []*content.Page{p}})
				continue
			}
			i, ok := byFile[p.File]
			if !ok {
				i = len(jobs)
				byFile[p.File] = i
				jobs = append(jobs, job{file: p.File})
			}
			jobs[i].pages = append(jobs[i].pages, p)
		}
	}
	return jobs
}

func run(st Stages, jobs []job, out *output.Files, opts Options, list *diag.List) *Rendered {
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	total := 0
	for _, j := range jobs {
		total += len(j.pages)
	}
	outlines := make([]*body.Outline, len(jobs))
	var wordsMu sync.Mutex
	pageWords := map[*content.Page]search.PlacedWords{}
	var done atomic.Int64
	var wg sync.WaitGroup
	next := make(chan int)
	for range workers {
		wg.Go(func() {
			words := search.NewReader()
			for i := range next {
				j := jobs[i]
				var b *body.Body
				if j.file != nil {
					if b = st.Bodies.Convert(j.file, list); b != nil {
						// A copy: a pointer into b would keep the body's HTML and text
						// alive until the anchor check, a third of a big build's memory.
						outline := b.Outline
						outlines[i] = &outline
					}
				}
				for _, p := range j.pages {
					var bodyHTML template.HTML
					var headings []markdown.Heading
					text := ""
					if b != nil {
						bodyHTML, headings, text = b.HTML, b.Headings, b.Text
					}
					html := st.Layouts.Page(view.New(st.View, p, bodyHTML, headings))
					if html == nil {
						continue
					}
					var w search.PlacedWords
					switch {
					case p.Kind == content.KindPage:
						w = words.PageWords(html)
					case b != nil:
						w = search.TextWords(words.Words(text))
					}
					wordsMu.Lock()
					pageWords[p] = w
					wordsMu.Unlock()
					out.PutPage(p.Lang, p.URL()+"index.html", html, text, b != nil && opts.KeepTexts)
					if opts.Progress != nil {
						opts.Progress(int(done.Add(1)), total)
					}
				}
			}
		})
	}
	for i := range jobs {
		next <- i
	}
	close(next)
	wg.Wait()
	r := &Rendered{Outlines: map[*content.SourceFile]*body.Outline{}, PageWords: pageWords}
	for i, j := range jobs {
		if outlines[i] != nil {
			r.Outlines[j.file] = outlines[i]
		}
	}
	return r
}

// Chooser renders the root index.html, the language chooser, in the source language.
func Chooser(st Stages, out *output.Files) {
	if html := st.Layouts.Chooser(view.NewChooser(st.View)); html != nil {
		out.Put("index.html", html)
	}
}

// NotFound renders the 404 page of every language with layouts/404.html, at
// <lang>/404.html, and the source language's also at the root, where servers look for it.
func NotFound(st Stages, out *output.Files) {
	if !st.Layouts.HasNotFound() {
		return
	}
	for _, l := range st.Site.Langs {
		html := st.Layouts.NotFound(view.NewNotFound(st.View, l))
		if html == nil {
			continue
		}
		out.Put(l.Code+"/"+content.NotFoundName, html)
		if l == st.Site.Source() {
			out.Put(content.NotFoundName, html)
		}
	}
}
