package compress

import (
	"bytes"
	"compress/gzip"
	"io"
	"strings"
	"testing"

	"github.com/andybalholm/brotli"
)

func TestRoundTripAndDeterminism(t *testing.T) {
	text := []byte(strings.Repeat("<p>Talk to your child about life online.</p>\n", 200))
	g, err := gzip.NewReader(bytes.NewReader(Gzip(text)))
	if err != nil {
		t.Fatal(err)
	}
	if back, _ := io.ReadAll(g); !bytes.Equal(back, text) {
		t.Error("gzip does not round-trip")
	}
	if back, _ := io.ReadAll(brotli.NewReader(bytes.NewReader(Brotli(text)))); !bytes.Equal(back, text) {
		t.Error("brotli does not round-trip")
	}
	if !bytes.Equal(Gzip(text), Gzip(text)) || !bytes.Equal(Brotli(text), Brotli(text)) {
		t.Error("compression is not deterministic")
	}
	if len(Brotli(text)) >= len(text)/10 {
		t.Errorf("brotli: %d of %d bytes", len(Brotli(text)), len(text))
	}
	if !Worth("en/index.html") || Worth("assets/logo.png") {
		t.Error("Worth")
	}
}
