package bench

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"slices"
	"time"
)

// Run is one timed build.
type Run struct {
	Wall   time.Duration
	CPU    time.Duration // user and system time of the process and its children
	MaxRSS int64         // peak resident memory in bytes; 0 where the system does not say
}

// Tool is a command to time: talksite's build, the floor, Hugo.
type Tool struct {
	Name string
	Args []string // the command and its arguments
	// Out is the folder the command writes, removed before each run and not timed, so
	// that no tool spends its time deleting its previous output.
	Out string
}

// Measure runs every tool runs times, taking turns (a, b, c, a, b, c, ...) so that a
// machine busy with something else slows them alike, and returns each tool's runs.
// Every tool is measured the same way: wall time, CPU time and peak memory as the
// operating system reports them for a child process.
func Measure(runs int, tools []Tool) ([][]Run, error) {
	out := make([][]Run, len(tools))
	for range runs {
		for i, t := range tools {
			if t.Out != "" {
				if err := os.RemoveAll(t.Out); err != nil {
					return nil, err
				}
			}
			r, err := runOnce(t.Args)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", t.Name, err)
			}
			out[i] = append(out[i], r)
		}
	}
	return out, nil
}

func runOnce(args []string) (Run, error) {
	cmd := exec.Command(args[0], args[1:]...)
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = nil, &stderr // the build's warnings are not the bench's business
	start := time.Now()
	if err := cmd.Run(); err != nil {
		return Run{}, fmt.Errorf("%w\n%s", err, stderr.Bytes())
	}
	ps := cmd.ProcessState
	return Run{Wall: time.Since(start), CPU: ps.UserTime() + ps.SystemTime(), MaxRSS: maxRSS(ps)}, nil
}

// Median returns the median of each measure of runs on its own: the median wall time,
// the median CPU time and the median peak memory.
func Median(runs []Run) Run {
	mid := func(f func(Run) int64) int64 {
		v := make([]int64, len(runs))
		for i, r := range runs {
			v[i] = f(r)
		}
		slices.Sort(v)
		return v[len(v)/2]
	}
	return Run{
		Wall:   time.Duration(mid(func(r Run) int64 { return int64(r.Wall) })),
		CPU:    time.Duration(mid(func(r Run) int64 { return int64(r.CPU) })),
		MaxRSS: mid(func(r Run) int64 { return r.MaxRSS }),
	}
}

// Result is a tool's runs.
type Result struct {
	Name string
	Runs []Run
}

// WriteTable prints each tool's medians of a site of pages pages, then the first tool's
// ratios to each of the others: its wall time, CPU time and peak memory over theirs.
func WriteTable(w io.Writer, pages int, results []Result) {
	const row = "%-15s %4s %9s %9s %12s %8s\n"
	fmt.Fprintf(w, row, "", "runs", "wall", "CPU", "peak memory", "pages/s")
	medians := make([]Run, len(results))
	for i, r := range results {
		m := Median(r.Runs)
		medians[i] = m
		fmt.Fprintf(w, row, r.Name, fmt.Sprint(len(r.Runs)), fmt.Sprintf("%.2fs", m.Wall.Seconds()), fmt.Sprintf("%.2fs", m.CPU.Seconds()),
			fmt.Sprintf("%.0f MB", float64(m.MaxRSS)/(1<<20)), fmt.Sprintf("%.0f", float64(pages)/m.Wall.Seconds()))
	}
	ratio := func(a, b float64) string {
		if b == 0 {
			return "-"
		}
		return fmt.Sprintf("%.2fx", a/b)
	}
	for i := 1; i < len(results); i++ {
		a, b := medians[0], medians[i]
		fmt.Fprintf(w, row, results[0].Name+"/"+results[i].Name, "",
			ratio(a.Wall.Seconds(), b.Wall.Seconds()), ratio(a.CPU.Seconds(), b.CPU.Seconds()), ratio(float64(a.MaxRSS), float64(b.MaxRSS)), "")
	}
}
