// Package markdown writes a scan report as GitHub-flavoured Markdown, sized
// for a job's step summary ($GITHUB_STEP_SUMMARY) or a pull-request comment.
//
// The summary leads with the verdict, then totals of failing findings by
// severity and the counts of suppressed, unknown, baseline and errored
// results; one table per check that has failures; and collapsed <details>
// sections for suppressed findings, undecided (unknown) findings, checks that
// could not be evaluated, and diagnostics.
//
// Output is deterministic (checks by severity then ID, findings in the
// canonical order of internal/finding), every piece of user-controlled text
// is escaped so that it cannot break a table or inject HTML, and the output
// is bounded: tables stop after a row limit and the whole document after a
// byte budget, with a note saying how many rows were left out. GitHub caps a
// step summary at 1 MiB.
//
// Neighbours: internal/finding defines the Report this package renders;
// internal/cli selects this writer for `--format markdown`. The sibling
// writers reports/sarif, reports/junit, reports/json and reports/table render
// the same Report in other formats.
package markdown
