// Package diag is the one way every stage of a build reports a problem in its input: a
// Diagnostic names the file, the line and column where known, whether it stops the build,
// and what is wrong. A Diagnostic is also an error, so a stage that stops at its first
// problem returns it as its error, and one that goes on returns a []Diagnostic or adds to
// a List; either way the position is never flattened into text.
//
// A List is safe for concurrent use: parallel stages add to it from many goroutines, and
// Sorted returns the diagnostics in a deterministic order (file, line, column, errors
// first, message) whatever order they arrived in.
package diag

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
)

// Severity says whether a diagnostic stops the build. The zero value is Error, so that a
// Diagnostic made without one is never taken lightly.
type Severity int

const (
	Error Severity = iota
	Warning
)

func (s Severity) String() string {
	if s == Warning {
		return "warning"
	}
	return "error"
}

// Diagnostic is one problem found in the input.
type Diagnostic struct {
	File     string // slash path as the user knows it, e.g. "content/en/help.md"
	Line     int    // 1-based; 0 when the problem is about the whole file
	Column   int    // 1-based; 0 when unknown
	Severity Severity
	Message  string
}

// Errorf makes an error at file:line.
func Errorf(file string, line int, format string, args ...any) Diagnostic {
	return Diagnostic{File: file, Line: line, Severity: Error, Message: fmt.Sprintf(format, args...)}
}

// Warnf makes a warning at file:line.
func Warnf(file string, line int, format string, args ...any) Diagnostic {
	return Diagnostic{File: file, Line: line, Severity: Warning, Message: fmt.Sprintf(format, args...)}
}

// At makes an error at file:line from err. An err that is already a Diagnostic keeps its
// own position and severity; one that names no file (a parser that is given only the
// text) is taken to be in file, and at line when it has no line of its own.
func At(file string, line int, err error) Diagnostic {
	if d, ok := errors.AsType[Diagnostic](err); ok {
		if d.File == "" {
			d.File = file
			if d.Line == 0 {
				d.Line = line
			}
		}
		return d
	}
	return Errorf(file, line, "%v", err)
}

// String formats the diagnostic as "file:line:column: message", the form editors and
// terminals recognise; one that names no file yet as "line N: message".
func (d Diagnostic) String() string {
	var b strings.Builder
	if d.File == "" && d.Line > 0 {
		fmt.Fprintf(&b, "line %d: ", d.Line)
	}
	if d.File != "" {
		b.WriteString(d.File)
		if d.Line > 0 {
			fmt.Fprintf(&b, ":%d", d.Line)
			if d.Column > 0 {
				fmt.Fprintf(&b, ":%d", d.Column)
			}
		}
		b.WriteString(": ")
	}
	b.WriteString(d.Message)
	return b.String()
}

// Error makes a Diagnostic an error.
func (d Diagnostic) Error() string { return d.String() }

// List is a concurrency-safe collection of diagnostics.
type List struct {
	mu    sync.Mutex
	items []Diagnostic
}

// Add records diagnostics.
func (l *List) Add(ds ...Diagnostic) {
	l.mu.Lock()
	l.items = append(l.items, ds...)
	l.mu.Unlock()
}

// Errorf records an error at file:line.
func (l *List) Errorf(file string, line int, format string, args ...any) {
	l.Add(Errorf(file, line, format, args...))
}

// Warnf records a warning at file:line.
func (l *List) Warnf(file string, line int, format string, args ...any) {
	l.Add(Warnf(file, line, format, args...))
}

// AddError records err as errors: each error joined in it (errors.Join) separately, and
// each keeping its own position when it is a Diagnostic; file and line are used for those
// that are not.
func (l *List) AddError(file string, line int, err error) {
	if err == nil {
		return
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		for _, e := range j.Unwrap() {
			l.AddError(file, line, e)
		}
		return
	}
	l.Add(At(file, line, err))
}

// Sorted returns every diagnostic, errors and warnings mixed, ordered by file, line,
// column, severity (errors first) and message, with exact duplicates removed.
func (l *List) Sorted() []Diagnostic {
	l.mu.Lock()
	out := slices.Clone(l.items)
	l.mu.Unlock()
	Sort(out)
	return slices.Compact(out)
}

// Sort orders diagnostics as Sorted does.
func Sort(ds []Diagnostic) {
	slices.SortFunc(ds, func(a, b Diagnostic) int {
		return cmp.Or(
			cmp.Compare(a.File, b.File),
			cmp.Compare(a.Line, b.Line),
			cmp.Compare(a.Column, b.Column),
			cmp.Compare(a.Severity, b.Severity),
			cmp.Compare(a.Message, b.Message),
		)
	})
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
