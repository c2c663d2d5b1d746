package build_test

import (
	"github.com/talksite/talksite/internal/data"
	"github.com/talksite/talksite/internal/render"
)

func renderWorkers(n int) render.Options { return render.Options{Workers: n} }

type dataHelpline = data.Helpline
