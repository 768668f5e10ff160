// Package reporttest builds the finding.Report fixtures that the tests of
// every report writer under reports/ share, and compares output with golden
// files under testdata/reports/ (rewritten with `go test -update`).
//
// Only tests import it.
package reporttest
