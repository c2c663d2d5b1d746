package output

import (
	"errors"
	"slices"
	"sync"
	"testing"
)

func TestFiles(t *testing.T) {
	t.Run("in memory, counted once", func(t *testing.T) {
		f := NewFiles(nil, false)
		f.Put("assets/css/site.1.css", []byte("a{}"))
		f.PutPage("en", "en/index.html", []byte("<p>one"), "one", true)
		f.PutPage("en", "en/index.html", []byte("<p>again"), "again", true) // an incremental build's
		f.PutPage("cy", "cy/index.html", []byte("<p>un"), "un", false)
		if f.Count != 3 || f.Pages["en"] != 1 || f.Pages["cy"] != 1 {
			t.Errorf("Count %d, Pages %v; want 3 files, one page each", f.Count, f.Pages)
		}
		if string(f.Files["en/index.html"]) != "<p>again" || f.Texts["en/index.html"] != "again" {
			t.Errorf("the later page does not replace the first: %q %q", f.Files["en/index.html"], f.Texts["en/index.html"])
		}
		if _, kept := f.Texts["cy/index.html"]; kept {
			t.Error("a text kept without keepText")
		}
	})
	t.Run("precompressed text files only", func(t *testing.T) {
		f := NewFiles(nil, true)
		f.PutPage("en", "en/index.html", []byte("<p>hello hello hello"), "", false)
		f.Put("assets/images/a.png", []byte{0x89, 'P', 'N', 'G'})
		var names []string
		for n := range f.Files {
			names = append(names, n)
		}
		slices.Sort(names)
		want := []string{"assets/images/a.png", "en/index.html", "en/index.html.br", "en/index.html.gz"}
		if !slices.Equal(names, want) {
			t.Errorf("files %q, want %q", names, want)
		}
		if f.Pages["en"] != 1 || f.Count != 4 {
			t.Errorf("Pages %v Count %d: the copies are files, not pages", f.Pages, f.Count)
		}
	})
	t.Run("emitted, with errors kept", func(t *testing.T) {
		var mu sync.Mutex
		got := map[string]string{}
		f := NewFiles(func(name string, body []byte) error {
			if name == "bad.html" {
				return errors.New("disk full")
			}
			mu.Lock()
			got[name] = string(body)
			mu.Unlock()
			return nil
		}, false)
		f.Put("a.html", []byte("a"))
		f.Put("bad.html", []byte("b"))
		if len(f.Files) != 0 || got["a.html"] != "a" || f.Count != 2 {
			t.Errorf("kept %d, emitted %v, count %d", len(f.Files), got, f.Count)
		}
		if errs := f.Err(); len(errs) != 1 || errs[0].Error() != "writing bad.html: disk full" {
			t.Errorf("errors %v", errs)
		}
	})
	t.Run("again keeps the previous files and counts", func(t *testing.T) {
		prev := NewFiles(nil, false)
		prev.PutPage("en", "en/index.html", []byte("old"), "", false)
		prev.Put("index.html", []byte("root"))
		f := Again(prev)
		f.PutPage("en", "en/index.html", []byte("new"), "", false)
		if f.Count != 2 || f.Pages["en"] != 1 || string(f.Files["en/index.html"]) != "new" || string(prev.Files["en/index.html"]) != "old" {
			t.Errorf("Count %d Pages %v new %q prev %q", f.Count, f.Pages, f.Files["en/index.html"], prev.Files["en/index.html"])
		}
	})
}
