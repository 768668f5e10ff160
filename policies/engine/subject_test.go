package engine

import (
	"context"
	"strings"
	"testing"

	"github.com/kansa-sec/kansa/internal/model"
)

// TestSubjectIsNotPassed: a result on another resource than the selector's
// object (an incomplete public access block) names the bucket as its
// subject, so the bucket is not also reported as passing.
func TestSubjectIsNotPassed(t *testing.T) {
	e := newTestEngine(t, Options{})
	s := model.New(model.SourceTerraform, model.ScopeCode)
	bm := model.Meta{Source: model.SourceTerraform, Type: "aws_s3_bucket", Address: "aws_s3_bucket.a", ID: "tf:aws_s3_bucket.a.id", File: "main.tf", StartLine: 1, EndLine: 1}
	pm := model.Meta{Source: model.SourceTerraform, Type: "aws_s3_bucket_public_access_block", Address: "aws_s3_bucket_public_access_block.a", ID: "tf:aws_s3_bucket_public_access_block.a.id", File: "main.tf", StartLine: 2, EndLine: 5}
	full := model.Meta{Source: model.SourceTerraform, Type: "aws_s3_bucket_public_access_block", Address: "aws_s3_bucket_public_access_block.b", ID: "tf:aws_s3_bucket_public_access_block.b.id", File: "main.tf", StartLine: 7, EndLine: 12}
	s.AWS.S3.Buckets = []model.Bucket{
		{Meta: bm, PublicAccessBlock: pm.ID, Receives: []model.Feeder{}},
		{Meta: model.Meta{Source: model.SourceTerraform, Type: "aws_s3_bucket", Address: "aws_s3_bucket.b", ID: "tf:aws_s3_bucket.b.id", File: "main.tf", StartLine: 6, EndLine: 6}, PublicAccessBlock: full.ID, Receives: []model.Feeder{}},
	}
	s.AWS.S3.PublicAccessBlocks = []model.PublicAccessBlock{
		{Meta: pm, BlockPublicACLs: model.Ptr(true), BlockPublicPolicy: model.Ptr(false), IgnorePublicACLs: model.Ptr(true), RestrictPublicBuckets: model.Ptr(true)},
		{Meta: full, BlockPublicACLs: model.Ptr(true), BlockPublicPolicy: model.Ptr(true), IgnorePublicACLs: model.Ptr(true), RestrictPublicBuckets: model.Ptr(true)},
	}
	fs, err := e.Evaluate(context.Background(), s)
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(only(fs, "aws-s3-public-access-block"), "\n")
	want := "pass | aws-s3-public-access-block | aws_s3_bucket.b | 6 |  | passed\n" +
		"fail | aws-s3-public-access-block | aws_s3_bucket_public_access_block.a | 2 |  | aws_s3_bucket_public_access_block.a leaves block_public_policy false for aws_s3_bucket.a"
	if got != want {
		t.Errorf("findings:\n%s\nwant:\n%s", got, want)
	}
}

func TestMalformedSubject(t *testing.T) {
	head, _, _ := strings.Cut(customCheck, "import data.kansa.lib")
	src := head + `deny contains {"resource": vpc, "msg": "m", "subject": "x"} if { some vpc in input.aws.ec2.vpcs }` + "\n"
	dir := writeFiles(t, map[string]string{"p.rego": src})
	e := newTestEngine(t, Options{Custom: []string{dir}})
	s := model.New(model.SourceTerraform, model.ScopeCode)
	s.AWS.EC2.VPCs = []model.VPC{{Meta: model.Meta{Address: "aws_vpc.a"}, FlowLogs: []string{}}}
	if _, err := e.Evaluate(context.Background(), s); err == nil || !strings.Contains(err.Error(), "subject must be a model object") {
		t.Errorf("err = %v", err)
	}
}
