package terraform

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/kansa-sec/kansa/internal/diag"
	"github.com/kansa-sec/kansa/internal/model"
)

func TestLocals(t *testing.T) {
	tests := []struct {
		name     string
		src      string
		want     string // cidr_block of aws_vpc.v
		wantDiag string
		line     int
	}{
		{"chain", `
locals {
  c    = local.base
  base = cidrsubnet("10.0.0.0/8", 8, local.n)
  n    = 3
}
resource "aws_vpc" "v" { cidr_block = local.c }
`, "10.3.0.0/16", "", 0},
		{"cycle", `
locals {
  a = local.b
  b = local.a
}
resource "aws_vpc" "v" { cidr_block = local.a }
`, "<nil>", "cycle in locals: local.a -> local.b -> local.a", 3},
		{"self cycle", `
locals {
  a = "${local.a}x"
}
resource "aws_vpc" "v" { cidr_block = local.a }
`, "<nil>", "cycle in locals: local.a -> local.a", 3},
		{"undeclared local", `
resource "aws_vpc" "v" { cidr_block = local.nope }
`, "<nil>", "", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, diags := scan(t, files("main.tf", tt.src), Options{})
			v := vpcByAddr(t, s, "aws_vpc.v")
			if got := str(v.CIDRBlock); got != tt.want {
				t.Errorf("cidr_block = %s, want %s", got, tt.want)
			}
			if tt.want == "<nil>" && !v.Meta.IsUnknown("cidr_block") {
				t.Errorf("cidr_block not unknown: %v", v.Meta.Unknown)
			}
			if tt.wantDiag == "" {
				return
			}
			found := false
			for _, d := range diags {
				if strings.Contains(d.Summary, tt.wantDiag) {
					found = true
					if d.File != "main.tf" || d.Line != tt.line || d.Column == 0 {
						t.Errorf("diagnostic at %s:%d:%d, want main.tf:%d", d.File, d.Line, d.Column, tt.line)
					}
				}
			}
			if !found {
				t.Errorf("no diagnostic %q in %v", tt.wantDiag, diags)
			}
		})
	}
}

func TestInstances(t *testing.T) {
	tests := []struct {
		name      string
		src       string
		opts      Options
		wantAddrs string
		check     func(t *testing.T, st stateView)
	}{
		{"count", `
resource "aws_vpc" "this" {
  count      = 2
  cidr_block = "10.${count.index}.0.0/16"
}
resource "aws_flow_log" "f" {
  vpc_id = aws_vpc.this[1].id
}
`, Options{}, "aws_vpc.this[0],aws_vpc.this[1]", func(t *testing.T, st stateView) {
			if got := str(st.vpc("aws_vpc.this[1]").CIDRBlock); got != "10.1.0.0/16" {
				t.Errorf("cidr = %s", got)
			}
			if got := st.vpc("aws_vpc.this[1]").FlowLogs; len(got) != 1 || got[0] != "tf:aws_flow_log.f.id" {
				t.Errorf("flow logs = %v", got)
			}
			if got := st.vpc("aws_vpc.this[0]").FlowLogs; len(got) != 0 {
				t.Errorf("vpc 0 flow logs = %v", got)
			}
		}},
		{"for_each map and splat", `
variable "vpcs" {
  default = { b = "10.2.0.0/16", a = "10.1.0.0/16" }
}
resource "aws_vpc" "this" {
  for_each   = var.vpcs
  cidr_block = each.value
  tags       = { Name = each.key }
}
resource "aws_flow_log" "f" {
  for_each = toset(values(aws_vpc.this)[*].id)
  vpc_id   = each.key
}
`, Options{}, `aws_vpc.this["a"],aws_vpc.this["b"]`, func(t *testing.T, st stateView) {
			for _, k := range []string{"a", "b"} {
				v := st.vpc(`aws_vpc.this["` + k + `"]`)
				if len(v.FlowLogs) != 1 || !strings.Contains(v.FlowLogs[0], `aws_flow_log.f["tf:aws_vpc.this[\"`+k+`\"].id"]`) {
					t.Errorf("%s flow logs = %v", k, v.FlowLogs)
				}
			}
		}},
		{"for_each set of strings", `
resource "aws_vpc" "this" {
  for_each   = toset(["x", "y"])
  cidr_block = each.key == "x" ? "10.0.0.0/16" : "10.9.0.0/16"
}
`, Options{}, `aws_vpc.this["x"],aws_vpc.this["y"]`, func(t *testing.T, st stateView) {
			if got := str(st.vpc(`aws_vpc.this["y"]`).CIDRBlock); got != "10.9.0.0/16" {
				t.Errorf("cidr = %s", got)
			}
		}},
		{"count zero", `
resource "aws_vpc" "this" {
  count = 0
}
`, Options{}, "", nil},
		{"unknown count gives one representative", `
variable "n" { type = number }
resource "aws_vpc" "this" {
  count      = var.n
  cidr_block = "10.${count.index}.0.0/16"
}
resource "aws_vpc" "fixed" {
  cidr_block = "10.0.0.0/16"
}
resource "aws_flow_log" "f" {
  vpc_id = aws_vpc.this[0].id
}
`, Options{}, "aws_vpc.fixed,aws_vpc.this", func(t *testing.T, st stateView) {
			v := st.vpc("aws_vpc.this")
			if !v.Meta.IsUnknown("count") || !v.Meta.IsUnknown("cidr_block") || v.CIDRBlock != nil {
				t.Errorf("representative: unknown %v cidr %v", v.Meta.Unknown, str(v.CIDRBlock))
			}
			if f := st.vpc("aws_vpc.fixed"); !f.Meta.IsUnknown("flow_logs") {
				t.Errorf("fixed VPC flow_logs should be unknown: %v", f.Meta.Unknown)
			}
		}},
		{"unknown for_each", `
variable "m" { type = map(string) }
resource "aws_vpc" "this" {
  for_each   = var.m
  cidr_block = "10.0.0.0/16"
}
`, Options{}, "aws_vpc.this", func(t *testing.T, st stateView) {
			v := st.vpc("aws_vpc.this")
			if !v.Meta.IsUnknown("for_each") || str(v.CIDRBlock) != "10.0.0.0/16" {
				t.Errorf("representative: unknown %v cidr %v", v.Meta.Unknown, str(v.CIDRBlock))
			}
		}},
		{"for_each from var-file", `
variable "m" { type = map(string) }
resource "aws_vpc" "this" {
  for_each   = var.m
  cidr_block = each.value
}
`, Options{Vars: []string{`m={one="10.0.0.0/16"}`}}, `aws_vpc.this["one"]`, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, diags := scan(t, files("main.tf", tt.src), tt.opts)
			if diags.HasErrors() {
				t.Errorf("errors: %v", diags)
			}
			if got := addrs(s.AWS.EC2.VPCs); got != tt.wantAddrs {
				t.Errorf("VPCs = %s, want %s", got, tt.wantAddrs)
			}
			if tt.check != nil {
				tt.check(t, stateView{t: t, s: s})
			}
		})
	}
}

func TestDynamicBlocks(t *testing.T) {
	const src = `
variable "unknown_rules" { type = list(any) }
locals {
  groups = {
    web = [{ port = 22, cidrs = ["0.0.0.0/0"] }, { port = 443, cidrs = ["10.0.0.0/8", "::1/128"] }]
  }
}
resource "aws_security_group" "g" {
  ingress {
    from_port   = 80
    to_port     = 80
    protocol    = "TCP"
    cidr_blocks = ["0.0.0.0/0"]
  }
  dynamic "ingress" {
    for_each = local.groups
    iterator = grp
    content {
      dynamic "nested" {
        for_each = grp.value
        content {
          port  = nested.value.port
          group = grp.key
        }
      }
      from_port   = grp.value[0].port
      to_port     = grp.value[1].port
      protocol    = "tcp"
      cidr_blocks = flatten(grp.value[*].cidrs)
    }
  }
  dynamic "egress" {
    for_each = var.unknown_rules
    content {
      from_port   = egress.value.port
      to_port     = egress.value.port
      protocol    = "tcp"
      cidr_blocks = ["0.0.0.0/0"]
    }
  }
}
`
	s, diags := scan(t, files("main.tf", src), Options{})
	if len(diags) != 0 {
		t.Fatalf("diagnostics: %v", diags)
	}
	g := sgByAddr(t, s, "aws_security_group.g")
	if len(g.Rules) != 3 {
		t.Fatalf("rules = %d, want 3", len(g.Rules))
	}
	tests := []struct {
		label          string
		from, to, prot string
		cidrs          string
		start          int
		unknown        []string
	}{
		{"ingress[0]", "80", "80", "tcp", "0.0.0.0/0", 9, nil},
		{"ingress[1] (dynamic)", "22", "443", "tcp", "0.0.0.0/0,10.0.0.0/8,::1/128", 18, nil},
		{"egress[0] (dynamic)", "<nil>", "<nil>", "tcp", "0.0.0.0/0", 34, []string{"from_port", "to_port", "for_each"}},
	}
	for i, tt := range tests {
		r := g.Rules[i]
		if r.Label != tt.label || itoa(r.FromPort) != tt.from || itoa(r.ToPort) != tt.to || str(r.Protocol) != tt.prot ||
			strings.Join(r.CIDRBlocks, ",") != tt.cidrs || blockLine(r.Meta) != tt.start {
			t.Errorf("rule %d = %s %s-%s %s %v line %d; want %+v", i, r.Label, itoa(r.FromPort), itoa(r.ToPort), str(r.Protocol), r.CIDRBlocks, blockLine(r.Meta), tt)
		}
		for _, u := range tt.unknown {
			if !r.Meta.IsUnknown(u) {
				t.Errorf("rule %d: %s not unknown (%v)", i, u, r.Meta.Unknown)
			}
		}
		if r.Meta.Address != "aws_security_group.g" || r.Group != g.Meta.ID {
			t.Errorf("rule %d identity %s group %s", i, r.Meta.Address, r.Group)
		}
	}
	if got := g.Meta.Attributes["ingress[1].cidr_blocks"]; got != 29 {
		t.Errorf("ingress[1].cidr_blocks line = %d, want 29", got)
	}
	if got := g.Meta.Attributes["ingress[1].nested[1].group"]; got != 23 {
		t.Errorf("nested dynamic line = %d, want 23", got)
	}
	if got := g.Rules[1].Meta.Attributes["cidr_blocks"]; got != 29 {
		t.Errorf("rule-relative cidr_blocks line = %d, want 29", got)
	}
}

func TestModules(t *testing.T) {
	network := `
variable "cidr" {}
variable "flows" { default = true }
resource "aws_vpc" "this" {
  cidr_block = var.cidr
}
module "logs" {
  source = "../logs"
  count  = var.flows ? 1 : 0
  vpc_id = aws_vpc.this.id
}
output "vpc_id" { value = aws_vpc.this.id }
output "flow_log" { value = module.logs[*].flow_log_id }
`
	logs := `
variable "vpc_id" {}
resource "aws_flow_log" "this" {
  vpc_id = var.vpc_id
}
output "flow_log_id" { value = aws_flow_log.this.id }
`
	tests := []struct {
		name  string
		fs    []string
		addrs string
		check func(t *testing.T, st stateView, diags diag.Diagnostics)
	}{
		{"for_each module with nested module and outputs", []string{
			"main.tf", `
module "net" {
  source   = "./modules/network"
  for_each = { a = "10.0.0.0/16", b = "10.1.0.0/16" }
  cidr     = each.value
  flows    = each.key == "a"
}
resource "aws_security_group" "g" {
  vpc_id = module.net["b"].vpc_id
  name   = join(",", module.net["a"].flow_log)
}
`,
			"modules/network/main.tf", network,
			"modules/logs/main.tf", logs,
		}, `module.net["a"].aws_vpc.this,module.net["b"].aws_vpc.this`, func(t *testing.T, st stateView, diags diag.Diagnostics) {
			a := st.vpc(`module.net["a"].aws_vpc.this`)
			if len(a.FlowLogs) != 1 || a.FlowLogs[0] != `tf:module.net["a"].module.logs[0].aws_flow_log.this.id` {
				t.Errorf("a flow logs = %v", a.FlowLogs)
			}
			if b := st.vpc(`module.net["b"].aws_vpc.this`); len(b.FlowLogs) != 0 || b.Meta.IsUnknown("flow_logs") {
				t.Errorf("b flow logs = %v unknown %v", b.FlowLogs, b.Meta.Unknown)
			}
			g := sgByAddr(t, st.s, "aws_security_group.g")
			if str(g.VPCID) != `tf:module.net["b"].aws_vpc.this.id` || str(g.Name) != `tf:module.net["a"].module.logs[0].aws_flow_log.this.id` {
				t.Errorf("outputs: vpc %s name %s", str(g.VPCID), str(g.Name))
			}
			if a.Meta.File != "modules/network/main.tf" || a.Meta.StartLine != 4 {
				t.Errorf("location %s:%d", a.Meta.File, a.Meta.StartLine)
			}
		}},
		{"module cycle", []string{
			"main.tf", `module "a" { source = "./a" }`,
			"a/main.tf", `module "b" { source = "../b" }
resource "aws_vpc" "in_a" {}`,
			"b/main.tf", `module "a" { source = "../a" }`,
		}, "module.a.aws_vpc.in_a", func(t *testing.T, st stateView, diags diag.Diagnostics) {
			if !hasDiag(diags, diag.Error, "module cycle: a -> b -> a") {
				t.Errorf("no cycle diagnostic: %v", diags)
			}
		}},
		{"module calling itself", []string{
			"main.tf", `module "me" { source = "./" }
resource "aws_vpc" "v" {}`,
		}, "aws_vpc.v", func(t *testing.T, st stateView, diags diag.Diagnostics) {
			if !hasDiag(diags, diag.Error, "module cycle") {
				t.Errorf("no cycle diagnostic: %v", diags)
			}
		}},
		{"remote module warns once and its outputs are unknown", []string{
			"main.tf", `
module "vpc" {
  source = "terraform-aws-modules/vpc/aws"
  count  = 2
}
resource "aws_flow_log" "f" {
  vpc_id = module.vpc[0].vpc_id
}
resource "aws_flow_log" "g" {
  vpc_id = module.vpc[1].vpc_id
}
resource "aws_vpc" "v" {}
`,
		}, "aws_vpc.v", func(t *testing.T, st stateView, diags diag.Diagnostics) {
			n := 0
			for _, d := range diags {
				if strings.Contains(d.Summary, "Remote module") {
					n++
					if d.Severity != diag.Warning || d.Line != 2 {
						t.Errorf("diag %v", d)
					}
				}
			}
			if n != 1 {
				t.Errorf("%d remote-module diagnostics, want 1: %v", n, diags)
			}
			if v := st.vpc("aws_vpc.v"); !v.Meta.IsUnknown("flow_logs") {
				t.Errorf("flow_logs should be unknown: %v", v.Meta.Unknown)
			}
		}},
		{"missing module directory", []string{
			"main.tf", `
module "gone" {
  source = "./modules/gone"
}
resource "aws_vpc" "v" { cidr_block = module.gone.cidr }
`,
		}, "aws_vpc.v", func(t *testing.T, st stateView, diags diag.Diagnostics) {
			if !hasDiag(diags, diag.Error, "Module not found") {
				t.Errorf("no error: %v", diags)
			}
			for _, d := range diags {
				if d.Severity == diag.Error && (d.File != "main.tf" || d.Line != 2) {
					t.Errorf("diagnostic location %s:%d", d.File, d.Line)
				}
			}
			if v := st.vpc("aws_vpc.v"); !v.Meta.IsUnknown("cidr_block") {
				t.Errorf("cidr should be unknown")
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, diags := scan(t, files(tt.fs...), Options{})
			if got := addrs(s.AWS.EC2.VPCs); got != tt.addrs {
				t.Errorf("VPCs = %s, want %s", got, tt.addrs)
			}
			tt.check(t, stateView{t: t, s: s}, diags)
		})
	}
}

func TestInputProblems(t *testing.T) {
	tests := []struct {
		name     string
		fs       []string
		addrs    string
		sev      diag.Severity
		diag     string
		file     string
		line     int
		col      int
		unknowns []string
	}{
		{"syntax error keeps other files", []string{
			"a.tf", "resource \"aws_vpc\" \"a\" {\n  cidr_block = \n}\n",
			"b.tf", `resource "aws_vpc" "b" {}`,
		}, "aws_vpc.b", diag.Error, "Invalid expression", "a.tf", 2, 16, nil},
		{"binary file", []string{
			"bin.tf", "\xff\xfe\x00\x01",
			"b.tf", `resource "aws_vpc" "b" {}`,
		}, "aws_vpc.b", diag.Error, "Invalid file encoding", "bin.tf", 1, 1, nil},
		{"unknown function", []string{
			"main.tf", `resource "aws_vpc" "v" {
  cidr_block = nosuchfunc("x")
}`,
		}, "aws_vpc.v", diag.Warning, "Call to unknown function", "main.tf", 2, 16, []string{"cidr_block"}},
		{"dangling reference", []string{
			"main.tf", `resource "aws_vpc" "v" {
  cidr_block = aws_subnet.missing.cidr_block
}`,
		}, "aws_vpc.v", "", "", "", 0, 0, []string{"cidr_block"}},
		{"undeclared variable with a suggestion", []string{
			"main.tf", `variable "cidr" {}
resource "aws_vpc" "v" {
  cidr_block = var.cidrr
}`,
		}, "aws_vpc.v", diag.Warning, "did you mean var.cidr?", "main.tf", 3, 16, []string{"cidr_block"}},
		{"data source attribute", []string{
			"main.tf", `data "aws_vpc" "d" {}
resource "aws_flow_log" "f" { vpc_id = data.aws_vpc.d.id }
resource "aws_vpc" "v" { cidr_block = data.aws_vpc.d.cidr_block }`,
		}, "aws_vpc.v", "", "", "", 0, 0, []string{"cidr_block"}},
		{"file outside the scan root", []string{
			"main.tf", `resource "aws_vpc" "v" {
  cidr_block = file("../../etc/passwd")
}`,
		}, "aws_vpc.v", diag.Warning, "outside the scanned directory", "main.tf", 2, 16, []string{"cidr_block"}},
		{"ignored blocks", []string{
			"main.tf", `
terraform {
  required_version = ">= 1.5"
}
provider "aws" { region = "us-east-1" }
moved {
  from = aws_vpc.old
  to   = aws_vpc.v
}
import {
  to = aws_vpc.v
  id = "vpc-1"
}
check "x" {
  assert {
    condition     = true
    error_message = "x"
  }
}
resource "aws_vpc" "v" {
  cidr_block = "10.0.0.0/16"
  lifecycle { prevent_destroy = true }
  depends_on = [aws_vpc.other]
  provisioner "local-exec" { command = "echo ${self.id}" }
}`,
		}, "aws_vpc.v", "", "", "", 0, 0, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, diags := scan(t, files(tt.fs...), Options{})
			if got := addrs(s.AWS.EC2.VPCs); got != tt.addrs {
				t.Errorf("VPCs = %s, want %s", got, tt.addrs)
			}
			if tt.sev == "" && len(diags) != 0 {
				t.Errorf("unexpected diagnostics: %v", diags)
			}
			if tt.sev != "" {
				found := false
				for _, d := range diags {
					if d.Severity == tt.sev && strings.Contains(d.Summary+d.Detail, tt.diag) && d.File == tt.file && d.Line == tt.line && d.Column == tt.col {
						found = true
					}
				}
				if !found {
					t.Errorf("want %s %q at %s:%d:%d; got %v", tt.sev, tt.diag, tt.file, tt.line, tt.col, diags)
				}
			}
			for _, v := range s.AWS.EC2.VPCs {
				for _, u := range tt.unknowns {
					if !slices.Contains(v.Meta.Unknown, u) {
						t.Errorf("%s: %s not unknown (%v)", v.Meta.Address, u, v.Meta.Unknown)
					}
				}
			}
		})
	}
}

type stateView struct {
	t *testing.T
	s *model.State
}

func (v stateView) vpc(addr string) model.VPC {
	v.t.Helper()
	return vpcByAddr(v.t, v.s, addr)
}

func TestOverridesAndRegions(t *testing.T) {
	fsys := files(
		"main.tf", `
provider "aws" { region = "eu-west-1" }
provider "aws" {
  alias  = "us"
  region = "us-east-1"
}
resource "aws_vpc" "v" {
  cidr_block = "10.0.0.0/16"
  tags       = { a = "b" }
}
resource "aws_vpc" "us" {
  provider   = aws.us
  cidr_block = "10.1.0.0/16"
}
`,
		"main_override.tf", `
resource "aws_vpc" "v" {
  cidr_block = "10.9.0.0/16"
}
`)
	s, diags := scan(t, fsys, Options{})
	if len(diags) != 0 {
		t.Fatalf("diagnostics: %v", diags)
	}
	v := vpcByAddr(t, s, "aws_vpc.v")
	if str(v.CIDRBlock) != "10.9.0.0/16" || v.Meta.Attributes["tags"] != 9 || v.Meta.Attributes["cidr_block"] != 3 {
		t.Errorf("override not merged: cidr %s attrs %v", str(v.CIDRBlock), v.Meta.Attributes)
	}
	if v.Meta.Region != "eu-west-1" {
		t.Errorf("region %q", v.Meta.Region)
	}
	if us := vpcByAddr(t, s, "aws_vpc.us"); us.Meta.Region != "us-east-1" {
		t.Errorf("aliased region %q", us.Meta.Region)
	}
}

func TestWholeModuleAndEmptyDir(t *testing.T) {
	fsys := files(
		"main.tf", `
module "net" { source = "./net" }
locals { net = module.net }
resource "aws_flow_log" "f" { vpc_id = local.net.vpc_id }
`,
		"net/main.tf", `
resource "aws_vpc" "v" {}
output "vpc_id" { value = aws_vpc.v.id }
`,
		"empty/README.md", "nothing here",
	)
	s, diags := scan(t, fsys, Options{})
	if len(diags) != 0 {
		t.Fatalf("diagnostics: %v", diags)
	}
	if v := vpcByAddr(t, s, "module.net.aws_vpc.v"); len(v.FlowLogs) != 1 {
		t.Errorf("flow logs through a whole-module local: %v", v.FlowLogs)
	}
	_, diags, err := Scan(context.Background(), fsys, "empty", Options{})
	if err != nil || !hasDiag(diags, diag.Warning, "No Terraform files") {
		t.Errorf("empty dir: %v %v", err, diags)
	}
}

func TestInstanceOrder(t *testing.T) {
	s, _ := scan(t, files("main.tf", `resource "aws_vpc" "v" { count = 11 }`), Options{})
	if got := s.AWS.EC2.VPCs[2].Meta.Address; got != "aws_vpc.v[2]" {
		t.Errorf("third VPC is %s, want aws_vpc.v[2] (numeric order)", got)
	}
}

func TestForEachOverResource(t *testing.T) {
	s, diags := scan(t, files("main.tf", `
resource "aws_vpc" "this" {
  for_each   = { a = "10.0.0.0/16", b = "10.1.0.0/16" }
  cidr_block = each.value
}
resource "aws_flow_log" "this" {
  for_each = aws_vpc.this
  vpc_id   = each.value.id
}
`), Options{})
	if len(diags) != 0 {
		t.Fatalf("diagnostics: %v", diags)
	}
	for _, k := range []string{"a", "b"} {
		v := vpcByAddr(t, s, `aws_vpc.this["`+k+`"]`)
		if len(v.FlowLogs) != 1 || v.FlowLogs[0] != `tf:aws_flow_log.this["`+k+`"].id` {
			t.Errorf("%s: flow logs %v", k, v.FlowLogs)
		}
	}
}

func TestModuleFilesAndPaths(t *testing.T) {
	fsys := files(
		"envs/prod/main.tf", `
module "sg" {
  source = "../../modules/sg"
}`,
		"modules/sg/main.tf", `
locals {
  rules = jsondecode(file("${path.module}/rules.json"))
}
resource "aws_security_group" "g" {
  name = path.module
  dynamic "ingress" {
    for_each = local.rules
    content {
      from_port   = ingress.value.port
      to_port     = ingress.value.port
      protocol    = "tcp"
      cidr_blocks = ingress.value.cidrs
    }
  }
}`,
		"modules/sg/rules.json", `[{"port": 22, "cidrs": ["0.0.0.0/0"]}]`,
	)
	s, diags, err := Scan(context.Background(), fsys, "envs/prod", Options{})
	if err != nil || len(diags) != 0 {
		t.Fatalf("Scan: %v %v", err, diags)
	}
	g := sgByAddr(t, s, "module.sg.aws_security_group.g")
	if str(g.Name) != "../../modules/sg" || len(g.Rules) != 1 || itoa(g.Rules[0].FromPort) != "22" {
		t.Errorf("group name %s rules %d", str(g.Name), len(g.Rules))
	}
	if g.Meta.File != "modules/sg/main.tf" {
		t.Errorf("file %s", g.Meta.File)
	}
}
