// Package junit writes a finding.Report as JUnit XML for CI test report
// viewers (Jenkins, GitLab, CircleCI): one <testsuite> per evaluated check,
// one <testcase> per (check, resource) pair, failures as <failure>,
// suppressed and baseline pairs as <skipped>, checks that could not be
// evaluated and scan errors as <error>. The output validates against the
// common JUnit XSD (testdata/schemas/junit-10.xsd).
//
// It reads internal/finding only; internal/cli calls Write. Its siblings
// reports/sarif, reports/json and reports/table render the same report.
package junit
