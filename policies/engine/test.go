package engine

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

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

// Test runs the Rego unit tests (_test.rego files) of the built-in policies
// and of the custom directories the engine was created with, compiled like
// the policies themselves (strict, same capabilities, data.kansa.config
// set). Results are sorted by file and line. The error reports a policy set
// that does not compile; failing tests are results, not errors.
func (e *Engine) Test(ctx context.Context) ([]TestResult, error) {
	runner := tester.NewRunner().
		SetCompiler(e.newCompiler()).
		SetModules(e.moduleMap(true)).
		SetStore(e.store()).
		CapturePrintOutput(true).
		SetTimeout(30 * time.Second)
	ch, err := runner.RunTests(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("run policy tests: %w", explainCompileErrors(err))
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
		return out, fmt.Errorf("run policy tests: %w", err)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].File != out[j].File {
			return out[i].File < out[j].File
		}
		return out[i].Line < out[j].Line
	})
	return out, nil
}
