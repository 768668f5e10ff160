package engine

import (
	"context"
	"io/fs"
	"path"
	"strings"
	"testing"

	"github.com/kansa-sec/kansa/policies"
)

// TestCoverageReported: a coverage run reports every shipped policy file
// (and no test file), and the Alibaba Cloud checks are fully covered by
// their tests.
func TestCoverageReported(t *testing.T) {
	e := newTestEngine(t, Options{})
	rep, err := e.TestWith(context.Background(), TestOptions{Coverage: true})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Coverage == nil || len(rep.Results) == 0 {
		t.Fatalf("report = %+v", rep)
	}
	byFile := map[string]FileCoverage{}
	for _, f := range rep.Coverage.Files {
		byFile[f.File] = f
		if strings.HasSuffix(f.File, "_test.rego") {
			t.Errorf("test file %s in the coverage report", f.File)
		}
	}
	err = fs.WalkDir(policies.FS(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || path.Ext(p) != ".rego" || strings.HasSuffix(p, "_test.rego") {
			return err
		}
		f, ok := byFile["policies/"+p]
		switch {
		case !ok:
			t.Errorf("policies/%s: no coverage reported", p)
		case strings.HasPrefix(p, "alicloud/") && f.Percent < 100:
			t.Errorf("policies/%s: %.1f%% covered, lines %v not evaluated by any test", p, f.Percent, f.NotCovered)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Coverage.Percent <= 0 || rep.Coverage.CoveredLines == 0 {
		t.Errorf("coverage = %+v", rep.Coverage)
	}
	t.Logf("policy coverage %.1f%% (%d of %d lines)", rep.Coverage.Percent, rep.Coverage.CoveredLines, rep.Coverage.CoveredLines+rep.Coverage.NotCoveredLines)
}
