// Package sariftest checks SARIF logs in tests: against the SARIF 2.1.0
// JSON schema kept in testdata/schemas, and against the rules GitHub code
// scanning applies when it ingests an upload (limits, relative artifact
// URIs, rule indexes, fingerprints, security severities, a category).
//
// Only tests import it: the SARIF writer's own tests in reports/sarif and
// the end-to-end test of the GitHub Action in internal/cifiles, which runs
// the real kansa binary and checks the file it leaves for upload.
package sariftest
