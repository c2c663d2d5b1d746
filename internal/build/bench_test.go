package build_test

import (
	"os"
	"testing"

	"github.com/talksite/talksite"
	"github.com/talksite/talksite/internal/bench"
	"github.com/talksite/talksite/internal/build"
	"github.com/talksite/talksite/internal/render"
)

// BenchmarkBuildGenerated builds a generated 400-page, 4-language site with the default
// layouts and minification, in memory. `talksite bench` runs the large comparison with Hugo.
//
//	go test ./internal/build -run XXX -bench BuildGenerated -benchmem
func BenchmarkBuildGenerated(b *testing.B) {
	dir := b.TempDir()
	if err := bench.WriteTalksite(dir, bench.Options{Pages: 400, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	site := os.DirFS(dir)
	b.ReportAllocs()
	pages := 0
	for b.Loop() {
		res, err := build.Run(build.Options{Site: site, Default: talksite.DefaultSite()})
		if err != nil {
			b.Fatal(err)
		}
		pages = 0
		for _, n := range res.Output.Pages {
			pages += n
		}
	}
	b.ReportMetric(float64(pages*b.N)/b.Elapsed().Seconds(), "pages/s")
}

// BenchmarkBuildDefault builds the default site (five languages) in memory.
func BenchmarkBuildDefault(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := build.Run(build.Options{Default: talksite.DefaultSite(), Render: render.Options{}}); err != nil {
			b.Fatal(err)
		}
	}
}
