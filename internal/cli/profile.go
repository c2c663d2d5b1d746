package cli

import (
	"os"
	"runtime"
	"runtime/pprof"
)

// Profiles are the profiles `build -cpuprofile -memprofile` write, as `go test` does;
// read them with `go tool pprof`.
type Profiles struct {
	cpu     *os.File
	memFile string
}

// StartProfiles starts a CPU profile into cpuFile and notes memFile for WriteHeap; ""
// leaves either out.
func StartProfiles(cpuFile, memFile string) (*Profiles, error) {
	p := &Profiles{memFile: memFile}
	if cpuFile == "" {
		return p, nil
	}
	f, err := os.Create(cpuFile)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	p.cpu = f
	return p, nil
}

// WriteHeap writes the heap profile. It is called while the build's result is still
// held, so that the profile shows what a build keeps as well as what it allocated.
func (p *Profiles) WriteHeap() error {
	if p.memFile == "" {
		return nil
	}
	f, err := os.Create(p.memFile)
	if err != nil {
		return err
	}
	runtime.GC() // the heap profile shows live memory as of the last collection
	if err := pprof.WriteHeapProfile(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// StopCPU ends the CPU profile.
func (p *Profiles) StopCPU() error {
	if p.cpu == nil {
		return nil
	}
	pprof.StopCPUProfile()
	err := p.cpu.Close()
	p.cpu = nil
	return err
}
