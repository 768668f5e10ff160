// Package json writes a finding.Report as kansa's versioned JSON document
// (schema_version 1, see cli.md "JSON") and reads it back, so that
// `kansa report merge` and `--baseline` can consume earlier reports.
//
// It reads internal/finding only; internal/cli calls Write and Read. Its
// siblings reports/sarif, reports/junit and reports/table render the same
// report in other formats.
package json
