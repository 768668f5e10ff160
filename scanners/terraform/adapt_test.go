package terraform

import (
	"context"
	"encoding/json"
	"strconv"
	"strings"
	"testing"

	"github.com/kansa-sec/kansa/internal/model"
)

func ruleSummary(r model.SecurityGroupRule) string {
	return strings.Join([]string{r.Label, str(r.Direction), str(r.Protocol), itoa(r.FromPort), itoa(r.ToPort), str(r.PortRange),
		strings.Join(r.CIDRBlocks, "+"), strings.Join(r.IPv6CIDRBlocks, "+"), strings.Join(r.SourceSecurityGroups, "+"),
		strings.Join(r.PrefixListIDs, "+"), str(r.Policy), itoa(r.Priority)}, " ")
}

func TestAWSSecurityGroupRules(t *testing.T) {
	tests := []struct {
		name    string
		src     string
		group   string   // address of the group to inspect
		rules   []string // ruleSummary of each rule of the group
		orphans []string
		unknown map[string][]string // rule label -> attributes that must be unknown
	}{
		{"inline and standalone forms merged", `
resource "aws_security_group" "g" {
  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "TCP"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
resource "aws_security_group_rule" "r" {
  type                     = "ingress"
  from_port                = 3389
  to_port                  = 3389
  protocol                 = 6
  source_security_group_id = "sg-1"
  security_group_id        = aws_security_group.g.id
}
resource "aws_vpc_security_group_ingress_rule" "v" {
  security_group_id = aws_security_group.g.id
  ip_protocol       = -1
  cidr_ipv6         = "::/0"
}
resource "aws_vpc_security_group_egress_rule" "e" {
  security_group_id = aws_security_group.g.id
  ip_protocol       = "all"
  prefix_list_id    = "pl-1"
}
`, "aws_security_group.g", []string{
			"ingress[0] ingress tcp 22 22 <nil> 0.0.0.0/0    <nil> <nil>",
			"aws_security_group_rule.r ingress 6 3389 3389 <nil>   sg-1  <nil> <nil>",
			"aws_vpc_security_group_ingress_rule.v ingress -1 <nil> <nil> <nil>  ::/0   <nil> <nil>",
			"aws_vpc_security_group_egress_rule.e egress all <nil> <nil> <nil>    pl-1 <nil> <nil>",
		}, nil, nil},
		{"rule for a group outside the scan", `
resource "aws_security_group" "g" {}
resource "aws_security_group_rule" "r" {
  type              = "ingress"
  from_port         = 22
  to_port           = 22
  protocol          = "tcp"
  cidr_blocks       = ["0.0.0.0/0"]
  security_group_id = "sg-0abc"
}
`, "aws_security_group.g", nil, []string{"aws_security_group_rule.r ingress tcp 22 22 <nil> 0.0.0.0/0    <nil> <nil>"}, nil},
		{"attribute-list form with unknown elements", `
variable "extra" {}
resource "aws_security_group" "g" {
  ingress = [
    {
      from_port        = 22
      to_port          = 22
      protocol         = "tcp"
      cidr_blocks      = ["0.0.0.0/0", var.extra]
      ipv6_cidr_blocks = []
      prefix_list_ids  = []
      security_groups  = []
      self             = false
      description      = ""
    },
  ]
}
`, "aws_security_group.g", []string{"ingress[0] ingress tcp 22 22 <nil> 0.0.0.0/0    <nil> <nil>"}, nil,
			map[string][]string{"ingress[0]": {"cidr_blocks"}}},
		{"default security group", `
resource "aws_default_security_group" "d" {
  vpc_id = "vpc-1"
  egress {
    protocol  = -1
    from_port = 0
    to_port   = 0
  }
}
`, "aws_default_security_group.d", []string{"egress[0] egress -1 0 0 <nil>     <nil> <nil>"}, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, diags := scan(t, files("main.tf", tt.src), Options{})
			if diags.HasErrors() {
				t.Fatalf("errors: %v", diags)
			}
			g := sgByAddr(t, s, tt.group)
			var got []string
			for _, r := range g.Rules {
				got = append(got, ruleSummary(r))
				if r.Group != g.Meta.ID {
					t.Errorf("%s: group %q, want %q", r.Label, r.Group, g.Meta.ID)
				}
				for _, u := range tt.unknown[r.Label] {
					if !r.Meta.IsUnknown(u) {
						t.Errorf("%s: %s not unknown (%v)", r.Label, u, r.Meta.Unknown)
					}
				}
			}
			if strings.Join(got, "\n") != strings.Join(tt.rules, "\n") {
				t.Errorf("rules:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.rules, "\n"))
			}
			got = nil
			for _, r := range s.AWS.EC2.SecurityGroupRules {
				got = append(got, ruleSummary(r))
			}
			if strings.Join(got, "\n") != strings.Join(tt.orphans, "\n") {
				t.Errorf("orphans:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.orphans, "\n"))
			}
		})
	}
}

func TestAlicloudSecurityGroupRules(t *testing.T) {
	tests := []struct {
		name      string
		rule      string
		want      string
		defaulted []string
		unknown   []string
	}{
		{"defaults", `type = "ingress"
  ip_protocol = "TCP"`, "r ingress tcp <nil> <nil> -1/-1 0.0.0.0/0    accept 1", []string{"cidr_ip", "policy", "port_range", "priority"}, nil},
		{"explicit", `type = "ingress"
  ip_protocol = "tcp"
  port_range  = "22/22"
  policy      = "drop"
  priority    = 5
  ipv6_cidr_ip = "::/0"`, "r ingress tcp <nil> <nil> 22/22  ::/0   drop 5", nil, nil},
		{"source group means no default cidr", `type = "ingress"
  ip_protocol = "all"
  source_security_group_id = "sg-2"`, "r ingress all <nil> <nil> -1/-1   sg-2  accept 1", []string{"policy", "port_range", "priority"}, nil},
		{"unknown cidr is not defaulted", `type = "ingress"
  ip_protocol = "tcp"
  port_range  = "3389/3389"
  cidr_ip     = var.cidr`, "r ingress tcp <nil> <nil> 3389/3389     accept 1", []string{"policy", "priority"}, []string{"cidr_ip"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := `variable "cidr" {}
resource "alicloud_security_group" "g" { name = "g" }
resource "alicloud_security_group_rule" "r" {
  security_group_id = alicloud_security_group.g.id
  ` + tt.rule + `
}`
			s, _ := scan(t, files("main.tf", src), Options{})
			if len(s.Alicloud.ECS.SecurityGroups) != 1 || len(s.Alicloud.ECS.SecurityGroups[0].Rules) != 1 {
				t.Fatalf("groups %+v", s.Alicloud.ECS.SecurityGroups)
			}
			r := s.Alicloud.ECS.SecurityGroups[0].Rules[0]
			r.Label = strings.TrimPrefix(r.Label, "alicloud_security_group_rule.")
			if got := ruleSummary(r); got != tt.want {
				t.Errorf("rule = %q, want %q", got, tt.want)
			}
			if strings.Join(r.Meta.Defaulted, ",") != strings.Join(tt.defaulted, ",") {
				t.Errorf("defaulted = %v, want %v", r.Meta.Defaulted, tt.defaulted)
			}
			for _, u := range tt.unknown {
				if !r.Meta.IsUnknown(u) {
					t.Errorf("%s not unknown: %v", u, r.Meta.Unknown)
				}
			}
		})
	}
}

func TestFlowLogLinks(t *testing.T) {
	tests := []struct {
		name    string
		src     string
		vpc     string
		want    string
		unknown bool
	}{
		{"reference", `resource "aws_vpc" "v" {}
resource "aws_flow_log" "f" { vpc_id = aws_vpc.v.id }`, "aws_vpc.v", "tf:aws_flow_log.f.id", false},
		{"literal id", `resource "aws_vpc" "v" { id = "vpc-1" }
resource "aws_flow_log" "f" { vpc_id = "vpc-1" }`, "aws_vpc.v", "tf:aws_flow_log.f.id", false},
		{"subnet flow log does not count", `resource "aws_vpc" "v" {}
resource "aws_flow_log" "f" { subnet_id = aws_vpc.v.id }`, "aws_vpc.v", "", false},
		{"no flow log", `resource "aws_vpc" "v" {}`, "aws_vpc.v", "", false},
		{"unresolved target", `variable "vpc" {}
resource "aws_vpc" "v" {}
resource "aws_flow_log" "f" { vpc_id = var.vpc }`, "aws_vpc.v", "", true},
		{"flow log whose count is unknown", `variable "on" {}
resource "aws_vpc" "v" {}
resource "aws_flow_log" "f" {
  count  = var.on ? 1 : 0
  vpc_id = aws_vpc.v.id
}`, "aws_vpc.v", "", true},
		{"flow log disabled by count", `resource "aws_vpc" "v" {}
resource "aws_flow_log" "f" {
  count  = 0
  vpc_id = aws_vpc.v.id
}`, "aws_vpc.v", "", false},
		{"alicloud", `resource "alicloud_vpc" "v" {}
resource "alicloud_vpc_flow_log" "f" {
  resource_type = "VPC"
  resource_id   = alicloud_vpc.v.id
}`, "alicloud_vpc.v", "tf:alicloud_vpc_flow_log.f.id", false},
		{"alicloud unresolved", `variable "x" {}
resource "alicloud_vpc" "v" {}
resource "alicloud_vpc_flow_log" "f" {
  resource_type = "VPC"
  resource_id   = var.x
}`, "alicloud_vpc.v", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _ := scan(t, files("main.tf", tt.src), Options{})
			vpcs := append(append([]model.VPC{}, s.AWS.EC2.VPCs...), s.Alicloud.VPC.VPCs...)
			for _, v := range vpcs {
				if v.Meta.Address != tt.vpc {
					continue
				}
				if got := strings.Join(v.FlowLogs, ","); got != tt.want {
					t.Errorf("flow_logs = %q, want %q", got, tt.want)
				}
				if v.Meta.IsUnknown("flow_logs") != tt.unknown {
					t.Errorf("flow_logs unknown = %v, want %v", v.Meta.Unknown, tt.unknown)
				}
				return
			}
			t.Fatalf("no VPC %s", tt.vpc)
		})
	}
}

func TestJSONAndSingleFile(t *testing.T) {
	fsys := files(
		"main.tf.json", `{
  "variable": {"cidr": {"type": "string", "default": "10.0.0.0/16"}},
  "resource": {
    "aws_vpc": {"v": {"cidr_block": "${var.cidr}"}},
    "aws_security_group": {"g": {
      "ingress": {"from_port": 22, "to_port": 22, "protocol": "tcp", "cidr_blocks": ["0.0.0.0/0"]}
    }}
  }
}`,
		"other.tf", `resource "aws_vpc" "other" {}`,
		"terraform.tfvars", `cidr = "10.9.0.0/16"`,
	)
	s, diags, err := Scan(context.Background(), fsys, "main.tf.json", Options{})
	if err != nil || len(diags) != 0 {
		t.Fatalf("Scan: %v %v", err, diags)
	}
	if got := addrs(s.AWS.EC2.VPCs); got != "aws_vpc.v" {
		t.Errorf("single file scanned %s", got)
	}
	if got := str(s.AWS.EC2.VPCs[0].CIDRBlock); got != "10.0.0.0/16" {
		t.Errorf("cidr = %s (tfvars must not apply to a single file)", got)
	}
	if s.AWS.EC2.VPCs[0].Meta.File != "main.tf.json" || s.AWS.EC2.VPCs[0].Meta.StartLine != 4 {
		t.Errorf("location %s:%d", s.AWS.EC2.VPCs[0].Meta.File, s.AWS.EC2.VPCs[0].Meta.StartLine)
	}
	g := sgByAddr(t, s, "aws_security_group.g")
	if len(g.Rules) != 1 || ruleSummary(g.Rules[0]) != "ingress[0] ingress tcp 22 22 <nil> 0.0.0.0/0    <nil> <nil>" {
		t.Errorf("rules %v", g.Rules)
	}
	if _, _, err := Scan(context.Background(), fsys, "nope", Options{}); err == nil {
		t.Errorf("missing path: no error")
	}
}

func TestNetworkACLRules(t *testing.T) {
	src := `
variable "ports" {
  default = [22, 3389]
}
resource "aws_network_acl" "a" {
  vpc_id = "vpc-1"
  dynamic "ingress" {
    for_each = var.ports
    content {
      rule_no    = 100 + ingress.key
      action     = "ALLOW"
      protocol   = "tcp"
      cidr_block = "0.0.0.0/0"
      from_port  = ingress.value
      to_port    = ingress.value
    }
  }
  egress = [{
    rule_no    = 100
    action     = "allow"
    protocol   = "-1"
    cidr_block = "0.0.0.0/0"
    from_port  = 0
    to_port    = 0
  }]
}
resource "aws_network_acl_rule" "deny" {
  network_acl_id = aws_network_acl.a.id
  rule_number    = 10
  rule_action    = "deny"
  protocol       = 6
  ipv6_cidr_block = "::/0"
  from_port      = 22
  to_port        = 22
}
resource "aws_network_acl_rule" "elsewhere" {
  network_acl_id = "acl-1"
  rule_number    = 10
  egress         = true
  rule_action    = "allow"
  protocol       = "all"
  cidr_block     = "0.0.0.0/0"
}
`
	s, diags := scan(t, files("main.tf", src), Options{})
	if len(diags) != 0 {
		t.Fatalf("diagnostics: %v", diags)
	}
	if len(s.AWS.EC2.NetworkACLs) != 1 {
		t.Fatalf("acls: %d", len(s.AWS.EC2.NetworkACLs))
	}
	summary := func(r model.NetworkACLRule) string {
		eg := "<nil>"
		if r.Egress != nil {
			eg = strconv.FormatBool(*r.Egress)
		}
		return strings.Join([]string{r.Label, eg, itoa(r.RuleNumber), str(r.RuleAction), str(r.Protocol), str(r.CIDRBlock), str(r.IPv6CIDRBlock), itoa(r.FromPort), itoa(r.ToPort), strconv.Itoa(blockLine(r.Meta))}, " ")
	}
	var got []string
	for _, r := range s.AWS.EC2.NetworkACLs[0].Rules {
		got = append(got, summary(r))
	}
	want := []string{
		"ingress[0] (dynamic) false 100 allow tcp 0.0.0.0/0 <nil> 22 22 9",
		"ingress[1] (dynamic) false 101 allow tcp 0.0.0.0/0 <nil> 3389 3389 9",
		"egress[0] true 100 allow -1 0.0.0.0/0 <nil> 0 0 18",
		"aws_network_acl_rule.deny false 10 deny 6 <nil> ::/0 22 22 27",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("rules:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if len(s.AWS.EC2.NetworkACLRules) != 1 || s.AWS.EC2.NetworkACLRules[0].ACL != "acl-1" {
		t.Errorf("orphan rules: %+v", s.AWS.EC2.NetworkACLRules)
	}
}

func TestNoNullLists(t *testing.T) {
	s, _ := scan(t, files("main.tf", `
resource "aws_security_group" "empty" {}
resource "aws_vpc" "v" {}
resource "aws_network_acl" "n" {}
resource "aws_config_configuration_recorder" "r" {}
resource "aws_cloudwatch_log_group" "g" {}
resource "aws_s3_bucket" "b" {}
resource "alicloud_log_store" "l" {}
`), Options{})
	b, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(b), "null") {
		t.Errorf("model JSON has null lists: %s", b)
	}
}

// blockLine is the line a finding on m points at: its nested block's first
// line for an inline rule, else the resource's.
func blockLine(m model.Meta) int {
	if m.BlockStartLine > 0 {
		return m.BlockStartLine
	}
	return m.StartLine
}
