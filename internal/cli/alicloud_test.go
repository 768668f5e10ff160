package cli

import (
	"encoding/json"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestAlicloudLoggingStack scans the Alibaba half of the logging-stack
// fixture end to end (HCL, adapter links and defaults, policies) and pins
// what every Alibaba check decides, account-scope checks included.
func TestAlicloudLoggingStack(t *testing.T) {
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	stdout, stderr, code := run(t, root, "scan", "terraform", "testdata/terraform/logging-stack",
		"--format", "json", "--require-account-checks", "--strict-unknowns")
	if code != ExitFindings {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	var got []string
	for _, f := range typedFindings(t, stdout) {
		if !strings.HasPrefix(f.CheckID, "alicloud-") || f.Status == "pass" {
			continue
		}
		res := f.Resource.Address
		if res == "" {
			res = f.Resource.Type
		}
		got = append(got, f.Status+" "+f.CheckID+" "+res)
	}
	slices.Sort(got)
	want := []string{
		// event_rw = "Write"
		"fail alicloud-actiontrail-all-regions-events alicloud_actiontrail_trail.org",
		"fail alicloud-actiontrail-enabled alicloud_account",
		// the standalone ACL sets public-read on the trail bucket
		"fail alicloud-actiontrail-oss-not-public alicloud_oss_bucket_acl.trail",
		"fail alicloud-ram-no-administrator-access alicloud_ram_role_policy_attachment.admin",
		// actiontrail_org in the trail's project: audit tier, default 30 days
		"fail alicloud-sls-logstore-retention alicloud_log_store.actiontrail",
		// not visible in Terraform: unknown, never pass or fail
		"unknown alicloud-cloudfirewall-log-analysis alicloud_account",
		"unknown alicloud-security-center-log-analysis alicloud_account",
		"unknown alicloud-waf-log-analysis alicloud_account",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	// Without --require-account-checks the account-scope checks do not run.
	stdout, _, _ = run(t, root, "scan", "terraform", "testdata/terraform/logging-stack", "--format", "json", "--strict-unknowns")
	for _, f := range typedFindings(t, stdout) {
		if f.Resource.Type == "alicloud_account" {
			t.Errorf("account-scope finding without --require-account-checks: %+v", f)
		}
	}
}

type typedFinding struct {
	CheckID  string `json:"check_id"`
	Status   string `json:"status"`
	Resource struct {
		Address string `json:"address"`
		Type    string `json:"type"`
	} `json:"resource"`
}

// typedFindings reads the findings of a JSON report with their resource types.
func typedFindings(t *testing.T, s string) []typedFinding {
	t.Helper()
	var r struct {
		Findings []typedFinding `json:"findings"`
	}
	if err := json.Unmarshal([]byte(s), &r); err != nil {
		t.Fatalf("stdout is not a JSON report: %v\n%s", err, s)
	}
	return r.Findings
}
