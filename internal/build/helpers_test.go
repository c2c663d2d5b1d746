package build_test

import (
	"flag"
	"os"
	"runtime/debug"
	"testing"

	"github.com/talksite/talksite/internal/data"
	"github.com/talksite/talksite/internal/render"
)

// TestMain runs the tests with the garbage collector working a quarter as often
// (GOGC=400) unless GOGC is set: they hold the shared builds while building the site
// about 120 times more, and at the default setting a fifth of their CPU time went to
// marking that heap again and again (issue #16: ~45 CPU-s down to ~37, ~600 MB at most).
// Benchmarks keep the default, so that their numbers are the command's.
func TestMain(m *testing.M) {
	flag.Parse()
	if os.Getenv("GOGC") == "" && flag.Lookup("test.bench").Value.String() == "" {
		debug.SetGCPercent(400)
	}
	os.Exit(m.Run())
}

func renderWorkers(n int) render.Options { return render.Options{Workers: n} }

type dataHelpline = data.Helpline
