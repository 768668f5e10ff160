package cli

import (
	"strings"
	"testing"
	"time"
)

// loopPolicy is a custom check that would loop for minutes on every
// security group (125 million iterations).
const loopPolicy = `# METADATA
# title: Loops
# description: Evaluation runs away.
# custom:
#   id: acme-loop
#   severity: low
#   scope: resource
#   selector: aws.ec2.security_groups
package kansa.custom.loop

deny contains {"resource": sg, "msg": "never"} if {
	some sg in input.aws.ec2.security_groups
	some a in numbers.range(1, 500)
	some b in numbers.range(1, 500)
	some c in numbers.range(1, 500)
	a * b * c == -1
}
`

// TestTimeoutNamesRunawayPolicy: --timeout stops a scan whose custom policy
// loops, exits 2 and names the policy and its file, within seconds. On a
// loaded machine (-race) compiling the policies may take longer than the
// first deadline; the deadline then grows.
func TestTimeoutNamesRunawayPolicy(t *testing.T) {
	dir := writeTree(t, map[string]string{"main.tf": openSSH, "p/loop.rego": loopPolicy})
	var stderr string
	for _, timeout := range []string{"1s", "3s", "9s"} {
		start := time.Now()
		var code int
		_, stderr, code = run(t, dir, "scan", "terraform", ".", "--format", "json", "--policy", "p", "--timeout", timeout)
		if code != ExitError || !strings.Contains(stderr, "scan timed out after "+timeout) {
			t.Fatalf("--timeout %s: exit %d, want %d and a timeout; stderr:\n%s", timeout, code, ExitError, stderr)
		}
		d, _ := time.ParseDuration(timeout)
		if elapsed := time.Since(start); elapsed > d+5*time.Second {
			t.Errorf("scan took %s with --timeout %s", elapsed, timeout)
		}
		if strings.Contains(stderr, "evaluate policies") {
			break
		}
	}
	for _, w := range []string{"acme-loop", "p/loop.rego", "did not finish"} {
		if !strings.Contains(stderr, w) {
			t.Errorf("stderr does not contain %q:\n%s", w, stderr)
		}
	}
}

func TestTimeoutFlag(t *testing.T) {
	dir := writeTree(t, map[string]string{"main.tf": openSSH})
	if _, stderr, code := run(t, dir, "scan", "terraform", ".", "--format", "json", "--timeout", "-1s"); code != ExitError || !strings.Contains(stderr, "--timeout") {
		t.Errorf("negative --timeout: exit %d, stderr:\n%s", code, stderr)
	}
	// 0 means no deadline: the scan completes as usual.
	if _, stderr, code := run(t, dir, "scan", "terraform", ".", "--format", "json", "--timeout", "0"); code != ExitFindings {
		t.Errorf("--timeout 0: exit %d, stderr:\n%s", code, stderr)
	}
}

// TestConfigLimits: limits in .kansa.yaml reach the scanner.
func TestConfigLimits(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"main.tf":     openSSH + "\nresource \"aws_vpc\" \"many\" {\n  count = 20\n}\n",
		".kansa.yaml": "limits:\n  max_instances: 5\n",
	})
	_, stderr, code := run(t, dir, "scan", "terraform", ".", "--format", "json")
	if code != ExitError || !strings.Contains(stderr, "Too many instances") || !strings.Contains(stderr, "limits.max_instances") {
		t.Errorf("exit %d, stderr:\n%s", code, stderr)
	}
}
