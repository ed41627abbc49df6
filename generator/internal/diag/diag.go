// Package diag owns the generator's diagnostics: a position in a source file
// (file, line, column), a message with a severity, and a list that collects
// them from every stage of a build, sorts them and reports them together.
//
// Every message follows the Go convention "file:line:col: message": lower
// case, no final period, and it says what to do. Positions are measured in
// the original file, so an editor can jump to them.
//
// diag imports only the standard library; every other package may import it.
package diag

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"
)

// Pos is a position in a source file. Line and Col are 1-based; zero means
// unknown (a whole-file problem has Line 0, a whole-line problem Col 0).
type Pos struct {
	File string
	Line int
	Col  int
}

// String formats p as file:line:col, leaving out the parts that are unknown.
func (p Pos) String() string {
	switch {
	case p.File == "":
		return ""
	case p.Line <= 0:
		return p.File
	case p.Col <= 0:
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
}

// Severity says whether a diagnostic fails the build.
type Severity int

const (
	// Error fails the build.
	Error Severity = iota
	// Warning is reported but does not fail the build.
	Warning
)

func (s Severity) String() string {
	if s == Warning {
		return "warning"
	}
	return "error"
}

// Diagnostic is one problem found in the site's sources.
type Diagnostic struct {
	Pos      Pos
	Severity Severity
	Msg      string
	// Consequence marks a problem that another one can cause: a broken
	// link is one when the page it points to failed. List.Sort puts every
	// root cause before any consequence, so the problem to fix first
	// comes first.
	Consequence bool
}

// Error implements error, so a single diagnostic can travel as one.
func (d Diagnostic) Error() string {
	var b strings.Builder
	if s := d.Pos.String(); s != "" {
		b.WriteString(s)
		b.WriteString(": ")
	}
	if d.Severity == Warning {
		b.WriteString("warning: ")
	}
	b.WriteString(d.Msg)
	return b.String()
}

// Errorf returns an error-severity diagnostic at pos.
func Errorf(pos Pos, format string, args ...any) Diagnostic {
	return Diagnostic{Pos: pos, Severity: Error, Msg: fmt.Sprintf(format, args...)}
}

// Warnf returns a warning at pos.
func Warnf(pos Pos, format string, args ...any) Diagnostic {
	return Diagnostic{Pos: pos, Severity: Warning, Msg: fmt.Sprintf(format, args...)}
}

// List collects diagnostics. The zero value is an empty list ready to use.
// A List is not safe for concurrent use: each goroutine collects its own and
// the caller appends them in a fixed order.
type List []Diagnostic

// Add appends d.
func (l *List) Add(d Diagnostic) { *l = append(*l, d) }

// Errorf appends an error at pos.
func (l *List) Errorf(pos Pos, format string, args ...any) { l.Add(Errorf(pos, format, args...)) }

// Warnf appends a warning at pos.
func (l *List) Warnf(pos Pos, format string, args ...any) { l.Add(Warnf(pos, format, args...)) }

// Append appends every diagnostic of other.
func (l *List) Append(other List) { *l = append(*l, other...) }

// Sort orders the list root causes first, then consequences (see
// Diagnostic.Consequence), each by file, line, column, then message, so
// output is deterministic whatever order the stages ran in; and it removes
// exact duplicates (the same problem reported by two stages).
func (l *List) Sort() {
	slices.SortStableFunc(*l, compare)
	*l = slices.CompactFunc(*l, func(a, b Diagnostic) bool { return a == b })
}

func compare(a, b Diagnostic) int {
	return cmp.Or(
		compareBool(a.Consequence, b.Consequence),
		cmp.Compare(a.Pos.File, b.Pos.File),
		cmp.Compare(a.Pos.Line, b.Pos.Line),
		cmp.Compare(a.Pos.Col, b.Pos.Col),
		cmp.Compare(a.Severity, b.Severity),
		cmp.Compare(a.Msg, b.Msg),
	)
}

func compareBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

// HasErrors reports whether any diagnostic has Error severity.
func (l List) HasErrors() bool {
	return slices.ContainsFunc(l, func(d Diagnostic) bool { return d.Severity == Error })
}

// Count returns the number of errors and of warnings.
func (l List) Count() (errs, warns int) {
	for _, d := range l {
		if d.Severity == Error {
			errs++
		} else {
			warns++
		}
	}
	return errs, warns
}

// Err returns the list as an error when it holds at least one error, and nil
// otherwise. Warnings alone are not an error.
func (l List) Err() error {
	if !l.HasErrors() {
		return nil
	}
	return listError(slices.Clone(l))
}

// Error joins every diagnostic, one per line.
func (l List) Error() string {
	lines := make([]string, len(l))
	for i, d := range l {
		lines[i] = d.Error()
	}
	return strings.Join(lines, "\n")
}

type listError List

func (e listError) Error() string { return List(e).Error() }

// AsList extracts the diagnostics carried by err: a List from List.Err, a
// single Diagnostic, or (for any other error) one diagnostic at pos with the
// error's text. It returns nil for a nil error.
func AsList(err error, pos Pos) List {
	if err == nil {
		return nil
	}
	var le listError
	if errors.As(err, &le) {
		return List(le)
	}
	var d Diagnostic
	if errors.As(err, &d) {
		return List{d}
	}
	return List{Errorf(pos, "%v", err)}
}
