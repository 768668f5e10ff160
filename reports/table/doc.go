// Package table writes a finding.Report for people at a terminal: scan
// diagnostics first, then the findings that need attention (failures,
// unknowns, checks that could not run), then the posture by check (failing
// and total resources) and totals by severity. Optional ANSI color and
// truncation to the terminal width.
//
// It reads internal/finding only; internal/cli calls Write and decides
// Options from the terminal. Its siblings reports/sarif, reports/junit and
// reports/json render the same report for machines.
package table
