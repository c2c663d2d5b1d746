package output

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func TestWriteReplacesAtomically(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "public")
	if err := Write(dir, map[string][]byte{"index.html": []byte("one"), "en/index.html": []byte("en one"), "old.txt": []byte("x")}); err != nil {
		t.Fatal(err)
	}
	if err := Write(dir, map[string][]byte{"index.html": []byte("two"), "en/index.html": []byte("en two")}); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "en/index.html")); string(b) != "en two" {
		t.Errorf("en/index.html = %q", b)
	}
	if _, err := os.Stat(filepath.Join(dir, "old.txt")); err == nil {
		t.Error("a file of the previous build survived")
	}
	// A write that fails part-way leaves the previous output exactly as it was.
	err := Write(dir, map[string][]byte{"a.html": []byte("new"), "../escape.html": []byte("evil")})
	if err == nil {
		t.Fatal("writing outside the output folder succeeded")
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "index.html")); string(b) != "two" {
		t.Errorf("failed write changed index.html to %q", b)
	}
	if _, err := os.Stat(filepath.Join(dir, "a.html")); err == nil {
		t.Error("failed write left a.html")
	}
	entries, _ := os.ReadDir(filepath.Dir(dir))
	if len(entries) != 1 {
		t.Errorf("temporary folders left behind: %v", entries)
	}
}

func TestWriteRefusesAFile(t *testing.T) {
	f := filepath.Join(t.TempDir(), "public")
	os.WriteFile(f, []byte("not a folder"), 0o644)
	if err := Write(f, map[string][]byte{"index.html": nil}); err == nil {
		t.Error("replaced a file with a folder")
	}
}

// TestNextBuildRemovesLeftovers: a build killed while writing (kill -9, power cut) leaves
// its temporary folder beside the output. The next build removes it, and nothing else.
func TestNextBuildRemovesLeftovers(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "public")
	if err := Write(out, map[string][]byte{"index.html": []byte("one")}); err != nil {
		t.Fatal(err)
	}
	// The killed build: begun, some pages written, never committed or aborted.
	d, err := Begin(out)
	if err != nil {
		t.Fatal(err)
	}
	d.Put("en/index.html", []byte("half"))
	// Folders that only look alike are someone else's.
	keep := []string{".public.new-notdigits", ".public.new-123", ".other.new-456", "public.new-789"}
	for _, k := range keep {
		os.MkdirAll(filepath.Join(parent, k), 0o755)
	}
	if err := Write(out, map[string][]byte{"index.html": []byte("two")}); err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(parent)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	want := append([]string{"public"}, keep...)
	slices.Sort(want)
	if !slices.Equal(names, want) {
		t.Errorf("beside the output: %v, want %v", names, want)
	}
}
