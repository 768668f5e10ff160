package cifiles

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"net/url"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	// The test builds ./cmd/kansa in a subprocess, which go test's result
	// cache cannot see: importing the CLI makes this test binary, and so
	// the cached result, change whenever kansa's code does.
	_ "github.com/kansa-sec/kansa/internal/cli"
	"github.com/kansa-sec/kansa/internal/finding"
	jsonreport "github.com/kansa-sec/kansa/reports/json"
	"github.com/kansa-sec/kansa/reports/junit/junittest"
	"github.com/kansa-sec/kansa/reports/sarif"
	"github.com/kansa-sec/kansa/reports/sarif/sariftest"
)

// The GitHub context the runner gives every step; the summary links name it.
const (
	e2eServer = "https://github.com"
	e2eRepo   = "kansa-sec/kansa"
	e2eSHA    = "0123456789abcdef0123456789abcdef01234567"
)

// brokenTF has an HCL syntax error on line 2.
const brokenTF = "resource \"aws_vpc\" \"broken\" {\n  cidr_block = \n}\n"

// TestActionEndToEnd runs the action's scan step as a runner would: kansa
// built from this tree on PATH (as the install step leaves it), the step's
// env taken from action.yml with the inputs substituted, its run line
// executed by bash, on a copy of every example under testdata/examples in
// a workspace laid out like the repository. It then reads what a workflow
// gets - the exit status, the step summary, the step outputs, the SARIF
// and JUnit files - and checks them against the schemas, GitHub's
// ingestion rules and each other. What the example should contain is not
// written here: the truth is a separate `kansa scan terraform --format
// json` of the same tree.
func TestActionEndToEnd(t *testing.T) {
	if testing.Short() {
		// Building kansa takes a few seconds with a warm build cache (the
		// test about 3 s in all), 5 to 15 s after a change on a busy 2-core
		// machine, and a minute with a cold cache.
		t.Skip("builds and runs kansa: skipped with -short")
	}
	bash := lookBash(t)
	var act action
	readYAML(t, "action.yml", &act)
	step := scanStep(t, act)
	examples := exampleDirs(t)
	bin := buildKansa(t)
	schema, err := sariftest.Schema()
	if err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		name string
		// inputs override action.yml's defaults.
		inputs map[string]string
		// files are written into the workspace (path -> content).
		files map[string]string
		// broken adds a file with a syntax error to the example.
		broken bool
		// wantExit is the exit status the case must have; -1 leaves it to
		// the report (its findings and fail-on).
		wantExit int
	}{
		{name: "defaults", inputs: map[string]string{}, wantExit: 1},
		{name: "every report in a subdirectory, fail-on high", inputs: map[string]string{
			"sarif": "reports/kansa.sarif", "junit": "reports/kansa-junit.xml", "fail-on": "high", "args": "--strict-unknowns",
		}, wantExit: -1},
		{name: "fail-on none", inputs: map[string]string{"junit": "kansa.xml", "fail-on": "none"}, wantExit: 0},
		{name: "config file skips", inputs: map[string]string{"junit": "kansa.xml", "config": "ci/kansa.yaml"},
			files:    map[string]string{"ci/kansa.yaml": "skip:\n  - id: aws-vpc-flow-logs-enabled\n    resource: \"*\"\n    reason: staging VPCs are short-lived\n"},
			wantExit: -1},
		{name: "syntax error", inputs: map[string]string{"junit": "kansa.xml"}, broken: true, wantExit: 2},
		// Account-scope findings have no file; the SARIF must still be one
		// code scanning accepts.
		{name: "account checks", inputs: map[string]string{"junit": "kansa.xml", "args": "--require-account-checks"}, wantExit: -1},
	}
	for _, ex := range examples {
		for _, tt := range tests {
			t.Run(ex+"/"+tt.name, func(t *testing.T) {
				t.Parallel()
				// A blank in the workspace path, as quoting must survive one.
				ws := filepath.Join(t.TempDir(), "runner work")
				rel := "testdata/examples/" + ex
				if err := os.CopyFS(filepath.Join(ws, filepath.FromSlash(rel)), os.DirFS(filepath.Join(root, "testdata", "examples", ex))); err != nil {
					t.Fatal(err)
				}
				files := map[string]string{}
				maps.Copy(files, tt.files)
				if tt.broken {
					files[rel+"/zz_broken.tf"] = brokenTF
				}
				for name, content := range files {
					p := filepath.Join(ws, filepath.FromSlash(name))
					if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
						t.Fatal(err)
					}
					if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
						t.Fatal(err)
					}
				}
				in := inputValues(t, act, tt.inputs)
				in["path"] = rel

				truth := scanJSON(t, bin, ws, in)
				run := runStep(t, bash, bin, ws, step, in)

				// Exit status: the script passes kansa's own on, and it is what
				// the report says it must be.
				if run.exit != truth.exit {
					t.Errorf("the step exited %d, kansa itself %d\nstderr:\n%s", run.exit, truth.exit, run.stderr)
				}
				if want := truth.wantExit(t, in["fail-on"]); run.exit != want {
					t.Errorf("exit status %d, the report calls for %d", run.exit, want)
				}
				// The examples have findings on purpose (exit 1 with the
				// defaults): without them no finding row would be checked.
				if tt.wantExit >= 0 && run.exit != tt.wantExit {
					t.Errorf("example %s: exit status %d, want %d\nstderr:\n%s", ex, run.exit, tt.wantExit, run.stderr)
				}

				outs := checkOutputs(t, act, run, in)
				s := checkSARIF(t, schema, ws, outs["sarif"], rel, truth)
				checkSummary(t, run.summary, ws, rel, in["fail-on"], run.exit, truth, s)
				if in["junit"] != "" {
					checkJUnit(t, filepath.Join(ws, filepath.FromSlash(in["junit"])), truth, s)
				}
			})
		}
	}
}

// scanStepDef is the step of action.yml that runs the scan script.
type scanStepDef struct {
	env map[string]string
	run string
}

// scanStep returns the step of action.yml that runs the scan script.
func scanStep(t *testing.T, act action) scanStepDef {
	t.Helper()
	for _, s := range act.Runs.Steps {
		if s.ID != "scan" {
			continue
		}
		if s.Shell != "bash" || !strings.Contains(s.Run, "scripts/action-run.sh") {
			t.Fatalf("scan step: shell %q, run %q; want bash running scripts/action-run.sh", s.Shell, s.Run)
		}
		return scanStepDef{env: s.Env, run: s.Run}
	}
	t.Fatal("action.yml has no step with id scan")
	return scanStepDef{}
}

// exampleDirs lists the directories under testdata/examples.
func exampleDirs(t *testing.T) []string {
	t.Helper()
	entries, err := os.ReadDir(filepath.Join(root, "testdata", "examples"))
	if err != nil {
		t.Fatal(err)
	}
	var dirs []string
	for _, e := range entries {
		if e.IsDir() {
			dirs = append(dirs, e.Name())
		}
	}
	if len(dirs) == 0 {
		t.Fatal("no example under testdata/examples")
	}
	return dirs
}

// buildKansa builds ./cmd/kansa once for the whole test, offline, and
// returns the directory holding the executable.
func buildKansa(t *testing.T) string {
	t.Helper()
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go not found on PATH: cannot build kansa")
	}
	dir := t.TempDir()
	cmd := exec.CommandContext(t.Context(), gobin, "build", "-buildvcs=false", "-ldflags=-s -w", "-o", filepath.Join(dir, "kansa"), "./cmd/kansa")
	cmd.Dir = root
	// The module cache must already hold every dependency (go vet ./...,
	// go mod download): the test never reaches the network.
	cmd.Env = append(os.Environ(), "GOPROXY=off", "GOTOOLCHAIN=local")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build ./cmd/kansa: %v\n%s", err, out)
	}
	return dir
}

// inputValues returns every input of action.yml: its default, or the
// value given.
func inputValues(t *testing.T, act action, given map[string]string) map[string]string {
	t.Helper()
	in := map[string]string{}
	for name, spec := range act.Inputs {
		if spec.Default != nil {
			in[name] = *spec.Default
		}
	}
	for name, v := range given {
		if _, ok := act.Inputs[name]; !ok {
			t.Fatalf("action.yml has no input %q", name)
		}
		in[name] = v
	}
	return in
}

// inputRef is how the scan step's env names an input.
var inputRef = regexp.MustCompile(`^\$\{\{\s*inputs\.([a-z-]+)\s*\}\}$`)

// stepRun is what one run of the scan step left.
type stepRun struct {
	exit            int
	stderr          string
	summary, output string
}

// runStep runs the scan step in workspace ws with kansa from bin on PATH.
func runStep(t *testing.T, bash, bin, ws string, step scanStepDef, in map[string]string) stepRun {
	t.Helper()
	dir := filepath.Dir(ws)
	summary := filepath.Join(dir, "step_summary.md")
	output := filepath.Join(dir, "output")
	// Earlier steps of the job wrote to both files already.
	const earlierSummary, earlierOutput = "# earlier step\n\n", "other=1\n"
	if err := os.WriteFile(summary, []byte(earlierSummary), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(output, []byte(earlierOutput), 0o644); err != nil {
		t.Fatal(err)
	}
	actionPath, err := filepath.Abs(root)
	if err != nil {
		t.Fatal(err)
	}
	// A clean environment, as on a runner: nothing of the test's own
	// (possibly GitHub Actions) environment leaks in.
	env := []string{
		"PATH=" + bin + string(os.PathListSeparator) + os.Getenv("PATH"),
		"HOME=" + dir,
		"CI=true",
		"GITHUB_ACTIONS=true",
		"GITHUB_WORKSPACE=" + ws,
		"GITHUB_ACTION_PATH=" + actionPath,
		"GITHUB_STEP_SUMMARY=" + summary,
		"GITHUB_OUTPUT=" + output,
		"GITHUB_SERVER_URL=" + e2eServer,
		"GITHUB_REPOSITORY=" + e2eRepo,
		"GITHUB_SHA=" + e2eSHA,
	}
	for k, v := range step.env {
		m := inputRef.FindStringSubmatch(v)
		if m == nil {
			t.Fatalf("scan step env %s=%q is not an input", k, v)
		}
		val, ok := in[m[1]]
		if !ok {
			t.Fatalf("scan step env %s names input %q, which action.yml lacks", k, m[1])
		}
		env = append(env, k+"="+val)
	}
	// The runner writes a bash step's run text to a file and runs
	// `bash --noprofile --norc -eo pipefail FILE` in the workspace.
	script := filepath.Join(dir, "step.sh")
	if err := os.WriteFile(script, []byte(step.run), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.CommandContext(t.Context(), bash, "--noprofile", "--norc", "-eo", "pipefail", script)
	cmd.Dir = ws
	cmd.Env = env
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	exit := exitCode(t, cmd.Run())
	if stdout.Len() != 0 {
		t.Errorf("the step wrote to stdout instead of the summary:\n%s", stdout.String())
	}
	r := stepRun{exit: exit, stderr: stderr.String()}
	var ok bool
	if r.summary, ok = strings.CutPrefix(readFile(t, summary), earlierSummary); !ok {
		t.Errorf("the step summary of earlier steps was overwritten")
	}
	if r.output, ok = strings.CutPrefix(readFile(t, output), earlierOutput); !ok {
		t.Errorf("the outputs of earlier steps were overwritten")
	}
	return r
}

func exitCode(t *testing.T, err error) int {
	t.Helper()
	if ee := (*exec.ExitError)(nil); errors.As(err, &ee) {
		return ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return 0
}

// truth is an independent JSON scan of the same tree.
type truth struct {
	exit   int
	doc    jsonreport.Document
	report *finding.Report
}

// scanJSON runs kansa itself with the inputs' path, fail-on, config and
// args and reads its JSON report.
func scanJSON(t *testing.T, bin, ws string, in map[string]string) truth {
	t.Helper()
	args := []string{"scan", "terraform", "--format", "json", "--fail-on", in["fail-on"]}
	if in["config"] != "" {
		args = append(args, "--config", in["config"])
	}
	args = append(args, strings.Fields(in["args"])...)
	args = append(args, in["path"])
	cmd := exec.CommandContext(t.Context(), filepath.Join(bin, "kansa"), args...)
	cmd.Dir = ws
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + filepath.Dir(ws)}
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	tr := truth{exit: exitCode(t, cmd.Run())}
	if err := json.Unmarshal(stdout.Bytes(), &tr.doc); err != nil {
		t.Fatalf("kansa %s: no JSON report: %v\n%s", strings.Join(args, " "), err, stderr.String())
	}
	r, err := jsonreport.Read(bytes.NewReader(stdout.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	tr.report = r
	return tr
}

// errorDiagnostics counts the report's error diagnostics.
func (tr truth) errorDiagnostics() int {
	n := 0
	for _, d := range tr.report.Diagnostics {
		if d.Severity == "error" {
			n++
		}
	}
	return n
}

// counting is the number of failures at or above failOn.
func (tr truth) counting(t *testing.T, failOn string) int {
	t.Helper()
	threshold, err := finding.ParseSeverity(failOn)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, f := range tr.report.Findings {
		if f.Counts(threshold) {
			n++
		}
	}
	return n
}

// wantExit is the exit status the report calls for.
func (tr truth) wantExit(t *testing.T, failOn string) int {
	t.Helper()
	switch {
	case tr.errorDiagnostics() > 0:
		return 2
	case tr.counting(t, failOn) > 0:
		return 1
	}
	return 0
}

// byStatus returns the findings with status st.
func (tr truth) byStatus(st finding.Status) []finding.Finding {
	var out []finding.Finding
	for _, f := range tr.report.Findings {
		if f.Status == st {
			out = append(out, f)
		}
	}
	return out
}

// line is a finding's line as every report shows it: the attribute's, else
// the resource's.
func line(f finding.Finding) int {
	if f.StartLine > 0 {
		return f.StartLine
	}
	return f.Resource.StartLine
}

// checkOutputs reads $GITHUB_OUTPUT: every output action.yml declares is
// set once, and agrees with the inputs and the exit status.
func checkOutputs(t *testing.T, act action, run stepRun, in map[string]string) map[string]string {
	t.Helper()
	got := map[string]string{}
	sc := bufio.NewScanner(strings.NewReader(run.output))
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), "=")
		if !ok || strings.Contains(k, "<<") {
			t.Errorf("output line %q is not NAME=VALUE", sc.Text())
			continue
		}
		if _, dup := got[k]; dup {
			t.Errorf("output %s set twice", k)
		}
		got[k] = v
	}
	ref := regexp.MustCompile(`^\$\{\{\s*steps\.scan\.outputs\.([a-z-]+)\s*\}\}$`)
	for name, o := range act.Outputs {
		m := ref.FindStringSubmatch(o.Value)
		if m == nil {
			t.Errorf("output %s: value %q is not an output of the scan step", name, o.Value)
			continue
		}
		if _, ok := got[m[1]]; !ok {
			t.Errorf("output %s: the step did not set %s\n%s", name, m[1], run.output)
		}
	}
	if got["exit-code"] != strconv.Itoa(run.exit) {
		t.Errorf("output exit-code=%q, the step exited %d", got["exit-code"], run.exit)
	}
	if got["sarif"] != in["sarif"] {
		t.Errorf("output sarif=%q, input sarif %q", got["sarif"], in["sarif"])
	}
	return got
}

// sarifLog is what the checks below read of the SARIF file.
type sarifLog struct {
	Runs []struct {
		Tool struct {
			Driver struct {
				Rules []struct {
					ID         string
					Properties struct {
						SecuritySeverity string `json:"security-severity"`
					}
				}
			}
		}
		Invocations []struct {
			ExecutionSuccessful        bool
			ToolExecutionNotifications []struct{ Level string }
		}
		Results []sarifResult
	}
}

type sarifResult struct {
	RuleID    string
	RuleIndex int
	Locations []struct {
		PhysicalLocation *struct {
			ArtifactLocation struct{ URI, URIBaseID string }
			Region           struct{ StartLine, EndLine int }
		}
		LogicalLocations []struct{ FullyQualifiedName string }
	}
	PartialFingerprints map[string]string
	Suppressions        []struct{ Kind string }
	// status is the JSON report's status of the same finding.
	status finding.Status
	// severity is what GitHub shows, from the rule's security-severity.
	severity finding.Severity
}

// file is the result's file path in the repository, unescaped.
func (r sarifResult) file(t *testing.T) (string, int) {
	t.Helper()
	if len(r.Locations) == 0 || r.Locations[0].PhysicalLocation == nil {
		return "", 0
	}
	pl := r.Locations[0].PhysicalLocation
	p, err := url.PathUnescape(pl.ArtifactLocation.URI)
	if err != nil {
		t.Errorf("uri %q: %v", pl.ArtifactLocation.URI, err)
	}
	return p, pl.Region.StartLine
}

func (r sarifResult) identity() string {
	if len(r.Locations) == 0 || len(r.Locations[0].LogicalLocations) == 0 {
		return ""
	}
	return r.Locations[0].LogicalLocations[0].FullyQualifiedName
}

// checkSARIF validates the file the step left and matches every result
// with a finding of the JSON report. It returns the results.
func checkSARIF(t *testing.T, schema *jsonschema.Schema, ws, name, rel string, tr truth) []sarifResult {
	t.Helper()
	if name == "" {
		return nil
	}
	b, err := os.ReadFile(filepath.Join(ws, filepath.FromSlash(name)))
	if err != nil {
		t.Fatalf("SARIF file named by the outputs: %v", err)
	}
	if err := sariftest.Validate(schema, b); err != nil {
		t.Error(err)
	}
	if err := sariftest.CheckGitHub(b); err != nil {
		t.Errorf("GitHub would not ingest the SARIF file:\n%v", err)
	}
	var l sarifLog
	if err := json.Unmarshal(b, &l); err != nil {
		t.Fatal(err)
	}
	if len(l.Runs) != 1 {
		t.Fatalf("%d runs, want 1", len(l.Runs))
	}
	run := l.Runs[0]
	if got, want := len(run.Tool.Driver.Rules), len(tr.doc.Checks); got != want {
		t.Errorf("SARIF has %d rules, the JSON report %d checks", got, want)
	}

	// Results match the JSON report's findings one to one by fingerprint.
	byPrint := map[string][]finding.Finding{}
	want := 0
	for _, f := range tr.report.Findings {
		if f.Status == finding.StatusPass || f.Status == finding.StatusError {
			continue
		}
		want++
		fp := sarif.Fingerprint(f)
		byPrint[fp] = append(byPrint[fp], f)
	}
	if len(run.Results) != want {
		t.Errorf("SARIF has %d results, the JSON report %d findings that are neither passes nor errors", len(run.Results), want)
	}
	for i := range run.Results {
		r := &run.Results[i]
		fp := r.PartialFingerprints[sarif.FingerprintKey]
		fs := byPrint[fp]
		if len(fs) == 0 {
			t.Errorf("SARIF result %s on %s matches no finding of the JSON report", r.RuleID, r.identity())
			continue
		}
		f := fs[0]
		byPrint[fp] = fs[1:]
		r.status = f.Status
		file, start := r.file(t)
		if f.Resource.File == "" {
			// A finding without a file (an account-scope check) gets the
			// synthetic location the action asks for, so GitHub accepts the
			// upload; it names no file of the repository.
			pl := r.Locations[0].PhysicalLocation
			if want := sarif.LiveURI(f.Resource); file != want || start != 1 || pl == nil || pl.ArtifactLocation.URIBaseID != "" {
				t.Errorf("SARIF result %s on %s at %s:%d, want the synthetic location %s:1 without a base", r.RuleID, r.identity(), file, start, want)
			}
			id := f.Resource.Identity()
			if id == "" {
				id = f.Resource.Type // the account a check on code is about has no identity
			}
			if r.RuleID != f.CheckID || r.identity() != id {
				t.Errorf("SARIF result %s %s; the JSON report has %s %s", r.RuleID, r.identity(), f.CheckID, id)
			}
			continue
		}
		wantFile := path.Join(rel, f.Resource.File)
		if r.RuleID != f.CheckID || r.identity() != f.Resource.Identity() || file != wantFile || start != line(f) {
			t.Errorf("SARIF result %s %s at %s:%d; the JSON report has %s %s at %s:%d",
				r.RuleID, r.identity(), file, start, f.CheckID, f.Resource.Identity(), wantFile, line(f))
		}
		if (len(r.Suppressions) > 0) != (f.Status == finding.StatusSuppressed) {
			t.Errorf("SARIF result %s on %s: suppressions %v, JSON status %s", r.RuleID, r.identity(), r.Suppressions, f.Status)
		}
		// Code scanning resolves %SRCROOT% to the repository root: the file
		// must be there, and the line in it.
		if pl := r.Locations[0].PhysicalLocation; pl != nil && pl.ArtifactLocation.URIBaseID != sariftest.SrcRoot {
			t.Errorf("SARIF result %s: uriBaseId %q, want %s", r.RuleID, pl.ArtifactLocation.URIBaseID, sariftest.SrcRoot)
		}
		if n, err := countLines(filepath.Join(ws, filepath.FromSlash(file))); err != nil {
			t.Errorf("SARIF result %s: %s is not in the repository: %v", r.RuleID, file, err)
		} else if start < 1 || start > n {
			t.Errorf("SARIF result %s: line %d of %s, which has %d lines", r.RuleID, start, file, n)
		}
	}

	if len(run.Invocations) != 1 {
		t.Fatalf("%d invocations, want 1", len(run.Invocations))
	}
	inv := run.Invocations[0]
	errs := tr.errorDiagnostics() + len(tr.byStatus(finding.StatusError))
	notes := 0
	for _, n := range inv.ToolExecutionNotifications {
		if n.Level == "error" {
			notes++
		}
	}
	if notes != errs {
		t.Errorf("SARIF has %d error notifications, the JSON report %d errors", notes, errs)
	}
	if inv.ExecutionSuccessful != (tr.errorDiagnostics() == 0) {
		t.Errorf("executionSuccessful %v with %d error diagnostics", inv.ExecutionSuccessful, tr.errorDiagnostics())
	}
	// The severity GitHub shows for each failing result, from its rule.
	for i := range run.Results {
		r := &run.Results[i]
		if r.RuleIndex < 0 || r.RuleIndex >= len(run.Tool.Driver.Rules) {
			continue // CheckGitHub said so
		}
		r.severity = githubSeverity(run.Tool.Driver.Rules[r.RuleIndex].Properties.SecuritySeverity)
	}
	return run.Results
}

// githubSeverity maps a security-severity score to the severity GitHub
// code scanning shows: over 9.0 critical, 7.0 to 8.9 high, 4.0 to 6.9
// medium, 0.1 to 3.9 low.
func githubSeverity(score string) finding.Severity {
	v, err := strconv.ParseFloat(score, 64)
	switch {
	case err != nil:
		return finding.SeverityNone
	case v > 9.0:
		return finding.SeverityCritical
	case v >= 7.0:
		return finding.SeverityHigh
	case v >= 4.0:
		return finding.SeverityMedium
	case v > 0:
		return finding.SeverityLow
	}
	return finding.SeverityNone
}

// countLines counts the lines of file p.
func countLines(p string) (int, error) {
	b, err := os.ReadFile(p)
	if err != nil {
		return 0, err
	}
	return bytes.Count(b, []byte("\n")) + 1, nil
}

// Patterns of the Markdown summary (reports/markdown).
var (
	mdTitle   = regexp.MustCompile(`^## (\S+) kansa: (passed|failed|scan error) — (.*)$`)
	mdHead    = regexp.MustCompile("^Target: `([^`]*)` · (\\d+) checks? evaluated · fail-on: (\\w+)$")
	mdTotals  = regexp.MustCompile(`^\| (\d+) \| (\d+) \| (\d+) \| (\d+) \| (\d+) \|$`)
	mdCounts  = regexp.MustCompile(`^(\d+) passed · (\d+) suppressed · (\d+) unknown · (\d+) baseline · (\d+) not evaluated · (\d+) diagnostics?$`)
	mdCheck   = regexp.MustCompile("^### `([^`]+)` · (\\w+) · (.*) \\((\\d+)\\)$")
	mdFailRow = regexp.MustCompile("^\\| `([^`]+)` \\| \\[([^\\]]+):(\\d+)\\]\\(([^)]*)\\) \\| (.*) \\|$")
	// A finding without a file (account scope) has an empty location cell.
	mdFilelessRow = regexp.MustCompile("^\\| `([^`]+)` \\|  \\| (.*) \\|$")
	mdDetails     = regexp.MustCompile(`^<details( open)?><summary>(.*) \((\d+)\)</summary>$`)
	mdLink        = regexp.MustCompile(`\]\(([^)#]+)#L(\d+)\)`)
	mdNumber      = regexp.MustCompile(`^(\d+) (?:finding|findings|error|errors)\b`)
	mdUnescape    = regexp.MustCompile(`\\([!-/:-@\[-` + "`" + `{-~])`)
	mdAddress     = regexp.MustCompile(`(?:^|\.)([a-z0-9_]+)\.([A-Za-z0-9_-]+)(?:\[[^\]]*\])?$`)
)

// row is a failing finding as the summary shows it.
type row struct {
	check, resource, file string
	line                  int
	link                  string
}

// checkSummary parses the Markdown the step appended to the job summary
// and compares every number and row with the JSON report and the SARIF
// results.
func checkSummary(t *testing.T, md, ws, rel, failOn string, exit int, tr truth, results []sarifResult) {
	t.Helper()
	lines := strings.Split(md, "\n")
	atoi := func(s string) int {
		n, err := strconv.Atoi(s)
		if err != nil {
			t.Fatalf("summary: %q is not a number", s)
		}
		return n
	}
	fails := tr.byStatus(finding.StatusFail)

	// Title: the verdict, matching the exit status.
	m := mdTitle.FindStringSubmatch(lines[0])
	if m == nil {
		t.Fatalf("summary does not start with a kansa title:\n%s", md)
	}
	wantVerdict := map[int]string{0: "passed", 1: "failed", 2: "scan error"}[exit]
	if m[2] != wantVerdict {
		t.Errorf("summary title %q, exit status %d", lines[0], exit)
	}
	if n := mdNumber.FindStringSubmatch(m[3]); exit != 0 {
		want := tr.counting(t, failOn)
		if exit == 2 {
			want = tr.errorDiagnostics()
		}
		if n == nil || atoi(n[1]) != want {
			t.Errorf("summary title %q: want %d", lines[0], want)
		}
	}

	var head, totals, counts []string
	var checks []row
	headings := map[string]int{}
	details := map[string]int{}
	detailRows := map[string]int{}
	section, detail := "", ""
	for _, l := range lines[1:] {
		switch {
		case mdHead.MatchString(l):
			head = mdHead.FindStringSubmatch(l)
		case mdTotals.MatchString(l):
			totals = mdTotals.FindStringSubmatch(l)
		case mdCounts.MatchString(l):
			counts = mdCounts.FindStringSubmatch(l)
		case mdCheck.MatchString(l):
			h := mdCheck.FindStringSubmatch(l)
			section = h[1]
			headings[section] = atoi(h[4])
			checkHeading(t, h, tr)
		case mdDetails.MatchString(l):
			d := mdDetails.FindStringSubmatch(l)
			detail, section = d[2], ""
			details[detail] = atoi(d[3])
		case l == "</details>":
			detail = ""
		case strings.HasPrefix(l, "| ") && !strings.HasPrefix(l, "| resource |") && !strings.HasPrefix(l, "| check |") && !strings.HasPrefix(l, "| severity |"):
			switch {
			case section != "":
				if r := mdFilelessRow.FindStringSubmatch(l); r != nil {
					checks = append(checks, row{check: section, resource: r[1]})
					continue
				}
				r := mdFailRow.FindStringSubmatch(l)
				if r == nil {
					t.Errorf("summary row not understood: %s", l)
					continue
				}
				checks = append(checks, row{check: section, resource: r[1], file: unescape(r[2]), line: atoi(r[3]), link: r[4]})
			case detail != "":
				detailRows[detail]++
			}
		case l == "":
		default:
			if strings.HasPrefix(l, "#") {
				section = ""
			}
		}
	}
	if head == nil || totals == nil || counts == nil {
		t.Fatalf("summary lacks the head line, the totals or the counts:\n%s", md)
	}

	// Head: target, checks, fail-on.
	if head[1] != tr.doc.Target || atoi(head[2]) != len(tr.doc.Checks) || head[3] != failOn {
		t.Errorf("summary head %q; JSON target %q, %d checks, fail-on %s", head[0], tr.doc.Target, len(tr.doc.Checks), failOn)
	}

	// Totals by severity: the JSON summary, the JSON findings and the SARIF
	// results (by the severity GitHub derives from security-severity).
	var jsonCount, sarifCount [finding.SeverityCritical + 1]int
	for _, f := range fails {
		jsonCount[f.Severity]++
	}
	for _, r := range results {
		if r.status == finding.StatusFail {
			sarifCount[r.severity]++
		}
	}
	sev := tr.doc.Summary.FailBySeverity
	got := []int{atoi(totals[1]), atoi(totals[2]), atoi(totals[3]), atoi(totals[4]), atoi(totals[5])}
	fromJSON := []int{len(fails), jsonCount[finding.SeverityCritical], jsonCount[finding.SeverityHigh], jsonCount[finding.SeverityMedium], jsonCount[finding.SeverityLow]}
	fromSummary := []int{tr.doc.Summary.ByStatus.Fail, sev.Critical, sev.High, sev.Medium, sev.Low}
	if !slices.Equal(got, fromJSON) || !slices.Equal(got, fromSummary) {
		t.Errorf("summary totals (failing, critical, high, medium, low) %v; JSON findings %v, JSON summary %v", got, fromJSON, fromSummary)
	}
	if results != nil {
		fromSARIF := []int{0, sarifCount[finding.SeverityCritical], sarifCount[finding.SeverityHigh], sarifCount[finding.SeverityMedium], sarifCount[finding.SeverityLow]}
		for _, n := range fromSARIF[1:] {
			fromSARIF[0] += n
		}
		if !slices.Equal(got, fromSARIF) {
			t.Errorf("summary totals %v; SARIF failing results by GitHub severity %v", got, fromSARIF)
		}
	}

	// The other counts.
	bs := tr.doc.Summary.ByStatus
	gotCounts := []int{atoi(counts[1]), atoi(counts[2]), atoi(counts[3]), atoi(counts[4]), atoi(counts[5]), atoi(counts[6])}
	wantCounts := []int{bs.Pass, bs.Suppressed, bs.Unknown, bs.Baseline, bs.Error, len(tr.doc.Errors)}
	recount := []int{len(tr.byStatus(finding.StatusPass)), len(tr.byStatus(finding.StatusSuppressed)), len(tr.byStatus(finding.StatusUnknown)),
		len(tr.byStatus(finding.StatusBaseline)), len(tr.byStatus(finding.StatusError)), len(tr.report.Diagnostics)}
	if !slices.Equal(gotCounts, wantCounts) || !slices.Equal(gotCounts, recount) {
		t.Errorf("summary %q; JSON summary %v, JSON findings %v", counts[0], wantCounts, recount)
	}
	for name, want := range map[string]int{"Suppressed findings": bs.Suppressed, "Diagnostics": len(tr.doc.Errors)} {
		if details[name] != want || detailRows[name] != want {
			t.Errorf("summary section %q says %d and has %d rows, want %d", name, details[name], detailRows[name], want)
		}
	}

	// Every file link, of any table, opens a file of the repository at a
	// line it has.
	links := mdLink.FindAllStringSubmatch(md, -1)
	withFile := 0
	for _, f := range fails {
		if f.Resource.File != "" {
			withFile++
		}
	}
	if len(links) < withFile {
		t.Errorf("summary has %d file links for %d failing findings in files", len(links), withFile)
	}
	base := e2eServer + "/" + e2eRepo + "/blob/" + e2eSHA + "/"
	for _, l := range links {
		p, ok := strings.CutPrefix(l[1], base)
		if !ok {
			t.Errorf("summary link %s is not under %s", l[1], base)
			continue
		}
		file, err := url.PathUnescape(p)
		if err != nil {
			t.Errorf("summary link %s: %v", l[1], err)
			continue
		}
		n, err := countLines(filepath.Join(ws, filepath.FromSlash(file)))
		if err != nil {
			t.Errorf("summary link %s: not a file of the repository: %v", l[0], err)
		} else if at := atoi(l[2]); at < 1 || at > n {
			t.Errorf("summary link %s: line %d of %d", l[0], at, n)
		}
	}

	// One row per failing finding, naming its resource and file:line.
	var gotRows, wantRows []string
	perCheck := map[string]int{}
	for _, r := range checks {
		gotRows = append(gotRows, fmt.Sprintf("%s %s %s:%d", r.check, r.resource, r.file, r.line))
		perCheck[r.check]++
		if r.file != "" {
			checkRow(t, r, ws, rel, results)
		}
	}
	for _, f := range fails {
		id := f.Resource.Identity()
		if id == "" {
			id = f.Resource.Type // an account-scope finding on code names its account type
		}
		wantRows = append(wantRows, fmt.Sprintf("%s %s %s:%d", f.CheckID, id, f.Resource.File, line(f)))
	}
	slices.Sort(gotRows)
	slices.Sort(wantRows)
	if !slices.Equal(gotRows, wantRows) {
		t.Errorf("summary rows:\n%s\nJSON failing findings:\n%s", strings.Join(gotRows, "\n"), strings.Join(wantRows, "\n"))
	}
	for check, n := range headings {
		if perCheck[check] != n {
			t.Errorf("summary heading of %s counts %d, the table has %d rows", check, n, perCheck[check])
		}
	}
}

// checkHeading compares a check's heading with the JSON report.
func checkHeading(t *testing.T, h []string, tr truth) {
	t.Helper()
	worst := finding.SeverityNone
	for _, f := range tr.byStatus(finding.StatusFail) {
		if f.CheckID == h[1] {
			worst = max(worst, f.Severity)
		}
	}
	title := ""
	for _, c := range tr.doc.Checks {
		if c.ID == h[1] {
			title = c.Title
		}
	}
	if h[2] != worst.String() || unescape(h[3]) != title {
		t.Errorf("summary heading %q; JSON: severity %s, title %q", h[0], worst, title)
	}
}

// checkRow follows a row's link into the workspace: the file is there, the
// line is in it, the resource's block starts at or above it, and SARIF
// puts a result of the same check on the same resource at the same place.
func checkRow(t *testing.T, r row, ws, rel string, results []sarifResult) {
	t.Helper()
	repoFile := path.Join(rel, r.file)
	base := e2eServer + "/" + e2eRepo + "/blob/" + e2eSHA + "/"
	if want := base + escapeSegments(repoFile) + "#L" + strconv.Itoa(r.line); r.link != want {
		t.Errorf("summary link %s, want %s", r.link, want)
	}
	b, err := os.ReadFile(filepath.Join(ws, filepath.FromSlash(repoFile)))
	if err != nil {
		t.Errorf("summary row %s: %v", r.resource, err)
		return
	}
	src := strings.Split(string(b), "\n")
	if r.line < 1 || r.line > len(src) {
		t.Errorf("summary row %s: line %d of %s, which has %d lines", r.resource, r.line, repoFile, len(src))
		return
	}
	// module.network["staging"].aws_vpc.this is resource "aws_vpc" "this".
	addr := r.resource[strings.LastIndex(r.resource, ":")+1:]
	m := mdAddress.FindStringSubmatch(addr)
	if m == nil {
		t.Errorf("summary row: %q is not a resource address", r.resource)
		return
	}
	block := fmt.Sprintf("resource %q %q", m[1], m[2])
	if !slices.ContainsFunc(src[:r.line], func(l string) bool { return strings.HasPrefix(strings.TrimSpace(l), block) }) {
		t.Errorf("summary row %s: %s has no %s at or above line %d", r.resource, repoFile, block, r.line)
	}
	if results == nil {
		return
	}
	for _, res := range results {
		if file, start := res.file(t); res.RuleID == r.check && res.identity() == r.resource && file == repoFile && start == r.line {
			return
		}
	}
	t.Errorf("summary row %s %s %s:%d has no SARIF result", r.check, r.resource, repoFile, r.line)
}

// escapeSegments percent-escapes each segment of a slash path.
func escapeSegments(p string) string {
	segs := strings.Split(p, "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	return strings.Join(segs, "/")
}

// unescape removes Markdown backslash escapes.
func unescape(s string) string { return mdUnescape.ReplaceAllString(s, "$1") }

// checkJUnit validates the JUnit file and compares its counts with the
// JSON report and the SARIF results.
func checkJUnit(t *testing.T, file string, tr truth, results []sarifResult) {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("JUnit file: %v", err)
	}
	switch err := junittest.Validate(t.Context(), b); {
	case errors.Is(err, junittest.ErrNoXMLLint) && junittest.XMLLintRequired():
		t.Errorf("%v and KANSA_REQUIRE_XMLLINT=1", err)
	case errors.Is(err, junittest.ErrNoXMLLint):
		t.Logf("%v: JUnit XSD validation skipped", err)
	case err != nil:
		t.Error(err)
	}
	got, err := junittest.Count(b)
	if err != nil {
		t.Error(err)
	}

	// One test case per (check, resource), the worst outcome winning, plus
	// one erroring case per error diagnostic.
	type key struct{ check, resource string }
	outcome := map[key]finding.Status{}
	rank := map[finding.Status]int{finding.StatusFail: 4, finding.StatusError: 3, finding.StatusUnknown: 2, finding.StatusSuppressed: 1, finding.StatusBaseline: 1}
	for _, f := range tr.report.Findings {
		k := key{f.CheckID, f.Resource.Identity()}
		if cur, ok := outcome[k]; !ok || rank[f.Status] > rank[cur] {
			outcome[k] = f.Status
		}
	}
	var want junittest.Totals
	want.Tests = len(outcome) + tr.errorDiagnostics()
	want.Errors = tr.errorDiagnostics()
	for _, st := range outcome {
		switch st {
		case finding.StatusFail:
			want.Failures++
		case finding.StatusError:
			want.Errors++
		case finding.StatusSuppressed, finding.StatusBaseline:
			want.Skipped++
		}
	}
	if got != want {
		t.Errorf("JUnit counts %+v; from the JSON report %+v", got, want)
	}
	// The failures are the SARIF failing results, per (check, resource).
	if results != nil {
		failing := map[key]bool{}
		for _, r := range results {
			if r.status == finding.StatusFail {
				failing[key{r.RuleID, r.identity()}] = true
			}
		}
		if got.Failures != len(failing) {
			t.Errorf("JUnit has %d failures, SARIF %d failing (check, resource) pairs", got.Failures, len(failing))
		}
	}
}
