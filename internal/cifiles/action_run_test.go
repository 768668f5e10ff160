package cifiles

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
)

// fakeKansa stands in for kansa: it records its arguments one per line in
// $FAKE_ARGS, writes a SARIF file where --sarif says, prints a Markdown
// summary and exits with $FAKE_EXIT (default 1: findings).
const fakeKansa = `#!/bin/sh
: > "$FAKE_ARGS"
sarif=""
prev=""
for a in "$@"; do
  printf '%s\n' "$a" >> "$FAKE_ARGS"
  if [ "$prev" = "--sarif" ]; then sarif="$a"; fi
  prev="$a"
done
if [ -n "$sarif" ]; then
  printf '{"version":"2.1.0","runs":[]}\n' > "$sarif"
fi
printf '## kansa: failed - 1 finding at or above low\n\n| resource | location | message |\n|---|---|---|\n| aws_security_group.web | main.tf:3 | open SSH |\n'
exit "${FAKE_EXIT:-1}"
`

const fakeSummary = "## kansa: failed - 1 finding at or above low\n"

func TestActionRunScript(t *testing.T) {
	bash := lookBash(t)
	script, err := filepath.Abs(filepath.Join(root, "scripts", "action-run.sh"))
	if err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		name string
		// env are the INPUT_* variables and FAKE_EXIT; GITHUB_* are added
		// unless noGitHub.
		env      map[string]string
		noGitHub bool
		wantExit int
		// wantArgs are kansa's arguments after the executable, in order.
		wantArgs  []string
		wantSARIF string
		// wantNoRun: the script must refuse before running kansa.
		wantNoRun bool
	}{
		{
			name:      "findings: defaults",
			env:       map[string]string{"INPUT_PATH": ".", "INPUT_SARIF": "kansa.sarif", "INPUT_FAIL_ON": "low"},
			wantExit:  1,
			wantArgs:  []string{"scan", "terraform", "--format", "markdown", "--fail-on", "low", "--sarif", "kansa.sarif", "--sarif-synthetic-locations", "."},
			wantSARIF: "kansa.sarif",
		},
		{
			name:      "no variables at all",
			env:       map[string]string{},
			wantExit:  1,
			wantArgs:  []string{"scan", "terraform", "--format", "markdown", "--fail-on", "low", "--sarif", "kansa.sarif", "--sarif-synthetic-locations", "."},
			wantSARIF: "kansa.sarif",
		},
		{
			name: "clean scan with every input",
			env: map[string]string{
				"FAKE_EXIT": "0", "INPUT_PATH": "infra/live prod", "INPUT_SARIF": "out dir.sarif",
				"INPUT_JUNIT": "kansa.xml", "INPUT_FAIL_ON": "high", "INPUT_CONFIG": "ci/kansa.yaml",
				"INPUT_ARGS": "--skip aws-cloudtrail-kms-encryption  --strict-unknowns *.tf",
			},
			wantExit: 0,
			wantArgs: []string{"scan", "terraform", "--format", "markdown", "--fail-on", "high", "--sarif", "out dir.sarif", "--sarif-synthetic-locations",
				"--sarif-root", "infra/live prod", "--junit", "kansa.xml", "--config", "ci/kansa.yaml",
				"--skip", "aws-cloudtrail-kms-encryption", "--strict-unknowns", "*.tf", "infra/live prod"},
			wantSARIF: "out dir.sarif",
		},
		{
			name:     "arguments one per line keep their spaces",
			env:      map[string]string{"INPUT_SARIF": "", "INPUT_ARGS": "--var-file\n  envs/my prod.tfvars  \n\n--var\nname=a b\n"},
			wantExit: 1,
			wantArgs: []string{"scan", "terraform", "--format", "markdown", "--fail-on", "low",
				"--var-file", "envs/my prod.tfvars", "--var", "name=a b", "."},
		},
		{
			name:      "subdirectory: SARIF paths rebased on it",
			env:       map[string]string{"INPUT_PATH": "./infra/prod//", "INPUT_SARIF": "kansa.sarif"},
			wantExit:  1,
			wantArgs:  []string{"scan", "terraform", "--format", "markdown", "--fail-on", "low", "--sarif", "kansa.sarif", "--sarif-synthetic-locations", "--sarif-root", "infra/prod", "./infra/prod//"},
			wantSARIF: "kansa.sarif",
		},
		{
			name:      "file in a subdirectory: rebased on its directory",
			env:       map[string]string{"INPUT_PATH": "infra/prod/main.tf", "INPUT_SARIF": "kansa.sarif"},
			wantExit:  1,
			wantArgs:  []string{"scan", "terraform", "--format", "markdown", "--fail-on", "low", "--sarif", "kansa.sarif", "--sarif-synthetic-locations", "--sarif-root", "infra/prod", "infra/prod/main.tf"},
			wantSARIF: "kansa.sarif",
		},
		{
			name:      "absolute path inside the workspace",
			env:       map[string]string{"INPUT_PATH": "$WORK/infra/prod", "INPUT_SARIF": "kansa.sarif"},
			wantExit:  1,
			wantArgs:  []string{"scan", "terraform", "--format", "markdown", "--fail-on", "low", "--sarif", "kansa.sarif", "--sarif-synthetic-locations", "--sarif-root", "infra/prod", "$WORK/infra/prod"},
			wantSARIF: "kansa.sarif",
		},
		{
			name:      "no rebase: a file at the top of the workspace",
			env:       map[string]string{"INPUT_PATH": "main.tf", "INPUT_SARIF": "kansa.sarif"},
			wantExit:  1,
			wantArgs:  []string{"scan", "terraform", "--format", "markdown", "--fail-on", "low", "--sarif", "kansa.sarif", "--sarif-synthetic-locations", "main.tf"},
			wantSARIF: "kansa.sarif",
		},
		{
			name:      "no rebase: the workspace as an absolute path",
			env:       map[string]string{"INPUT_PATH": "$WORK", "INPUT_SARIF": "kansa.sarif"},
			wantExit:  1,
			wantArgs:  []string{"scan", "terraform", "--format", "markdown", "--fail-on", "low", "--sarif", "kansa.sarif", "--sarif-synthetic-locations", "$WORK"},
			wantSARIF: "kansa.sarif",
		},
		{
			name:      "no rebase: outside the workspace",
			env:       map[string]string{"INPUT_PATH": "infra/../../other", "INPUT_SARIF": "kansa.sarif"},
			wantExit:  1,
			wantArgs:  []string{"scan", "terraform", "--format", "markdown", "--fail-on", "low", "--sarif", "kansa.sarif", "--sarif-synthetic-locations", "infra/../../other"},
			wantSARIF: "kansa.sarif",
		},
		{
			name:     "no rebase without SARIF",
			env:      map[string]string{"INPUT_PATH": "infra/prod", "INPUT_SARIF": ""},
			wantExit: 1,
			wantArgs: []string{"scan", "terraform", "--format", "markdown", "--fail-on", "low", "infra/prod"},
		},
		{
			name:      "an --sarif-root of the user comes last and wins",
			env:       map[string]string{"INPUT_PATH": "infra/prod", "INPUT_SARIF": "kansa.sarif", "INPUT_ARGS": "--sarif-root ."},
			wantExit:  1,
			wantArgs:  []string{"scan", "terraform", "--format", "markdown", "--fail-on", "low", "--sarif", "kansa.sarif", "--sarif-synthetic-locations", "--sarif-root", "infra/prod", "--sarif-root", ".", "infra/prod"},
			wantSARIF: "kansa.sarif",
		},
		{
			name:      "scan error keeps status 2",
			env:       map[string]string{"FAKE_EXIT": "2", "INPUT_SARIF": "kansa.sarif"},
			wantExit:  2,
			wantArgs:  []string{"scan", "terraform", "--format", "markdown", "--fail-on", "low", "--sarif", "kansa.sarif", "--sarif-synthetic-locations", "."},
			wantSARIF: "kansa.sarif",
		},
		{
			name:      "outside GitHub Actions: everything on stdout",
			env:       map[string]string{"INPUT_SARIF": "kansa.sarif"},
			noGitHub:  true,
			wantExit:  1,
			wantArgs:  []string{"scan", "terraform", "--format", "markdown", "--fail-on", "low", "--sarif", "kansa.sarif", "--sarif-synthetic-locations", "."},
			wantSARIF: "kansa.sarif",
		},
		{
			name:      "a line break in sarif cannot forge an output",
			env:       map[string]string{"INPUT_SARIF": "x.sarif\nexit-code=0"},
			wantExit:  2,
			wantNoRun: true,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			bin := filepath.Join(dir, "bin")
			work := filepath.Join(dir, "work")
			for _, d := range []string{bin, work} {
				if err := os.Mkdir(d, 0o755); err != nil {
					t.Fatal(err)
				}
			}
			if err := os.WriteFile(filepath.Join(bin, "kansa"), []byte(fakeKansa), 0o755); err != nil {
				t.Fatal(err)
			}
			// A file a glob in INPUT_ARGS would match: arguments must not be
			// expanded. And a subdirectory with a file, to scan.
			if err := os.MkdirAll(filepath.Join(work, "infra", "prod"), 0o755); err != nil {
				t.Fatal(err)
			}
			for _, f := range []string{"main.tf", "infra/prod/main.tf"} {
				if err := os.WriteFile(filepath.Join(work, f), nil, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			// $WORK in a value stands for the workspace.
			expand := func(s string) string { return strings.ReplaceAll(s, "$WORK", work) }
			argsFile := filepath.Join(dir, "args")
			summary := filepath.Join(dir, "summary.md")
			outputs := filepath.Join(dir, "outputs")
			// Earlier steps may have written to both files: the script appends.
			if err := os.WriteFile(summary, []byte("earlier step\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(outputs, []byte("other=1\n"), 0o644); err != nil {
				t.Fatal(err)
			}

			// A clean environment: the test may itself run inside GitHub
			// Actions, whose GITHUB_* variables must not leak in.
			env := []string{
				"PATH=" + bin + string(os.PathListSeparator) + os.Getenv("PATH"),
				"HOME=" + dir,
				"FAKE_ARGS=" + argsFile,
			}
			if !tt.noGitHub {
				env = append(env, "GITHUB_STEP_SUMMARY="+summary, "GITHUB_OUTPUT="+outputs, "GITHUB_WORKSPACE="+work)
			}
			for k, v := range tt.env {
				env = append(env, k+"="+expand(v))
			}
			cmd := exec.CommandContext(t.Context(), bash, script)
			cmd.Dir = work
			cmd.Env = env
			var stdout, stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			err := cmd.Run()
			exit := 0
			if ee := (*exec.ExitError)(nil); errors.As(err, &ee) {
				exit = ee.ExitCode()
			} else if err != nil {
				t.Fatal(err)
			}
			if exit != tt.wantExit {
				t.Errorf("exit status %d, want %d\nstderr:\n%s", exit, tt.wantExit, stderr.String())
			}

			gotArgs, argsErr := os.ReadFile(argsFile)
			if tt.wantNoRun {
				if argsErr == nil {
					t.Errorf("kansa ran with %q", gotArgs)
				}
				return
			}
			if argsErr != nil {
				t.Fatalf("kansa did not run: %v\nstderr:\n%s", argsErr, stderr.String())
			}
			if want := expand(strings.Join(tt.wantArgs, "\n") + "\n"); string(gotArgs) != want {
				t.Errorf("kansa arguments:\n%s\nwant:\n%s", gotArgs, want)
			}

			sum := readFile(t, summary)
			outs := readFile(t, outputs)
			wantOutputs := "sarif=" + tt.wantSARIF + "\nexit-code=" + strconv.Itoa(tt.wantExit) + "\n"
			if tt.noGitHub {
				if sum != "earlier step\n" || outs != "other=1\n" {
					t.Error("wrote to the GitHub files without GITHUB_* variables")
				}
				if !strings.HasPrefix(stdout.String(), fakeSummary) || !strings.HasSuffix(stdout.String(), wantOutputs) {
					t.Errorf("stdout lacks the summary or the outputs:\n%s", stdout.String())
				}
			} else {
				if !strings.HasPrefix(sum, "earlier step\n"+fakeSummary) {
					t.Errorf("step summary not appended:\n%s", sum)
				}
				if outs != "other=1\n"+wantOutputs {
					t.Errorf("outputs file:\n%s\nwant:\n%s", outs, "other=1\n"+wantOutputs)
				}
				if stdout.Len() != 0 {
					t.Errorf("stdout should be empty in GitHub Actions, got:\n%s", stdout.String())
				}
			}
			if tt.wantSARIF != "" {
				if _, err := os.Stat(filepath.Join(work, tt.wantSARIF)); err != nil {
					t.Errorf("SARIF file: %v", err)
				}
			}
		})
	}
}

func TestActionRunScriptWithoutKansa(t *testing.T) {
	bash := lookBash(t)
	script, err := filepath.Abs(filepath.Join(root, "scripts", "action-run.sh"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	cmd := exec.CommandContext(t.Context(), bash, script)
	cmd.Dir = dir
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "KANSA_BIN=" + filepath.Join(dir, "no-such-kansa")}
	out, err := cmd.CombinedOutput()
	ee := (*exec.ExitError)(nil)
	if !errors.As(err, &ee) || ee.ExitCode() != 127 {
		t.Fatalf("want exit status 127, got %v\n%s", err, out)
	}
	if !strings.Contains(string(out), "not found") || !strings.Contains(string(out), "exit-code=127") {
		t.Errorf("output does not explain the missing executable:\n%s", out)
	}
}

// lookBash finds bash, skipping where the action's script cannot run as on
// a GitHub runner.
func lookBash(t *testing.T) string {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("the fake kansa is a POSIX shell script")
	}
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("bash not found")
	}
	return bash
}

func readFile(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
