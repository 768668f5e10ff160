package plan

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/kansa-sec/kansa/internal/diag"
	"github.com/kansa-sec/kansa/internal/model"
)

// TestUnknownVersusUnset pins the checks.md decision: an attribute in
// after_unknown that the configuration does not set is unset (the provider
// computes it, so the documented default applies); one the code sets from
// something unknown is unresolved.
func TestUnknownVersusUnset(t *testing.T) {
	common := map[string]any{"type": "ingress", "ip_protocol": "tcp", "port_range": "22/22", "policy": "accept", "priority": 1}
	with := func(kv ...any) map[string]any {
		m := map[string]any{}
		for k, v := range common {
			m[k] = v
		}
		for i := 0; i+1 < len(kv); i += 2 {
			m[kv[i].(string)] = kv[i+1]
		}
		return m
	}
	rs := []res{
		{addr: "alicloud_security_group_rule.computed", typ: "alicloud_security_group_rule", name: "computed", after: with(),
			unknown: map[string]any{"cidr_ip": true, "id": true, "security_group_id": true}},
		{addr: "alicloud_security_group_rule.from_eip", typ: "alicloud_security_group_rule", name: "from_eip", after: with(),
			unknown: map[string]any{"cidr_ip": true, "id": true, "security_group_id": true}},
		{addr: "alicloud_security_group_rule.literal", typ: "alicloud_security_group_rule", name: "literal", after: with("cidr_ip", "10.0.0.0/8"),
			unknown: map[string]any{"id": true, "security_group_id": true}},
	}
	cfg := `{"root_module":{"resources":[
	 {"address":"alicloud_security_group_rule.computed","mode":"managed","type":"alicloud_security_group_rule","name":"computed",
	  "expressions":{"type":{"constant_value":"ingress"},"ip_protocol":{"constant_value":"tcp"},"port_range":{"constant_value":"22/22"},
	   "security_group_id":{"references":["alicloud_security_group.x.id","alicloud_security_group.x"]}}},
	 {"address":"alicloud_security_group_rule.from_eip","mode":"managed","type":"alicloud_security_group_rule","name":"from_eip",
	  "expressions":{"type":{"constant_value":"ingress"},"ip_protocol":{"constant_value":"tcp"},"port_range":{"constant_value":"22/22"},
	   "cidr_ip":{"references":["alicloud_eip.x.ip_address","alicloud_eip.x"]}}},
	 {"address":"alicloud_security_group_rule.literal","mode":"managed","type":"alicloud_security_group_rule","name":"literal",
	  "expressions":{"type":{"constant_value":"ingress"},"cidr_ip":{"constant_value":"10.0.0.0/8"}}}
	]}}`
	st, _ := scanPlan(t, mapFS("plan.json", planJSON(t, rs, cfg)), "plan.json", Options{})
	rules := st.Alicloud.ECS.SecurityGroupRules
	tests := []struct {
		label     string
		cidrs     []string
		unknown   []string
		defaulted bool
	}{
		{"alicloud_security_group_rule.computed", []string{"0.0.0.0/0"}, nil, true},
		{"alicloud_security_group_rule.from_eip", []string{}, []string{"cidr_ip"}, false},
		{"alicloud_security_group_rule.literal", []string{"10.0.0.0/8"}, nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.label, func(t *testing.T) {
			r := rule(t, rules, tt.label)
			if !sameStrings(r.CIDRBlocks, tt.cidrs) {
				t.Errorf("cidr_blocks = %v, want %v", r.CIDRBlocks, tt.cidrs)
			}
			for _, u := range tt.unknown {
				if !r.Meta.IsUnknown(u) {
					t.Errorf("%s not unknown; unknown = %v", u, r.Meta.Unknown)
				}
				if r.Meta.Reasons[u] != reasonAfterApply {
					t.Errorf("%s reason = %q", u, r.Meta.Reasons[u])
				}
			}
			if len(tt.unknown) == 0 && r.Meta.IsUnknown("cidr_ip") {
				t.Errorf("cidr_ip unknown; unknown = %v", r.Meta.Unknown)
			}
			if got := contains(r.Meta.Defaulted, "cidr_ip"); got != tt.defaulted {
				t.Errorf("cidr_ip defaulted = %v, want %v", got, tt.defaulted)
			}
			if r.Meta.Source != model.SourcePlan {
				t.Errorf("source = %q", r.Meta.Source)
			}
		})
	}
}

func contains(l []string, s string) bool {
	for _, x := range l {
		if x == s {
			return true
		}
	}
	return false
}

// TestLinks follows references to the instance they name: count.index and
// each.key pairing, each.value over a resource, module outputs and module
// inputs.
func TestLinks(t *testing.T) {
	vpcAfter := func(cidr string) map[string]any { return map[string]any{"cidr_block": cidr} }
	flow := map[string]any{"traffic_type": "ALL"}
	fu := map[string]any{"id": true, "vpc_id": true}
	rs := []res{
		{addr: "aws_vpc.counted[0]", typ: "aws_vpc", name: "counted", index: 0, after: vpcAfter("10.0.0.0/16"), unknown: map[string]any{"id": true}},
		{addr: "aws_vpc.counted[1]", typ: "aws_vpc", name: "counted", index: 1, after: vpcAfter("10.1.0.0/16"), unknown: map[string]any{"id": true}},
		{addr: "aws_flow_log.counted[1]", typ: "aws_flow_log", name: "counted", index: 1, after: flow, unknown: fu},
		{addr: `aws_vpc.keyed["a"]`, typ: "aws_vpc", name: "keyed", index: "a", after: vpcAfter("10.2.0.0/16"), unknown: map[string]any{"id": true}},
		{addr: `aws_vpc.keyed["b"]`, typ: "aws_vpc", name: "keyed", index: "b", after: vpcAfter("10.3.0.0/16"), unknown: map[string]any{"id": true}},
		{addr: `aws_flow_log.each_value["b"]`, typ: "aws_flow_log", name: "each_value", index: "b", after: flow, unknown: fu},
		{addr: `aws_flow_log.each_key["a"]`, typ: "aws_flow_log", name: "each_key", index: "a", after: flow, unknown: fu},
		{module: "module.net", addr: "module.net.aws_vpc.this[0]", typ: "aws_vpc", name: "this", index: 0, after: vpcAfter("10.4.0.0/16"), unknown: map[string]any{"id": true}},
		{addr: "aws_flow_log.module_output", typ: "aws_flow_log", name: "module_output", after: flow, unknown: fu},
		{addr: "aws_vpc.root", typ: "aws_vpc", name: "root", after: vpcAfter("10.5.0.0/16"), unknown: map[string]any{"id": true}},
		{module: "module.net", addr: "module.net.aws_flow_log.input", typ: "aws_flow_log", name: "input", after: flow, unknown: fu},
	}
	cfg := `{"root_module":{
	 "resources":[
	  {"address":"aws_vpc.counted","mode":"managed","type":"aws_vpc","name":"counted","count_expression":{"constant_value":2},"expressions":{}},
	  {"address":"aws_flow_log.counted","mode":"managed","type":"aws_flow_log","name":"counted","count_expression":{"constant_value":2},
	   "expressions":{"vpc_id":{"references":["aws_vpc.counted","count.index"]}}},
	  {"address":"aws_vpc.keyed","mode":"managed","type":"aws_vpc","name":"keyed","for_each_expression":{"references":["local.cidrs"]},"expressions":{}},
	  {"address":"aws_flow_log.each_value","mode":"managed","type":"aws_flow_log","name":"each_value","for_each_expression":{"references":["aws_vpc.keyed"]},
	   "expressions":{"vpc_id":{"references":["each.value.id","each.value"]}}},
	  {"address":"aws_flow_log.each_key","mode":"managed","type":"aws_flow_log","name":"each_key","for_each_expression":{"references":["local.cidrs"]},
	   "expressions":{"vpc_id":{"references":["aws_vpc.keyed","each.key"]}}},
	  {"address":"aws_flow_log.module_output","mode":"managed","type":"aws_flow_log","name":"module_output",
	   "expressions":{"vpc_id":{"references":["module.net.vpc_id","module.net"]}}},
	  {"address":"aws_vpc.root","mode":"managed","type":"aws_vpc","name":"root","expressions":{}}
	 ],
	 "module_calls":{"net":{"source":"./net","expressions":{"root_vpc":{"references":["aws_vpc.root.id","aws_vpc.root"]}},"module":{
	  "outputs":{"vpc_id":{"expression":{"references":["aws_vpc.this[0].id","aws_vpc.this[0]","aws_vpc.this"]}}},
	  "resources":[
	   {"address":"aws_vpc.this","mode":"managed","type":"aws_vpc","name":"this","count_expression":{"constant_value":1},"expressions":{}},
	   {"address":"aws_flow_log.input","mode":"managed","type":"aws_flow_log","name":"input","expressions":{"vpc_id":{"references":["var.root_vpc"]}}}
	  ]}}}
	}}`
	st, _ := scanPlan(t, mapFS("plan.json", planJSON(t, rs, cfg)), "plan.json", Options{})
	vs := st.AWS.EC2.VPCs
	tests := []struct {
		vpc  string
		logs []string
	}{
		{"aws_vpc.counted[0]", nil},
		{"aws_vpc.counted[1]", []string{"tf:aws_flow_log.counted[1].id"}},
		{`aws_vpc.keyed["a"]`, []string{`tf:aws_flow_log.each_key["a"].id`}},
		{`aws_vpc.keyed["b"]`, []string{`tf:aws_flow_log.each_value["b"].id`}},
		{"module.net.aws_vpc.this[0]", []string{"tf:aws_flow_log.module_output.id"}},
		{"aws_vpc.root", []string{"tf:module.net.aws_flow_log.input.id"}},
	}
	for _, tt := range tests {
		t.Run(tt.vpc, func(t *testing.T) {
			v := vpc(t, vs, tt.vpc)
			if !sameStrings(v.FlowLogs, tt.logs) {
				t.Errorf("flow_logs = %v, want %v", v.FlowLogs, tt.logs)
			}
			if v.Meta.ID != model.Placeholder(tt.vpc, "id") {
				t.Errorf("id = %q", v.Meta.ID)
			}
			if len(v.Meta.Unknown) > 0 {
				t.Errorf("unknown = %v", v.Meta.Unknown)
			}
		})
	}
}

// TestSourceLocations maps resources back to their blocks when the .tf
// files are at hand, and leaves lines at 0 (file = the plan) otherwise.
func TestSourceLocations(t *testing.T) {
	rs := []res{
		{addr: "aws_security_group.web", typ: "aws_security_group", name: "web", after: map[string]any{"name": "web", "ingress": []any{
			map[string]any{"from_port": 443, "to_port": 443, "protocol": "tcp", "cidr_blocks": []any{"0.0.0.0/0"}, "self": false},
			map[string]any{"from_port": 22, "to_port": 22, "protocol": "tcp", "cidr_blocks": []any{"0.0.0.0/0"}, "self": false},
		}}, unknown: map[string]any{"id": true, "egress": true}},
		{module: "module.m", addr: "module.m.aws_vpc.v", typ: "aws_vpc", name: "v", after: map[string]any{"cidr_block": "10.0.0.0/16"}, unknown: map[string]any{"id": true}},
	}
	// The plan lists the set in another order than the code: rules keep
	// the code's labels and lines.
	rs[0].after["ingress"] = []any{rs[0].after["ingress"].([]any)[1], rs[0].after["ingress"].([]any)[0]}
	cfg := `{"root_module":{"resources":[
	  {"address":"aws_security_group.web","mode":"managed","type":"aws_security_group","name":"web","expressions":{
	   "name":{"constant_value":"web"},
	   "ingress":{"constant_value":[
	    {"from_port":443,"to_port":443,"protocol":"tcp","cidr_blocks":["0.0.0.0/0"],"self":null},
	    {"from_port":22,"to_port":22,"protocol":"tcp","cidr_blocks":["0.0.0.0/0"],"self":null}]}}}],
	 "module_calls":{"m":{"source":"./mod","module":{"resources":[
	  {"address":"aws_vpc.v","mode":"managed","type":"aws_vpc","name":"v","expressions":{"cidr_block":{"constant_value":"10.0.0.0/16"}}}]}}}}}`
	tf := `resource "aws_security_group" "web" {
  name = "web"

  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }

  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

module "m" {
  source = "./mod"
}
`
	mod := "\n\nresource \"aws_vpc\" \"v\" {\n  cidr_block = \"10.0.0.0/16\"\n}\n"
	plan := planJSON(t, rs, cfg)

	t.Run("source dir", func(t *testing.T) {
		fsys := mapFS("build/plan.json", plan, "infra/main.tf", tf, "infra/mod/main.tf", mod)
		st, _ := scanPlan(t, fsys, "build/plan.json", Options{SourceDir: "infra"})
		g := group(t, st.AWS.EC2.SecurityGroups, "aws_security_group.web")
		if g.Meta.File != "infra/main.tf" || g.Meta.StartLine != 1 || g.Meta.EndLine != 17 {
			t.Errorf("group at %s:%d-%d", g.Meta.File, g.Meta.StartLine, g.Meta.EndLine)
		}
		ssh := rule(t, g.Rules, "ingress[1]")
		if ssh.FromPort == nil || *ssh.FromPort != 22 || ssh.Meta.BlockStartLine != 11 || ssh.Meta.BlockEndLine != 16 {
			t.Errorf("ingress[1] = port %v at block %d-%d, want 22 at 11-16", str(ssh.FromPort), ssh.Meta.BlockStartLine, ssh.Meta.BlockEndLine)
		}
		if ssh.Meta.Attributes["cidr_blocks"] != 15 {
			t.Errorf("cidr_blocks line = %d, want 15", ssh.Meta.Attributes["cidr_blocks"])
		}
		v := vpc(t, st.AWS.EC2.VPCs, "module.m.aws_vpc.v")
		if v.Meta.File != "infra/mod/main.tf" || v.Meta.StartLine != 3 || v.Meta.Attributes["cidr_block"] != 4 {
			t.Errorf("module VPC at %s:%d (cidr_block %d)", v.Meta.File, v.Meta.StartLine, v.Meta.Attributes["cidr_block"])
		}
	})
	t.Run("plan next to the code", func(t *testing.T) {
		fsys := mapFS("infra/plan.json", plan, "infra/main.tf", tf, "infra/mod/main.tf", mod)
		st, _ := scanPlan(t, fsys, "infra/plan.json", Options{})
		g := group(t, st.AWS.EC2.SecurityGroups, "aws_security_group.web")
		if g.Meta.File != "infra/main.tf" || g.Meta.StartLine != 1 {
			t.Errorf("group at %s:%d", g.Meta.File, g.Meta.StartLine)
		}
	})
	t.Run("no source", func(t *testing.T) {
		st, _ := scanPlan(t, mapFS("build/plan.json", plan), "build/plan.json", Options{})
		g := group(t, st.AWS.EC2.SecurityGroups, "aws_security_group.web")
		if g.Meta.File != "build/plan.json" || g.Meta.StartLine != 0 || g.Meta.EndLine != 0 {
			t.Errorf("group at %s:%d-%d, want the plan and no lines", g.Meta.File, g.Meta.StartLine, g.Meta.EndLine)
		}
		if r := rule(t, g.Rules, "ingress[1]"); r.FromPort == nil || *r.FromPort != 22 {
			t.Errorf("ingress[1] is not the code's second rule: %v", r.FromPort)
		}
	})
	t.Run("missing source dir", func(t *testing.T) {
		_, _, err := Scan(context.Background(), mapFS("plan.json", plan), "plan.json", Options{SourceDir: "nope"})
		if err == nil || !strings.Contains(err.Error(), "nope") {
			t.Errorf("err = %v", err)
		}
	})
}

// TestDynamicBlockUnknown: a dynamic block over a collection known only
// after apply leaves the group's rules unknown, never empty.
func TestDynamicBlockUnknown(t *testing.T) {
	rs := []res{{addr: "aws_security_group.g", typ: "aws_security_group", name: "g", after: map[string]any{"name": "g"},
		unknown: map[string]any{"id": true, "ingress": true, "egress": true}}}
	cfg := `{"root_module":{"resources":[{"address":"aws_security_group.g","mode":"managed","type":"aws_security_group","name":"g",
	 "expressions":{"name":{"constant_value":"g"}}}]}}`
	tf := "resource \"aws_security_group\" \"g\" {\n  name = \"g\"\n  dynamic \"ingress\" {\n    for_each = aws_eip.x.tags\n    content {\n      from_port = 22\n    }\n  }\n}\n"
	st, _ := scanPlan(t, mapFS("plan.json", planJSON(t, rs, cfg), "main.tf", tf), "plan.json", Options{})
	g := group(t, st.AWS.EC2.SecurityGroups, "aws_security_group.g")
	if !g.Meta.IsUnknown("ingress") {
		t.Errorf("ingress not unknown: %v", g.Meta.Unknown)
	}
	if g.Meta.IsUnknown("egress") {
		t.Errorf("egress (computed, not in the code) is unknown")
	}
}

// TestRegion takes the region of the resource's provider configuration.
func TestRegion(t *testing.T) {
	rs := []res{{addr: "aws_vpc.v", typ: "aws_vpc", name: "v", after: map[string]any{"cidr_block": "10.0.0.0/16"}},
		{addr: "aws_vpc.w", typ: "aws_vpc", name: "w", after: map[string]any{"cidr_block": "10.1.0.0/16"}}}
	cfg := `{"provider_config":{"aws":{"name":"aws","expressions":{"region":{"references":["var.region"]}}},
	  "aws.west":{"name":"aws","alias":"west","expressions":{"region":{"constant_value":"us-west-2"}}}},
	 "root_module":{"resources":[
	  {"address":"aws_vpc.v","mode":"managed","type":"aws_vpc","name":"v","provider_config_key":"aws","expressions":{}},
	  {"address":"aws_vpc.w","mode":"managed","type":"aws_vpc","name":"w","provider_config_key":"aws.west","expressions":{}}]}}`
	p := strings.Replace(planJSON(t, rs, cfg), `"format_version"`, `"variables":{"region":{"value":"eu-west-1"}},"format_version"`, 1)
	st, _ := scanPlan(t, mapFS("plan.json", p), "plan.json", Options{})
	for addr, want := range map[string]string{"aws_vpc.v": "eu-west-1", "aws_vpc.w": "us-west-2"} {
		if got := vpc(t, st.AWS.EC2.VPCs, addr).Meta.Region; got != want {
			t.Errorf("%s region = %q, want %q", addr, got, want)
		}
	}
}

// TestStateJSON reads `terraform show -json` of a state (values, no plan).
func TestStateJSON(t *testing.T) {
	state := `{"format_version":"1.0","terraform_version":"1.11.4","values":{"root_module":{"resources":[
	 {"address":"aws_vpc.v","mode":"managed","type":"aws_vpc","name":"v","values":{"id":"vpc-123","cidr_block":"10.0.0.0/16"}},
	 {"address":"aws_flow_log.f","mode":"managed","type":"aws_flow_log","name":"f","values":{"id":"fl-1","vpc_id":"vpc-123"}}]}}}`
	st, _ := scanPlan(t, mapFS("state.json", state), "state.json", Options{})
	v := vpc(t, st.AWS.EC2.VPCs, "aws_vpc.v")
	if v.Meta.ID != "vpc-123" || !sameStrings(v.FlowLogs, []string{"fl-1"}) {
		t.Errorf("vpc id %q flow logs %v", v.Meta.ID, v.FlowLogs)
	}
}

// TestInputProblems: what is not a readable plan is an error diagnostic
// with a location, never a panic.
func TestInputProblems(t *testing.T) {
	tests := []struct {
		name, data, want string
		line             int
	}{
		{"empty", "", "invalid JSON", 1},
		{"truncated", "{\n  \"format_version\": \"1.2\",\n", "invalid JSON", 3},
		{"syntax", "{\n  \"format_version\": 1.2.3\n}", "invalid JSON", 2},
		{"array", "[1, 2]", "Not a Terraform plan", 0},
		{"null", "null", "no format_version", 0},
		{"no format_version", `{"planned_values":{}}`, "no format_version", 0},
		{"numeric format_version", `{"format_version":1.2}`, "no format_version", 0},
		{"future major", `{"format_version":"2.0","planned_values":{}}`, "Unsupported plan format_version 2.0", 0},
		{"garbage version", `{"format_version":"x.y"}`, "Unsupported plan format_version", 0},
		{"no values", `{"format_version":"1.2"}`, "no planned_values", 0},
		{"wrong types", `{"format_version":"1.2","planned_values":{"root_module":{"resources":"x"}}}`, "Not a Terraform plan", 0},
		{"wrong change types", `{"format_version":"1.2","planned_values":{"root_module":{}},"resource_changes":[{"change":7}]}`, "Not a Terraform plan", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st, diags, err := Scan(context.Background(), mapFS("p.json", tt.data), "p.json", Options{})
			if err != nil {
				t.Fatalf("err = %v, want a diagnostic", err)
			}
			if st != nil {
				t.Errorf("state for bad input")
			}
			if len(diags) != 1 || diags[0].Severity != diag.Error || !strings.Contains(diags[0].Summary, tt.want) || diags[0].File != "p.json" {
				t.Fatalf("diags = %v, want one error %q", diags, tt.want)
			}
			if diags[0].Line != tt.line {
				t.Errorf("line = %d, want %d", diags[0].Line, tt.line)
			}
		})
	}
	if _, _, err := Scan(context.Background(), fstest.MapFS{}, "missing.json", Options{}); err == nil {
		t.Error("no error for a missing file")
	}
}

// TestOddValuesDoNotPanic feeds shapes a plan should not have.
func TestOddValuesDoNotPanic(t *testing.T) {
	rs := []res{
		{addr: "aws_security_group.g", typ: "aws_security_group", name: "g",
			after:   map[string]any{"ingress": []any{"x", 3, nil, map[string]any{"cidr_blocks": "0.0.0.0/0", "from_port": "22"}}},
			unknown: map[string]any{"ingress": []any{true, false}, "egress": []any{true}}},
		{addr: "aws_flow_log.f", typ: "aws_flow_log", name: "f", index: 1.5, after: map[string]any{"vpc_id": []any{1}}, unknown: map[string]any{"vpc_id": map[string]any{"x": true}}},
		{addr: "not an address", typ: "aws_vpc", name: "v", after: nil},
	}
	cfg := `{"root_module":{"resources":[{"address":"aws_flow_log.f","mode":"managed","type":"aws_flow_log","name":"f",
	 "expressions":{"vpc_id":{"references":["module.x.y","each.value.id.z","var.q","aws_vpc[0]"]},"ingress":[{"a":{"constant_value":1}}]}}]}}`
	st, _, err := Scan(context.Background(), mapFS("plan.json", planJSON(t, rs, cfg)), "plan.json", Options{})
	if err != nil || st == nil {
		t.Fatalf("st %v err %v", st, err)
	}
}

// TestPartialPlanWarns: an errored or incomplete plan is scanned with a warning.
func TestPartialPlanWarns(t *testing.T) {
	for name, extra := range map[string]string{"errored": `"errored":true,`, "incomplete": `"complete":false,`} {
		p := `{` + extra + `"format_version":"1.2","planned_values":{"root_module":{}}}`
		_, diags := scanPlan(t, mapFS("plan.json", p), "plan.json", Options{})
		if len(diags) != 1 || diags[0].Severity != diag.Warning || !strings.Contains(diags[0].Summary, name) {
			t.Errorf("%s: diags = %v", name, diags)
		}
	}
}

// TestInstalledModule locates a registry module's resources in the
// directory terraform init downloaded it to, and follows a module output
// defined through a local value of that module.
func TestInstalledModule(t *testing.T) {
	rs := []res{
		{module: "module.vpc", addr: "module.vpc.aws_vpc.this[0]", typ: "aws_vpc", name: "this", index: 0, after: map[string]any{"cidr_block": "10.0.0.0/16"}, unknown: map[string]any{"id": true}},
		{addr: "aws_flow_log.f", typ: "aws_flow_log", name: "f", after: map[string]any{"traffic_type": "ALL"}, unknown: map[string]any{"id": true, "vpc_id": true}},
	}
	cfg := `{"root_module":{
	 "resources":[{"address":"aws_flow_log.f","mode":"managed","type":"aws_flow_log","name":"f","expressions":{"vpc_id":{"references":["module.vpc.vpc_id","module.vpc"]}}}],
	 "module_calls":{"vpc":{"source":"terraform-aws-modules/vpc/aws","version_constraint":"5.0.0","module":{
	  "outputs":{"vpc_id":{"expression":{"references":["local.vpc_id"]}}},
	  "resources":[{"address":"aws_vpc.this","mode":"managed","type":"aws_vpc","name":"this","count_expression":{"constant_value":1},
	   "expressions":{"cidr_block":{"constant_value":"10.0.0.0/16"}}}]}}}}}`
	fsys := mapFS(
		"plan.json", planJSON(t, rs, cfg),
		"main.tf", "module \"vpc\" {\n  source = \"terraform-aws-modules/vpc/aws\"\n}\n\nresource \"aws_flow_log\" \"f\" {\n  vpc_id = module.vpc.vpc_id\n}\n",
		".terraform/modules/modules.json", `{"Modules":[{"Key":"","Source":"","Dir":"."},{"Key":"vpc","Source":"registry.terraform.io/terraform-aws-modules/vpc/aws","Version":"5.0.0","Dir":".terraform/modules/vpc"}]}`,
		".terraform/modules/vpc/main.tf", "locals {\n  vpc_id = try(aws_vpc.this[0].id, \"\")\n}\n\nresource \"aws_vpc\" \"this\" {\n  count      = 1\n  cidr_block = \"10.0.0.0/16\"\n}\n",
	)
	st, _ := scanPlan(t, fsys, "plan.json", Options{})
	v := vpc(t, st.AWS.EC2.VPCs, "module.vpc.aws_vpc.this[0]")
	if v.Meta.File != ".terraform/modules/vpc/main.tf" || v.Meta.StartLine != 5 {
		t.Errorf("module VPC at %s:%d", v.Meta.File, v.Meta.StartLine)
	}
	if !sameStrings(v.FlowLogs, []string{"tf:aws_flow_log.f.id"}) {
		t.Errorf("flow_logs = %v (unknown %v)", v.FlowLogs, v.Meta.Unknown)
	}
}

// TestExistingResources: resources already applied carry their real IDs,
// and links follow them; a resource the plan destroys is not judged.
func TestExistingResources(t *testing.T) {
	rs := []res{
		{addr: "aws_vpc.old", typ: "aws_vpc", name: "old", after: map[string]any{"id": "vpc-0abc", "cidr_block": "10.0.0.0/16"}},
		{addr: "aws_flow_log.new", typ: "aws_flow_log", name: "new", after: map[string]any{"vpc_id": "vpc-0abc", "traffic_type": "ALL"}, unknown: map[string]any{"id": true}},
	}
	cfg := `{"root_module":{"resources":[
	 {"address":"aws_vpc.old","mode":"managed","type":"aws_vpc","name":"old","expressions":{"cidr_block":{"constant_value":"10.0.0.0/16"}}},
	 {"address":"aws_flow_log.new","mode":"managed","type":"aws_flow_log","name":"new","expressions":{"vpc_id":{"references":["aws_vpc.old.id","aws_vpc.old"]}}}]}}`
	p := planJSON(t, rs, cfg)
	// A VPC being destroyed shows in resource_changes only.
	p = strings.Replace(p, `"resource_changes":[`, `"resource_changes":[{"address":"aws_vpc.gone","mode":"managed","type":"aws_vpc","name":"gone","change":{"actions":["delete"],"before":{"id":"vpc-0dead"},"after":null,"after_unknown":{}}},`, 1)
	st, _ := scanPlan(t, mapFS("plan.json", p), "plan.json", Options{})
	if len(st.AWS.EC2.VPCs) != 1 {
		t.Fatalf("vpcs = %d, want only aws_vpc.old", len(st.AWS.EC2.VPCs))
	}
	v := vpc(t, st.AWS.EC2.VPCs, "aws_vpc.old")
	if v.Meta.ID != "vpc-0abc" || !sameStrings(v.FlowLogs, []string{"tf:aws_flow_log.new.id"}) {
		t.Errorf("id %q flow logs %v", v.Meta.ID, v.FlowLogs)
	}
}

// TestSourceFiles: .tf.json files are located too; override files do not
// move a resource; a resource declared twice is not guessed.
func TestSourceFiles(t *testing.T) {
	rs := []res{
		{addr: "aws_vpc.json", typ: "aws_vpc", name: "json", after: map[string]any{"cidr_block": "10.0.0.0/16"}},
		{addr: "aws_vpc.overridden", typ: "aws_vpc", name: "overridden", after: map[string]any{"cidr_block": "10.1.0.0/16"}},
		{addr: "aws_vpc.twice", typ: "aws_vpc", name: "twice", after: map[string]any{"cidr_block": "10.2.0.0/16"}},
	}
	fsys := mapFS("plan.json", planJSON(t, rs, `{"root_module":{}}`),
		"vpc.tf.json", "{\n  \"resource\": {\n    \"aws_vpc\": {\n      \"json\": {\n        \"cidr_block\": \"10.0.0.0/16\"\n      }\n    }\n  }\n}\n",
		"main.tf", "resource \"aws_vpc\" \"overridden\" {\n  cidr_block = \"10.9.0.0/16\"\n}\n\nresource \"aws_vpc\" \"twice\" {\n}\n",
		"main_override.tf", "resource \"aws_vpc\" \"overridden\" {\n  cidr_block = \"10.1.0.0/16\"\n}\n",
		"other.tf", "resource \"aws_vpc\" \"twice\" {\n}\n",
	)
	st, _ := scanPlan(t, fsys, "plan.json", Options{})
	for addr, want := range map[string]string{"aws_vpc.json": "vpc.tf.json:4", "aws_vpc.overridden": "main.tf:1", "aws_vpc.twice": "plan.json:0"} {
		v := vpc(t, st.AWS.EC2.VPCs, addr)
		if got := v.Meta.File + ":" + strconv.Itoa(v.Meta.StartLine); got != want {
			t.Errorf("%s at %s, want %s", addr, got, want)
		}
	}
	if v := vpc(t, st.AWS.EC2.VPCs, "aws_vpc.json"); v.Meta.Attributes["cidr_block"] != 5 {
		t.Errorf("json cidr_block line %d", v.Meta.Attributes["cidr_block"])
	}
}

// TestBlockPairingNeverHidesAValue: blocks whose constants cannot tell them
// apart may pair with the wrong configuration block; a non-zero value is
// then kept rather than read as unset, so an open rule stays open.
func TestBlockPairingNeverHidesAValue(t *testing.T) {
	rs := []res{{addr: "aws_security_group.g", typ: "aws_security_group", name: "g", after: map[string]any{"ingress": []any{
		map[string]any{"from_port": 22, "to_port": 22, "protocol": "tcp", "cidr_blocks": []any{"0.0.0.0/0"}, "ipv6_cidr_blocks": []any{}},
		map[string]any{"from_port": 22, "to_port": 22, "protocol": "tcp", "cidr_blocks": []any{}, "ipv6_cidr_blocks": []any{"::/0"}},
	}}, unknown: map[string]any{"id": true}}}
	cfg := `{"root_module":{"resources":[{"address":"aws_security_group.g","mode":"managed","type":"aws_security_group","name":"g","expressions":{
	 "ingress":[
	  {"from_port":{"constant_value":22},"to_port":{"constant_value":22},"protocol":{"constant_value":"tcp"},"ipv6_cidr_blocks":{"references":["var.v6"]}},
	  {"from_port":{"constant_value":22},"to_port":{"constant_value":22},"protocol":{"constant_value":"tcp"},"cidr_blocks":{"references":["var.v4"]}}]}}]}}`
	st, _ := scanPlan(t, mapFS("plan.json", planJSON(t, rs, cfg)), "plan.json", Options{})
	g := group(t, st.AWS.EC2.SecurityGroups, "aws_security_group.g")
	var v4, v6 []string
	for _, r := range g.Rules {
		v4 = append(v4, r.CIDRBlocks...)
		v6 = append(v6, r.IPv6CIDRBlocks...)
	}
	if !sameStrings(v4, []string{"0.0.0.0/0"}) || !sameStrings(v6, []string{"::/0"}) {
		t.Errorf("cidr_blocks %v ipv6_cidr_blocks %v, want both open sources kept", v4, v6)
	}
}
