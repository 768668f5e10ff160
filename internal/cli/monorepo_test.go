package cli

import (
	"slices"
	"strings"
	"testing"
)

// TestMonorepo: scanning a tree scans every root module once, with paths
// relative to the scanned directory, and shared modules only through callers.
func TestMonorepo(t *testing.T) {
	module := `variable "cidr" {}
resource "aws_vpc" "this" {
  cidr_block = var.cidr
}`
	dir := writeTree(t, map[string]string{
		"envs/prod/main.tf": `module "net" {
  source = "../../modules/net"
  cidr   = "10.0.0.0/16"
}
resource "aws_flow_log" "f" {
  vpc_id = module.net.vpc_id
}`,
		"envs/dev/main.tf": `module "net" {
  source = "../../modules/net"
  cidr   = "10.1.0.0/16"
}`,
		"modules/net/main.tf":    module,
		"modules/net/outputs.tf": "output \"vpc_id\" {\n  value = aws_vpc.this.id\n}\n",
		"README.md":              "# infra",
	})
	stdout, stderr, code := run(t, dir, "scan", "terraform", ".", "--format", "json", "--only", "aws-vpc-flow-logs-enabled")
	if code != ExitFindings {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	var got []string
	for _, f := range parseJSON(t, stdout).Findings {
		got = append(got, f.Status+" "+f.Resource.Root+":"+f.Resource.Address+" "+f.Resource.File)
	}
	slices.Sort(got)
	want := []string{
		"fail envs/dev:module.net.aws_vpc.this modules/net/main.tf",
		"pass envs/prod:module.net.aws_vpc.this modules/net/main.tf",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
