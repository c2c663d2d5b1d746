// Package minify shrinks the HTML, CSS, JavaScript and SVG the build writes. It is the only
// package that touches tdewolff/minify.
package minify

import (
	"bytes"
	"fmt"

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
	var out bytes.Buffer
	out.Grow(len(b))
	if err := m.m.Minify(mediaType, &out, bytes.NewReader(b)); err != nil {
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
