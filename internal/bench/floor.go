package bench

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"github.com/talksite/talksite/internal/markdown"
	"github.com/talksite/talksite/internal/minify"
)

// Floor does the least any build of a generated site's pages must do, as fast as it
// can: it reads each Markdown file under site/content, converts its body (what follows
// the front matter) with goldmark, set up as talksite sets it up (markdown.Renderer's
// Convert), minifies the HTML with internal/minify and writes it to out in a folder of
// its own, as the build does: out/<lang>/<section>/<page>/index.html. It works on
// GOMAXPROCS files at once, as many as the build renders. It returns the number of pages
// written.
//
// talksite bench times it beside the build: the build's time over the floor's is what
// talksite adds (layouts, links, search, checks) to the work no tool can skip.
func Floor(site, out string) (int, error) {
	var files []string
	err := filepath.WalkDir(filepath.Join(site, "content"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
			files = append(files, p)
		}
		return err
	})
	if err != nil {
		return 0, err
	}
	md, min := markdown.New(), minify.New()
	next := make(chan string)
	errs := make(chan error, 1)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf bytes.Buffer
			for p := range next {
				if err := floorPage(md, min, &buf, site, out, p); err != nil {
					select {
					case errs <- err:
					default:
					}
				}
			}
		}()
	}
	for _, p := range files {
		next <- p
	}
	close(next)
	wg.Wait()
	select {
	case err := <-errs:
		return 0, err
	default:
		return len(files), nil
	}
}

// floorPage converts, minifies and writes one page; buf is the worker's own.
func floorPage(md *markdown.Renderer, min *minify.Minifier, buf *bytes.Buffer, site, out, p string) error {
	src, err := os.ReadFile(p)
	if err != nil {
		return err
	}
	buf.Reset()
	if err := md.Convert(buf, stripFrontMatter(src)); err != nil {
		return err
	}
	html, err := min.Bytes(minify.HTML, buf.Bytes())
	if err != nil {
		return err
	}
	rel, err := filepath.Rel(filepath.Join(site, "content"), p)
	if err != nil {
		return err
	}
	// Each page gets a folder, as in talksite's and Hugo's output: section/page/index.html.
	dir := strings.TrimSuffix(rel, ".md")
	if filepath.Base(dir) == "_index" {
		dir = filepath.Dir(dir)
	}
	dest := filepath.Join(out, dir, "index.html")
	if err := os.MkdirAll(filepath.Dir(dest), 0o755); err != nil {
		return err
	}
	return os.WriteFile(dest, html, 0o644)
}

// stripFrontMatter returns what follows the YAML front matter ("---" lines) that the
// generator writes; the floor needs no field of it.
func stripFrontMatter(src []byte) []byte {
	rest, ok := bytes.CutPrefix(src, []byte("---\n"))
	if !ok {
		return src
	}
	if i := bytes.Index(rest, []byte("\n---\n")); i >= 0 {
		return rest[i+len("\n---\n"):]
	}
	return src
}
