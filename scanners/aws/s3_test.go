package aws

import (
	"context"
	"testing"
	"time"

	awssdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/aws/aws-sdk-go-v2/service/s3control"
	s3ctltypes "github.com/aws/aws-sdk-go-v2/service/s3control/types"
)

// fakeS3 answers one bucket's sub-resources; a nil output with a nil
// error is never returned (the error map decides).
type fakeS3 struct {
	s3API
	errs     map[string]error
	logging  *s3types.LoggingEnabled
	block    *s3types.PublicAccessBlockConfiguration
	public   bool
	grants   []s3types.Grant
	rules    []s3types.LifecycleRule
	location string
}

func (f *fakeS3) GetBucketLocation(context.Context, *s3.GetBucketLocationInput, ...func(*s3.Options)) (*s3.GetBucketLocationOutput, error) {
	return &s3.GetBucketLocationOutput{LocationConstraint: s3types.BucketLocationConstraint(f.location)}, f.errs["location"]
}

func (f *fakeS3) GetBucketLogging(context.Context, *s3.GetBucketLoggingInput, ...func(*s3.Options)) (*s3.GetBucketLoggingOutput, error) {
	return &s3.GetBucketLoggingOutput{LoggingEnabled: f.logging}, f.errs["logging"]
}

func (f *fakeS3) GetPublicAccessBlock(context.Context, *s3.GetPublicAccessBlockInput, ...func(*s3.Options)) (*s3.GetPublicAccessBlockOutput, error) {
	return &s3.GetPublicAccessBlockOutput{PublicAccessBlockConfiguration: f.block}, f.errs["block"]
}

func (f *fakeS3) GetBucketPolicyStatus(context.Context, *s3.GetBucketPolicyStatusInput, ...func(*s3.Options)) (*s3.GetBucketPolicyStatusOutput, error) {
	return &s3.GetBucketPolicyStatusOutput{PolicyStatus: &s3types.PolicyStatus{IsPublic: awssdk.Bool(f.public)}}, f.errs["policy"]
}

//nolint:revive // the SDK names it GetBucketAcl
func (f *fakeS3) GetBucketAcl(context.Context, *s3.GetBucketAclInput, ...func(*s3.Options)) (*s3.GetBucketAclOutput, error) {
	return &s3.GetBucketAclOutput{Grants: f.grants}, f.errs["acl"]
}

func (f *fakeS3) GetBucketLifecycleConfiguration(context.Context, *s3.GetBucketLifecycleConfigurationInput, ...func(*s3.Options)) (*s3.GetBucketLifecycleConfigurationOutput, error) {
	return &s3.GetBucketLifecycleConfigurationOutput{Rules: f.rules}, f.errs["lifecycle"]
}

// s3Clients hands out one fake S3 client and records the regions asked for.
type s3Clients struct {
	clients
	fake    *fakeS3
	regions []string
}

func (c *s3Clients) s3(region string) s3API {
	c.regions = append(c.regions, region)
	return c.fake
}

func TestBucket(t *testing.T) {
	full := &s3types.PublicAccessBlockConfiguration{BlockPublicAcls: awssdk.Bool(true), IgnorePublicAcls: awssdk.Bool(true), BlockPublicPolicy: awssdk.Bool(true), RestrictPublicBuckets: awssdk.Bool(true)}
	tests := []struct {
		name     string
		fake     fakeS3
		region   string
		logging  any
		block    any // "none", "unknown" or the four flags all true
		public   any
		acl      any
		unknown  []string
		lifecyle bool
	}{
		{"nothing configured", fakeS3{errs: map[string]error{"block": apiErr(noBlock), "policy": apiErr(noPolicy), "lifecycle": apiErr(noLifecycle)}},
			"eu-west-1", false, "none", false, "private", nil, false},
		{"all set", fakeS3{logging: &s3types.LoggingEnabled{TargetBucket: awssdk.String("logs")}, block: full, public: true,
			grants: []s3types.Grant{{Grantee: &s3types.Grantee{URI: awssdk.String(allUsers)}, Permission: s3types.PermissionRead}}, rules: []s3types.LifecycleRule{}},
			"eu-west-1", true, "full", true, "public-read", nil, true},
		{"every call denied", fakeS3{errs: map[string]error{"logging": denied, "block": denied, "policy": denied, "acl": denied, "lifecycle": denied}},
			"eu-west-1", "nil", "unknown", "nil", "nil", []string{"acl", "expiration_days", "logging", "policy_is_public"}, false},
		{"location from GetBucketLocation", fakeS3{location: "EU", errs: map[string]error{"block": apiErr(noBlock), "policy": apiErr(noPolicy), "lifecycle": apiErr(noLifecycle)}},
			"", false, "none", false, "private", nil, false},
		{"location denied", fakeS3{errs: map[string]error{"location": denied}},
			"", "nil", "unknown", "nil", "nil", []string{"acl", "expiration_days", "logging", "policy_is_public"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			api := &s3Clients{fake: &tt.fake}
			d := testReader().bucket(context.Background(), api, "us-east-1", "b", tt.region)
			b := d.bucket
			equal(t, "logging", ptrText(b.Logging), tt.logging)
			equal(t, "policy_is_public", ptrText(b.PolicyIsPublic), tt.public)
			equal(t, "acl", ptrText(b.ACL), tt.acl)
			equalSlice(t, "unknown", unknowns(b.Meta), tt.unknown)
			equal(t, "has lifecycle", d.hasLifecycle, tt.lifecyle)
			equal(t, "arn", b.Meta.ARN, "arn:aws:s3:::b")
			switch tt.block {
			case "none":
				if d.block != nil || b.PublicAccessBlock != "" {
					t.Errorf("block = %+v, want none", d.block)
				}
			case "unknown":
				if d.block == nil || len(d.block.Meta.Unknown) != 4 || b.PublicAccessBlock != d.block.Meta.ID {
					t.Errorf("block = %+v, want four unknown flags", d.block)
				}
			default:
				if d.block == nil || !*d.block.BlockPublicACLs || !*d.block.RestrictPublicBuckets || b.PublicAccessBlock != "b/public-access-block" {
					t.Errorf("block = %+v, want full", d.block)
				}
			}
			if tt.region == "" && tt.fake.location == "EU" {
				// Location asked in the home region, the rest in the bucket's.
				equalSlice(t, "regions", api.regions, []string{"us-east-1", "eu-west-1"})
				equal(t, "bucket region", b.Meta.Region, "eu-west-1")
			}
		})
	}
}

func TestCannedACL(t *testing.T) {
	grant := func(uri string, p s3types.Permission) s3types.Grant {
		return s3types.Grant{Grantee: &s3types.Grantee{URI: awssdk.String(uri)}, Permission: p}
	}
	owner := s3types.Grant{Grantee: &s3types.Grantee{ID: awssdk.String("owner")}, Permission: s3types.PermissionFullControl}
	tests := []struct {
		name   string
		grants []s3types.Grant
		want   string
	}{
		{"owner only", []s3types.Grant{owner}, "private"},
		{"everyone reads", []s3types.Grant{owner, grant(allUsers, s3types.PermissionRead)}, "public-read"},
		{"everyone writes", []s3types.Grant{grant(allUsers, s3types.PermissionRead), grant(allUsers, s3types.PermissionWrite)}, "public-read-write"},
		{"any AWS user", []s3types.Grant{grant(authenticatedUsers, s3types.PermissionRead)}, "authenticated-read"},
		{"both", []s3types.Grant{grant(authenticatedUsers, s3types.PermissionRead), grant(allUsers, s3types.PermissionReadAcp)}, "public-read"},
		{"log delivery group", []s3types.Grant{grant("http://acs.amazonaws.com/groups/s3/LogDelivery", s3types.PermissionWrite)}, "private"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { equal(t, "acl", cannedACL(tt.grants), tt.want) })
	}
}

func TestExpiration(t *testing.T) {
	rule := func(status s3types.ExpirationStatus, days int32, filter *s3types.LifecycleRuleFilter) s3types.LifecycleRule {
		return s3types.LifecycleRule{Status: status, Expiration: &s3types.LifecycleExpiration{Days: awssdk.Int32(days)}, Filter: filter}
	}
	prefix := func(p string) *s3types.LifecycleRuleFilter {
		return &s3types.LifecycleRuleFilter{Prefix: awssdk.String(p)}
	}
	tag := &s3types.LifecycleRuleFilter{Tag: &s3types.Tag{Key: awssdk.String("k"), Value: awssdk.String("v")}}
	dated := s3types.LifecycleRule{Status: s3types.ExpirationStatusEnabled, Expiration: &s3types.LifecycleExpiration{Date: awssdk.Time(time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC))}}
	markers := s3types.LifecycleRule{Status: s3types.ExpirationStatusEnabled, Expiration: &s3types.LifecycleExpiration{ExpiredObjectDeleteMarker: awssdk.Bool(true)}}
	tests := []struct {
		name     string
		rules    []s3types.LifecycleRule
		prefixes []string
		days     int
		ok       bool
	}{
		{"no rules", nil, []string{"AWSLogs/"}, 0, true},
		{"whole bucket", []s3types.LifecycleRule{rule(s3types.ExpirationStatusEnabled, 90, nil)}, []string{"AWSLogs/"}, 90, true},
		{"shortest wins", []s3types.LifecycleRule{rule(s3types.ExpirationStatusEnabled, 400, prefix("")), rule(s3types.ExpirationStatusEnabled, 30, prefix("AWSLogs/1/"))}, []string{"AWSLogs/"}, 30, true},
		{"disabled", []s3types.LifecycleRule{rule(s3types.ExpirationStatusDisabled, 1, nil)}, []string{""}, 0, true},
		{"other prefix", []s3types.LifecycleRule{rule(s3types.ExpirationStatusEnabled, 1, prefix("tmp/"))}, []string{"trail/AWSLogs/"}, 0, true},
		{"tagged only", []s3types.LifecycleRule{rule(s3types.ExpirationStatusEnabled, 1, tag)}, []string{""}, 0, true},
		{"and with tags", []s3types.LifecycleRule{rule(s3types.ExpirationStatusEnabled, 1, &s3types.LifecycleRuleFilter{And: &s3types.LifecycleRuleAndOperator{Prefix: awssdk.String(""), Tags: []s3types.Tag{{Key: awssdk.String("k")}}}})}, []string{""}, 0, true},
		{"and by size", []s3types.LifecycleRule{rule(s3types.ExpirationStatusEnabled, 7, &s3types.LifecycleRuleFilter{And: &s3types.LifecycleRuleAndOperator{Prefix: awssdk.String("AWSLogs/"), ObjectSizeGreaterThan: awssdk.Int64(1)}})}, []string{"AWSLogs/"}, 7, true},
		{"legacy prefix", []s3types.LifecycleRule{{Status: s3types.ExpirationStatusEnabled, Prefix: awssdk.String("AWSLogs/"), Expiration: &s3types.LifecycleExpiration{Days: awssdk.Int32(5)}}}, []string{"AWSLogs/"}, 5, true},
		{"fixed date", []s3types.LifecycleRule{dated}, []string{""}, 0, false},
		{"delete markers only", []s3types.LifecycleRule{markers}, []string{""}, 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			days, ok := expiration(expiries(tt.rules), tt.prefixes)
			equal(t, "days", days, tt.days)
			equal(t, "ok", ok, tt.ok)
		})
	}
}

type fakeControl struct {
	out *s3control.GetPublicAccessBlockOutput
	err error
}

func (f fakeControl) GetPublicAccessBlock(context.Context, *s3control.GetPublicAccessBlockInput, ...func(*s3control.Options)) (*s3control.GetPublicAccessBlockOutput, error) {
	return f.out, f.err
}

func TestAccountBlock(t *testing.T) {
	tests := []struct {
		name              string
		fake              fakeControl
		acls              any
		unknown, defaults int
	}{
		{"none configured blocks nothing", fakeControl{err: apiErr(noBlock)}, false, 0, 4},
		{"denied", fakeControl{err: denied}, "nil", 4, 0},
		{"configured", fakeControl{out: &s3control.GetPublicAccessBlockOutput{PublicAccessBlockConfiguration: &s3ctltypes.PublicAccessBlockConfiguration{BlockPublicAcls: awssdk.Bool(true)}}}, true, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := testReader().accountBlock(context.Background(), tt.fake)
			equal(t, "block_public_acls", ptrText(b.BlockPublicACLs), tt.acls)
			equal(t, "unknown", len(b.Meta.Unknown), tt.unknown)
			equal(t, "defaulted", len(b.Meta.Defaulted), tt.defaults)
			equal(t, "type", b.Meta.Type, "aws_s3_account_public_access_block")
			equal(t, "id", b.Meta.ID, "aws-account:111122223333/s3-public-access-block")
		})
	}
}

func TestBucketRegion(t *testing.T) {
	for loc, want := range map[string]string{"": "us-east-1", "EU": "eu-west-1", "ap-south-1": "ap-south-1"} {
		equal(t, "region of "+loc, bucketRegion(loc), want)
	}
}
