package engine

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/kansa-sec/kansa/internal/finding"
	"github.com/kansa-sec/kansa/internal/model"
)

func newTestEngine(t testing.TB, opts Options) *Engine {
	t.Helper()
	e, err := New(context.Background(), opts)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return e
}

// sgRule builds an AWS rule; meta locates it at lines from..to of file main.tf.
func sgRule(address, label string, start int, proto string, from, to int, cidrs ...string) model.SecurityGroupRule {
	m := model.Meta{Source: model.SourceTerraform, Type: strings.SplitN(address, ".", 2)[0], Address: address, File: "main.tf", StartLine: start, EndLine: start + 6}
	m.SetLine("cidr_blocks", start+4)
	return model.SecurityGroupRule{
		Meta:       m,
		Label:      label,
		Direction:  model.Ptr("ingress"),
		Protocol:   model.Ptr(proto),
		FromPort:   model.Ptr(from),
		ToPort:     model.Ptr(to),
		CIDRBlocks: cidrs,
	}
}

func sg(address string, start int, rules ...model.SecurityGroupRule) model.SecurityGroup {
	return model.SecurityGroup{
		Meta:  model.Meta{Source: model.SourceTerraform, Type: "aws_security_group", Address: address, ID: model.Placeholder(address, "id"), File: "main.tf", StartLine: start, EndLine: start + 20},
		Rules: rules,
	}
}

// short renders a finding for comparison: "status check identity line attr msg".
func short(f finding.Finding) string {
	return strings.Join([]string{string(f.Status), f.CheckID, f.Resource.Identity(), itoa(f.StartLine), f.Attribute, f.Message}, " | ")
}

func itoa(i int) string {
	if i == 0 {
		return "0"
	}
	var b []byte
	neg := i < 0
	if neg {
		i = -i
	}
	for i > 0 {
		b = append([]byte{byte('0' + i%10)}, b...)
		i /= 10
	}
	if neg {
		b = append([]byte{'-'}, b...)
	}
	return string(b)
}

func only(fs []finding.Finding, checkID string) []string {
	var out []string
	for _, f := range fs {
		if f.CheckID == checkID {
			out = append(out, short(f))
		}
	}
	return out
}

func TestEvaluate(t *testing.T) {
	e := newTestEngine(t, Options{})
	unknownRule := sgRule("aws_security_group.unk", "ingress[0]", 60, "tcp", 22, 22)
	unknownRule.Meta.MarkUnknown("cidr_blocks", "var.cidrs has no value")
	tests := []struct {
		name  string
		state func(s *model.State)
		check string
		want  []string
	}{
		{
			name: "inline rule open to the world fails on the group at the cidr_blocks line",
			state: func(s *model.State) {
				s.AWS.EC2.SecurityGroups = []model.SecurityGroup{
					sg("aws_security_group.web", 1, sgRule("aws_security_group.web", "ingress[1]", 10, "tcp", 22, 22, "0.0.0.0/0")),
				}
			},
			check: "aws-sg-no-public-ssh",
			want:  []string{"fail | aws-sg-no-public-ssh | aws_security_group.web | 14 | cidr_blocks | aws_security_group.web allows 0.0.0.0/0 to port 22 (ingress[1])"},
		},
		{
			name: "standalone rule fails on itself; its group still fails to pass",
			state: func(s *model.State) {
				s.AWS.EC2.SecurityGroups = []model.SecurityGroup{
					sg("aws_security_group.web", 1, sgRule("aws_security_group_rule.ssh", "aws_security_group_rule.ssh", 30, "-1", 0, 0, "1.2.3.4/0")),
				}
				s.AWS.EC2.SecurityGroupRules = []model.SecurityGroupRule{
					sgRule("aws_security_group_rule.orphan", "aws_security_group_rule.orphan", 40, "tcp", 0, 65535, "0.0.0.0/00"),
				}
			},
			check: "aws-sg-no-public-ssh",
			want: []string{
				"fail | aws-sg-no-public-ssh | aws_security_group_rule.orphan | 44 | cidr_blocks | aws_security_group_rule.orphan allows 0.0.0.0/00 to port 22",
				"fail | aws-sg-no-public-ssh | aws_security_group_rule.ssh | 34 | cidr_blocks | aws_security_group_rule.ssh allows 1.2.3.4/0 to port 22",
			},
		},
		{
			name: "unknown source gives an unknown finding and no pass",
			state: func(s *model.State) {
				s.AWS.EC2.SecurityGroups = []model.SecurityGroup{sg("aws_security_group.unk", 55, unknownRule)}
			},
			check: "aws-sg-no-public-ssh",
			want:  []string{"unknown | aws-sg-no-public-ssh | aws_security_group.unk | 64 | cidr_blocks | aws_security_group.unk may allow the internet to port 22 (ingress[0]): cidr_blocks is unresolved (var.cidrs has no value)"},
		},
		{
			name: "closed groups pass, from the selector",
			state: func(s *model.State) {
				s.AWS.EC2.SecurityGroups = []model.SecurityGroup{
					sg("aws_security_group.a", 1, sgRule("aws_security_group.a", "ingress[0]", 3, "tcp", 22, 22, "10.0.0.0/8")),
					sg("aws_security_group.b", 30),
				}
			},
			check: "aws-sg-no-public-ssh",
			want: []string{
				"pass | aws-sg-no-public-ssh | aws_security_group.a | 1 |  | passed",
				"pass | aws-sg-no-public-ssh | aws_security_group.b | 30 |  | passed",
			},
		},
		{
			name: "vpc without flow log fails, with one passes",
			state: func(s *model.State) {
				s.AWS.EC2.VPCs = []model.VPC{
					{Meta: model.Meta{Source: model.SourceTerraform, Type: "aws_vpc", Address: "aws_vpc.a", File: "vpc.tf", StartLine: 1, EndLine: 3}},
					{Meta: model.Meta{Source: model.SourceTerraform, Type: "aws_vpc", Address: "aws_vpc.b", File: "vpc.tf", StartLine: 5, EndLine: 7}, FlowLogs: []string{"fl-1"}},
					{Meta: model.Meta{Source: model.SourceAWS, Type: "aws_vpc", ARN: "arn:aws:ec2:eu-west-1:123456789012:vpc/vpc-1", Unknown: []string{"flow_logs"}}},
				}
			},
			check: "aws-vpc-flow-logs-enabled",
			want: []string{
				"unknown | aws-vpc-flow-logs-enabled | arn:aws:ec2:eu-west-1:123456789012:vpc/vpc-1 | 0 |  | arn:aws:ec2:eu-west-1:123456789012:vpc/vpc-1: a flow log's target is unresolved, so whether it targets this VPC is unknown",
				"fail | aws-vpc-flow-logs-enabled | aws_vpc.a | 1 |  | aws_vpc.a has no flow log",
				"pass | aws-vpc-flow-logs-enabled | aws_vpc.b | 5 |  | passed",
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := model.New(model.SourceTerraform, model.ScopeCode)
			tc.state(s)
			fs, err := e.Evaluate(context.Background(), s)
			if err != nil {
				t.Fatal(err)
			}
			got := only(fs, tc.check)
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("findings of %s:\ngot:\n%s\nwant:\n%s", tc.check, strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}

// noFramework lists checks that no published benchmark control covers.
var noFramework = map[string]bool{"aws-config-delivery-channel": true, "alicloud-config-recorder-enabled": true}

func TestRulesMetadata(t *testing.T) {
	e := newTestEngine(t, Options{})
	rules := e.Rules()
	want := []string{
		"alicloud-actiontrail-all-regions-events", "alicloud-actiontrail-enabled", "alicloud-actiontrail-logging-enabled",
		"alicloud-actiontrail-oss-not-public", "alicloud-actiontrail-sls-delivery", "alicloud-cloudfirewall-log-analysis",
		"alicloud-config-recorder-enabled", "alicloud-ram-no-administrator-access", "alicloud-security-center-log-analysis",
		"alicloud-sg-no-public-rdp", "alicloud-sg-no-public-ssh", "alicloud-sls-logstore-retention",
		"alicloud-vpc-flow-logs-enabled", "alicloud-waf-log-analysis",
		"aws-sg-no-public-rdp", "aws-sg-no-public-ssh", "aws-vpc-flow-logs-enabled",
	}
	// checks.md maps these to no framework control.
	var got []string
	for _, r := range rules {
		got = append(got, r.ID)
		// Account-scope checks judge the whole account (no selector); a few
		// checks map to no published framework control.
		if r.Title == "" || r.Description == "" || r.Remediation == "" || (r.Selector == "" && r.Scope == finding.ScopeResource) || (len(r.Frameworks) == 0 && !noFramework[r.ID]) || len(r.References) == 0 {
			t.Errorf("%s: incomplete metadata: %+v", r.ID, r)
		}
		if !strings.Contains(r.Remediation, "```hcl") {
			t.Errorf("%s: remediation has no Terraform snippet", r.ID)
		}
	}
	for _, id := range want {
		if !slices.Contains(got, id) {
			t.Errorf("rule IDs = %v, want them to include %v", got, want)
		}
	}
}

func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, src := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}
