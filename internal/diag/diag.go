// Package diag holds diagnostics: problems with the user's input or the scan
// itself, anchored to a source location (file:line:col) or a cloud resource.
// Scanners, the policy engine and the CLI produce them; reports render them
// (SARIF tool notifications, JSON "errors", stderr).
package diag

import (
	"fmt"
	"sort"
)

// Severity of a diagnostic.
type Severity string

// Diagnostic severities. An error makes the scan's exit status 2.
const (
	Error   Severity = "error"
	Warning Severity = "warning"
)

// Diagnostic is one problem found while scanning.
type Diagnostic struct {
	Severity Severity `json:"severity"`
	// Summary is a one-line description; Detail may add more.
	Summary string `json:"summary"`
	Detail  string `json:"detail,omitempty"`
	// File, Line, Column locate the problem in the user's input (1-based).
	File   string `json:"file,omitempty"`
	Line   int    `json:"line,omitempty"`
	Column int    `json:"column,omitempty"`
	// Resource names a cloud resource or Terraform address when there is no file.
	Resource string `json:"resource,omitempty"`
}

// String renders "file:line:col: severity: summary: detail".
func (d Diagnostic) String() string {
	loc := ""
	switch {
	case d.File != "" && d.Line > 0 && d.Column > 0:
		loc = fmt.Sprintf("%s:%d:%d: ", d.File, d.Line, d.Column)
	case d.File != "" && d.Line > 0:
		loc = fmt.Sprintf("%s:%d: ", d.File, d.Line)
	case d.File != "":
		loc = d.File + ": "
	case d.Resource != "":
		loc = d.Resource + ": "
	}
	s := loc + string(d.Severity) + ": " + d.Summary
	if d.Detail != "" {
		s += ": " + d.Detail
	}
	return s
}

// Diagnostics is a list of diagnostics.
type Diagnostics []Diagnostic

// HasErrors reports whether any diagnostic is an error.
func (ds Diagnostics) HasErrors() bool {
	for _, d := range ds {
		if d.Severity == Error {
			return true
		}
	}
	return false
}

// Sort orders diagnostics by file, line, column, summary.
func (ds Diagnostics) Sort() {
	sort.SliceStable(ds, func(i, j int) bool {
		a, b := ds[i], ds[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Column != b.Column {
			return a.Column < b.Column
		}
		return a.Summary < b.Summary
	})
}

// Errorf returns an error diagnostic at file:line:col.
func Errorf(file string, line, col int, format string, args ...any) Diagnostic {
	return Diagnostic{Severity: Error, File: file, Line: line, Column: col, Summary: fmt.Sprintf(format, args...)}
}

// Warnf returns a warning diagnostic at file:line:col.
func Warnf(file string, line, col int, format string, args ...any) Diagnostic {
	return Diagnostic{Severity: Warning, File: file, Line: line, Column: col, Summary: fmt.Sprintf(format, args...)}
}
