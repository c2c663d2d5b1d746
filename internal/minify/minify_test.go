package minify

import (
	"sync"
	"testing"
)

// TestBytesKeepsInput checks that the input is left as it was (the minifiers lower-case
// tag names in the buffer they read) and that reused buffers do not leak between calls.
func TestBytesKeepsInput(t *testing.T) {
	m := New()
	inputs := map[string]string{
		"<P>Hello   <B>world</B></P>\n\n": "<p>Hello <b>world</b></p>",
		"<DIV  class=\"a\"> x </DIV>":     `<div class="a">x</div>`,
		"<p>short</p>":                    "<p>short</p>",
	}
	var wg sync.WaitGroup
	for range 4 {
		for in, want := range inputs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				b := []byte(in)
				got, err := m.Bytes(HTML, b)
				if err != nil {
					t.Error(err)
					return
				}
				if string(got) != want {
					t.Errorf("Bytes(%q) = %q, want %q", in, got, want)
				}
				if string(b) != in {
					t.Errorf("Bytes changed its input %q to %q", in, b)
				}
			}()
		}
	}
	wg.Wait()
}
