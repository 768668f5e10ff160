package engine

import (
	"context"
	"fmt"
	"syscall"
	"testing"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"

	"github.com/kansa-sec/kansa/internal/finding"
	"github.com/kansa-sec/kansa/internal/model"
)

// bigState has 1000 resources: 400 AWS groups (2 rules each), 200 standalone
// AWS rules, 200 AWS VPCs, 100 Alibaba groups and 100 Alibaba VPCs.
func bigState() *model.State {
	s := model.New(model.SourceTerraform, model.ScopeCode)
	cidrs := []string{"0.0.0.0/0", "10.0.0.0/8", "192.168.1.0/24"}
	for i := range 400 {
		addr := fmt.Sprintf("aws_security_group.g%d", i)
		g := sg(addr, i*30+1,
			sgRule(addr, "ingress[0]", i*30+3, "tcp", 22, 22, cidrs[i%3]),
			sgRule(addr, "ingress[1]", i*30+10, "tcp", 443, 443, "0.0.0.0/0"))
		s.AWS.EC2.SecurityGroups = append(s.AWS.EC2.SecurityGroups, g)
	}
	for i := range 200 {
		addr := fmt.Sprintf("aws_security_group_rule.r%d", i)
		s.AWS.EC2.SecurityGroupRules = append(s.AWS.EC2.SecurityGroupRules, sgRule(addr, addr, 1, "-1", 0, 0, cidrs[i%3]))
	}
	for i := range 200 {
		v := model.VPC{Meta: model.Meta{Source: model.SourceTerraform, Type: "aws_vpc", Address: fmt.Sprintf("aws_vpc.v%d", i), File: "vpc.tf", StartLine: i + 1, EndLine: i + 1}}
		if i%2 == 0 {
			v.FlowLogs = []string{"fl"}
		}
		s.AWS.EC2.VPCs = append(s.AWS.EC2.VPCs, v)
	}
	for i := range 100 {
		addr := fmt.Sprintf("alicloud_security_group_rule.r%d", i)
		r := model.SecurityGroupRule{
			Meta: model.Meta{Source: model.SourceTerraform, Type: "alicloud_security_group_rule", Address: addr}, Label: addr,
			Direction: model.Ptr("ingress"), Policy: model.Ptr("accept"), Protocol: model.Ptr("tcp"),
			PortRange: model.Ptr("1/65535"), CIDRBlocks: []string{cidrs[i%3]},
		}
		s.Alicloud.ECS.SecurityGroups = append(s.Alicloud.ECS.SecurityGroups, model.SecurityGroup{
			Meta: model.Meta{Source: model.SourceTerraform, Type: "alicloud_security_group", Address: fmt.Sprintf("alicloud_security_group.g%d", i)}, Rules: []model.SecurityGroupRule{r},
		})
		s.Alicloud.VPC.VPCs = append(s.Alicloud.VPC.VPCs, model.VPC{Meta: model.Meta{Source: model.SourceTerraform, Type: "alicloud_vpc", Address: fmt.Sprintf("alicloud_vpc.v%d", i)}})
	}
	return s
}

func BenchmarkNew(b *testing.B) {
	cpu := startCPU()
	for b.Loop() {
		if _, err := New(context.Background(), Options{}); err != nil {
			b.Fatal(err)
		}
	}
	cpu.report(b)
}

// cpuClock measures the process's CPU time (user+system), which a loaded
// machine inflates far less than wall time.
type cpuClock struct{ start time.Duration }

func startCPU() cpuClock { return cpuClock{processCPU()} }

func (c cpuClock) report(b *testing.B) {
	b.ReportMetric(float64(processCPU()-c.start)/float64(b.N)/1e6, "cpu-ms/op")
}

func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func BenchmarkEvaluate1000(b *testing.B) {
	e := newTestEngine(b, Options{})
	s := bigState()
	ctx := context.Background()
	var n int
	cpu := startCPU()
	for b.Loop() {
		fs, err := e.Evaluate(ctx, s)
		if err != nil {
			b.Fatal(err)
		}
		n = len(fs)
	}
	cpu.report(b)
	b.ReportMetric(float64(n), "findings")
}

// TestEvaluateBig checks counts on the 1000-resource state.
func TestEvaluateBig(t *testing.T) {
	e := newTestEngine(t, Options{})
	fs, err := e.Evaluate(context.Background(), bigState())
	if err != nil {
		t.Fatal(err)
	}
	account := map[string]bool{}
	for _, r := range e.Rules() {
		account[r.ID] = r.Scope == finding.ScopeAccount
	}
	counts := map[string]int{}
	for _, f := range fs {
		if account[f.CheckID] {
			continue // "a trail must exist": judged on whole-account scans
		}
		counts[f.CheckID+" "+string(f.Status)]++
	}
	want := map[string]int{
		// 134 groups with an open port-22 rule + 67 open standalone "-1" rules.
		"aws-sg-no-public-ssh fail": 134 + 67, "aws-sg-no-public-ssh pass": 266,
		// RDP: only the open standalone "-1" rules.
		"aws-sg-no-public-rdp fail": 67, "aws-sg-no-public-rdp pass": 400,
		"aws-vpc-flow-logs-enabled fail": 100, "aws-vpc-flow-logs-enabled pass": 100,
		"alicloud-sg-no-public-ssh fail": 34, "alicloud-sg-no-public-ssh pass": 66,
		"alicloud-sg-no-public-rdp fail": 34, "alicloud-sg-no-public-rdp pass": 66,
		"alicloud-vpc-flow-logs-enabled fail": 100,
	}
	for k, v := range want {
		if counts[k] != v {
			t.Errorf("%s = %d, want %d", k, counts[k], v)
		}
	}
	if len(counts) != len(want) {
		t.Errorf("counts = %v", counts)
	}
}

// BenchmarkChecks evaluates each check's deny set on its own, to find the
// expensive policy when Evaluate gets slow.
func BenchmarkChecks(b *testing.B) {
	e := newTestEngine(b, Options{})
	compiler, err := e.compile(false)
	if err != nil {
		b.Fatal(err)
	}
	input, err := Input(bigState())
	if err != nil {
		b.Fatal(err)
	}
	for _, c := range e.checks {
		b.Run(c.rule.ID, func(b *testing.B) {
			ref := c.path.Copy().Append(ast.StringTerm("deny"))
			pq, err := rego.New(rego.ParsedQuery(ast.NewBody(ast.Equality.Expr(ast.VarTerm("x"), ast.NewTerm(ref)))),
				rego.Compiler(compiler), rego.Store(e.store())).PrepareForEval(context.Background())
			if err != nil {
				b.Fatal(err)
			}
			for b.Loop() {
				if _, err := pq.Eval(context.Background(), rego.EvalParsedInput(input)); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestEvaluateConcurrent: one Engine serves several goroutines (run with -race).
func TestEvaluateConcurrent(t *testing.T) {
	e := newTestEngine(t, Options{})
	s := bigState()
	want, err := e.Evaluate(context.Background(), s)
	if err != nil {
		t.Fatal(err)
	}
	errs := make(chan error, 4)
	for range 4 {
		go func() {
			got, err := e.Evaluate(context.Background(), s)
			if err == nil && len(got) != len(want) {
				err = fmt.Errorf("%d findings, want %d", len(got), len(want))
			}
			errs <- err
		}()
	}
	for range 4 {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}
