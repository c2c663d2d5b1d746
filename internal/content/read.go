package content

import (
	"bytes"
	"fmt"
	"unicode/utf8"

	"github.com/talksite/talksite/internal/data"
	"github.com/talksite/talksite/internal/diag"
	"github.com/talksite/talksite/internal/source"
)

// readText reads a text file and checks that it is UTF-8, normalising line endings.
func readText(tree *source.Tree, p string) ([]byte, error) {
	b, err := tree.ReadFile(p)
	if err != nil {
		return nil, err
	}
	return checkText(p, b)
}

// readLayers reads both layers of a data file (see package data) as readText does.
func readLayers(tree *source.Tree, p string) ([]data.Layer, error) {
	layers, err := tree.Layers(p)
	if err != nil {
		return nil, err
	}
	out := make([]data.Layer, 0, len(layers))
	for _, l := range layers {
		name := p
		if l.Origin == source.FromDefault && len(layers) > 1 {
			name = "default " + p
		}
		b, err := checkText(name, l.Data)
		if err != nil {
			return out, err
		}
		out = append(out, data.Layer{Site: l.Origin == source.FromSite, Src: b})
	}
	return out, nil
}

// checkText checks that a file is UTF-8 text, normalising line endings.
func checkText(p string, b []byte) ([]byte, error) {
	if !utf8.Valid(b) {
		line := 1
		for i := 0; i < len(b); {
			r, size := utf8.DecodeRune(b[i:])
			if r == utf8.RuneError && size <= 1 {
				break
			}
			if r == '\n' {
				line++
			}
			i += size
		}
		return nil, diag.At(p, line, fmt.Errorf("not valid UTF-8 text: save the file as UTF-8"))
	}
	if bytes.IndexByte(b, '\r') >= 0 {
		b = bytes.ReplaceAll(b, []byte("\r\n"), []byte("\n"))
	}
	return bytes.TrimPrefix(b, []byte("\ufeff")), nil
}
