// Package diag collects the errors and warnings of a build, each tied to a file and, where
// there is one, a line, so that one build reports every problem instead of stopping at the
// first.
//
// A List is safe for concurrent use: parallel stages add to it from many goroutines, and
// Sorted returns the diagnostics in a deterministic order (file, line, message) whatever order
// they arrived in.
package diag

import (
	"cmp"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"
)

// Severity says whether a diagnostic stops the build.
type Severity int

const (
	Warning Severity = iota
	Error
)

func (s Severity) String() string {
	if s == Error {
		return "error"
	}
	return "warning"
}

// Diagnostic is one problem found in the input.
type Diagnostic struct {
	Severity Severity
	File     string // slash path as the user knows it, e.g. "content/en/help.md"
	Line     int    // 1-based; 0 when the problem is about the whole file
	Message  string
}

// String formats the diagnostic as "file:line: message", the form editors and terminals
// recognise.
func (d Diagnostic) String() string {
	var b strings.Builder
	if d.File != "" {
		b.WriteString(d.File)
		if d.Line > 0 {
			fmt.Fprintf(&b, ":%d", d.Line)
		}
		b.WriteString(": ")
	}
	b.WriteString(d.Message)
	return b.String()
}

// List is a concurrency-safe collection of diagnostics.
type List struct {
	mu    sync.Mutex
	items []Diagnostic
}

// Errorf records an error at file:line.
func (l *List) Errorf(file string, line int, format string, args ...any) {
	l.add(Diagnostic{Error, file, line, fmt.Sprintf(format, args...)})
}

// Warnf records a warning at file:line.
func (l *List) Warnf(file string, line int, format string, args ...any) {
	l.add(Diagnostic{Warning, file, line, fmt.Sprintf(format, args...)})
}

// Add records an error from err. An error that already carries a position (a *Positioned)
// keeps it; otherwise file and line are used.
func (l *List) Add(file string, line int, err error) {
	var p *PositionedError
	if errors.As(err, &p) {
		l.add(Diagnostic{Error, p.File, p.Line, p.Err.Error()})
		return
	}
	l.add(Diagnostic{Error, file, line, err.Error()})
}

func (l *List) add(d Diagnostic) {
	l.mu.Lock()
	l.items = append(l.items, d)
	l.mu.Unlock()
}

// Sorted returns every diagnostic, errors and warnings mixed, ordered by file, line and
// message, with exact duplicates removed.
func (l *List) Sorted() []Diagnostic {
	l.mu.Lock()
	out := slices.Clone(l.items)
	l.mu.Unlock()
	slices.SortFunc(out, func(a, b Diagnostic) int {
		return cmp.Or(
			cmp.Compare(a.File, b.File),
			cmp.Compare(a.Line, b.Line),
			cmp.Compare(b.Severity, a.Severity),
			cmp.Compare(a.Message, b.Message),
		)
	})
	return slices.Compact(out)
}

// Errors returns the sorted errors only.
func (l *List) Errors() []Diagnostic { return l.filter(Error) }

// Warnings returns the sorted warnings only.
func (l *List) Warnings() []Diagnostic { return l.filter(Warning) }

func (l *List) filter(s Severity) []Diagnostic {
	var out []Diagnostic
	for _, d := range l.Sorted() {
		if d.Severity == s {
			out = append(out, d)
		}
	}
	return out
}

// HasErrors reports whether any error was recorded.
func (l *List) HasErrors() bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, d := range l.items {
		if d.Severity == Error {
			return true
		}
	}
	return false
}

// Err returns nil when no error was recorded, and otherwise a *BuildError listing them all.
func (l *List) Err() error {
	errs := l.Errors()
	if len(errs) == 0 {
		return nil
	}
	return &BuildError{Diagnostics: errs}
}

// BuildError is the error of a build that found problems in its input.
type BuildError struct {
	Diagnostics []Diagnostic
}

func (e *BuildError) Error() string {
	lines := make([]string, len(e.Diagnostics))
	for i, d := range e.Diagnostics {
		lines[i] = d.String()
	}
	if len(lines) == 1 {
		return lines[0]
	}
	return fmt.Sprintf("%d errors:\n%s", len(lines), strings.Join(lines, "\n"))
}

// PositionedError is an error that knows where in the input it happened. Stages that parse
// a file return it so that callers do not have to guess the line.
type PositionedError struct {
	File string
	Line int
	Err  error
}

func (e *PositionedError) Error() string {
	return Diagnostic{Error, e.File, e.Line, e.Err.Error()}.String()
}

func (e *PositionedError) Unwrap() error { return e.Err }

// At wraps err with a position.
func At(file string, line int, err error) error {
	return &PositionedError{File: file, Line: line, Err: err}
}

// KeyLine finds the first line of a TOML document that assigns key (bare, quoted or as the
// last part of a dotted key) or opens a table of that name, or 0 when none does. The TOML
// decoder reports keys but not their lines, so every stage that reads TOML asks here.
func KeyLine(src []byte, key string) int {
	re := regexp.MustCompile(`^\s*(?:\[+\s*)?(?:[\w.-]+\.)?"?` + regexp.QuoteMeta(key) + `"?\s*(?:=|\])`)
	for i, line := range strings.Split(string(src), "\n") {
		if re.MatchString(line) {
			return i + 1
		}
	}
	return 0
}
