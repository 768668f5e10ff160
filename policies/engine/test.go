package engine

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/open-policy-agent/opa/v1/cover"
	"github.com/open-policy-agent/opa/v1/tester"
)

// TestResult is the outcome of one Rego unit test (a test_* rule).
type TestResult struct {
	// Package is the test's package ("kansa.aws.ec2.sg_no_public_ssh_test").
	Package string `json:"package"`
	// Name is the rule name ("test_fail_ipv4_world").
	Name string `json:"name"`
	// File and Line locate the test.
	File string `json:"file"`
	Line int    `json:"line"`
	// Status is "pass", "fail", "error" or "skip".
	Status string `json:"status"`
	// Error explains an "error" status.
	Error    string        `json:"error,omitempty"`
	Duration time.Duration `json:"duration"`
	// Output holds what the test printed with print().
	Output string `json:"output,omitempty"`
}

// TestOptions configures TestWith.
type TestOptions struct {
	// Coverage records which lines of the policies (not of the _test.rego
	// files) the tests evaluate, the way `opa test --coverage` does.
	Coverage bool
}

// TestReport is the outcome of a TestWith run.
type TestReport struct {
	// Results holds one entry per test, sorted by file and line.
	Results []TestResult `json:"results"`
	// Coverage is set when TestOptions.Coverage asked for it.
	Coverage *Coverage `json:"coverage,omitempty"`
}

// Coverage says which lines of the policy files the tests evaluated.
type Coverage struct {
	// Percent is covered lines over lines that count, 0-100.
	Percent         float64 `json:"percent"`
	CoveredLines    int     `json:"covered_lines"`
	NotCoveredLines int     `json:"not_covered_lines"`
	// Files holds every policy file (built-in and custom, tests excluded),
	// sorted by name.
	Files []FileCoverage `json:"files"`
}

// FileCoverage is the coverage of one policy file.
type FileCoverage struct {
	File            string  `json:"file"`
	Percent         float64 `json:"percent"`
	CoveredLines    int     `json:"covered_lines"`
	NotCoveredLines int     `json:"not_covered_lines"`
	// NotCovered lists the line ranges no test evaluated.
	NotCovered []LineRange `json:"not_covered,omitempty"`
}

// LineRange is an inclusive range of 1-based lines.
type LineRange struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Test runs the Rego unit tests (_test.rego files) of the built-in policies
// and of the custom directories the engine was created with, compiled like
// the policies themselves (strict, same capabilities, data.kansa.config
// set). Results are sorted by file and line. The error reports a policy set
// that does not compile; failing tests are results, not errors.
func (e *Engine) Test(ctx context.Context) ([]TestResult, error) {
	rep, err := e.TestWith(ctx, TestOptions{})
	return rep.Results, err
}

// TestWith is Test with options: with Coverage it also reports which lines
// of the policies the tests evaluated.
func (e *Engine) TestWith(ctx context.Context, opts TestOptions) (TestReport, error) {
	if err := e.tests(); err != nil {
		return TestReport{}, fmt.Errorf("load policy tests: %w", err)
	}
	runner := tester.NewRunner().
		SetCompiler(e.newCompiler()).
		SetModules(e.moduleMap(true)).
		SetStore(e.store()).
		CapturePrintOutput(true).
		SetTimeout(30 * time.Second)
	var cov *cover.Cover
	if opts.Coverage {
		cov = cover.New()
		runner.SetCoverageQueryTracer(cov)
	}
	ch, err := runner.RunTests(ctx, nil)
	if err != nil {
		return TestReport{}, fmt.Errorf("run policy tests: %w", explainCompileErrors(err))
	}
	var out []TestResult
	for r := range ch {
		tr := TestResult{
			Package:  strings.TrimPrefix(r.Package, "data."),
			Name:     r.Name,
			Duration: r.Duration,
			Output:   string(r.Output),
		}
		if r.Location != nil {
			tr.File, tr.Line = r.Location.File, r.Location.Row
		}
		switch {
		case r.Error != nil:
			tr.Status, tr.Error = "error", r.Error.Error()
		case r.Skip:
			tr.Status = "skip"
		case r.Fail:
			tr.Status = "fail"
		default:
			tr.Status = "pass"
		}
		out = append(out, tr)
	}
	if err := ctx.Err(); err != nil {
		return TestReport{Results: out}, fmt.Errorf("run policy tests: %w", err)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].File != out[j].File {
			return out[i].File < out[j].File
		}
		return out[i].Line < out[j].Line
	})
	rep := TestReport{Results: out}
	if cov != nil {
		rep.Coverage = coverageOf(cov.Report(e.moduleMap(false)))
	}
	return rep, nil
}

// coverageOf keeps the policy files of an OPA coverage report (the report
// also lists the test files the tracer saw) and totals them.
func coverageOf(r cover.Report) *Coverage {
	c := &Coverage{Files: []FileCoverage{}}
	for name, fr := range r.Files {
		if strings.HasSuffix(name, "_test.rego") {
			continue
		}
		f := FileCoverage{File: name, CoveredLines: fr.CoveredLines, NotCoveredLines: fr.NotCoveredLines, Percent: fr.Coverage}
		if fr.CoveredLines+fr.NotCoveredLines == 0 {
			f.Percent = 100
		}
		for _, rg := range fr.NotCovered {
			f.NotCovered = append(f.NotCovered, LineRange{Start: rg.Start.Row, End: rg.End.Row})
		}
		c.CoveredLines += f.CoveredLines
		c.NotCoveredLines += f.NotCoveredLines
		c.Files = append(c.Files, f)
	}
	sort.Slice(c.Files, func(i, j int) bool { return c.Files[i].File < c.Files[j].File })
	c.Percent = 100
	if total := c.CoveredLines + c.NotCoveredLines; total > 0 {
		c.Percent = 100 * float64(c.CoveredLines) / float64(total)
	}
	return c
}
