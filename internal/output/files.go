package output

import (
	"fmt"
	"sync"

	"github.com/talksite/talksite/internal/compress"
)

// Files collects a build's finished files: in memory (Files), or handed to an emit
// function as each is finished, so that a large site never has to fit in memory. With
// precompression every text file gets a .gz and a .br copy beside it, for servers that
// send pre-compressed files (nginx gzip_static, Apache with mod_rewrite rules). It is safe
// for concurrent use.
type Files struct {
	// Files maps each file's path (slash-separated, relative to the output folder) to its
	// content; empty when an emit function takes the files.
	Files map[string][]byte
	// Count is the number of files.
	Count int
	// Pages counts the HTML pages of each language.
	Pages map[string]int
	// Texts is the plain text of every page's body, by output path, when kept (for
	// content checks).
	Texts map[string]string

	mu          sync.Mutex
	emit        func(string, []byte) error
	precompress bool
	errs        []error
}

// Again returns a collection holding prev's files and counts, for an incremental build
// that puts only the files that changed.
func Again(prev *Files) *Files {
	f := NewFiles(nil, prev.precompress)
	for name, b := range prev.Files {
		f.Files[name] = b
	}
	f.Count = prev.Count
	for lang, n := range prev.Pages {
		f.Pages[lang] = n
	}
	return f
}

// NewFiles returns an empty collection. emit, when not nil, receives each file instead of
// Files keeping it (possibly from several goroutines at once).
func NewFiles(emit func(name string, body []byte) error, precompress bool) *Files {
	return &Files{Files: map[string][]byte{}, Pages: map[string]int{}, Texts: map[string]string{},
		emit: emit, precompress: precompress}
}

// Put adds a finished file, and its compressed copies when asked. It reports whether the
// file is new (see put).
func (f *Files) Put(name string, body []byte) bool {
	isNew := f.put(name, body)
	if f.precompress && compress.Worth(name) {
		f.put(name+".gz", compress.Gzip(body))
		f.put(name+".br", compress.Brotli(body))
	}
	return isNew
}

// PutPage adds a language's HTML page, counted in Pages, with its body's text if kept.
func (f *Files) PutPage(lang, name string, html []byte, text string, keepText bool) {
	isNew := f.Put(name, html)
	f.mu.Lock()
	if isNew {
		f.Pages[lang]++
	}
	if keepText {
		f.Texts[name] = text
	}
	f.mu.Unlock()
}

// put adds a file and reports whether it is new: a file put again (a page rendered again
// by an incremental build) replaces the first and is not counted twice.
func (f *Files) put(name string, body []byte) bool {
	f.mu.Lock()
	if f.emit == nil {
		_, had := f.Files[name]
		if !had {
			f.Count++
		}
		f.Files[name] = body
		f.mu.Unlock()
		return !had
	}
	f.Count++
	f.mu.Unlock()
	if err := f.emit(name, body); err != nil {
		f.mu.Lock()
		f.errs = append(f.errs, fmt.Errorf("writing %s: %w", name, err))
		f.mu.Unlock()
	}
	return true
}

// Err returns the errors the emit function returned, joined.
func (f *Files) Err() []error {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.errs
}
