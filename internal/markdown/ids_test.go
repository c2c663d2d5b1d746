package markdown

import (
	"strings"
	"testing"
)

// TestDuplicateHeadingIDs pins the numbering of repeated headings: the first keeps the
// plain id, the next ones get -1, -2, ..., skipping numbers another heading already has.
func TestDuplicateHeadingIDs(t *testing.T) {
	src := "## A\n\n## A\n\n## A-2\n\n## A\n\n## A\n\n## B\n\n## A\n\n## Section\n\n## ?\n\n## ?\n"
	res, err := New().Render([]byte(src), 1, fakeResolver)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, h := range res.Headings {
		got = append(got, h.ID)
	}
	if want := "a a-1 a-2 a-3 a-4 b a-5 section section-1 section-2"; strings.Join(got, " ") != want {
		t.Errorf("ids %q, want %q", strings.Join(got, " "), want)
	}
}

// TestDuplicateHeadingIDsAreLinear guards against the generator trying every number from 1
// for each repeated heading: 30,000 "## a" took over a minute that way. It counts the ids
// tried, which does not depend on the machine's speed.
func TestDuplicateHeadingIDsAreLinear(t *testing.T) {
	const n = 2000
	s := newIDs([]string{"main", "step-*"})
	for range n {
		s.Generate([]byte("a"), 0)
	}
	for range n {
		s.Generate([]byte("step one"), 0)
	}
	if s.tries > 4*n {
		t.Errorf("%d ids tried for %d headings; want at most %d", s.tries, 2*n, 4*n)
	}
}

func BenchmarkDuplicateHeadings(b *testing.B) {
	src := []byte(strings.Repeat("## a\n\n", 30000))
	r := New()
	for b.Loop() {
		if _, err := r.Render(src, 1, fakeResolver); err != nil {
			b.Fatal(err)
		}
	}
}
