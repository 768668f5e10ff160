package terraform

import (
	"context"
	"strings"
	"testing"
)

func TestRoots(t *testing.T) {
	tests := []struct {
		name  string
		files []string
		dir   string
		want  string
	}{
		{"single root", []string{"main.tf", `resource "aws_vpc" "v" {}`}, ".", "."},
		{"root with its module", []string{
			"main.tf", `module "net" { source = "./modules/net" }`,
			"modules/net/main.tf", `resource "aws_vpc" "v" {}`,
		}, ".", "."},
		{"monorepo of deployments sharing modules", []string{
			"envs/prod/main.tf", `module "net" { source = "../../modules/net" }`,
			"envs/dev/main.tf", `module "net" { source = "../../modules/net" }`,
			"modules/net/main.tf", `module "sub" { source = "./sub" }`,
			"modules/net/sub/main.tf", `resource "aws_vpc" "v" {}`,
			"modules/unused/main.tf", `resource "aws_vpc" "u" {}`,
			"README.md", "docs",
		}, ".", "envs/dev envs/prod modules/unused"},
		{"module repository with examples", []string{
			"main.tf", `resource "aws_vpc" "v" {}`,
			"examples/complete/main.tf", `module "vpc" { source = "../../" }`,
		}, ".", "examples/complete"},
		{"skips .terraform, .git and hidden dirs", []string{
			"main.tf", `resource "aws_vpc" "v" {}`,
			".terraform/modules/vpc/main.tf", `resource "aws_vpc" "x" {}`,
			".git/x.tf", `x`,
			".hidden/main.tf", `resource "aws_vpc" "h" {}`,
		}, ".", "."},
		{"a module calling itself is still a root", []string{"main.tf", `module "me" { source = "./" }`}, ".", "."},
		{"no terraform at all", []string{"README.md", "x"}, ".", "."},
		{"subdirectory target", []string{
			"infra/a/main.tf", `resource "aws_vpc" "a" {}`,
			"infra/b/main.tf", `resource "aws_vpc" "b" {}`,
			"other/main.tf", `resource "aws_vpc" "o" {}`,
		}, "infra", "infra/a infra/b"},
		{"syntax error does not stop discovery", []string{
			"a/main.tf", `resource "aws_vpc" {`,
			"b/main.tf", `resource "aws_vpc" "b" {}`,
		}, ".", "a b"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Roots(context.Background(), files(tt.files...), tt.dir, Options{Modules: NewModuleCache()})
			if err != nil {
				t.Fatal(err)
			}
			if strings.Join(got, " ") != tt.want {
				t.Fatalf("roots %v, want %s", got, tt.want)
			}
		})
	}
}
