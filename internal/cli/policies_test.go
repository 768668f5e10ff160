package cli

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestPoliciesListColumns(t *testing.T) {
	stdout, _, code := run(t, "", "policies", "list")
	if code != ExitOK {
		t.Fatalf("exit %d\n%s", code, stdout)
	}
	lines := strings.Split(stdout, "\n")
	for _, col := range []string{"ID", "SEVERITY", "SCOPE", "FRAMEWORKS", "SOURCE", "TITLE"} {
		if !strings.Contains(lines[0], col) {
			t.Errorf("header %q has no %s column", lines[0], col)
		}
	}
	var row string
	for _, l := range lines {
		if strings.HasPrefix(l, "alicloud-sls-logstore-retention ") {
			row = l
		}
	}
	for _, want := range []string{"medium", "resource", "cis-alicloud 2.0.0:2.23; pci-dss 4.0:10.5.1", "policies/alicloud/sls/logstore_retention.rego"} {
		if !strings.Contains(row, want) {
			t.Errorf("row %q lacks %q", row, want)
		}
	}

	stdout, _, code = run(t, "", "policies", "list", "--format", "json")
	if code != ExitOK {
		t.Fatalf("json: exit %d", code)
	}
	var rules []struct {
		ID         string           `json:"id"`
		Severity   string           `json:"severity"`
		Scope      string           `json:"scope"`
		File       string           `json:"file"`
		Frameworks []map[string]any `json:"frameworks"`
	}
	if err := json.Unmarshal([]byte(stdout), &rules); err != nil {
		t.Fatal(err)
	}
	for _, r := range rules {
		if r.ID == "" || r.Severity == "" || r.Scope == "" || !strings.HasPrefix(r.File, "policies/") {
			t.Errorf("incomplete rule in JSON: %+v", r)
		}
		if r.ID == "alicloud-actiontrail-enabled" && (r.Scope != "account" || len(r.Frameworks) != 1) {
			t.Errorf("alicloud-actiontrail-enabled: %+v", r)
		}
	}
}

func TestPoliciesTestCoverage(t *testing.T) {
	stdout, _, code := run(t, "", "policies", "test", "--coverage")
	if code != ExitOK {
		t.Fatalf("exit %d\n%s", code, stdout)
	}
	for _, want := range []string{"COVERAGE", "NOT COVERED", "policies/alicloud/actiontrail/enabled.rego", "policies/lib/lib.rego", "coverage: "} {
		if !strings.Contains(stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, stdout)
		}
	}
	if strings.Contains(stdout, "_test.rego") {
		t.Errorf("test files are not policy files:\n%s", stdout)
	}
	if !strings.HasSuffix(strings.TrimSpace(stdout), "0 failed, 0 errors, 0 skipped") {
		t.Errorf("summary is not the last line:\n%s", stdout)
	}
}

func TestPoliciesShowEffectiveParameters(t *testing.T) {
	stdout, _, code := run(t, "", "policies", "show", "alicloud-actiontrail-enabled")
	if code != ExitOK || !strings.Contains(stdout, "Judges:    the account as a whole") {
		t.Fatalf("show: exit %d\n%s", code, stdout)
	}
	got := effectiveParams(map[string]any{
		"retention": map[string]any{"audit": 1095.0, "network": 30.0},
		"ports":     map[string]any{"ssh": []any{22.0}},
		"checks":    map[string]any{"c": map[string]any{"retention": map[string]any{"network": 90.0}, "ports": map[string]any{"ssh": []any{2222.0}}}},
	}, "c")
	b, _ := json.Marshal(got)
	if want := `{"ports":{"ssh":[2222]},"retention":{"audit":1095,"network":90}}`; string(b) != want {
		t.Errorf("effectiveParams = %s, want %s", b, want)
	}
}
