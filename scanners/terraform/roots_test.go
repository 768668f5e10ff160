package terraform

import (
	"context"
	"fmt"
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
		{"a file target is its own root", []string{"main.tf", `resource "aws_vpc" "v" {}`}, "main.tf", "main.tf"},
		{"hidden files and other files are not configuration", []string{
			"a/.hidden.tf", `module "b" { source = "../b" }`,
			"a/notes.txt", `module "b" { source = "../b" }`,
			"a/main.tf", `resource "aws_vpc" "a" {}`,
			"b/main.tf", `resource "aws_vpc" "b" {}`,
		}, ".", "a b"},
		{"many directories in parallel", manyRoots(40), ".", "live/r00 live/r01 live/r02 live/r03 live/r04 live/r05 live/r06 live/r07 live/r08 live/r09 live/r10 live/r11 live/r12 live/r13 live/r14 live/r15 live/r16 live/r17 live/r18 live/r19"},
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

// manyRoots is a tree of n/2 roots under live/, each calling its own module
// under modules/ (the modules are not roots).
func manyRoots(n int) []string {
	var files []string
	for i := range n / 2 {
		files = append(files,
			fmt.Sprintf("live/r%02d/main.tf", i), fmt.Sprintf("module \"m\" {\n  source = \"../../modules/m%02d\"\n}\n", i),
			fmt.Sprintf("modules/m%02d/main.tf", i), `resource "aws_vpc" "v" {}`)
	}
	return files
}
