// Package cifiles has no code: its tests guard the files users copy into
// their CI — the composite action (action.yml and scripts/action-run.sh),
// this repository's workflows, the examples under examples/, the pre-commit
// hook, and the GoReleaser and golangci-lint configurations.
//
// The tests parse every such YAML file, check that action.yml declares the
// inputs and outputs docs/ci.md documents, run scripts/action-run.sh against
// a fake kansa executable, and, with KANSA_ACTIONLINT=1, lint the workflows
// with the actionlint pinned in go.mod.
//
// Neighbours: the real end-to-end run of the action lives in the `action`
// job of .github/workflows/ci.yml; reports/markdown writes the summary the
// action appends to the step summary.
package cifiles
