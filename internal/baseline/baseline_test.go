package baseline

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/kansa-sec/kansa/internal/finding"
	jsonreport "github.com/kansa-sec/kansa/reports/json"
)

func f(check, addr string, line int, st finding.Status) finding.Finding {
	return finding.Finding{CheckID: check, Status: st, Severity: finding.SeverityHigh, StartLine: line,
		Resource: finding.Resource{Address: addr, Type: "aws_vpc", Provider: "aws", Source: "terraform", File: "main.tf", StartLine: line}}
}

func TestApply(t *testing.T) {
	old := FromFindings([]finding.Finding{
		f("aws-vpc-flow-logs-enabled", "aws_vpc.a", 1, finding.StatusFail),
		f("aws-vpc-flow-logs-enabled", "aws_vpc.s", 9, finding.StatusSuppressed),
		f("aws-vpc-flow-logs-enabled", "aws_vpc.p", 5, finding.StatusPass),
	})
	tests := []struct {
		name string
		in   finding.Finding
		want finding.Status
	}{
		{"same check and address, moved lines", f("aws-vpc-flow-logs-enabled", "aws_vpc.a", 40, finding.StatusFail), finding.StatusBaseline},
		{"suppressed before, expired now", f("aws-vpc-flow-logs-enabled", "aws_vpc.s", 9, finding.StatusFail), finding.StatusBaseline},
		{"new resource", f("aws-vpc-flow-logs-enabled", "aws_vpc.b", 1, finding.StatusFail), finding.StatusFail},
		{"passing before, failing now", f("aws-vpc-flow-logs-enabled", "aws_vpc.p", 5, finding.StatusFail), finding.StatusFail},
		{"other check on the same resource", f("aws-sg-no-public-ssh", "aws_vpc.a", 1, finding.StatusFail), finding.StatusFail},
		{"pass stays pass", f("aws-vpc-flow-logs-enabled", "aws_vpc.a", 1, finding.StatusPass), finding.StatusPass},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := []finding.Finding{tt.in}
			old.Apply(fs)
			if fs[0].Status != tt.want {
				t.Fatalf("status %s, want %s", fs[0].Status, tt.want)
			}
		})
	}
}

func TestLoadRoundTrip(t *testing.T) {
	r := &finding.Report{Tool: finding.Tool{Name: "kansa", Version: "test"},
		Rules:    []finding.Rule{{ID: "aws-vpc-flow-logs-enabled", Severity: finding.SeverityHigh, Scope: finding.ScopeResource}},
		Findings: []finding.Finding{f("aws-vpc-flow-logs-enabled", "aws_vpc.a", 1, finding.StatusFail), f("aws-vpc-flow-logs-enabled", "aws_vpc.p", 1, finding.StatusPass)}}
	var buf bytes.Buffer
	if err := jsonreport.Write(&buf, Filter(r)); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "baseline.json")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if s.Len() != 1 {
		t.Fatalf("baseline has %d findings, want 1", s.Len())
	}
	if _, err := Load(filepath.Join(t.TempDir(), "missing.json")); err == nil {
		t.Fatal("a missing baseline must be an error")
	}
}
