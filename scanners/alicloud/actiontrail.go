package alicloud

import (
	"context"
	"strings"

	"github.com/kansa-sec/kansa/internal/model"
)

// Model paths ActionTrail and the trail buckets feed.
const (
	pathTrails  = "alicloud.actiontrail.trails"
	pathBuckets = "alicloud.oss.buckets"
)

// wireTrail is one trail of actiontrail:DescribeTrails (API 2020-07-06).
type wireTrail struct {
	Name                string   `json:"Name"`
	TrailArn            string   `json:"TrailArn"`
	HomeRegion          string   `json:"HomeRegion"`
	Region              string   `json:"Region"`
	Status              string   `json:"Status"`
	TrailRegion         string   `json:"TrailRegion"`
	EventRW             string   `json:"EventRW"`
	SlsProjectArn       string   `json:"SlsProjectArn"`
	OssBucketName       string   `json:"OssBucketName"`
	OssBucketLocation   string   `json:"OssBucketLocation"`
	IsOrganizationTrail flexBool `json:"IsOrganizationTrail"`
}

type describeTrailsBody struct {
	TrailList []wireTrail `json:"TrailList"`
}

type trailStatusBody struct {
	IsLogging flexBool `json:"IsLogging"`
}

// trailSeen is a trail as listed in a region (its home region, or another
// region where a multi-region trail shows as a shadow trail).
type trailSeen struct {
	listedIn string
	wire     wireTrail
}

// describeTrails lists the trails visible in region, shadow trails of
// multi-region trails and organization trails included. A failure is a gap
// for the trails of region, and for the account-wide "a trail exists" check.
func (r *run) describeTrails(ctx context.Context, region string) []trailSeen {
	var out describeTrailsBody
	q := map[string]string{"RegionId": region, "IncludeShadowTrails": "true", "IncludeOrganizationTrail": "true"}
	if err := r.rpc.callRPC(ctx, opDescribeTrails, region, q, &out); err != nil {
		r.gap(region, err, opDescribeTrails, pathTrails)
		return nil
	}
	seen := make([]trailSeen, 0, len(out.TrailList))
	for _, t := range out.TrailList {
		seen = append(seen, trailSeen{listedIn: region, wire: t})
	}
	return seen
}

// homeRegion is where a trail lives and answers GetTrailStatus.
func (t trailSeen) homeRegion() string {
	switch {
	case t.wire.HomeRegion != "":
		return t.wire.HomeRegion
	case t.wire.Region != "":
		return t.wire.Region
	}
	return t.listedIn
}

// trails turns the trails seen in every region into one model trail each
// (a multi-region trail is seen in every region), with its logging status
// from GetTrailStatus in its home region.
func (r *run) trails(ctx context.Context, seen []trailSeen) []model.ActionTrailTrail {
	var uniq []trailSeen
	index := map[string]int{}
	for _, t := range seen {
		key := t.homeRegion() + "/" + t.wire.Name
		if i, ok := index[key]; ok {
			// Prefer the listing from the home region.
			if t.listedIn == t.homeRegion() {
				uniq[i] = t
			}
			continue
		}
		index[key] = len(uniq)
		uniq = append(uniq, t)
	}
	out := make([]model.ActionTrailTrail, 0, len(uniq))
	for _, t := range uniq {
		m := r.trailModel(t)
		r.trailStatus(ctx, t, &m)
		out = append(out, m)
	}
	return out
}

// trailModel adapts a listed trail. The API always answers TrailRegion and
// EventRW; should it leave them out, they are its documented default, All.
// The status is settled by trailStatus.
func (r *run) trailModel(t trailSeen) model.ActionTrailTrail {
	w, home := t.wire, t.homeRegion()
	arn := w.TrailArn
	if arn == "" {
		arn = r.arn("actiontrail", home, "trail/"+w.Name)
	}
	m := model.ActionTrailTrail{
		Meta:          r.meta("alicloud_actiontrail_trail", w.Name, arn, home),
		Name:          strPtr(w.Name),
		TrailRegion:   strPtr(w.TrailRegion),
		EventRW:       strPtr(w.EventRW),
		Status:        strPtr(w.Status),
		SLSProjectARN: strPtr(w.SlsProjectArn),
		OSSBucketName: strPtr(w.OssBucketName),
	}
	if m.TrailRegion == nil {
		m.TrailRegion = model.Ptr("All")
		m.Meta.MarkDefaulted("trail_region")
	}
	if m.EventRW == nil {
		m.EventRW = model.Ptr("All")
		m.Meta.MarkDefaulted("event_rw")
	}
	return m
}

// trailStatus asks the trail's home region whether it is logging. The
// answer overrides the listed status: a trail listed "Enable" that is not
// logging reads "Disable". When the call fails and the listing said
// "Enable", whether it logs is unknown; a listed "Disable" or "Fresh"
// (created, never started) is known not to log either way.
func (r *run) trailStatus(ctx context.Context, t trailSeen, m *model.ActionTrailTrail) {
	q := map[string]string{"RegionId": t.homeRegion(), "Name": t.wire.Name}
	if t.wire.IsOrganizationTrail.v {
		q["IsOrganizationTrail"] = "true"
	}
	var out trailStatusBody
	err := r.rpc.callRPC(ctx, opGetTrailStatus, t.homeRegion(), q, &out)
	enabled := m.Status != nil && strings.EqualFold(*m.Status, "Enable")
	switch {
	case err != nil && (enabled || m.Status == nil):
		m.Status = nil
		m.Meta.MarkUnknown("status", opGetTrailStatus.String()+": "+reasonOf(err))
	case err != nil:
		r.log.Warn("trail status not read; the listed status stands", "trail", m.Meta.ARN, "reason", reasonOf(err))
	case !out.IsLogging.set:
		if enabled || m.Status == nil {
			m.Status = nil
			m.Meta.MarkUnknown("status", opGetTrailStatus.String()+": no IsLogging in the answer")
		}
	case out.IsLogging.v:
		m.Status = model.Ptr("Enable")
	case enabled || m.Status == nil:
		m.Status = model.Ptr("Disable")
	}
}

// trailBucket is an OSS bucket a trail delivers to.
type trailBucket struct {
	name string
	// location is the trail's OssBucketLocation ("oss-cn-hangzhou"), "" when
	// the listing left it out.
	location string
	// home is the trail's home region, where GetBucketLocation is asked.
	home string
}

// bucketsOf returns the buckets the trails deliver to, once each.
func bucketsOf(seen []trailSeen) []trailBucket {
	var out []trailBucket
	index := map[string]int{}
	for _, t := range seen {
		name := t.wire.OssBucketName
		if name == "" {
			continue
		}
		if i, ok := index[name]; ok {
			if out[i].location == "" {
				out[i].location = t.wire.OssBucketLocation
			}
			continue
		}
		index[name] = len(out)
		out = append(out, trailBucket{name: name, location: t.wire.OssBucketLocation, home: t.homeRegion()})
	}
	return out
}

// trailBuckets reads the ACL of every OSS bucket a trail delivers to, in
// the bucket's region: the trail's OssBucketLocation, or GetBucketLocation's
// answer. A failure marks the bucket's acl unknown.
func (r *run) trailBuckets(ctx context.Context, refs []trailBucket) []model.OSSBucket {
	buckets := make([]model.OSSBucket, 0, len(refs))
	for _, ref := range refs {
		b := model.OSSBucket{Name: model.Ptr(ref.name)}
		region := strings.TrimPrefix(ref.location, "oss-")
		if region == "" {
			loc, err := r.oss.bucketLocation(ctx, ref.home, ref.name)
			if err != nil {
				b.Meta = r.meta("alicloud_oss_bucket", ref.name, r.arn("oss", "*", ref.name), "")
				b.Meta.MarkUnknown("acl", opGetBucketLocation.String()+": "+reasonOf(err))
				buckets = append(buckets, b)
				continue
			}
			region = strings.TrimPrefix(loc, "oss-")
		}
		b.Meta = r.meta("alicloud_oss_bucket", ref.name, r.arn("oss", "*", ref.name), region)
		acl, err := r.oss.bucketACL(ctx, region, ref.name)
		switch {
		case err != nil:
			b.Meta.MarkUnknown("acl", opGetBucketACL.String()+": "+reasonOf(err))
		case acl == "":
			b.Meta.MarkUnknown("acl", opGetBucketACL.String()+": no Grant in the answer")
		default:
			b.ACL = model.Ptr(acl)
		}
		buckets = append(buckets, b)
	}
	return buckets
}
