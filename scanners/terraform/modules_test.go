package terraform

import (
	"context"
	"slices"
	"strings"
	"testing"
)

const vpcModule = `
variable "cidr" {}
variable "flow_log" {
  default = false
}
resource "aws_vpc" "this" {
  count      = 1
  cidr_block = var.cidr
}
resource "aws_flow_log" "this" {
  count  = var.flow_log ? 1 : 0
  vpc_id = aws_vpc.this[0].id
}
module "sub" {
  source = "terraform-aws-modules/vpc/aws//modules/sub"
}
output "vpc_id" {
  value = aws_vpc.this[0].id
}
`

const manifest = `{"Modules":[
  {"Key":"","Source":"","Dir":"."},
  {"Key":"vpc","Source":"registry.terraform.io/terraform-aws-modules/vpc/aws","Version":"5.8.1","Dir":".terraform/modules/vpc"},
  {"Key":"vpc.sub","Source":"registry.terraform.io/terraform-aws-modules/vpc/aws//modules/sub","Version":"5.8.1","Dir":".terraform/modules/vpc/modules/sub"}
]}`

func vpcAddrs(t *testing.T, fsys map[string]string) ([]string, []string) {
	t.Helper()
	kv := make([]string, 0, 2*len(fsys))
	for k, v := range fsys {
		kv = append(kv, k, v)
	}
	s, diags := scan(t, files(kv...), Options{})
	var addrs []string
	for _, v := range s.AWS.EC2.VPCs {
		status := "no-flow-log"
		if len(v.FlowLogs) > 0 {
			status = "flow-log"
		}
		addrs = append(addrs, v.Meta.Address+" "+status)
	}
	slices.Sort(addrs)
	var msgs []string
	for _, d := range diags {
		msgs = append(msgs, d.String())
	}
	return addrs, msgs
}

func TestRegistryModulesAfterInit(t *testing.T) {
	root := `module "vpc" {
  source   = "terraform-aws-modules/vpc/aws"
  version  = "5.8.1"
  cidr     = "10.0.0.0/16"
  flow_log = true
}
resource "aws_security_group" "x" {
  vpc_id = module.vpc.vpc_id
}
`
	tests := []struct {
		name      string
		files     map[string]string
		wantVPCs  []string
		wantDiags string
	}{
		{"not initialised: warn once, nothing invented", map[string]string{"main.tf": root}, nil, "module.vpc: source \"terraform-aws-modules/vpc/aws\" is not downloaded; run terraform init"},
		{"initialised: the module's resources are scanned", map[string]string{
			"main.tf":                         root,
			".terraform/modules/modules.json": manifest,
			".terraform/modules/vpc/main.tf":  vpcModule,
			".terraform/modules/vpc/modules/sub/main.tf": `resource "aws_vpc" "sub" {
  cidr_block = "10.1.0.0/16"
}`,
		}, []string{"module.vpc.aws_vpc.this[0] flow-log", "module.vpc.module.sub.aws_vpc.sub no-flow-log"}, ""},
		{"manifest names a missing directory", map[string]string{
			"main.tf":                         root,
			".terraform/modules/modules.json": manifest,
		}, nil, "Module not found"},
		{"broken manifest", map[string]string{
			"main.tf":                         root,
			".terraform/modules/modules.json": "{",
		}, nil, "Unreadable module manifest"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			addrs, diags := vpcAddrs(t, tt.files)
			if strings.Join(addrs, "\n") != strings.Join(tt.wantVPCs, "\n") {
				t.Errorf("vpcs:\n%s\nwant:\n%s", strings.Join(addrs, "\n"), strings.Join(tt.wantVPCs, "\n"))
			}
			joined := strings.Join(diags, "\n")
			if tt.wantDiags == "" && joined != "" {
				t.Errorf("unexpected diagnostics:\n%s", joined)
			}
			if tt.wantDiags != "" && !strings.Contains(joined, tt.wantDiags) {
				t.Errorf("diagnostics do not mention %q:\n%s", tt.wantDiags, joined)
			}
		})
	}
}

// TestModulesExamplesLayout scans a tree laid out like terraform-aws-modules'
// examples: a root under examples/ calls the module two levels up, with
// for_each and count on module calls.
func TestModulesExamplesLayout(t *testing.T) {
	fsys := files(
		"main.tf", `variable "cidr" {}
variable "flow_log" {
  default = false
}
resource "aws_vpc" "this" {
  cidr_block = var.cidr
}
resource "aws_flow_log" "this" {
  count  = var.flow_log ? 1 : 0
  vpc_id = aws_vpc.this.id
}
output "vpc_id" {
  value = aws_vpc.this.id
}`,
		"examples/complete/main.tf", `locals {
  envs = { prod = "10.0.0.0/16", dev = "10.1.0.0/16" }
}
module "vpc" {
  source   = "../../"
  for_each = local.envs
  cidr     = each.value
  flow_log = each.key == "prod"
}
module "extra" {
  source = "../.."
  count  = 2
  cidr   = "10.${count.index + 2}.0.0/16"
}
resource "aws_flow_log" "extra" {
  vpc_id = module.extra[1].vpc_id
}`,
	)
	s, diags, err := Scan(context.Background(), fsys, "examples/complete", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if diags.HasErrors() {
		t.Fatalf("diagnostics: %v", diags)
	}
	var got []string
	for _, v := range s.AWS.EC2.VPCs {
		got = append(got, v.Meta.Address+" "+v.Meta.File+" "+strings.Join(v.FlowLogs, ","))
	}
	slices.Sort(got)
	want := []string{
		`module.extra[0].aws_vpc.this main.tf `,
		`module.extra[1].aws_vpc.this main.tf tf:aws_flow_log.extra.id`,
		`module.vpc["dev"].aws_vpc.this main.tf `,
		`module.vpc["prod"].aws_vpc.this main.tf tf:module.vpc["prod"].aws_flow_log.this[0].id`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("vpcs:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
