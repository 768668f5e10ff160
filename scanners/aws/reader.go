package aws

import (
	"context"
	"log/slog"
	"time"

	"github.com/kansa-sec/kansa/internal/model"
	"github.com/kansa-sec/kansa/scanners/internal/cloudutil"
)

// Model paths that calls feed, as policies read them (model.Gap.Path).
const (
	pathTrails           = "aws.cloudtrail.trails"
	pathRecorders        = "aws.config.recorders"
	pathDeliveryChannels = "aws.config.delivery_channels"
	pathVPCs             = "aws.ec2.vpcs"
	pathFlowLogs         = "aws.ec2.flow_logs"
	pathVPCFlowLogs      = "aws.ec2.vpcs.flow_logs"
	pathSecurityGroups   = "aws.ec2.security_groups"
	pathNetworkACLs      = "aws.ec2.network_acls"
	pathLogGroups        = "aws.logs.log_groups"
	pathLogGroupFeeders  = "aws.logs.log_groups.fed_by"
	pathBuckets          = "aws.s3.buckets"
	pathBucketBlocks     = "aws.s3.public_access_blocks"
	pathIAMAttachments   = "aws.iam.policy_attachments"
	pathIAMPolicies      = "aws.iam.policies"
)

// reader turns API answers into model resources of one account and
// records what it could not read.
type reader struct {
	account, partition string
	timeout            time.Duration
	parallel           int
	gaps               *cloudutil.Gaps
	log                *slog.Logger
}

// gap records that op failed in region ("" for a global call), so the
// checks reading paths are not judged there.
func (r *reader) gap(region, op string, err error, paths ...string) {
	why := cause(r.timeout, err)
	// Debug: the scan reports every gap as a warning diagnostic already.
	r.log.Debug("AWS call failed", "operation", op, "region", region, "error", why)
	r.gaps.Add(region, op, why, paths...)
}

// unknown marks attrs of m unknown because op failed.
func (r *reader) unknown(m *model.Meta, op string, err error, attrs ...string) {
	why := reason(op, r.timeout, err)
	r.log.Debug("AWS call about one resource failed", "resource", m.Identity(), "error", why)
	for _, a := range attrs {
		m.MarkUnknown(a, why)
	}
}

// meta returns the Meta of a live resource of this account.
func (r *reader) meta(typ, arn, id, region string) model.Meta {
	return model.Meta{Source: model.SourceAWS, Type: typ, ARN: arn, ID: id, Region: region, Account: r.account}
}

// arn builds the ARN of a resource whose API gives none:
// arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE, with owner for the
// account when the API names one (EC2's OwnerId).
func (r *reader) arn(service, region, owner, resource string) string {
	if owner == "" {
		owner = r.account
	}
	return "arn:" + r.partition + ":" + service + ":" + region + ":" + owner + ":" + resource
}

// regionData is what one region holds.
type regionData struct {
	region string
	// trails are the trails DescribeTrails returns there (shadows included).
	trails []trailSeen
	// trailsFailed says DescribeTrails failed there.
	trailsFailed bool
	// recordersFailed says DescribeConfigurationRecorders failed there.
	recordersFailed bool
	recorders       []model.ConfigRecorder
	channels        []channelData
	// channelsFailed says DescribeDeliveryChannels failed there.
	channelsFailed bool
	vpcs           []model.VPC
	flowLogs       []model.FlowLog
	groups         []model.SecurityGroup
	acls           []model.NetworkACL
	logGroups      []model.LogGroup
}

// region reads one region, service by service; a failed call is recorded
// and the rest goes on.
func (r *reader) region(ctx context.Context, api clients, region string) regionData {
	d := regionData{region: region}
	d.trails, d.trailsFailed = r.describeTrails(ctx, api.cloudTrail(region), region)
	d.recorders, d.recordersFailed, d.channels, d.channelsFailed = r.config(ctx, api.config(region), region)
	ec2c := api.ec2(region)
	d.vpcs = r.vpcs(ctx, ec2c, region)
	d.flowLogs = r.flowLogs(ctx, ec2c, region)
	d.groups = r.securityGroups(ctx, ec2c, region)
	d.acls = r.networkACLs(ctx, ec2c, region)
	d.logGroups = r.logGroups(ctx, api.logs(region), region)
	r.log.Debug("read region", "region", region, "trails", len(d.trails), "vpcs", len(d.vpcs), "security_groups", len(d.groups), "log_groups", len(d.logGroups))
	return d
}

// listPages reads every page of the paginated list call op (more and next
// are the SDK paginator's HasMorePages and NextPage), each page under the
// per-call timeout, and hands each to page. When a page fails it records a
// gap for op's model paths in region and returns false: a partial list is
// not judged.
func listPages[O, Opt any](ctx context.Context, r *reader, region, op string, more func() bool, next func(context.Context, ...func(*Opt)) (O, error), page func(O), paths ...string) bool {
	for more() {
		out, err := call(ctx, r.timeout, func(ctx context.Context) (O, error) { return next(ctx) })
		if err != nil {
			r.gap(region, op, err, paths...)
			return false
		}
		page(out)
	}
	return true
}
