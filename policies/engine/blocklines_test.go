package engine

import (
	"context"
	"testing"

	"github.com/kansa-sec/kansa/internal/model"
)

// TestNestedBlockLines: a finding on an inline rule covers its group's lines
// and carries the block's lines, which it points at when the policy names no
// attribute line.
func TestNestedBlockLines(t *testing.T) {
	e := newTestEngine(t, Options{})
	tests := []struct {
		name            string
		attrs           map[string]int
		wantStart       int
		wantBlock       int
		wantResourceEnd int
	}{
		{"attribute line wins", map[string]int{"cidr_blocks": 14}, 14, 10, 30},
		{"block lines without an attribute line", nil, 10, 10, 30},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rule := sgRule("aws_security_group.web", "ingress[0]", 1, "tcp", 22, 22, "0.0.0.0/0")
			rule.Meta.StartLine, rule.Meta.EndLine = 1, 30
			rule.Meta.BlockStartLine, rule.Meta.BlockEndLine = 10, 16
			rule.Meta.Attributes = tt.attrs
			s := model.New(model.SourceTerraform, model.ScopeCode)
			s.AWS.EC2.SecurityGroups = []model.SecurityGroup{sg("aws_security_group.web", 1, rule)}
			fs, err := e.Evaluate(context.Background(), s)
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range fs {
				if f.CheckID != "aws-sg-no-public-ssh" || f.Status != "fail" {
					continue
				}
				if f.StartLine != tt.wantStart || f.BlockStartLine != tt.wantBlock || f.Resource.EndLine != tt.wantResourceEnd {
					t.Fatalf("start %d block %d resource end %d; want %d %d %d", f.StartLine, f.BlockStartLine, f.Resource.EndLine, tt.wantStart, tt.wantBlock, tt.wantResourceEnd)
				}
				return
			}
			t.Fatalf("no failing finding in %v", fs)
		})
	}
}
