package terraform

import (
	"strings"
	"testing"

	"github.com/kansa-sec/kansa/internal/diag"
)

// TestLimits: each configurable limit, lowered, stops the scan at the
// documented place with an error naming the limit; the defaults let the same
// input through.
func TestLimits(t *testing.T) {
	tests := []struct {
		name    string
		src     string
		tfvars  string
		limits  Limits
		summary string
	}{
		{"file size", `resource "aws_vpc" "v" { cidr_block = "10.0.0.0/16" }`, "", Limits{MaxFileSize: 10}, "File too large"},
		{"tfvars size", `variable "x" {}`, `x = "0123456789012345678901234567890123456789"`, Limits{MaxFileSize: 20}, "File too large"},
		{"nesting", `locals { a = [[[[["x"]]]]] }`, "", Limits{MaxNesting: 3}, "Nesting too deep"},
		{"instances per block", `resource "aws_vpc" "v" { count = 20 }`, "", Limits{MaxInstances: 5}, "Too many instances"},
		{"total instances", `
resource "aws_vpc" "a" { count = 4 }
resource "aws_vpc" "b" { count = 4 }`, "", Limits{MaxTotalInstances: 6}, "Too many instances"},
		{"eval depth", `
locals {
  a = local.b
  b = local.c
  c = local.d
  d = "x"
}
resource "aws_vpc" "v" { cidr_block = local.a }`, "", Limits{MaxEvalDepth: 2}, "evaluation too deep"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			kv := []string{"main.tf", tt.src}
			if tt.tfvars != "" {
				kv = append(kv, "terraform.tfvars", tt.tfvars)
			}
			_, diags := scan(t, files(kv...), Options{Limits: tt.limits})
			if !hasError(diags, tt.summary) {
				t.Errorf("limits %+v: no error %q in %v", tt.limits, tt.summary, diags)
			}
			_, diags = scan(t, files(kv...), Options{})
			if hasError(diags, tt.summary) {
				t.Errorf("default limits: unexpected %q in %v", tt.summary, diags)
			}
		})
	}
}

func hasError(diags diag.Diagnostics, summary string) bool {
	for _, d := range diags {
		if d.Severity == diag.Error && strings.Contains(d.Summary, summary) {
			return true
		}
	}
	return false
}
