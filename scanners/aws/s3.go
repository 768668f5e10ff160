package aws

import (
	"context"
	"strings"

	awssdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/aws/aws-sdk-go-v2/service/s3control"
	s3ctltypes "github.com/aws/aws-sdk-go-v2/service/s3control/types"

	"github.com/kansa-sec/kansa/internal/model"
	"github.com/kansa-sec/kansa/scanners/internal/cloudutil"
)

// S3's answers for "this bucket has no such configuration" (HTTP 404).
const (
	noBlock     = "NoSuchPublicAccessBlockConfiguration"
	noPolicy    = "NoSuchBucketPolicy"
	noLifecycle = "NoSuchLifecycleConfiguration"
)

// Grantee groups that make an ACL public.
const (
	allUsers           = "http://acs.amazonaws.com/groups/global/AllUsers"
	authenticatedUsers = "http://acs.amazonaws.com/groups/global/AuthenticatedUsers"
)

// bucketData is a bucket with what is settled only once its feeders are
// known: the lifecycle rules that expire current objects.
type bucketData struct {
	bucket model.Bucket
	// block is the bucket's own public access block; nil when it has none.
	block *model.PublicAccessBlock
	// expiries are the enabled lifecycle rules that expire current objects.
	expiries []expiry
	// hasLifecycle says the bucket has a lifecycle configuration.
	hasLifecycle bool
	// loggingFailed says its logging is unknown, so where it sends access
	// logs (another bucket's feeder) is unknown too.
	loggingFailed bool
	// targetPrefix is where its access logs land in the target bucket.
	targetPrefix string
}

// expiry is an enabled lifecycle rule that expires current objects.
type expiry struct {
	// prefix is the key prefix the rule applies to ("" = every object).
	prefix string
	// tagged says the rule applies only to objects with given tags, which
	// log files delivered by AWS do not carry.
	tagged bool
	// days is the expiration after creation; 0 with dated for a fixed date.
	days  int
	dated bool
}

// buckets lists the account's buckets (in every region) and reads each
// one's logging, public access block, policy status, ACL and lifecycle in
// the bucket's own region. A failed list is a gap for every region.
func (r *reader) buckets(ctx context.Context, api clients, home string) []bucketData {
	var list []s3types.Bucket
	p := s3.NewListBucketsPaginator(api.s3(home), &s3.ListBucketsInput{MaxBuckets: awssdk.Int32(bucketsPageSize)})
	if !listPages(ctx, r, "", "s3:ListBuckets", p.HasMorePages, p.NextPage, func(page *s3.ListBucketsOutput) {
		list = append(list, page.Buckets...)
	}, pathBuckets, pathBucketBlocks) {
		return nil
	}
	names := make([]string, 0, len(list))
	regions := map[string]string{}
	for _, b := range list {
		name := awssdk.ToString(b.Name)
		names = append(names, name)
		regions[name] = awssdk.ToString(b.BucketRegion)
	}
	out, _ := cloudutil.Each(ctx, names, r.parallel, func(ctx context.Context, name string) (bucketData, error) {
		return r.bucket(ctx, api, home, name, regions[name]), nil
	})
	return out
}

// bucket reads one bucket's settings.
func (r *reader) bucket(ctx context.Context, api clients, home, name, region string) bucketData {
	arn := "arn:" + r.partition + ":s3:::" + name
	d := bucketData{bucket: model.Bucket{Name: model.Ptr(name), Receives: []model.Feeder{}, Tier: model.TierDefault}}
	if region == "" {
		loc, err := call(ctx, r.timeout, func(ctx context.Context) (*s3.GetBucketLocationOutput, error) {
			return api.s3(home).GetBucketLocation(ctx, &s3.GetBucketLocationInput{Bucket: awssdk.String(name)})
		})
		if err != nil {
			d.bucket.Meta = r.meta("aws_s3_bucket", arn, name, "")
			r.unknown(&d.bucket.Meta, "s3:GetBucketLocation", err, "logging", "acl", "policy_is_public", "expiration_days")
			d.block = r.blockModel(arn, name, "")
			r.unknown(&d.block.Meta, "s3:GetBucketLocation", err, blockFlags...)
			d.bucket.PublicAccessBlock = d.block.Meta.ID
			d.loggingFailed = true
			return d
		}
		region = bucketRegion(string(loc.LocationConstraint))
	}
	d.bucket.Meta = r.meta("aws_s3_bucket", arn, name, region)
	c := api.s3(region)
	bucket := awssdk.String(name)

	logging, err := call(ctx, r.timeout, func(ctx context.Context) (*s3.GetBucketLoggingOutput, error) {
		return c.GetBucketLogging(ctx, &s3.GetBucketLoggingInput{Bucket: bucket})
	})
	switch {
	case err != nil:
		r.unknown(&d.bucket.Meta, "s3:GetBucketLogging", err, "logging")
		d.loggingFailed = true
	case logging.LoggingEnabled == nil:
		d.bucket.Logging = model.Ptr(false)
	default:
		d.bucket.Logging = model.Ptr(true)
		d.bucket.TargetBucket = logging.LoggingEnabled.TargetBucket
		d.targetPrefix = awssdk.ToString(logging.LoggingEnabled.TargetPrefix)
	}

	pab, err := call(ctx, r.timeout, func(ctx context.Context) (*s3.GetPublicAccessBlockOutput, error) {
		return c.GetPublicAccessBlock(ctx, &s3.GetPublicAccessBlockInput{Bucket: bucket})
	})
	switch {
	case isCode(err, noBlock):
	case err != nil:
		d.block = r.blockModel(arn, name, region)
		r.unknown(&d.block.Meta, "s3:GetPublicAccessBlock", err, blockFlags...)
	default:
		d.block = r.blockModel(arn, name, region)
		setFlags(d.block, pab.PublicAccessBlockConfiguration)
	}
	if d.block != nil {
		d.bucket.PublicAccessBlock = d.block.Meta.ID
	}

	status, err := call(ctx, r.timeout, func(ctx context.Context) (*s3.GetBucketPolicyStatusOutput, error) {
		return c.GetBucketPolicyStatus(ctx, &s3.GetBucketPolicyStatusInput{Bucket: bucket})
	})
	switch {
	case isCode(err, noPolicy):
		d.bucket.PolicyIsPublic = model.Ptr(false)
	case err != nil:
		r.unknown(&d.bucket.Meta, "s3:GetBucketPolicyStatus", err, "policy_is_public")
	default:
		d.bucket.PolicyIsPublic = model.Ptr(status.PolicyStatus != nil && awssdk.ToBool(status.PolicyStatus.IsPublic))
	}

	acl, err := call(ctx, r.timeout, func(ctx context.Context) (*s3.GetBucketAclOutput, error) {
		return c.GetBucketAcl(ctx, &s3.GetBucketAclInput{Bucket: bucket})
	})
	if err != nil {
		r.unknown(&d.bucket.Meta, "s3:GetBucketAcl", err, "acl")
	} else {
		d.bucket.ACL = model.Ptr(cannedACL(acl.Grants))
	}

	lc, err := call(ctx, r.timeout, func(ctx context.Context) (*s3.GetBucketLifecycleConfigurationOutput, error) {
		return c.GetBucketLifecycleConfiguration(ctx, &s3.GetBucketLifecycleConfigurationInput{Bucket: bucket})
	})
	switch {
	case isCode(err, noLifecycle):
	case err != nil:
		r.unknown(&d.bucket.Meta, "s3:GetBucketLifecycleConfiguration", err, "expiration_days")
	default:
		d.hasLifecycle = true
		d.expiries = expiries(lc.Rules)
	}
	return d
}

// bucketRegion maps a LocationConstraint to a region: empty is us-east-1,
// the legacy "EU" is eu-west-1.
func bucketRegion(loc string) string {
	switch loc {
	case "":
		return "us-east-1"
	case "EU":
		return "eu-west-1"
	}
	return loc
}

// blockFlags are the four public access block flags, as the model names them.
var blockFlags = []string{"block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets"}

// blockModel returns the public access block of bucket name, flags unset.
func (r *reader) blockModel(bucketARN, name, region string) *model.PublicAccessBlock {
	return &model.PublicAccessBlock{
		Meta:   r.meta("aws_s3_bucket_public_access_block", bucketARN, name+"/public-access-block", region),
		Bucket: model.Ptr(name),
	}
}

// setFlags copies the flags of a configuration; a flag left out is false.
func setFlags(b *model.PublicAccessBlock, c *s3types.PublicAccessBlockConfiguration) {
	if c == nil {
		c = &s3types.PublicAccessBlockConfiguration{}
	}
	b.BlockPublicACLs = model.Ptr(awssdk.ToBool(c.BlockPublicAcls))
	b.BlockPublicPolicy = model.Ptr(awssdk.ToBool(c.BlockPublicPolicy))
	b.IgnorePublicACLs = model.Ptr(awssdk.ToBool(c.IgnorePublicAcls))
	b.RestrictPublicBuckets = model.Ptr(awssdk.ToBool(c.RestrictPublicBuckets))
}

// cannedACL names the canned ACL a grant list amounts to, as the checks
// read it: any grant to everyone is public-read (public-read-write when it
// lets them write), a grant to any AWS user is authenticated-read.
func cannedACL(grants []s3types.Grant) string {
	acl := "private"
	for _, g := range grants {
		if g.Grantee == nil {
			continue
		}
		switch awssdk.ToString(g.Grantee.URI) {
		case allUsers:
			if g.Permission == s3types.PermissionWrite || g.Permission == s3types.PermissionFullControl {
				return "public-read-write"
			}
			acl = "public-read"
		case authenticatedUsers:
			if acl == "private" {
				acl = "authenticated-read"
			}
		}
	}
	return acl
}

// expiries keeps the enabled rules that expire current objects.
func expiries(rules []s3types.LifecycleRule) []expiry {
	var out []expiry
	for _, rule := range rules {
		if rule.Status != s3types.ExpirationStatusEnabled || rule.Expiration == nil {
			continue
		}
		e := expiry{prefix: awssdk.ToString(rule.Prefix)} //nolint:staticcheck // rules written before Filter existed still carry their prefix here
		if f := rule.Filter; f != nil {
			switch {
			case f.And != nil:
				e.prefix = awssdk.ToString(f.And.Prefix)
				e.tagged = len(f.And.Tags) > 0
			case f.Tag != nil:
				e.tagged = true
			case f.Prefix != nil:
				e.prefix = *f.Prefix
			}
		}
		switch {
		case rule.Expiration.Days != nil && *rule.Expiration.Days > 0:
			e.days = int(*rule.Expiration.Days)
		case rule.Expiration.Date != nil:
			e.dated = true
		default:
			continue // only expired delete markers
		}
		out = append(out, e)
	}
	return out
}

// expiration is the shortest expiration, in days, of the objects under
// any of prefixes (0 = never): a rule counts when its prefix and one of
// prefixes overlap and it is not limited to tagged objects. A rule that
// expires everything on a fixed date makes it unknown (ok false).
func expiration(es []expiry, prefixes []string) (days int, ok bool) {
	for _, e := range es {
		if e.tagged || !overlaps(e.prefix, prefixes) {
			continue
		}
		if e.dated {
			return 0, false
		}
		if days == 0 || e.days < days {
			days = e.days
		}
	}
	return days, true
}

// overlaps reports whether some object key can start with both p and one
// of prefixes.
func overlaps(p string, prefixes []string) bool {
	for _, q := range prefixes {
		if strings.HasPrefix(p, q) || strings.HasPrefix(q, p) {
			return true
		}
	}
	return false
}

// accountBlock reads the account-level public access block. None
// configured (404) is an account that blocks nothing: four false flags,
// marked defaulted.
func (r *reader) accountBlock(ctx context.Context, api s3ControlAPI) *model.PublicAccessBlock {
	// It has no ARN; it is named like the account-scope findings.
	b := &model.PublicAccessBlock{Meta: r.meta("aws_s3_account_public_access_block", "", "aws-account:"+r.account+"/s3-public-access-block", "")}
	out, err := call(ctx, r.timeout, func(ctx context.Context) (*s3control.GetPublicAccessBlockOutput, error) {
		return api.GetPublicAccessBlock(ctx, &s3control.GetPublicAccessBlockInput{AccountId: awssdk.String(r.account)})
	})
	switch {
	case isCode(err, noBlock):
		setFlags(b, nil)
		for _, f := range blockFlags {
			b.Meta.MarkDefaulted(f)
		}
	case err != nil:
		r.unknown(&b.Meta, "s3control:GetPublicAccessBlock", err, blockFlags...)
	default:
		c := out.PublicAccessBlockConfiguration
		if c == nil {
			c = &s3ctltypes.PublicAccessBlockConfiguration{}
		}
		setFlags(b, &s3types.PublicAccessBlockConfiguration{
			BlockPublicAcls: c.BlockPublicAcls, BlockPublicPolicy: c.BlockPublicPolicy,
			IgnorePublicAcls: c.IgnorePublicAcls, RestrictPublicBuckets: c.RestrictPublicBuckets,
		})
	}
	return b
}
