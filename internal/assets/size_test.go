package assets

import "testing"

func TestSize(t *testing.T) {
	png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR\x00\x00\x01\x2c\x00\x00\x00\x64rest")
	for _, tc := range []struct {
		name string
		body []byte
		w, h float64
		ok   bool
	}{
		{"a.png", png, 300, 100, true},
		{"a.svg", []byte(`<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 240 80"></svg>`), 240, 80, true},
		{"b.svg", []byte(`<svg width="120px" height="40px"></svg>`), 120, 40, true},
		{"c.svg", []byte(`<svg></svg>`), 0, 0, false},
		{"d.png", []byte("not a png"), 0, 0, false},
	} {
		w, h, ok := Size(tc.name, tc.body)
		if w != tc.w || h != tc.h || ok != tc.ok {
			t.Errorf("%s: %v %v %v", tc.name, w, h, ok)
		}
	}
}
