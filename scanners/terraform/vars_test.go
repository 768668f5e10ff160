package terraform

import (
	"testing"
)

func TestVariablePrecedence(t *testing.T) {
	const decl = `
variable "cidr" {
  default = "10.0.0.0/16"
}
resource "aws_vpc" "v" {
  cidr_block = var.cidr
}
`
	tests := []struct {
		name  string
		files []string
		opts  Options
		want  string
	}{
		{"default", nil, Options{}, "10.0.0.0/16"},
		{"env beats default", nil, Options{Env: []string{"TF_VAR_cidr=10.1.0.0/16", "OTHER=x"}}, "10.1.0.0/16"},
		{"terraform.tfvars beats env", []string{"terraform.tfvars", `cidr = "10.2.0.0/16"`}, Options{Env: []string{"TF_VAR_cidr=10.1.0.0/16"}}, "10.2.0.0/16"},
		{"tfvars.json beats tfvars", []string{"terraform.tfvars", `cidr = "10.2.0.0/16"`, "terraform.tfvars.json", `{"cidr": "10.3.0.0/16"}`}, Options{}, "10.3.0.0/16"},
		{"auto.tfvars beats terraform.tfvars", []string{"terraform.tfvars", `cidr = "10.2.0.0/16"`, "a.auto.tfvars", `cidr = "10.4.0.0/16"`}, Options{}, "10.4.0.0/16"},
		{"auto.tfvars in lexical order", []string{"b.auto.tfvars", `cidr = "10.5.0.0/16"`, "a.auto.tfvars.json", `{"cidr": "10.4.0.0/16"}`}, Options{}, "10.5.0.0/16"},
		{"var-file beats auto", []string{"a.auto.tfvars", `cidr = "10.4.0.0/16"`, "prod.tfvars", `cidr = "10.6.0.0/16"`}, Options{VarFiles: []string{"prod.tfvars"}}, "10.6.0.0/16"},
		{"later var-file wins", []string{"one.tfvars", `cidr = "10.6.0.0/16"`, "two.tfvars", `cidr = "10.7.0.0/16"`}, Options{VarFiles: []string{"one.tfvars", "two.tfvars"}}, "10.7.0.0/16"},
		{"var beats var-file", []string{"prod.tfvars", `cidr = "10.6.0.0/16"`}, Options{VarFiles: []string{"prod.tfvars"}, Vars: []string{"cidr=10.8.0.0/16"}}, "10.8.0.0/16"},
		{"later var wins", nil, Options{Vars: []string{"cidr=10.8.0.0/16", "cidr=10.9.0.0/16"}}, "10.9.0.0/16"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := files(append([]string{"main.tf", decl}, tt.files...)...)
			s, diags := scan(t, fsys, tt.opts)
			if len(diags) != 0 {
				t.Errorf("diagnostics: %v", diags)
			}
			if got := str(vpcByAddr(t, s, "aws_vpc.v").CIDRBlock); got != tt.want {
				t.Errorf("cidr_block = %s, want %s", got, tt.want)
			}
		})
	}
}

func TestVariableTypes(t *testing.T) {
	const decl = `
variable "ports" {
  type = list(number)
}
variable "cfg" {
  type = object({
    cidr = string
    open = optional(bool, true)
  })
  default = { cidr = "10.0.0.0/8" }
}
variable "n" {
  type = number
}
variable "nothing" {}
resource "aws_security_group" "g" {
  name = var.nothing
  ingress {
    from_port   = var.ports[0]
    to_port     = var.ports[1] + var.n
    protocol    = var.cfg.open ? "tcp" : "udp"
    cidr_blocks = [var.cfg.cidr]
  }
}
`
	tests := []struct {
		name        string
		opts        Options
		from, to    string
		wantUnknown []string
		wantError   string
	}{
		{"var parsed as HCL for list type", Options{Vars: []string{"ports=[22, 20]", "n=2"}}, "22", "22", nil, ""},
		{"env parsed as HCL for list type", Options{Env: []string{"TF_VAR_ports=[80,80]", "TF_VAR_n=0"}}, "80", "80", nil, ""},
		{"no value is unknown", Options{}, "<nil>", "<nil>", []string{"from_port", "to_port"}, ""},
		{"bad conversion is an error and unknown", Options{Vars: []string{"ports=[22, 22]", "n=abc"}}, "22", "<nil>", []string{"to_port"}, "Invalid value for variable n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, diags := scan(t, files("main.tf", decl), tt.opts)
			g := sgByAddr(t, s, "aws_security_group.g")
			if g.Name != nil || !g.Meta.IsUnknown("name") {
				t.Errorf("name = %v, unknown %v; want unknown", g.Name, g.Meta.Unknown)
			}
			r := g.Rules[0]
			if got := itoa(r.FromPort); got != tt.from {
				t.Errorf("from_port = %s, want %s", got, tt.from)
			}
			if got := itoa(r.ToPort); got != tt.to {
				t.Errorf("to_port = %s, want %s", got, tt.to)
			}
			if str(r.Protocol) != "tcp" || len(r.CIDRBlocks) != 1 || r.CIDRBlocks[0] != "10.0.0.0/8" {
				t.Errorf("optional default not applied: protocol %s cidrs %v", str(r.Protocol), r.CIDRBlocks)
			}
			for _, u := range tt.wantUnknown {
				if !r.Meta.IsUnknown(u) {
					t.Errorf("%s not marked unknown: %v", u, r.Meta.Unknown)
				}
			}
			if tt.wantError != "" && !hasDiag(diags, "error", tt.wantError) {
				t.Errorf("missing error %q in %v", tt.wantError, diags)
			}
		})
	}
}

func itoa(p *int) string {
	if p == nil {
		return "<nil>"
	}
	return fmtInt(*p)
}
