package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/talksite/talksite/internal/cli"
)

func TestBuildProfiles(t *testing.T) {
	site, tmp := t.TempDir(), t.TempDir()
	cpu, mem := filepath.Join(tmp, "cpu.prof"), filepath.Join(tmp, "mem.prof")
	if code, _, stderr := runCLI(t, "build", "-s", site, "-o", filepath.Join(tmp, "out"), "-cpuprofile", cpu, "-memprofile", mem); code != cli.ExitOK {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	for _, f := range []string{cpu, mem} {
		if fi, err := os.Stat(f); err != nil || fi.Size() == 0 {
			t.Errorf("%s: %v, want a profile", filepath.Base(f), err)
		}
	}
}
