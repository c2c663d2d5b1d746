// Package minify shrinks the HTML, CSS, JavaScript and SVG the build writes. It is the only
// package that touches tdewolff/minify.
package minify

import (
	"bytes"
	"fmt"
	"io"
	"slices"
	"sync"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/minify/v2/js"
	"github.com/tdewolff/minify/v2/svg"
)

// Media types the minifier knows.
const (
	HTML = "text/html"
	CSS  = "text/css"
	JS   = "application/javascript"
	SVG  = "image/svg+xml"
	// Template is an html/template source: HTML with {{ }} actions, which stay as they are.
	Template = "text/x-go-template+html"
)

// Minifier is safe for concurrent use.
type Minifier struct {
	m *minify.M
	// inputs are buffers to copy an input into. The minifiers read an input that has a
	// Bytes method in place, changing it (they lower-case tag names), and read any other
	// by io.ReadAll, which allocates and regrows a buffer every time; a copy into a reused
	// buffer keeps the caller's bytes as they are without either cost.
	inputs sync.Pool
}

// input is a reused buffer that the minifiers read in place, through Bytes.
type input struct {
	b    []byte
	read int // for Read, which the minifiers do not call
}

func (in *input) Bytes() []byte { return in.b }

func (in *input) Read(p []byte) (int, error) {
	if in.read >= len(in.b) {
		return 0, io.EOF
	}
	n := copy(p, in.b[in.read:])
	in.read += n
	return n, nil
}

// New returns a minifier for HTML, CSS, JS and SVG.
func New() *Minifier {
	m := minify.New()
	m.Add(HTML, &html.Minifier{
		KeepDocumentTags:    true, // <html lang dir>, <head>, <body> stay explicit
		KeepEndTags:         true, // simpler for validators and for the search indexer
		KeepQuotes:          true,
		KeepDefaultAttrVals: true,
	})
	// Layouts are minified once, as templates, so that pages need no minifying of their
	// own: only the Markdown bodies put into them are minified, once each.
	m.Add(Template, &html.Minifier{
		KeepDocumentTags:    true,
		KeepEndTags:         true,
		KeepQuotes:          true,
		KeepDefaultAttrVals: true,
		TemplateDelims:      [2]string{"{{", "}}"},
	})
	m.Add(CSS, &css.Minifier{})
	m.Add(JS, &js.Minifier{})
	m.Add(SVG, &svg.Minifier{})
	return &Minifier{m: m}
}

// Bytes minifies b of the given media type.
func (m *Minifier) Bytes(mediaType string, b []byte) ([]byte, error) {
	in, _ := m.inputs.Get().(*input)
	if in == nil {
		in = &input{}
	}
	defer m.inputs.Put(in)
	// One spare byte: the parser ends its input with a NUL, growing a full buffer.
	in.b, in.read = append(slices.Grow(in.b[:0], len(b)+1), b...), 0
	var out bytes.Buffer
	out.Grow(len(b))
	if err := m.m.Minify(mediaType, &out, in); err != nil {
		return nil, fmt.Errorf("minify %s: %w", mediaType, err)
	}
	return out.Bytes(), nil
}

// ForExt returns the media type to minify a file with the extension, or "".
func ForExt(ext string) string {
	switch ext {
	case "css":
		return CSS
	case "js":
		return JS
	case "svg":
		return SVG
	case "html":
		return HTML
	}
	return ""
}
