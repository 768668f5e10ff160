package aws

import (
	"cmp"
	"slices"
	"strings"

	"github.com/kansa-sec/kansa/internal/model"
)

// assemble fills s from what was read and resolves the links the checks
// follow: trail -> bucket and log group, flow log -> VPC and log group,
// bucket <- trails, Config delivery channels and access logging, and the
// retention tier of every log group and bucket from what feeds it.
func assemble(s *model.State, r *reader, trails []trailSeen, regional []regionData, buckets []bucketData, iam model.IAM, block *model.PublicAccessBlock) {
	a := &s.AWS
	feederFailed := false    // a call that names a log destination failed
	recordersFailed := false // some region's recorders are unknown
	var channels []channelData
	var flowLogs []model.FlowLog
	recorderARN := map[string]string{}
	for _, d := range regional {
		feederFailed = feederFailed || d.trailsFailed || d.channelsFailed
		recordersFailed = recordersFailed || d.recordersFailed
		linkFlowLogs(d.vpcs, d.flowLogs)
		a.EC2.VPCs = append(a.EC2.VPCs, d.vpcs...)
		a.EC2.FlowLogs = append(a.EC2.FlowLogs, d.flowLogs...)
		a.EC2.SecurityGroups = append(a.EC2.SecurityGroups, d.groups...)
		a.EC2.NetworkACLs = append(a.EC2.NetworkACLs, d.acls...)
		a.Logs.LogGroups = append(a.Logs.LogGroups, d.logGroups...)
		a.Config.Recorders = append(a.Config.Recorders, d.recorders...)
		for _, c := range d.channels {
			a.Config.DeliveryChannels = append(a.Config.DeliveryChannels, c.channel)
		}
		channels = append(channels, d.channels...)
		flowLogs = append(flowLogs, d.flowLogs...)
		if len(d.recorders) > 0 {
			recorderARN[d.region] = d.recorders[0].Meta.ARN
		}
	}
	for _, t := range trails {
		a.CloudTrail.Trails = append(a.CloudTrail.Trails, t.trail)
	}
	globalTypesUnknown(a.Config.Recorders, recordersFailed)

	// Log groups: fed by trails (CloudWatchLogsLogGroupArn) and by flow
	// logs that deliver to CloudWatch Logs.
	groupIdx := map[string]int{}
	for i, g := range a.Logs.LogGroups {
		groupIdx[g.Meta.ID] = i
	}
	for i := range a.CloudTrail.Trails {
		t := &a.CloudTrail.Trails[i]
		arn := strings.TrimSuffix(deref(t.CloudWatchLogsGroupARN), ":*")
		if j, ok := groupIdx[arn]; ok && arn != "" {
			g := &a.Logs.LogGroups[j]
			g.FedBy = append(g.FedBy, model.Feeder{Kind: model.FeedCloudTrail, Resource: t.Meta.Identity()})
			t.LogGroup = g.Meta.ID
		}
	}
	for _, f := range flowLogs {
		if deref(f.LogDestinationType) != "cloud-watch-logs" {
			continue
		}
		dest := strings.TrimSuffix(deref(f.LogDestination), ":*")
		for j := range a.Logs.LogGroups {
			g := &a.Logs.LogGroups[j]
			if dest == g.Meta.ID || (g.Meta.Region == f.Meta.Region && dest == deref(g.Name)) {
				g.FedBy = append(g.FedBy, model.Feeder{Kind: model.FeedFlowLog, Resource: f.Meta.Identity()})
			}
		}
	}
	for i := range a.Logs.LogGroups {
		a.Logs.LogGroups[i].Tier = model.TierOf(a.Logs.LogGroups[i].FedBy)
	}

	// Buckets: what delivers into each, under which key prefixes.
	bucketIdx := map[string]int{}
	for i, b := range buckets {
		bucketIdx[deref(b.bucket.Name)] = i
	}
	prefixes := make([][]string, len(buckets))
	receive := func(name string, f model.Feeder, prefix string) {
		if i, ok := bucketIdx[name]; ok && name != "" {
			buckets[i].bucket.Receives = append(buckets[i].bucket.Receives, f)
			prefixes[i] = append(prefixes[i], prefix)
		}
	}
	for i := range a.CloudTrail.Trails {
		t := &a.CloudTrail.Trails[i]
		name := deref(t.S3BucketName)
		if _, ok := bucketIdx[name]; ok {
			t.Bucket = name
		}
		receive(name, model.Feeder{Kind: model.FeedCloudTrail, Resource: t.Meta.Identity()}, logPrefix(trails[i].keyPrefix))
	}
	for _, c := range channels {
		who := recorderARN[c.channel.Meta.Region]
		if who == "" {
			who = "delivery channel " + c.channel.Meta.ID + " in " + c.channel.Meta.Region
		}
		receive(deref(c.channel.S3BucketName), model.Feeder{Kind: model.FeedConfig, Resource: who}, logPrefix(c.keyPrefix))
	}
	for _, b := range buckets {
		feederFailed = feederFailed || b.loggingFailed
		if b.bucket.Logging != nil && *b.bucket.Logging && b.bucket.TargetBucket != nil {
			receive(*b.bucket.TargetBucket, model.Feeder{Kind: model.FeedAccessLogs, Resource: b.bucket.Meta.Identity()}, b.targetPrefix)
		}
	}
	for i := range buckets {
		b := &buckets[i].bucket
		b.Tier = model.TierOf(b.Receives)
		if len(b.Receives) == 0 && feederFailed {
			b.Meta.MarkUnknown("receives", "a call that names where logs are delivered failed (see the gaps); logs may be delivered here")
		}
		switch {
		case b.Meta.IsUnknown("expiration_days"):
		case !buckets[i].hasLifecycle:
			b.ExpirationDays = model.Ptr(0)
		default:
			b.LifecycleMeta = lifecycleMeta(b.Meta)
			p := prefixes[i]
			if len(p) == 0 {
				p = []string{""}
			}
			if days, ok := expiration(buckets[i].expiries, p); ok {
				b.ExpirationDays = model.Ptr(days)
			} else {
				b.Meta.MarkUnknown("expiration_days", "a lifecycle rule expires objects on a fixed date")
			}
		}
		a.S3.Buckets = append(a.S3.Buckets, *b)
		if blk := buckets[i].block; blk != nil {
			a.S3.PublicAccessBlocks = append(a.S3.PublicAccessBlocks, *blk)
		}
	}
	a.S3.AccountPublicAccessBlock = block
	a.IAM = iam
	sortState(s)
}

// globalTypesUnknown: whether some recorder of the account records global
// resource types is an account-wide question. When a region's recorders
// could not be listed and no recorder read says yes, the answer is
// unknown, so every recorder's "no" is only a "not here".
func globalTypesUnknown(recs []model.ConfigRecorder, failed bool) {
	if !failed {
		return
	}
	for _, r := range recs {
		if r.IncludeGlobalResourceTypes != nil && *r.IncludeGlobalResourceTypes {
			return
		}
	}
	for i := range recs {
		recs[i].Meta.MarkUnknown("include_global_resource_types", "config:DescribeConfigurationRecorders failed in a region, whose recorder may record global resource types")
	}
}

// logPrefix is the key prefix under which AWS delivers into a bucket for
// a configured prefix: "<prefix>/AWSLogs/" (or "AWSLogs/" without one).
func logPrefix(p string) string {
	if p = strings.Trim(p, "/"); p != "" {
		return p + "/AWSLogs/"
	}
	return "AWSLogs/"
}

// lifecycleMeta locates a bucket's lifecycle configuration: the resource a
// retention finding asks to change.
func lifecycleMeta(bucket model.Meta) *model.Meta {
	m := bucket
	m.Type = "aws_s3_bucket_lifecycle_configuration"
	m.ID = bucket.ID + "/lifecycle"
	m.Unknown, m.Reasons, m.Defaulted = nil, nil, nil
	return &m
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// sortState orders every list by region and identity, so that two scans of
// one account give the same state whatever order the calls finished in.
func sortState(s *model.State) {
	a := &s.AWS
	sortBy(a.CloudTrail.Trails, func(t model.Trail) model.Meta { return t.Meta })
	sortBy(a.Config.Recorders, func(t model.ConfigRecorder) model.Meta { return t.Meta })
	sortBy(a.Config.DeliveryChannels, func(t model.DeliveryChannel) model.Meta { return t.Meta })
	sortBy(a.EC2.VPCs, func(t model.VPC) model.Meta { return t.Meta })
	sortBy(a.EC2.FlowLogs, func(t model.FlowLog) model.Meta { return t.Meta })
	sortBy(a.EC2.SecurityGroups, func(t model.SecurityGroup) model.Meta { return t.Meta })
	sortBy(a.EC2.NetworkACLs, func(t model.NetworkACL) model.Meta { return t.Meta })
	sortBy(a.Logs.LogGroups, func(t model.LogGroup) model.Meta { return t.Meta })
	sortBy(a.S3.Buckets, func(t model.Bucket) model.Meta { return t.Meta })
	sortBy(a.S3.PublicAccessBlocks, func(t model.PublicAccessBlock) model.Meta { return t.Meta })
	sortBy(a.IAM.PolicyAttachments, func(t model.PolicyAttachment) model.Meta { return t.Meta })
	sortBy(a.IAM.Policies, func(t model.IAMPolicy) model.Meta { return t.Meta })
}

func sortBy[T any](list []T, meta func(T) model.Meta) {
	slices.SortStableFunc(list, func(x, y T) int {
		mx, my := meta(x), meta(y)
		return cmp.Or(cmp.Compare(mx.Region, my.Region), cmp.Compare(mx.ARN, my.ARN), cmp.Compare(mx.ID, my.ID))
	})
}
