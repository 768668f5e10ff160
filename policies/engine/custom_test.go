package engine

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kansa-sec/kansa/internal/model"
)

// customCheck is a minimal custom policy, the README's example.
const customCheck = `# METADATA
# title: VPCs carry a CIDR block from the corporate range
# description: Every VPC must use 10.0.0.0/8 addresses.
# custom:
#   id: corp-vpc-range
#   severity: medium
#   scope: resource
#   selector: aws.ec2.vpcs
#   frameworks:
#     internal: {"2024": "NET-1"}
#   remediation: Set cidr_block to a 10.x range.
package kansa.custom.vpc_range

import data.kansa.lib

deny contains result if {
	some vpc in input.aws.ec2.vpcs
	lib.known(vpc, "cidr_block")
	not net.cidr_contains("10.0.0.0/8", vpc.cidr_block)
	result := {"resource": vpc, "msg": sprintf("%s uses %s", [lib.identity(vpc), vpc.cidr_block]), "attribute": "cidr_block"}
}
`

const customCheckTest = `package kansa.custom.vpc_range_test

import data.kansa.custom.vpc_range

test_fail_public_range if {
	count(vpc_range.deny) == 1 with input as {"aws": {"ec2": {"vpcs": [{"meta": {"address": "aws_vpc.a"}, "cidr_block": "192.168.0.0/16"}]}}}
}

test_pass_corp_range if {
	count(vpc_range.deny) == 0 with input as {"aws": {"ec2": {"vpcs": [{"meta": {"address": "aws_vpc.a"}, "cidr_block": "10.1.0.0/16"}]}}}
}
`

func TestCustomPolicy(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"vpc_range.rego":      customCheck,
		"vpc_range_test.rego": customCheckTest,
		"notes.txt":           "ignored",
	})
	e := newTestEngine(t, Options{Custom: []string{dir}})
	var found bool
	for _, r := range e.Rules() {
		if r.ID == "corp-vpc-range" {
			found = true
			if !r.Custom || r.File != filepath.Join(dir, "vpc_range.rego") || r.Package != "kansa.custom.vpc_range" {
				t.Errorf("rule = %+v", r)
			}
			if len(r.Frameworks) != 1 || r.Frameworks[0].Name != "internal" || r.Frameworks[0].Controls[0] != "NET-1" {
				t.Errorf("frameworks = %+v", r.Frameworks)
			}
		}
	}
	if !found {
		t.Fatal("custom rule not loaded")
	}
	s := model.New(model.SourceTerraform, model.ScopeCode)
	m := model.Meta{Source: model.SourceTerraform, Type: "aws_vpc", Address: "aws_vpc.a", File: "vpc.tf", StartLine: 3, EndLine: 9}
	m.SetLine("cidr_block", 4)
	s.AWS.EC2.VPCs = []model.VPC{{Meta: m, CIDRBlock: model.Ptr("192.168.0.0/16"), FlowLogs: []string{"fl"}}}
	fs, err := e.Evaluate(context.Background(), s)
	if err != nil {
		t.Fatal(err)
	}
	got := only(fs, "corp-vpc-range")
	want := "fail | corp-vpc-range | aws_vpc.a | 4 | cidr_block | aws_vpc.a uses 192.168.0.0/16"
	if len(got) != 1 || got[0] != want {
		t.Errorf("got %q, want %q", got, want)
	}
	for _, f := range fs {
		if f.CheckID == "corp-vpc-range" && (f.Resource.Provider != "aws" || f.Resource.Type != "aws_vpc" || f.Resource.File != "vpc.tf") {
			t.Errorf("resource = %+v", f.Resource)
		}
	}
	results, err := e.Test(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var custom int
	for _, r := range results {
		if strings.HasPrefix(r.Package, "kansa.custom.") {
			custom++
			if r.Status != "pass" {
				t.Errorf("%s: %s %s", r.Name, r.Status, r.Error)
			}
		}
	}
	if custom != 2 {
		t.Errorf("%d custom tests ran, want 2", custom)
	}
}

func TestCustomPolicyErrors(t *testing.T) {
	withHead := func(head, body string) string {
		return strings.Replace(customCheck, "package kansa.custom.vpc_range\n", head+"\n", 1) + body
	}
	tests := []struct {
		name    string
		files   map[string]string
		allow   bool
		wantErr []string
	}{
		{
			name:    "http.send without the flag",
			files:   map[string]string{"p.rego": withHead("package kansa.custom.vpc_range", "\nleak := http.send({\"method\": \"GET\", \"url\": \"https://example.com\"})\n")},
			wantErr: []string{"p.rego:23", "http.send", "--allow-network-builtins"},
		},
		{
			name:    "net.lookup_ip_addr in a body",
			files:   map[string]string{"p.rego": withHead("package kansa.custom.vpc_range", "\nips contains ip if {\n\tsome ip in net.lookup_ip_addr(\"example.com\")\n}\n")},
			wantErr: []string{"p.rego:24", "net.lookup_ip_addr", "--allow-network-builtins"},
		},
		{
			name:    "opa.runtime reads the environment",
			files:   map[string]string{"p.rego": withHead("package kansa.custom.vpc_range", "\nenv := opa.runtime().env\n")},
			wantErr: []string{"p.rego:23", "opa.runtime reads the environment", "--allow-network-builtins"},
		},
		{
			name:    "json.match_schema with a file $ref",
			files:   map[string]string{"p.rego": withHead("package kansa.custom.vpc_range", "\nleak := json.match_schema({}, {\"$ref\": \"file:///etc/passwd\"})\n")},
			wantErr: []string{"p.rego:23", "json.match_schema loads the files and URLs", "--allow-network-builtins"},
		},
		{
			name:    "json.verify_schema with a URL $ref",
			files:   map[string]string{"p.rego": withHead("package kansa.custom.vpc_range", "\nok if {\n\tjson.verify_schema({\"$ref\": \"https://example.com/s.json\"})\n}\n")},
			wantErr: []string{"p.rego:24", "json.verify_schema", "--allow-network-builtins"},
		},
		{
			name:    "duplicate ID of a built-in",
			files:   map[string]string{"p.rego": strings.Replace(customCheck, "id: corp-vpc-range", "id: aws-sg-no-public-ssh", 1)},
			wantErr: []string{"p.rego:1", `check ID "aws-sg-no-public-ssh" is already used by policies/aws/ec2/sg_no_public_ssh.rego`},
		},
		{
			name:    "syntax error",
			files:   map[string]string{"p.rego": "package kansa.custom.x\n\ndeny contains x if {\n\tx := \n}\n"},
			wantErr: []string{"p.rego:5", "rego_parse_error"},
		},
		{
			name:    "package outside kansa",
			files:   map[string]string{"p.rego": strings.Replace(customCheck, "package kansa.custom.vpc_range", "package custom.vpc_range", 1)},
			wantErr: []string{"p.rego:12", `under "kansa."`},
		},
		{
			name:    "package extending a built-in check",
			files:   map[string]string{"p.rego": strings.Replace(customCheck, "package kansa.custom.vpc_range", "package kansa.aws.ec2.sg_no_public_ssh", 1)},
			wantErr: []string{"p.rego:12", "built-in package"},
		},
		{
			name:    "missing metadata",
			files:   map[string]string{"p.rego": "package kansa.custom.x\n\ndeny contains {\"resource\": input, \"msg\": \"x\"} if true\n"},
			wantErr: []string{"p.rego:1", "no package METADATA"},
		},
		{
			name:    "bad severity",
			files:   map[string]string{"p.rego": strings.Replace(customCheck, "severity: medium", "severity: urgent", 1)},
			wantErr: []string{"p.rego:1", `custom.severity "urgent"`},
		},
		{
			name:    "ID not kebab-case",
			files:   map[string]string{"p.rego": strings.Replace(customCheck, "id: corp-vpc-range", "id: Corp_VPC", 1)},
			wantErr: []string{"p.rego:1", "kebab-case"},
		},
		{
			name:    "unquoted control number",
			files:   map[string]string{"p.rego": strings.Replace(customCheck, `internal: {"2024": "NET-1"}`, `cis-aws: {"5.0.0": 3.10}`, 1)},
			wantErr: []string{"p.rego:1", "quoted string"},
		},
		{
			name:    "selector not in the model",
			files:   map[string]string{"p.rego": strings.Replace(customCheck, "selector: aws.ec2.vpcs", "selector: aws.ec2.vpc", 1)},
			wantErr: []string{"p.rego", `custom.selector "aws.ec2.vpc" is not a list`},
		},
		{
			name:    "deny is not a set",
			files:   map[string]string{"p.rego": strings.Replace(customCheck, "deny contains result if {", "deny := result if {", 1)},
			wantErr: []string{"p.rego:16", "deny must be a set of results"},
		},
		{
			name:    "empty file",
			files:   map[string]string{"empty.rego": ""},
			wantErr: []string{"empty.rego", "empty module"},
		},
		{
			name:    "comments only",
			files:   map[string]string{"c.rego": "# nothing here\n"},
			wantErr: []string{"c.rego"},
		},
		{
			name:    "strict mode: unused import",
			files:   map[string]string{"p.rego": strings.Replace(customCheck, "import data.kansa.lib\n", "import data.kansa.lib\nimport data.kansa.lib.sg\n", 1)},
			wantErr: []string{"p.rego:15", "import data.kansa.lib.sg unused"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := writeFiles(t, tc.files)
			_, err := New(context.Background(), Options{Custom: []string{dir}, AllowNetworkBuiltins: tc.allow})
			if err == nil {
				t.Fatal("New succeeded, want an error")
			}
			for _, w := range tc.wantErr {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
		})
	}
}

func TestCustomDirMissing(t *testing.T) {
	_, err := New(context.Background(), Options{Custom: []string{filepath.Join(t.TempDir(), "nope")}})
	if err == nil || !strings.Contains(err.Error(), "nope") {
		t.Fatalf("err = %v", err)
	}
}

func TestNetworkBuiltinsAllowed(t *testing.T) {
	src := customCheck + "\nrt := opa.runtime()\n"
	dir := writeFiles(t, map[string]string{"p.rego": src})
	if _, err := New(context.Background(), Options{Custom: []string{dir}}); err == nil || !strings.Contains(err.Error(), "opa.runtime") {
		t.Fatalf("without the flag: err = %v", err)
	}
	if _, err := New(context.Background(), Options{Custom: []string{dir}, AllowNetworkBuiltins: true}); err != nil {
		t.Fatalf("with the flag: %v", err)
	}
}

func TestMalformedResults(t *testing.T) {
	tests := []struct{ name, rule, want string }{
		{"msg not a string", `deny contains {"resource": vpc, "msg": 1} if { some vpc in input.aws.ec2.vpcs }`, "msg must be a string"},
		{"no meta", `deny contains {"resource": {"x": 1}, "msg": "m"} if { some _ in input.aws.ec2.vpcs }`, "no meta"},
		{"not an object", `deny contains "bad" if { some _ in input.aws.ec2.vpcs }`, "want an object"},
		{"extra key", `deny contains {"resource": vpc, "msg": "m", "severity": "low"} if { some vpc in input.aws.ec2.vpcs }`, `unexpected key "severity"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			head, _, _ := strings.Cut(customCheck, "import data.kansa.lib")
			src := head + tc.rule + "\n"
			dir := writeFiles(t, map[string]string{"p.rego": src})
			e := newTestEngine(t, Options{Custom: []string{dir}})
			s := model.New(model.SourceTerraform, model.ScopeCode)
			s.AWS.EC2.VPCs = []model.VPC{{Meta: model.Meta{Type: "aws_vpc", Address: "aws_vpc.a"}}}
			_, err := e.Evaluate(context.Background(), s)
			if err == nil || !strings.Contains(err.Error(), "corp-vpc-range") || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v, want it to name corp-vpc-range and say %q", err, tc.want)
			}
		})
	}
}

// TestCustomPolicyExample loads testdata/policies/custom, the custom policy
// the README shows, evaluates it and runs its Rego tests.
func TestCustomPolicyExample(t *testing.T) {
	dir := filepath.Join("..", "..", "testdata", "policies", "custom")
	e := newTestEngine(t, Options{Custom: []string{dir}})
	s := model.New(model.SourceTerraform, model.ScopeCode)
	m := model.Meta{Source: model.SourceTerraform, Type: "aws_cloudtrail", Address: "aws_cloudtrail.main", File: "trail.tf", StartLine: 1, EndLine: 5}
	m.SetLine("name", 2)
	s.AWS.CloudTrail.Trails = []model.Trail{
		{Meta: m, Name: model.Ptr("main")},
		{Meta: model.Meta{Source: model.SourceTerraform, Type: "aws_cloudtrail", Address: "aws_cloudtrail.org", File: "trail.tf", StartLine: 7, EndLine: 9}, Name: model.Ptr("org-all")},
	}
	fs, err := e.Evaluate(context.Background(), s)
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(only(fs, "acme-trail-name-prefix"), "\n")
	want := strings.Join([]string{
		`fail | acme-trail-name-prefix | aws_cloudtrail.main | 2 | name | aws_cloudtrail.main is named "main", not org-...`,
		`pass | acme-trail-name-prefix | aws_cloudtrail.org | 7 |  | passed`,
	}, "\n")
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	results, err := e.Test(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, r := range results {
		if strings.HasPrefix(r.Package, "kansa.acme.") {
			n++
			if r.Status != "pass" {
				t.Errorf("%s: %s %s", r.Name, r.Status, r.Error)
			}
		}
	}
	if n != 3 {
		t.Errorf("%d example tests ran, want 3", n)
	}
}

// TestCustomTestFileErrors: test files are parsed and checked only when the
// tests are run, so a broken _test.rego does not stop a scan, and Test
// reports it with its file and line as New reports a policy file.
func TestCustomTestFileErrors(t *testing.T) {
	tests := []struct {
		name    string
		test    string
		wantErr []string
	}{
		{"syntax error", "package kansa.custom.vpc_range_test\n\ntest_x if {\n", []string{"vpc_range_test.rego:4", "rego_parse_error"}},
		{"network built-in", "package kansa.custom.vpc_range_test\n\nimport rego.v1\n\ntest_x if http.send({\"method\": \"GET\", \"url\": \"https://example.com\"})\n", []string{"vpc_range_test.rego:5", "http.send", "--allow-network-builtins"}},
		{"package outside kansa", "package other_test\n\ntest_x if true\n", []string{"vpc_range_test.rego", "under \"kansa.\""}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := writeFiles(t, map[string]string{"vpc_range.rego": customCheck, "vpc_range_test.rego": tc.test})
			e, err := New(context.Background(), Options{Custom: []string{dir}})
			if err != nil {
				t.Fatalf("New: %v (a test file must not stop a scan)", err)
			}
			if _, err := e.Evaluate(context.Background(), bigState()); err != nil {
				t.Fatalf("Evaluate: %v", err)
			}
			_, err = e.Test(context.Background())
			if err == nil {
				t.Fatal("Test succeeded, want an error")
			}
			for _, w := range tc.wantErr {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
			if _, again := e.Test(context.Background()); again == nil || again.Error() != err.Error() {
				t.Errorf("second Test: %v, want the same error", again)
			}
		})
	}
}
