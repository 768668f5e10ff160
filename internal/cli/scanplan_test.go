package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// planFixture copies testdata/plan/aws-network (code and plan) under dir/sub.
func planFixture(t *testing.T, extra map[string]string, layout func(name string) string) string {
	t.Helper()
	src := filepath.Join("..", "..", "testdata", "plan", "aws-network")
	files := map[string]string{}
	for _, name := range []string{"main.tf", "modules/net/main.tf", "plan.json"} {
		b, err := os.ReadFile(filepath.Join(src, name))
		if err != nil {
			t.Fatal(err)
		}
		files[layout(name)] = string(b)
	}
	for k, v := range extra {
		files[k] = v
	}
	return writeTree(t, files)
}

func TestScanPlan(t *testing.T) {
	same := func(n string) string { return n }
	t.Run("plan next to the code", func(t *testing.T) {
		dir := planFixture(t, nil, same)
		stdout, stderr, code := run(t, dir, "scan", "plan", "plan.json", "--format", "json")
		if code != ExitFindings {
			t.Fatalf("exit %d, want %d; stderr:\n%s", code, ExitFindings, stderr)
		}
		r := parseJSON(t, stdout)
		fails := r.with("fail")
		for _, want := range []string{"aws-sg-no-public-ssh aws_security_group.web", "aws-sg-no-public-rdp aws_security_group_rule.rdp", "aws-vpc-flow-logs-enabled aws_vpc.unlogged"} {
			if !slices.Contains(fails, want) {
				t.Errorf("missing failing %s; have %v", want, fails)
			}
		}
		for _, f := range r.Findings {
			if f.Resource.Address == "aws_security_group.web" && f.Status == "fail" && (f.Resource.File != "main.tf" || f.StartLine != 53) {
				t.Errorf("web at %s:%d, want main.tf:53", f.Resource.File, f.StartLine)
			}
		}
	})
	t.Run("source dir and SARIF", func(t *testing.T) {
		dir := planFixture(t, nil, func(n string) string {
			if n == "plan.json" {
				return "build/plan.json"
			}
			return "infra/" + n
		})
		stdout, stderr, code := run(t, dir, "scan", "plan", "build/plan.json", "--source-dir", "infra", "--format", "sarif")
		if code != ExitFindings {
			t.Fatalf("exit %d; stderr:\n%s", code, stderr)
		}
		var s struct {
			Runs []struct {
				Results []struct {
					RuleID    string `json:"ruleId"`
					Locations []struct {
						Physical struct {
							Artifact struct {
								URI string `json:"uri"`
							} `json:"artifactLocation"`
							Region struct {
								StartLine int `json:"startLine"`
							} `json:"region"`
						} `json:"physicalLocation"`
					} `json:"locations"`
				} `json:"results"`
			} `json:"runs"`
		}
		if err := json.Unmarshal([]byte(stdout), &s); err != nil {
			t.Fatal(err)
		}
		found := false
		for _, res := range s.Runs[0].Results {
			l := res.Locations[0].Physical
			if res.RuleID == "aws-sg-no-public-rdp" {
				found = true
				if l.Artifact.URI != "main.tf" || l.Region.StartLine != 67 {
					t.Errorf("rdp at %s:%d, want main.tf:67", l.Artifact.URI, l.Region.StartLine)
				}
			}
		}
		if !found {
			t.Error("no aws-sg-no-public-rdp result")
		}
	})
	t.Run("inline suppression in the source", func(t *testing.T) {
		dir := planFixture(t, nil, same)
		main := filepath.Join(dir, "main.tf")
		b, _ := os.ReadFile(main)
		src := strings.Replace(string(b), `resource "aws_security_group_rule" "rdp" {`, "# kansa:ignore aws-sg-no-public-rdp reason=\"jump host\"\nresource \"aws_security_group_rule\" \"rdp\" {", 1)
		if err := os.WriteFile(main, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		stdout, _, _ := run(t, dir, "scan", "plan", "plan.json", "--format", "json")
		if got := parseJSON(t, stdout).with("suppressed"); !slices.Contains(got, "aws-sg-no-public-rdp aws_security_group_rule.rdp") {
			t.Errorf("suppressed = %v", got)
		}
	})
}

func TestScanPlanErrors(t *testing.T) {
	tests := []struct {
		name   string
		files  map[string]string
		args   []string
		stderr string
	}{
		{"not JSON", map[string]string{"plan.json": "Plan: 1 to add\n"}, []string{"scan", "plan", "plan.json", "--format", "json"}, "plan.json:1:1: error: Not a Terraform plan: invalid JSON"},
		{"not a plan", map[string]string{"plan.json": `{"resources": []}`}, []string{"scan", "plan", "plan.json", "--format", "json"}, "no format_version"},
		{"future format", map[string]string{"plan.json": `{"format_version": "2.0"}`}, []string{"scan", "plan", "plan.json", "--format", "json"}, "Unsupported plan format_version 2.0"},
		{"missing file", map[string]string{}, []string{"scan", "plan", "nope.json", "--format", "json"}, "nope.json"},
		{"no argument", map[string]string{}, []string{"scan", "plan"}, "accepts 1 arg"},
		{"bad source dir", map[string]string{"plan.json": `{"format_version": "1.2", "planned_values": {}}`}, []string{"scan", "plan", "plan.json", "--source-dir", "nope"}, "--source-dir nope"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, stderr, code := run(t, writeTree(t, tt.files), tt.args...)
			if code != ExitError {
				t.Fatalf("exit %d, want %d; stderr:\n%s", code, ExitError, stderr)
			}
			if !strings.Contains(stderr, tt.stderr) {
				t.Errorf("stderr does not mention %q:\n%s", tt.stderr, stderr)
			}
		})
	}
}
