package alicloud

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/aliyun/credentials-go/credentials"
	"github.com/aliyun/credentials-go/credentials/providers"

	"github.com/kansa-sec/kansa/internal/diag"
	"github.com/kansa-sec/kansa/internal/model"
	"github.com/kansa-sec/kansa/scanners/internal/cloudutil"
)

// Options configures a Collector; the CLI fills it from its flags.
type Options struct {
	// Profile is a profile of the Alibaba Cloud CLI configuration
	// (~/.aliyun/config.json); "" uses the SDK's default credential chain
	// (environment AccessKey, OIDC, CLI profile, credentials file, ECS RAM
	// role, credentials URI).
	Profile string
	// Regions is the --regions flag: "all" (every region the account can
	// use; also what "" means) or a comma-separated list of region IDs.
	Regions string
	// EndpointURL, when set, receives every API call (an emulator, a proxy).
	EndpointURL string
	// Site picks the endpoints of Cloud Config, Security Center and Cloud
	// Firewall; "" is SiteChina.
	Site Site
	// CallTimeout bounds each API call, retries included; 0 means 30s.
	CallTimeout time.Duration
	// Parallel is how many regions are read at once; below 1 means 1.
	Parallel int
	// Logger receives diagnostics (retries, skipped regions); nil discards them.
	Logger *slog.Logger
	// Progress is told of each finished region; nil means nobody listens.
	Progress cloudutil.Progress
}

// Collector reads one Alibaba Cloud account. It implements the
// scan.Collector interface of internal/scan.
type Collector struct {
	opts    Options
	regions cloudutil.Regions
	cred    credentials.Credential
	t       *transport
	log     *slog.Logger
}

// New checks opts and builds the credential chain. It makes no call yet.
func New(opts Options) (*Collector, error) {
	switch opts.Site {
	case "":
		opts.Site = SiteChina
	case SiteChina, SiteInternational:
	default:
		return nil, fmt.Errorf("site %q: want %s or %s", opts.Site, SiteChina, SiteInternational)
	}
	regions, err := cloudutil.ParseRegions(opts.Regions, "all")
	if err != nil {
		return nil, err
	}
	if opts.CallTimeout <= 0 {
		opts.CallTimeout = 30 * time.Second
	}
	opts.Parallel = max(opts.Parallel, 1)
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	var endpoint *url.URL
	if opts.EndpointURL != "" {
		u, err := url.Parse(opts.EndpointURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || (u.Path != "" && u.Path != "/") {
			return nil, fmt.Errorf("--endpoint-url %q: want http(s)://HOST[:PORT]", opts.EndpointURL)
		}
		endpoint = &url.URL{Scheme: u.Scheme, Host: u.Host}
	}
	cred, err := newCredential(opts.Profile)
	if err != nil {
		return nil, fmt.Errorf("credentials: %w", err)
	}
	return &Collector{
		opts:    opts,
		regions: regions,
		cred:    cred,
		log:     log,
		t: &transport{
			cred:     cred,
			site:     opts.Site,
			http:     newHTTPClient(endpoint),
			timeout:  opts.CallTimeout,
			retry:    defaultRetry,
			log:      log,
			endpoint: endpoint,
		},
	}, nil
}

// newCredential returns the default credential chain, or the named profile
// of the Alibaba Cloud CLI configuration, safe for concurrent use.
func newCredential(profile string) (credentials.Credential, error) {
	if profile == "" {
		c, err := credentials.NewCredential(nil)
		if err != nil {
			return nil, err
		}
		return &lockedCredential{inner: c}, nil
	}
	p, err := providers.NewCLIProfileCredentialsProviderBuilder().WithProfileName(profile).Build()
	if err != nil {
		return nil, fmt.Errorf("profile %q: %w", profile, err)
	}
	return &lockedCredential{inner: credentials.FromCredentialsProvider("cli_profile", p)}, nil
}

// lockedCredential serializes a credential's calls: the providers of the
// default chain remember the last one that worked and refresh STS tokens
// without locks of their own, and every region's calls ask for credentials.
type lockedCredential struct {
	mu    sync.Mutex
	inner credentials.Credential
}

var _ credentials.Credential = (*lockedCredential)(nil)

// GetAccessKeyId implements credentials.Credential.
func (c *lockedCredential) GetAccessKeyId() (*string, error) { //nolint:revive // the SDK interface's name
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.inner.GetAccessKeyId() //nolint:staticcheck // deprecated, still part of the interface the SDK calls
}

// GetAccessKeySecret implements credentials.Credential.
func (c *lockedCredential) GetAccessKeySecret() (*string, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.inner.GetAccessKeySecret() //nolint:staticcheck // deprecated, still part of the interface the SDK calls
}

// GetSecurityToken implements credentials.Credential.
func (c *lockedCredential) GetSecurityToken() (*string, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.inner.GetSecurityToken() //nolint:staticcheck // deprecated, still part of the interface the SDK calls
}

// GetBearerToken implements credentials.Credential.
func (c *lockedCredential) GetBearerToken() *string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.inner.GetBearerToken()
}

// GetType implements credentials.Credential.
func (c *lockedCredential) GetType() *string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.inner.GetType()
}

// GetCredential implements credentials.Credential.
func (c *lockedCredential) GetCredential() (*credentials.CredentialModel, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.inner.GetCredential()
}

// Collect reads the account. It fails only when nothing can be read: no
// credentials, the identity call fails, or the enabled regions cannot be
// listed while --regions all asks for them.
func (c *Collector) Collect(ctx context.Context) (*model.State, diag.Diagnostics, error) {
	if _, err := c.cred.GetCredential(); err != nil {
		return nil, nil, fmt.Errorf("credentials: %s (set ALIBABA_CLOUD_ACCESS_KEY_ID and _SECRET, pass --profile, or use a RAM role; see docs/live-alicloud.md)", firstLine(err.Error()))
	}
	r := &run{
		log:      c.log,
		rpc:      c.t,
		sls:      c.t,
		oss:      c.t,
		parallel: c.opts.Parallel,
		gaps:     &cloudutil.Gaps{},
	}
	return r.collect(ctx, c.regions, c.opts.Progress)
}

// run is one collection: the callers, the account and the gaps so far.
type run struct {
	log      *slog.Logger
	rpc      rpcCaller
	sls      slsCaller
	oss      ossReader
	parallel int
	account  string
	gaps     *cloudutil.Gaps
}

// gap records that the call behind err failed in region ("" = global), so
// the model paths it feeds are not judged there. scan.Live warns of every
// gap; the log line here is for --log-level info.
func (r *run) gap(region string, err error, op fmtOp, paths ...string) {
	r.log.Info("call failed; its checks are not evaluated", "op", opOf(err, op.String()), "region", region, "reason", reasonOf(err))
	r.gaps.Add(region, opOf(err, op.String()), reasonOf(err), paths...)
}

// fmtOp is what every operation kind shares: a printable name.
type fmtOp interface{ String() string }

// regionData is what one region yields.
type regionData struct {
	region   string
	trails   []trailSeen
	vpcs     []model.VPC
	flowLogs []model.FlowLog
	groups   []model.SecurityGroup
	projects []model.LogProject
	stores   []model.Logstore
}

func (r *run) collect(ctx context.Context, want cloudutil.Regions, progress cloudutil.Progress) (*model.State, diag.Diagnostics, error) {
	account, err := r.identity(ctx)
	if err != nil {
		return nil, nil, err
	}
	r.account = account
	var diags diag.Diagnostics
	regions, err := r.regions(ctx, want, &diags)
	if err != nil {
		return nil, diags, err
	}
	state := model.New(model.SourceAlicloud, model.ScopeAccount)
	state.Account = account
	state.Regions = regions

	// Account-wide services first; they are few calls.
	state.Alicloud.RAM.PolicyAttachments = r.ram(ctx)
	state.Alicloud.Config.Recorders = r.config(ctx)
	r.flags(ctx, &state.Alicloud)

	counter := cloudutil.NewCounter(len(regions), progress)
	per, err := cloudutil.Each(ctx, regions, r.parallel, func(ctx context.Context, region string) (regionData, error) {
		d := r.region(ctx, region)
		counter.Done(region)
		return d, ctx.Err()
	})
	if err != nil {
		return nil, diags, fmt.Errorf("read regions: %w", err)
	}
	var seen []trailSeen
	a := &state.Alicloud
	for _, d := range per {
		seen = append(seen, d.trails...)
		a.VPC.VPCs = append(a.VPC.VPCs, d.vpcs...)
		a.VPC.FlowLogs = append(a.VPC.FlowLogs, d.flowLogs...)
		a.ECS.SecurityGroups = append(a.ECS.SecurityGroups, d.groups...)
		a.SLS.Projects = append(a.SLS.Projects, d.projects...)
		a.SLS.Logstores = append(a.SLS.Logstores, d.stores...)
	}
	a.ActionTrail.Trails = r.trails(ctx, seen)
	a.OSS.Buckets = r.trailBuckets(ctx, bucketsOf(seen))

	state.Gaps = r.gaps.List()
	link(state)
	sortState(state)
	return state, diags, ctx.Err()
}

// region reads the regional services of one region. Failures become gaps;
// it returns what could be read.
func (r *run) region(ctx context.Context, region string) regionData {
	d := regionData{region: region}
	d.trails = r.describeTrails(ctx, region)
	d.vpcs, d.flowLogs = r.vpcs(ctx, region)
	d.groups = r.securityGroups(ctx, region)
	d.projects, d.stores = r.logstores(ctx, region)
	return d
}

// identityBody is sts:GetCallerIdentity's answer.
type identityBody struct {
	AccountID    flexString `json:"AccountId"`
	Arn          string     `json:"Arn"`
	IdentityType string     `json:"IdentityType"`
}

func (r *run) identity(ctx context.Context) (string, error) {
	var out identityBody
	if err := r.rpc.callRPC(ctx, opGetCallerIdentity, "", nil, &out); err != nil {
		return "", fmt.Errorf("identity: %w", err)
	}
	if out.AccountID == "" {
		return "", errors.New("identity: sts:GetCallerIdentity returned no AccountId")
	}
	r.log.Info("scanning account", "account", string(out.AccountID), "identity_type", out.IdentityType)
	return string(out.AccountID), nil
}

// regionsBody is ecs:DescribeRegions' answer.
type regionsBody struct {
	Regions struct {
		Region []struct {
			RegionID string `json:"RegionId"`
			Status   string `json:"Status"`
		} `json:"Region"`
	} `json:"Regions"`
}

// regions returns the regions to read: the account's regions, or those of
// want that exist. When the list cannot be read, an explicit list is used
// as given (with a warning) and "all" is an error.
func (r *run) regions(ctx context.Context, want cloudutil.Regions, diags *diag.Diagnostics) ([]string, error) {
	var out regionsBody
	err := r.rpc.callRPC(ctx, opDescribeRegions, "", map[string]string{"AcceptLanguage": "en-US"}, &out)
	if err != nil {
		if want.All {
			return nil, fmt.Errorf("list regions (pass --regions to name them): %w", err)
		}
		*diags = append(*diags, diag.Diagnostic{Severity: diag.Warning,
			Summary: fmt.Sprintf("%s failed (%s): reading the regions of --regions as given", opDescribeRegions, reasonOf(err))})
		return want.List, nil
	}
	var enabled []string
	for _, reg := range out.Regions.Region {
		if reg.RegionID != "" {
			enabled = append(enabled, reg.RegionID)
		}
	}
	scan, missing := want.Select(enabled)
	for _, m := range missing {
		*diags = append(*diags, diag.Diagnostic{Severity: diag.Warning,
			Summary: fmt.Sprintf("region %s is not available to account %s: not read", m, r.account)})
	}
	if len(scan) == 0 {
		return nil, errors.New("no region to read: none of --regions is available to the account")
	}
	return scan, nil
}

// arn builds an acs: ARN of this account.
func (r *run) arn(service, region, resource string) string {
	return "acs:" + service + ":" + region + ":" + r.account + ":" + resource
}

// meta is the Meta of a live resource.
func (r *run) meta(typ, id, arn, region string) model.Meta {
	return model.Meta{Source: model.SourceAlicloud, Type: typ, ID: id, ARN: arn, Region: region, Account: r.account}
}

// sortState orders every list by identity so that the output is stable
// whatever order the regions finished in.
func sortState(s *model.State) {
	byMeta := func(a, b model.Meta) int { return cmp.Or(cmp.Compare(a.ARN, b.ARN), cmp.Compare(a.ID, b.ID)) }
	a := &s.Alicloud
	slices.SortFunc(a.ActionTrail.Trails, func(x, y model.ActionTrailTrail) int { return byMeta(x.Meta, y.Meta) })
	slices.SortFunc(a.Config.Recorders, func(x, y model.AlicloudConfigRecorder) int { return byMeta(x.Meta, y.Meta) })
	slices.SortFunc(a.VPC.VPCs, func(x, y model.VPC) int { return byMeta(x.Meta, y.Meta) })
	slices.SortFunc(a.VPC.FlowLogs, func(x, y model.FlowLog) int { return byMeta(x.Meta, y.Meta) })
	slices.SortFunc(a.ECS.SecurityGroups, func(x, y model.SecurityGroup) int { return byMeta(x.Meta, y.Meta) })
	slices.SortFunc(a.SLS.Projects, func(x, y model.LogProject) int { return byMeta(x.Meta, y.Meta) })
	slices.SortFunc(a.SLS.Logstores, func(x, y model.Logstore) int { return byMeta(x.Meta, y.Meta) })
	slices.SortFunc(a.OSS.Buckets, func(x, y model.OSSBucket) int { return byMeta(x.Meta, y.Meta) })
	slices.SortFunc(a.RAM.PolicyAttachments, func(x, y model.PolicyAttachment) int { return byMeta(x.Meta, y.Meta) })
}

// lower returns s lower-cased, or nil when empty.
func lower(s string) *string {
	return strPtr(strings.ToLower(s))
}
