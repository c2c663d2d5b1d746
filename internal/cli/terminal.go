package cli

import (
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/talksite/talksite/internal/diag"
)

// Progress shows "pages done of total" on stderr while a build runs for more than a
// second, when stderr is a terminal (logs stay clean). report is what the build calls as
// pages are done (nil when nothing is shown); stop stops the display and clears the line,
// and may be called more than once.
func Progress(stderr io.Writer) (report func(done, total int), stop func()) {
	f, ok := stderr.(*os.File)
	if !ok {
		return nil, func() {}
	}
	if fi, err := f.Stat(); err != nil || fi.Mode()&os.ModeCharDevice == 0 || os.Getenv("TERM") == "dumb" {
		return nil, func() {}
	}
	var done, total atomic.Int64
	report = func(d, t int) {
		done.Store(int64(d))
		total.Store(int64(t))
	}
	stopping := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		shown := false
		defer func() {
			if shown {
				fmt.Fprint(f, "\r\x1b[K")
			}
		}()
		select {
		case <-stopping:
			return
		case <-time.After(time.Second):
		}
		tick := time.NewTicker(100 * time.Millisecond)
		defer tick.Stop()
		for {
			if t := total.Load(); t > 0 {
				fmt.Fprintf(f, "\rBuilding: %d of %d pages", done.Load(), t)
				shown = true
			}
			select {
			case <-stopping:
				return
			case <-tick.C:
			}
		}
	}()
	var once sync.Once
	return report, func() {
		once.Do(func() {
			close(stopping)
			<-finished
		})
	}
}

// OnStopSignal calls cleanup and exits (status 130 for SIGINT, 143 for SIGTERM, as a
// shell reports them) when the process is asked to stop. The returned function stops
// listening.
func OnStopSignal(cleanup func(os.Signal)) func() {
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, os.Interrupt, syscall.SIGTERM)
	done := make(chan struct{})
	go func() {
		select {
		case sig := <-ch:
			cleanup(sig)
			code := 130
			if sig == syscall.SIGTERM {
				code = 143
			}
			os.Exit(code)
		case <-done:
		}
	}()
	return func() {
		signal.Stop(ch)
		close(done)
	}
}

// PrintDiagnostics prints warnings (unless strict made them errors), then errors, one per
// line as file:line: message.
func PrintDiagnostics(w io.Writer, list *diag.List, strict bool) {
	if list == nil {
		return
	}
	warnings := list.Warnings()
	if len(warnings) > 0 && !strict {
		fmt.Fprintf(w, "%d %s:\n", len(warnings), Plural(len(warnings), "warning", "warnings"))
		for _, d := range warnings {
			fmt.Fprintf(w, "  %s\n", d)
		}
	}
	for _, d := range list.Errors() {
		fmt.Fprintf(w, "error: %s\n", d)
	}
}

// ListCode names the code files that come from the site folder: they run or show on
// every page, so whoever builds the site should know whose they are.
func ListCode(w io.Writer, code []string) {
	if len(code) == 0 {
		return
	}
	fmt.Fprintf(w, "Code from the site folder (it runs or shows on every page; --content-only refuses it):\n")
	for _, p := range code {
		fmt.Fprintf(w, "  %s\n", p)
	}
}

// Version is talksite's version: release (set when a release is built) or the module's,
// with the commit and Go version it was built from.
func Version(release string) string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "(unknown)"
	}
	v := info.Main.Version
	if release != "" {
		v = release
	}
	var rev, modified string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				modified = "+changes"
			}
		}
	}
	if (v == "" || v == "(devel)") && rev != "" {
		if len(rev) > 12 {
			rev = rev[:12]
		}
		return "devel " + rev + modified + " " + info.GoVersion
	}
	if v == "" {
		v = "(devel)"
	}
	if rev != "" {
		if len(rev) > 12 {
			rev = rev[:12]
		}
		v += " (commit " + rev + modified + ")"
	}
	return v + " " + info.GoVersion
}
