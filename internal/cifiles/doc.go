// Package cifiles has no code: its tests guard the files users copy into
// their CI — the composite action (action.yml and scripts/action-run.sh),
// this repository's workflows, the examples under examples/, the pre-commit
// hook, and the GoReleaser and golangci-lint configurations.
//
// The tests parse every such YAML file, check that action.yml declares the
// inputs and outputs docs/ci.md documents, run scripts/action-run.sh against
// a fake kansa executable (every argument it passes), run it end to end
// with kansa built from this tree on every example under testdata/examples
// (the summary, outputs, SARIF and JUnit a workflow gets; skipped with
// -short), and, with KANSA_ACTIONLINT=1, lint the workflows with the
// actionlint pinned in go.mod.
//
// Neighbours: the run of the action on a real runner lives in the `action`
// job of .github/workflows/ci.yml; reports/markdown writes the summary the
// action appends to the step summary; reports/sarif/sariftest and
// reports/junit/junittest hold the report checks the end-to-end test shares
// with the writers' own tests.
package cifiles
