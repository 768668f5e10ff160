package engine

import (
	"context"
	"testing"
)

// TestRegoUnitTests runs every _test.rego of the built-in policies through
// OPA's tester and fails on any failing or erroring Rego test.
func TestRegoUnitTests(t *testing.T) {
	e := newTestEngine(t, Options{})
	results, err := e.Test(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(results) == 0 {
		t.Fatal("no Rego tests ran")
	}
	for _, r := range results {
		if r.Status != "pass" {
			t.Errorf("%s:%d %s.%s: %s %s %s", r.File, r.Line, r.Package, r.Name, r.Status, r.Error, r.Output)
		}
	}
	t.Logf("%d Rego tests", len(results))
}
