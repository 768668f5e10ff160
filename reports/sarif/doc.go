// Package sarif writes a finding.Report as a SARIF 2.1.0 log shaped for
// GitHub code scanning: one run, a rule descriptor for every check that was
// evaluated, one result per failing, unknown, suppressed or baseline
// finding, stable partial fingerprints, and scan diagnostics as tool
// execution notifications.
//
// It reads internal/finding only; internal/cli calls Write. Its siblings
// reports/junit, reports/json and reports/table render the same report.
package sarif
