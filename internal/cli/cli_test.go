package cli

import (
	"github.com/kansa-sec/kansa/internal/golden"

	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite golden files under testdata/golden")

// run executes kansa in dir with a fixed clock and version.
func run(t *testing.T, dir string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	e := &env{
		stdout:  &out,
		stderr:  &errb,
		getenv:  func(string) string { return "" },
		environ: nil,
		now:     func() time.Time { return time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC) },
		version: "0.0.0-test",
	}
	if dir != "" {
		t.Chdir(dir)
	}
	code = e.run(context.Background(), args)
	return out.String(), errb.String(), code
}

// writeTree creates files (path -> content) under a temp dir and returns it.
func writeTree(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

type jsonReport struct {
	Findings []struct {
		CheckID  string `json:"check_id"`
		Status   string `json:"status"`
		Resource struct {
			Root      string `json:"root"`
			Address   string `json:"address"`
			File      string `json:"file"`
			StartLine int    `json:"start_line"`
		} `json:"resource"`
		StartLine int `json:"start_line"`
	} `json:"findings"`
}

func parseJSON(t *testing.T, s string) jsonReport {
	t.Helper()
	var r jsonReport
	if err := json.Unmarshal([]byte(s), &r); err != nil {
		t.Fatalf("stdout is not a JSON report: %v\n%s", err, s)
	}
	return r
}

// failing returns "check address" pairs of failing findings.
func (r jsonReport) with(status string) []string {
	var out []string
	for _, f := range r.Findings {
		if f.Status == status {
			out = append(out, f.CheckID+" "+f.Resource.Address)
		}
	}
	return out
}

const openSSH = `resource "aws_security_group" "web" {
  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
`

func TestScanExitStatus(t *testing.T) {
	tests := []struct {
		name     string
		files    map[string]string
		args     []string
		wantCode int
		stderr   string // substring
	}{
		{"finding fails the build", map[string]string{"main.tf": openSSH}, []string{"scan", "terraform", ".", "--format", "json"}, ExitFindings, ""},
		{"fail-on above the finding", map[string]string{"main.tf": strings.ReplaceAll(openSSH, "22", "8080")}, []string{"scan", "terraform", ".", "--format", "json", "--fail-on", "critical"}, ExitOK, ""},
		{"fail-on none", map[string]string{"main.tf": openSSH}, []string{"scan", "terraform", ".", "--format", "json", "--fail-on", "none"}, ExitOK, ""},
		{"bad fail-on", map[string]string{"main.tf": openSSH}, []string{"scan", "terraform", ".", "--fail-on", "severe"}, ExitError, "--fail-on"},
		{"bad format", map[string]string{"main.tf": openSSH}, []string{"scan", "terraform", ".", "--format", "xml"}, ExitError, "--format"},
		{"missing dir", map[string]string{}, []string{"scan", "terraform", "nope", "--format", "json"}, ExitError, "nope: no such file or directory"},
		{"unknown flag", map[string]string{}, []string{"scan", "terraform", "--frobnicate"}, ExitError, "unknown flag"},
		{"unknown check id", map[string]string{"main.tf": openSSH}, []string{"scan", "terraform", ".", "--only", "aws-sg-no-public-telnet"}, ExitError, "unknown check ID aws-sg-no-public-telnet"},
		{"skip the failing checks", map[string]string{"main.tf": openSSH}, []string{"scan", "terraform", ".", "--format", "json", "--skip", "aws-sg-no-public-ssh"}, ExitOK, ""},
		{"syntax error: exit 2 with file:line:col", map[string]string{"main.tf": openSSH, "broken.tf": "resource \"aws_vpc\" \"x\" {\n  cidr_block = \n}\n"}, []string{"scan", "terraform", ".", "--format", "json"}, ExitError, "broken.tf:2:"},
		{"cyclic locals", map[string]string{"main.tf": "locals {\n  a = local.b\n  b = local.a\n}\n"}, []string{"scan", "terraform", ".", "--format", "json"}, ExitError, "local.a"},
		{"bad --var", map[string]string{"main.tf": openSSH}, []string{"scan", "terraform", ".", "--var", "novalue"}, ExitError, "NAME=VALUE"},
		{"config skip", map[string]string{"main.tf": openSSH, ".kansa.yaml": "skip:\n  - id: aws-sg-no-public-ssh\n    resource: aws_security_group.*\n    reason: test\n"}, []string{"scan", "terraform", ".", "--format", "json"}, ExitOK, ""},
		{"config typo", map[string]string{"main.tf": openSSH, ".kansa.yaml": "skips: []\n"}, []string{"scan", "terraform", ".", "--format", "json"}, ExitError, "skips"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeTree(t, tt.files)
			_, stderr, code := run(t, dir, tt.args...)
			if code != tt.wantCode {
				t.Fatalf("exit %d, want %d; stderr:\n%s", code, tt.wantCode, stderr)
			}
			if tt.stderr != "" && !strings.Contains(stderr, tt.stderr) {
				t.Fatalf("stderr does not mention %q:\n%s", tt.stderr, stderr)
			}
		})
	}
}

func TestSyntaxErrorKeepsOtherFiles(t *testing.T) {
	dir := writeTree(t, map[string]string{"main.tf": openSSH, "broken.tf": "resource \"aws_vpc\" {\n"})
	stdout, stderr, code := run(t, dir, "scan", "terraform", ".", "--format", "json")
	if code != ExitError {
		t.Fatalf("exit %d, want 2", code)
	}
	got := parseJSON(t, stdout).with("fail")
	if !containsStr(got, "aws-sg-no-public-ssh aws_security_group.web") {
		t.Fatalf("main.tf was not scanned: %v\nstderr: %s", got, stderr)
	}
	if !strings.Contains(stdout, "broken.tf") {
		t.Fatalf("the JSON report does not carry the error: %s", stdout)
	}
}

func TestAllReportsInOneRun(t *testing.T) {
	dir := writeTree(t, map[string]string{"main.tf": openSSH})
	_, stderr, code := run(t, dir, "scan", "terraform", ".", "--format", "table", "--sarif", "out/k.sarif", "--junit", "out/k.xml", "--json", "out/k.json")
	if code != ExitFindings {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, f := range []string{"out/k.sarif", "out/k.xml", "out/k.json"} {
		b, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil || len(b) == 0 {
			t.Fatalf("%s not written: %v", f, err)
		}
		if !bytes.Contains(b, []byte("aws-sg-no-public-ssh")) {
			t.Fatalf("%s does not mention the finding", f)
		}
	}
}

func TestInlineSuppression(t *testing.T) {
	src := "# kansa:ignore aws-sg-no-public-ssh reason=\"bastion\"\n" + openSSH
	dir := writeTree(t, map[string]string{"main.tf": src})
	stdout, _, code := run(t, dir, "scan", "terraform", ".", "--format", "json")
	if code != ExitOK {
		t.Fatalf("exit %d, want 0: suppressed findings do not count", code)
	}
	if got := parseJSON(t, stdout).with("suppressed"); len(got) != 1 {
		t.Fatalf("suppressed findings %v", got)
	}
	_, _, code = run(t, dir, "scan", "terraform", ".", "--format", "json", "--no-inline-suppressions")
	if code != ExitFindings {
		t.Fatalf("--no-inline-suppressions: exit %d, want 1", code)
	}
}

func TestCustomPolicy(t *testing.T) {
	policy := `# METADATA
# title: Security groups must have a name
# description: Unnamed groups are hard to audit.
# custom:
#   id: acme-sg-named
#   severity: low
#   scope: resource
#   selector: aws.ec2.security_groups
#   remediation: Set name.
package kansa.custom.acme_sg_named

import rego.v1

deny contains {"resource": sg, "msg": sprintf("%s has no name", [sg.meta.address])} if {
	some sg in input.aws.ec2.security_groups
	not sg.name
	not "name" in object.get(sg.meta, "unknown", [])
}
`
	dir := writeTree(t, map[string]string{"main.tf": openSSH, "policies/named.rego": policy})
	stdout, stderr, code := run(t, dir, "scan", "terraform", ".", "--format", "json", "--policy", "policies", "--only", "acme-sg-named")
	if code != ExitFindings {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if got := parseJSON(t, stdout).with("fail"); !containsStr(got, "acme-sg-named aws_security_group.web") {
		t.Fatalf("custom policy findings %v", got)
	}
	stdout, _, code = run(t, dir, "policies", "list", "--policy", "policies")
	if code != ExitOK || !strings.Contains(stdout, "acme-sg-named") {
		t.Fatalf("policies list: exit %d\n%s", code, stdout)
	}
}

func TestCustomPolicyCannotUseNetwork(t *testing.T) {
	policy := `# METADATA
# title: Exfiltrate
# description: x
# custom:
#   id: acme-exfil
#   severity: low
#   scope: resource
#   selector: aws.ec2.security_groups
package kansa.custom.exfil

import rego.v1

deny contains {"resource": sg, "msg": "x"} if {
	some sg in input.aws.ec2.security_groups
	http.send({"method": "GET", "url": "http://127.0.0.1:1/"})
}
`
	dir := writeTree(t, map[string]string{"main.tf": openSSH, "p/x.rego": policy})
	_, stderr, code := run(t, dir, "scan", "terraform", ".", "--format", "json", "--policy", "p")
	if code != ExitError || !strings.Contains(stderr, "http.send") {
		t.Fatalf("exit %d, stderr:\n%s", code, stderr)
	}
}

func TestPoliciesShowAndVersion(t *testing.T) {
	stdout, _, code := run(t, "", "policies", "show", "aws-sg-no-public-ssh")
	if code != ExitOK || !strings.Contains(stdout, "critical") || !strings.Contains(stdout, "cis-aws") {
		t.Fatalf("show: exit %d\n%s", code, stdout)
	}
	_, stderr, code := run(t, "", "policies", "show", "no-such-check")
	if code != ExitError || !strings.Contains(stderr, "no-such-check") {
		t.Fatalf("show unknown: exit %d\n%s", code, stderr)
	}
	stdout, _, code = run(t, "", "version")
	if code != ExitOK || stdout != "kansa 0.0.0-test\n" {
		t.Fatalf("version: %q", stdout)
	}
}

// TestExampleGolden scans the README's example and pins every report format.
func TestExampleGolden(t *testing.T) {
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	for _, format := range []string{"json", "sarif", "junit", "table", "markdown"} {
		t.Run(format, func(t *testing.T) {
			stdout, stderr, code := run(t, root, "scan", "terraform", "testdata/examples/webapp", "--format", format)
			if code != ExitFindings {
				t.Fatalf("exit %d, want 1\n%s", code, stderr)
			}
			again, _, _ := run(t, root, "scan", "terraform", "testdata/examples/webapp", "--format", format)
			if again != stdout {
				t.Fatal("two runs gave different output")
			}
			golden.Compare(t, filepath.Join(root, "testdata", "golden", "webapp."+format), []byte(stdout), *update)
		})
	}
}

func TestExampleFindings(t *testing.T) {
	root, _ := filepath.Abs("../..")
	stdout, stderr, code := run(t, root, "scan", "terraform", "testdata/examples/webapp", "--format", "json")
	if code != ExitFindings {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	r := parseJSON(t, stdout)
	want := []string{
		"aws-sg-no-public-ssh aws_security_group.web",
		"aws-sg-no-public-rdp aws_vpc_security_group_ingress_rule.rdp_v6",
		`aws-vpc-flow-logs-enabled module.network["staging"].aws_vpc.this`,
		"alicloud-sg-no-public-ssh alicloud_security_group_rule.ssh",
		"alicloud-vpc-flow-logs-enabled alicloud_vpc.legacy",
	}
	got := r.with("fail")
	for _, w := range want {
		if !containsStr(got, w) {
			t.Errorf("missing failing finding %q; got %v", w, got)
		}
	}
	if len(got) != len(want) {
		t.Errorf("failing findings %v, want exactly %v", got, want)
	}
	if s := r.with("suppressed"); len(s) != 1 || s[0] != "aws-sg-no-public-ssh aws_security_group.bastion" {
		t.Errorf("suppressed %v", s)
	}
	for _, f := range r.Findings {
		if f.Status == "fail" && (f.Resource.File == "" || f.StartLine == 0) {
			t.Errorf("%s %s has no file:line", f.CheckID, f.Resource.Address)
		}
		if strings.HasPrefix(f.Resource.File, "testdata/") {
			t.Errorf("%s: file %q is not relative to the scanned root", f.CheckID, f.Resource.File)
		}
	}
}

func containsStr(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}
