package engine_test

import (
	"context"
	"fmt"

	"github.com/kansa-sec/kansa/internal/finding"
	"github.com/kansa-sec/kansa/internal/model"
	"github.com/kansa-sec/kansa/policies/engine"
)

func ExampleEngine_Evaluate() {
	ctx := context.Background()
	e, err := engine.New(ctx, engine.Options{})
	if err != nil {
		panic(err)
	}
	s := model.New(model.SourceTerraform, model.ScopeCode)
	meta := model.Meta{Source: model.SourceTerraform, Type: "aws_security_group", Address: "aws_security_group.web", File: "main.tf", StartLine: 1, EndLine: 12}
	rule := model.SecurityGroupRule{
		Meta: meta, Label: "ingress[0]",
		Direction: model.Ptr("ingress"), Protocol: model.Ptr("tcp"),
		FromPort: model.Ptr(22), ToPort: model.Ptr(22), CIDRBlocks: []string{"0.0.0.0/0"},
	}
	s.AWS.EC2.SecurityGroups = []model.SecurityGroup{{Meta: meta, Rules: []model.SecurityGroupRule{rule}}}
	findings, err := e.Evaluate(ctx, s)
	if err != nil {
		panic(err)
	}
	// Account-scope checks ("a trail must exist") are for whole-account
	// scans; a caller judging code leaves them out.
	account := map[string]bool{}
	for _, r := range e.Rules() {
		account[r.ID] = r.Scope == finding.ScopeAccount
	}
	for _, f := range findings {
		if f.Status != finding.StatusPass && !account[f.CheckID] {
			fmt.Println(f.CheckID, f.Severity, f.Status, f.Message)
		}
	}
	// Output:
	// aws-sg-no-public-ssh critical fail aws_security_group.web allows 0.0.0.0/0 to port 22 (ingress[0])
}
