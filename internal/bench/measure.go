package bench

import (
	"fmt"
	"os"
	"os/exec"
	"slices"
	"time"
)

// Run is one timed build.
type Run struct {
	Wall   time.Duration
	MaxRSS int64 // peak resident memory in bytes; 0 where the system does not say
}

// Measure runs a command runs times and returns each run, fastest first.
func Measure(runs int, name string, args ...string) ([]Run, error) {
	var out []Run
	for range runs {
		cmd := exec.Command(name, args...)
		cmd.Stdout, cmd.Stderr = nil, os.Stderr
		start := time.Now()
		if err := cmd.Run(); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		out = append(out, Run{Wall: time.Since(start), MaxRSS: maxRSS(cmd.ProcessState)})
	}
	slices.SortFunc(out, func(a, b Run) int { return int(a.Wall - b.Wall) })
	return out, nil
}

// Median returns the middle run of a sorted list.
func Median(runs []Run) Run { return runs[len(runs)/2] }
