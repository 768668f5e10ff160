// Package scan runs one scan end to end: scanner → model → policy engine →
// suppressions → filtered, canonically sorted findings in a finding.Report.
// It owns the decisions between the seams: which checks run (--only/--skip,
// account-scope checks on code only with --require-account-checks), whether
// unknowns are shown (--strict-unknowns), and how file paths are made
// relative to the scanned root, and which secrets are kept out of findings,
// diagnostics and logs (Redactor: values of sensitive Terraform variables,
// cloud access key IDs). It knows nothing about flags or output
// formats (internal/cli) nor about parsing or judging (scanners/*, policies/engine).
package scan
