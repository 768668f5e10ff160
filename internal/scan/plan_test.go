package scan

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/kansa-sec/kansa/internal/finding"
	"github.com/kansa-sec/kansa/policies/engine"
	"github.com/kansa-sec/kansa/scanners/plan"
	"github.com/kansa-sec/kansa/scanners/terraform"
)

// TestPlanMatchesTerraform: the same infrastructure as HCL and as plan JSON
// gives the same findings (check, status, address) and, when the source is
// at hand, the same file and lines.
func TestPlanMatchesTerraform(t *testing.T) {
	ctx := context.Background()
	eng, err := engine.New(ctx, engine.Options{})
	if err != nil {
		t.Fatal(err)
	}
	root, err := filepath.Abs(filepath.Join("..", "..", "testdata", "plan"))
	if err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(root)
	if err != nil {
		t.Fatal(err)
	}
	o := Options{StrictUnknowns: true}
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		fixture := filepath.Join(root, e.Name())
		t.Run(e.Name(), func(t *testing.T) {
			// Scan from the fixture's top, as from a repository root, so
			// modules above the root module (source = "../../") are in reach.
			t.Chdir(fixture)
			dir, err := filepath.Rel(fixture, planDir(t, fixture))
			if err != nil {
				t.Fatal(err)
			}
			hcl, err := Terraform(ctx, eng, []TerraformTarget{{Path: dir}}, terraform.Options{}, o)
			if err != nil {
				t.Fatal(err)
			}
			want := summarize(hcl.Report.Findings, true)
			if len(want) == 0 {
				t.Fatal("the HCL scan found nothing; the fixture tests nothing")
			}
			for _, tc := range []struct {
				name  string
				po    plan.Options
				lines bool
			}{
				{"next to the code", plan.Options{}, true},
				{"source dir", plan.Options{SourceDir: dir}, true},
			} {
				t.Run(tc.name, func(t *testing.T) {
					res, err := Plan(ctx, eng, filepath.Join(dir, "plan.json"), tc.po, o)
					if err != nil {
						t.Fatal(err)
					}
					if res.Diagnostics.HasErrors() {
						t.Fatalf("diagnostics: %v", res.Diagnostics)
					}
					got := summarize(res.Report.Findings, tc.lines)
					if !slices.Equal(got, want) {
						t.Errorf("plan findings differ from HCL findings\nplan:\n  %s\nhcl:\n  %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "))
					}
				})
			}
		})
	}
}

// TestPlanWithoutSource: a plan alone gives the same checks on the same
// addresses, undecided only where a link went through a local value; its
// findings point at the plan file without lines.
func TestPlanWithoutSource(t *testing.T) {
	ctx := context.Background()
	eng, err := engine.New(ctx, engine.Options{})
	if err != nil {
		t.Fatal(err)
	}
	src := filepath.Join("..", "..", "testdata", "plan", "aws-network")
	data, err := os.ReadFile(filepath.Join(src, "plan.json"))
	if err != nil {
		t.Fatal(err)
	}
	alone := filepath.Join(t.TempDir(), "plan.json")
	if err := os.WriteFile(alone, data, 0o644); err != nil {
		t.Fatal(err)
	}
	o := Options{StrictUnknowns: true}
	hcl, err := Terraform(ctx, eng, []TerraformTarget{{Path: src}}, terraform.Options{}, o)
	if err != nil {
		t.Fatal(err)
	}
	res, err := Plan(ctx, eng, alone, plan.Options{}, o)
	if err != nil {
		t.Fatal(err)
	}
	// Without the .tf files a link through a local value cannot be
	// followed: that flow log's target is unresolved, so every VPC no
	// known flow log targets is undecided (unknown), never passed or
	// failed on a guess. Everything else is judged the same.
	want := summarize(hcl.Report.Findings, false)
	for i, w := range want {
		switch w {
		case "aws-vpc-flow-logs-enabled pass aws_vpc.via_local", "aws-vpc-flow-logs-enabled fail aws_vpc.unlogged":
			f := strings.Fields(w)
			want[i] = f[0] + " unknown " + f[2]
		}
	}
	slices.Sort(want)
	if got := summarize(res.Report.Findings, false); !slices.Equal(got, want) {
		t.Errorf("plan findings differ\nplan:\n  %s\nwant:\n  %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "))
	}
	for _, f := range res.Report.Findings {
		if f.Resource.File != "plan.json" || f.StartLine != 0 || f.Resource.StartLine != 0 {
			t.Errorf("%s %s at %s:%d, want plan.json without a line", f.CheckID, f.Resource.Address, f.Resource.File, f.StartLine)
		}
	}
}

// TestPlanInputProblems: a file that is not a plan is an error diagnostic
// (exit status 2), never a panic or a silent pass.
func TestPlanInputProblems(t *testing.T) {
	ctx := context.Background()
	eng, err := engine.New(ctx, engine.Options{})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for name, data := range map[string]string{"text.json": "not json", "other.json": `{"a": 1}`, "future.json": `{"format_version": "9.0"}`} {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		res, err := Plan(ctx, eng, p, plan.Options{}, Options{})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !res.Diagnostics.HasErrors() || len(res.Report.Findings) != 0 {
			t.Errorf("%s: diagnostics %v, findings %d", name, res.Diagnostics, len(res.Report.Findings))
		}
	}
	for _, p := range []string{filepath.Join(dir, "missing.json"), dir} {
		res, err := Plan(ctx, eng, p, plan.Options{}, Options{})
		if err != nil || !res.Diagnostics.HasErrors() {
			t.Errorf("%s: err %v diagnostics %v", p, err, res.Diagnostics)
		}
	}
}

func summarize(fs []finding.Finding, lines bool) []string {
	var out []string
	for _, f := range fs {
		s := fmt.Sprintf("%s %s %s", f.CheckID, f.Status, f.Resource.Address)
		if lines {
			s += fmt.Sprintf(" %s:%d (%d-%d)", f.Resource.File, f.StartLine, f.Resource.StartLine, f.Resource.EndLine)
		}
		out = append(out, s)
	}
	slices.Sort(out)
	return out
}

// planDir returns the directory under fixture that holds plan.json: the
// root module the plan was made from.
func planDir(t *testing.T, fixture string) string {
	t.Helper()
	found := ""
	_ = filepath.WalkDir(fixture, func(p string, d os.DirEntry, err error) error {
		if err == nil && found == "" && d.Name() == "plan.json" {
			found = filepath.Dir(p)
		}
		return nil
	})
	if found == "" {
		t.Fatalf("%s: no plan.json", fixture)
	}
	return found
}

// TestPlanRedactsSensitiveValues: what the plan marks sensitive never
// reaches a finding.
func TestPlanRedactsSensitiveValues(t *testing.T) {
	ctx := context.Background()
	eng, err := engine.New(ctx, engine.Options{})
	if err != nil {
		t.Fatal(err)
	}
	const secret = "10.20.30.40/0"
	p := `{"format_version":"1.2",
	 "planned_values":{"root_module":{"resources":[{"address":"aws_security_group_rule.r","mode":"managed","type":"aws_security_group_rule","name":"r",
	  "values":{"type":"ingress","protocol":"tcp","from_port":22,"to_port":22,"cidr_blocks":["` + secret + `"]},"sensitive_values":{"cidr_blocks":[true]}}]}},
	 "resource_changes":[{"address":"aws_security_group_rule.r","mode":"managed","type":"aws_security_group_rule","name":"r","change":{"actions":["create"],
	  "after":{"type":"ingress","protocol":"tcp","from_port":22,"to_port":22,"cidr_blocks":["` + secret + `"]},"after_unknown":{"id":true},"after_sensitive":{"cidr_blocks":[true]}}}],
	 "configuration":{"root_module":{"resources":[{"address":"aws_security_group_rule.r","mode":"managed","type":"aws_security_group_rule","name":"r",
	  "expressions":{"type":{"constant_value":"ingress"},"cidr_blocks":{"references":["var.cidrs"]}}}]}}}`
	file := filepath.Join(t.TempDir(), "plan.json")
	if err := os.WriteFile(file, []byte(p), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := Plan(ctx, eng, file, plan.Options{}, Options{Only: []string{"aws-sg-no-public-ssh"}})
	if err != nil {
		t.Fatal(err)
	}
	fails := 0
	for _, f := range res.Report.Findings {
		if f.Status == finding.StatusFail {
			fails++
		}
		t.Logf("%s: %s", f.Status, f.Message)
		if strings.Contains(f.Message, secret) {
			t.Errorf("secret in message %q", f.Message)
		}
	}
	if fails != 1 {
		t.Errorf("%d failing findings, want 1 (the rule is open whatever its CIDR prints as)", fails)
	}
}
