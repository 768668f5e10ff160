package aws

import (
	"context"
	"net/url"
	"sync"

	awssdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudtrail"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	"github.com/aws/aws-sdk-go-v2/service/configservice"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3control"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	smithyendpoints "github.com/aws/smithy-go/endpoints"
)

// The narrow client interfaces the collector consumes: exactly the
// read-only operations it calls, so a fake in a test (or a reviewer)
// sees the whole surface at a glance.

// trailAPI is the CloudTrail surface.
type trailAPI interface {
	DescribeTrails(ctx context.Context, in *cloudtrail.DescribeTrailsInput, opts ...func(*cloudtrail.Options)) (*cloudtrail.DescribeTrailsOutput, error)
	GetTrailStatus(ctx context.Context, in *cloudtrail.GetTrailStatusInput, opts ...func(*cloudtrail.Options)) (*cloudtrail.GetTrailStatusOutput, error)
	GetEventSelectors(ctx context.Context, in *cloudtrail.GetEventSelectorsInput, opts ...func(*cloudtrail.Options)) (*cloudtrail.GetEventSelectorsOutput, error)
}

// configAPI is the AWS Config surface.
type configAPI interface {
	DescribeConfigurationRecorders(ctx context.Context, in *configservice.DescribeConfigurationRecordersInput, opts ...func(*configservice.Options)) (*configservice.DescribeConfigurationRecordersOutput, error)
	DescribeConfigurationRecorderStatus(ctx context.Context, in *configservice.DescribeConfigurationRecorderStatusInput, opts ...func(*configservice.Options)) (*configservice.DescribeConfigurationRecorderStatusOutput, error)
	DescribeDeliveryChannels(ctx context.Context, in *configservice.DescribeDeliveryChannelsInput, opts ...func(*configservice.Options)) (*configservice.DescribeDeliveryChannelsOutput, error)
}

// ec2API is the EC2 surface (regions and networking).
type ec2API interface {
	DescribeRegions(ctx context.Context, in *ec2.DescribeRegionsInput, opts ...func(*ec2.Options)) (*ec2.DescribeRegionsOutput, error)
	ec2.DescribeVpcsAPIClient
	ec2.DescribeFlowLogsAPIClient
	ec2.DescribeSecurityGroupsAPIClient
	ec2.DescribeNetworkAclsAPIClient
}

// logsAPI is the CloudWatch Logs surface.
type logsAPI interface {
	cloudwatchlogs.DescribeLogGroupsAPIClient
}

// s3API is the S3 surface: the bucket list and one bucket's settings.
type s3API interface {
	s3.ListBucketsAPIClient
	GetBucketLocation(ctx context.Context, in *s3.GetBucketLocationInput, opts ...func(*s3.Options)) (*s3.GetBucketLocationOutput, error)
	GetBucketLogging(ctx context.Context, in *s3.GetBucketLoggingInput, opts ...func(*s3.Options)) (*s3.GetBucketLoggingOutput, error)
	GetPublicAccessBlock(ctx context.Context, in *s3.GetPublicAccessBlockInput, opts ...func(*s3.Options)) (*s3.GetPublicAccessBlockOutput, error)
	GetBucketPolicyStatus(ctx context.Context, in *s3.GetBucketPolicyStatusInput, opts ...func(*s3.Options)) (*s3.GetBucketPolicyStatusOutput, error)
	GetBucketAcl(ctx context.Context, in *s3.GetBucketAclInput, opts ...func(*s3.Options)) (*s3.GetBucketAclOutput, error)
	GetBucketLifecycleConfiguration(ctx context.Context, in *s3.GetBucketLifecycleConfigurationInput, opts ...func(*s3.Options)) (*s3.GetBucketLifecycleConfigurationOutput, error)
}

// s3ControlAPI is the S3 Control surface: the account's public access block.
type s3ControlAPI interface {
	GetPublicAccessBlock(ctx context.Context, in *s3control.GetPublicAccessBlockInput, opts ...func(*s3control.Options)) (*s3control.GetPublicAccessBlockOutput, error)
}

// iamAPI is the IAM surface.
type iamAPI interface {
	iam.ListEntitiesForPolicyAPIClient
	iam.GetAccountAuthorizationDetailsAPIClient
}

// stsAPI is the STS surface: who the credentials are.
type stsAPI interface {
	GetCallerIdentity(ctx context.Context, in *sts.GetCallerIdentityInput, opts ...func(*sts.Options)) (*sts.GetCallerIdentityOutput, error)
}

var (
	_ trailAPI     = (*cloudtrail.Client)(nil)
	_ configAPI    = (*configservice.Client)(nil)
	_ ec2API       = (*ec2.Client)(nil)
	_ logsAPI      = (*cloudwatchlogs.Client)(nil)
	_ s3API        = (*s3.Client)(nil)
	_ s3ControlAPI = (*s3control.Client)(nil)
	_ iamAPI       = (*iam.Client)(nil)
	_ stsAPI       = (*sts.Client)(nil)
)

// clients hands out a client per service and region.
type clients interface {
	cloudTrail(region string) trailAPI
	config(region string) configAPI
	ec2(region string) ec2API
	logs(region string) logsAPI
	s3(region string) s3API
	s3Control(region string) s3ControlAPI
	iam() iamAPI
	sts() stsAPI
}

// sdkClients builds SDK clients from one aws.Config, one per service and
// region, created on first use.
type sdkClients struct {
	cfg awssdk.Config
	// endpoint is --endpoint-url, or nil: S3 then uses path-style
	// addressing and S3 Control keeps the URL's host (no account prefix).
	endpoint *url.URL
	mu       sync.Mutex
	made     map[string]any
}

var _ clients = (*sdkClients)(nil)

func newSDKClients(cfg awssdk.Config, endpoint *url.URL) *sdkClients {
	return &sdkClients{cfg: cfg, endpoint: endpoint, made: map[string]any{}}
}

// get returns the client of kind in region, building it with mk once.
func get[T any](c *sdkClients, kind, region string, mk func(cfg awssdk.Config) T) T {
	c.mu.Lock()
	defer c.mu.Unlock()
	key := kind + "/" + region
	if v, ok := c.made[key]; ok {
		return v.(T)
	}
	cfg := c.cfg.Copy()
	cfg.Region = region
	v := mk(cfg)
	c.made[key] = v
	return v
}

// base returns --endpoint-url for a client's BaseEndpoint option, nil
// without one. Set per client, it wins over AWS_ENDPOINT_URL_<SERVICE>
// and the shared config file's endpoints, as a command-line flag should.
func (c *sdkClients) base() *string {
	if c.endpoint == nil {
		return nil
	}
	return awssdk.String(c.endpoint.String())
}

func (c *sdkClients) cloudTrail(region string) trailAPI {
	return get(c, "cloudtrail", region, func(cfg awssdk.Config) trailAPI {
		return cloudtrail.NewFromConfig(cfg, func(o *cloudtrail.Options) { o.BaseEndpoint = cmpOr(c.base(), o.BaseEndpoint) })
	})
}

func (c *sdkClients) config(region string) configAPI {
	return get(c, "config", region, func(cfg awssdk.Config) configAPI {
		return configservice.NewFromConfig(cfg, func(o *configservice.Options) { o.BaseEndpoint = cmpOr(c.base(), o.BaseEndpoint) })
	})
}

func (c *sdkClients) ec2(region string) ec2API {
	return get(c, "ec2", region, func(cfg awssdk.Config) ec2API {
		return ec2.NewFromConfig(cfg, func(o *ec2.Options) { o.BaseEndpoint = cmpOr(c.base(), o.BaseEndpoint) })
	})
}

func (c *sdkClients) logs(region string) logsAPI {
	return get(c, "logs", region, func(cfg awssdk.Config) logsAPI {
		return cloudwatchlogs.NewFromConfig(cfg, func(o *cloudwatchlogs.Options) { o.BaseEndpoint = cmpOr(c.base(), o.BaseEndpoint) })
	})
}

func (c *sdkClients) s3(region string) s3API {
	return get(c, "s3", region, func(cfg awssdk.Config) s3API {
		return s3.NewFromConfig(cfg, func(o *s3.Options) {
			o.BaseEndpoint = cmpOr(c.base(), o.BaseEndpoint)
			// A custom endpoint cannot resolve bucket.host names.
			o.UsePathStyle = o.UsePathStyle || c.endpoint != nil
		})
	})
}

func (c *sdkClients) s3Control(region string) s3ControlAPI {
	return get(c, "s3control", region, func(cfg awssdk.Config) s3ControlAPI {
		return s3control.NewFromConfig(cfg, func(o *s3control.Options) {
			if c.endpoint != nil {
				o.BaseEndpoint = c.base()
				o.EndpointResolverV2 = keepEndpoint{base: *c.endpoint, next: s3control.NewDefaultEndpointResolverV2()}
			}
		})
	})
}

func (c *sdkClients) iam() iamAPI {
	return get(c, "iam", c.cfg.Region, func(cfg awssdk.Config) iamAPI {
		return iam.NewFromConfig(cfg, func(o *iam.Options) { o.BaseEndpoint = cmpOr(c.base(), o.BaseEndpoint) })
	})
}

func (c *sdkClients) sts() stsAPI {
	return get(c, "sts", c.cfg.Region, func(cfg awssdk.Config) stsAPI {
		return sts.NewFromConfig(cfg, func(o *sts.Options) { o.BaseEndpoint = cmpOr(c.base(), o.BaseEndpoint) })
	})
}

// cmpOr returns a when it is not nil, else b.
func cmpOr(a, b *string) *string {
	if a != nil {
		return a
	}
	return b
}

// keepEndpoint resolves S3 Control endpoints to base unchanged. With a
// custom endpoint the SDK's rules put the account ID in front of the host
// ("111122223333.127.0.0.1:4566"), which no emulator or proxy resolves;
// the account still travels in the x-amz-account-id header. The signing
// properties of the SDK's own answer are kept.
type keepEndpoint struct {
	base url.URL
	next s3control.EndpointResolverV2
}

func (k keepEndpoint) ResolveEndpoint(ctx context.Context, p s3control.EndpointParameters) (smithyendpoints.Endpoint, error) {
	ep, err := k.next.ResolveEndpoint(ctx, p)
	if err != nil {
		return ep, err
	}
	ep.URI = k.base
	return ep, nil
}
