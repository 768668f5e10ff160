package alicloud

import (
	"strings"

	"github.com/kansa-sec/kansa/internal/model"
)

// link resolves the links between resources, as the Terraform adapter
// does for code: a trail names its OSS bucket, a VPC lists the flow logs
// that target it, and a logstore knows what feeds it and so its retention
// tier (checks.md: the logstore ActionTrail writes to in the trail's SLS
// project, actiontrail_<trail name>, is audit tier; a flow log's logstore
// is network tier; the strictest wins).
//
// Links that a failed call may have hidden are unknown, never absent: a
// logstore that a trail or flow log of a failed listing could feed has
// fed_by unknown when that would change its tier.
func link(s *model.State) {
	a := &s.Alicloud
	buckets := map[string]bool{}
	for _, b := range a.OSS.Buckets {
		buckets[b.Meta.ID] = true
	}
	for i := range a.ActionTrail.Trails {
		t := &a.ActionTrail.Trails[i]
		if t.OSSBucketName != nil && buckets[*t.OSSBucketName] {
			t.Bucket = *t.OSSBucketName
		}
	}

	vpcs := map[string]*model.VPC{}
	for i := range a.VPC.VPCs {
		v := &a.VPC.VPCs[i]
		v.FlowLogs = []string{}
		vpcs[v.Meta.Region+"/"+v.Meta.ID] = v
	}
	for _, f := range a.VPC.FlowLogs {
		if f.ResourceType == nil || f.ResourceID == nil || !strings.EqualFold(*f.ResourceType, "VPC") {
			continue
		}
		if v, ok := vpcs[f.Meta.Region+"/"+*f.ResourceID]; ok {
			v.FlowLogs = append(v.FlowLogs, f.Meta.ID)
		}
	}

	trailGap := gapReason(s.Gaps, pathTrails, "")
	for i := range a.SLS.Logstores {
		l := &a.SLS.Logstores[i]
		l.FedBy = feeders(*l, a)
		l.Tier = model.TierOf(l.FedBy)
		switch {
		case l.Tier == model.TierAudit:
		case trailGap != "" && strings.HasPrefix(deref(l.Name), "actiontrail_"):
			l.Meta.MarkUnknown("fed_by", "a trail may write to this logstore: "+trailGap)
		case l.Tier == model.TierDefault:
			if why := gapReason(s.Gaps, pathFlowLogs, l.Meta.Region); why != "" {
				l.Meta.MarkUnknown("fed_by", "a flow log may write to this logstore: "+why)
			}
		}
	}
}

// feeders lists the trails and flow logs that write to logstore l.
func feeders(l model.Logstore, a *model.Alicloud) []model.Feeder {
	out := []model.Feeder{}
	project, name := deref(l.Project), deref(l.Name)
	for _, t := range a.ActionTrail.Trails {
		if t.SLSProjectARN == nil || t.Name == nil {
			continue
		}
		if slsProjectOf(*t.SLSProjectARN) == project && name == "actiontrail_"+*t.Name {
			out = append(out, model.Feeder{Kind: model.FeedActionTrail, Resource: t.Meta.Identity()})
		}
	}
	for _, f := range a.VPC.FlowLogs {
		if f.LogDestination == nil || f.Meta.Region != l.Meta.Region {
			continue
		}
		if p, s := logstoreOf(*f.LogDestination); p == project && s == name {
			out = append(out, model.Feeder{Kind: model.FeedFlowLog, Resource: f.Meta.Identity()})
		}
	}
	return out
}

// slsProjectOf returns the project of an SLS project ARN
// ("acs:log:<region>:<account>:project/<name>").
func slsProjectOf(arn string) string {
	if i := strings.LastIndex(arn, "project/"); i >= 0 {
		return strings.TrimSuffix(arn[i+len("project/"):], "/")
	}
	return arn
}

// logstoreOf returns the project and logstore of a logstore ARN
// ("acs:log:<region>:<account>:project/<p>/logstore/<l>").
func logstoreOf(arn string) (project, store string) {
	_, rest, ok := strings.Cut(arn, "project/")
	if !ok {
		return "", ""
	}
	project, store, _ = strings.Cut(rest, "/logstore/")
	return project, store
}

// gapReason is "op in region: reason" of the first gap on path in region
// (any region when region is ""), or "".
func gapReason(gaps []model.Gap, path, region string) string {
	for _, g := range gaps {
		if g.Path == path && (region == "" || g.Region == "" || g.Region == region) {
			where := g.Region
			if where == "" {
				where = "global"
			}
			return g.Operation + " failed in " + where + " (" + g.Reason + ")"
		}
	}
	return ""
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
