package aws

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"slices"
	"strings"
	"time"

	awssdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials/stscreds"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"golang.org/x/sync/errgroup"

	"github.com/kansa-sec/kansa/internal/diag"
	"github.com/kansa-sec/kansa/internal/model"
	"github.com/kansa-sec/kansa/scanners/internal/cloudutil"
)

// Defaults of Options.
const (
	// DefaultCallTimeout bounds one API call, retries included.
	DefaultCallTimeout = 30 * time.Second
	// DefaultParallel is how many regions (and buckets) are read at once.
	DefaultParallel = 4
	// DefaultMaxAttempts is how often a throttled or failed call is tried.
	DefaultMaxAttempts = 5
	// defaultRegion serves the global calls (STS, IAM, the bucket list)
	// when neither the profile nor the environment names a region.
	defaultRegion = "us-east-1"
	// sessionName names the session of --role-arn in CloudTrail.
	sessionName = "kansa"
)

// Retry modes of Options.RetryMode, as the SDK names them.
const (
	RetryAdaptive = "adaptive"
	RetryStandard = "standard"
)

// Options configure a Collector. The zero value reads every enabled region
// with the SDK's default credential chain.
type Options struct {
	// Profile is a profile of the shared config files (--profile); "" is
	// the SDK's default chain (environment, AWS_PROFILE, SSO, instance role...).
	Profile string
	// RoleARN is a role to assume for the scan (--role-arn), with session
	// name "kansa", from the credentials Profile gives.
	RoleARN string
	// Regions are the regions to read (--regions): "all" (also when
	// empty) for every region the account has enabled, or a
	// comma-separated list.
	Regions string
	// EndpointURL sends every call to another endpoint (--endpoint-url):
	// S3 then uses path-style addressing and S3 Control keeps the host.
	EndpointURL string
	// CallTimeout bounds each call, retries included (DefaultCallTimeout when 0).
	CallTimeout time.Duration
	// Parallel bounds the regions read at once, and the buckets (DefaultParallel when 0).
	Parallel int
	// RetryMode is RetryAdaptive or RetryStandard; "" takes the profile's
	// or AWS_RETRY_MODE's, else adaptive.
	RetryMode string
	// MaxAttempts bounds the tries of one call; 0 takes the profile's or
	// AWS_MAX_ATTEMPTS', else DefaultMaxAttempts.
	MaxAttempts int
	// MaxBackoff bounds the wait between tries (the SDK's 20s when 0).
	MaxBackoff time.Duration
	// Logger receives diagnostics (nothing is logged when nil).
	Logger *slog.Logger
	// Progress is told of every region read (may be nil).
	Progress cloudutil.Progress
}

// Collector reads one AWS account. It implements scan.Collector.
type Collector struct {
	o    Options
	want cloudutil.Regions
	api  clients
	log  *slog.Logger
	// home is the region of the global calls.
	home string
}

// New prepares a Collector from o: it loads the SDK configuration and
// credentials provider but makes no call; the first call (Collect's
// sts:GetCallerIdentity) is where missing credentials show.
func New(ctx context.Context, o Options) (*Collector, error) {
	o = withDefaults(o)
	regions, err := cloudutil.ParseRegions(o.Regions, "all")
	if err != nil {
		return nil, err
	}
	var loads []func(*config.LoadOptions) error
	if o.Profile != "" {
		loads = append(loads, config.WithSharedConfigProfile(o.Profile))
	}
	var endpoint *url.URL
	if o.EndpointURL != "" {
		u, err := url.Parse(o.EndpointURL)
		if err != nil || u.Scheme == "" || u.Host == "" {
			return nil, fmt.Errorf("--endpoint-url %q: want an absolute URL such as http://127.0.0.1:4566", o.EndpointURL)
		}
		endpoint = u
	}
	if o.RoleARN != "" && !validRoleARN(o.RoleARN) {
		return nil, fmt.Errorf("--role-arn %q: want a role ARN such as arn:aws:iam::111122223333:role/audit", o.RoleARN)
	}
	cfg, err := config.LoadDefaultConfig(ctx, loads...)
	if err != nil {
		return nil, fmt.Errorf("load AWS configuration: %s", clean(err.Error()))
	}
	if cfg.Region == "" {
		cfg.Region = defaultRegion
	}
	mode, attempts := o.RetryMode, o.MaxAttempts
	if mode == "" {
		mode = string(cfg.RetryMode)
	}
	if attempts == 0 {
		attempts = cfg.RetryMaxAttempts
	}
	if attempts == 0 {
		attempts = DefaultMaxAttempts
	}
	cfg.Retryer = retryer(mode, attempts, o.MaxBackoff)
	if o.RoleARN != "" {
		stsc := sts.NewFromConfig(cfg, func(so *sts.Options) {
			if endpoint != nil {
				so.BaseEndpoint = awssdk.String(endpoint.String())
			}
		})
		provider := stscreds.NewAssumeRoleProvider(stsc, o.RoleARN, func(ao *stscreds.AssumeRoleOptions) {
			ao.RoleSessionName = sessionName
		})
		cfg.Credentials = awssdk.NewCredentialsCache(provider)
	}
	log := o.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Collector{o: o, want: regions, api: newSDKClients(cfg, endpoint), log: log, home: cfg.Region}, nil
}

func withDefaults(o Options) Options {
	if o.CallTimeout <= 0 {
		o.CallTimeout = DefaultCallTimeout
	}
	if o.Parallel < 1 {
		o.Parallel = DefaultParallel
	}
	return o
}

// retryer returns the SDK retryer factory: adaptive mode (a client-side
// rate limiter that slows down after throttling) unless mode is standard.
func retryer(mode string, attempts int, maxBackoff time.Duration) func() awssdk.Retryer {
	std := func(so *retry.StandardOptions) {
		so.MaxAttempts = attempts
		if maxBackoff > 0 {
			so.MaxBackoff = maxBackoff
		}
	}
	return func() awssdk.Retryer {
		if mode == RetryStandard {
			return retry.NewStandard(std)
		}
		return retry.NewAdaptiveMode(func(ao *retry.AdaptiveModeOptions) {
			ao.StandardOptions = append(ao.StandardOptions, std)
		})
	}
}

// validRoleARN reports whether s looks like an IAM role ARN.
func validRoleARN(s string) bool {
	parts := strings.SplitN(s, ":", 6)
	return len(parts) == 6 && parts[0] == "arn" && parts[2] == "iam" && strings.HasPrefix(parts[5], "role/")
}

// Collect reads the account. It fails only when the credentials do not
// work (sts:GetCallerIdentity) or the regions cannot be known; every other
// failure is a gap or an unknown attribute in the state.
func (c *Collector) Collect(ctx context.Context) (*model.State, diag.Diagnostics, error) {
	start := time.Now()
	id, err := call(ctx, c.o.CallTimeout, func(ctx context.Context) (*sts.GetCallerIdentityOutput, error) {
		return c.api.sts().GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	})
	if err != nil {
		return nil, nil, fmt.Errorf("cannot use the AWS credentials: %s", reason("sts:GetCallerIdentity", c.o.CallTimeout, err))
	}
	account, partition := awssdk.ToString(id.Account), partitionOf(awssdk.ToString(id.Arn))
	regions, diags, err := c.regions(ctx)
	if err != nil {
		return nil, diags, err
	}
	r := &reader{account: account, partition: partition, timeout: c.o.CallTimeout, parallel: c.o.Parallel, gaps: &cloudutil.Gaps{}, log: c.log}
	c.log.Debug("reading AWS account", "account", account, "partition", partition, "regions", len(regions))

	var (
		regional []regionData
		buckets  []bucketData
		iamData  model.IAM
		block    *model.PublicAccessBlock
	)
	progress := cloudutil.NewCounter(len(regions), c.o.Progress)
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() (err error) {
		regional, err = cloudutil.Each(gctx, regions, c.o.Parallel, func(ctx context.Context, region string) (regionData, error) {
			d := r.region(ctx, c.api, region)
			progress.Done(region)
			return d, ctx.Err()
		})
		return err
	})
	g.Go(func() error {
		buckets = r.buckets(gctx, c.api, c.home)
		return gctx.Err()
	})
	g.Go(func() error {
		iamData = r.iam(gctx, c.api.iam())
		return gctx.Err()
	})
	g.Go(func() error {
		block = r.accountBlock(gctx, c.api.s3Control(c.home))
		return gctx.Err()
	})
	if err := g.Wait(); err != nil {
		return nil, diags, fmt.Errorf("read AWS account %s: %w", account, err)
	}
	trails, err := r.trails(ctx, c.api, regional)
	if err != nil {
		return nil, diags, fmt.Errorf("read AWS account %s: %w", account, err)
	}

	s := model.New(model.SourceAWS, model.ScopeAccount)
	s.Account = account
	s.Regions = regions
	assemble(s, r, trails, regional, buckets, iamData, block)
	s.Gaps = r.gaps.List()
	c.log.Info("read AWS account", "account", account, "regions", len(regions), "buckets", len(buckets), "gaps", len(s.Gaps), "elapsed", time.Since(start).Round(time.Millisecond))
	return s, diags, nil
}

// regions resolves --regions against the regions the account has enabled
// (ec2:DescribeRegions). Asking for all of them needs that call; a list
// goes ahead without it, with a warning.
func (c *Collector) regions(ctx context.Context) ([]string, diag.Diagnostics, error) {
	out, err := call(ctx, c.o.CallTimeout, func(ctx context.Context) (*ec2.DescribeRegionsOutput, error) {
		return c.api.ec2(c.home).DescribeRegions(ctx, &ec2.DescribeRegionsInput{AllRegions: awssdk.Bool(false)})
	})
	if err != nil {
		why := reason("ec2:DescribeRegions", c.o.CallTimeout, err)
		if c.want.All || len(c.want.List) == 0 {
			return nil, nil, fmt.Errorf("cannot list the account's enabled regions (%s); name them with --regions", why)
		}
		return slices.Clone(c.want.List), diag.Diagnostics{{Severity: diag.Warning,
			Summary: "cannot check which regions are enabled (" + why + "); reading " + strings.Join(c.want.List, ", ") + " as asked"}}, nil
	}
	var enabled []string
	for _, reg := range out.Regions {
		if reg.RegionName != nil {
			enabled = append(enabled, *reg.RegionName)
		}
	}
	scan, missing := c.want.Select(enabled)
	var diags diag.Diagnostics
	for _, m := range missing {
		diags = append(diags, diag.Diagnostic{Severity: diag.Warning, Summary: "region " + m + " is not enabled in the account; not read"})
	}
	if len(scan) == 0 {
		return nil, diags, errors.New("no region to read: none of --regions is enabled in the account")
	}
	return scan, diags, nil
}

// partitionOf returns the partition of an ARN ("aws", "aws-cn", "aws-us-gov").
func partitionOf(arn string) string {
	parts := strings.SplitN(arn, ":", 3)
	if len(parts) < 3 || parts[1] == "" {
		return "aws"
	}
	return parts[1]
}

// call runs one API call under the per-call timeout.
func call[T any](ctx context.Context, timeout time.Duration, fn func(context.Context) (T, error)) (T, error) {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	return fn(ctx)
}
