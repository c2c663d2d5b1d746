// Package compress makes the gzip and Brotli copies of text files that servers such as
// nginx (gzip_static, brotli_static) can send instead of compressing on every request.
// Both are written the same way every time (no file names or dates in the headers), so a
// build stays byte-identical.
package compress

import (
	"bytes"
	"compress/gzip"
	"path"

	"github.com/andybalholm/brotli"
)

// textTypes are the extensions worth compressing.
var textTypes = map[string]bool{".html": true, ".css": true, ".js": true, ".svg": true, ".xml": true, ".txt": true, ".json": true}

// Worth reports whether a file is text that compresses well.
func Worth(name string) bool { return textTypes[path.Ext(name)] }

// Gzip compresses b at the best level.
func Gzip(b []byte) []byte {
	var buf bytes.Buffer
	w, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	w.Write(b)
	w.Close()
	return buf.Bytes()
}

// Brotli compresses b at level 9 of 11.
func Brotli(b []byte) []byte {
	var buf bytes.Buffer
	w := brotli.NewWriterLevel(&buf, 9) // near the best size at a fraction of level 11's time
	w.Write(b)
	w.Close()
	return buf.Bytes()
}
