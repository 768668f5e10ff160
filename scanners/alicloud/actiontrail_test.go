package alicloud

import (
	"context"
	"slices"
	"testing"

	"github.com/kansa-sec/kansa/internal/model"
)

func TestTrailStatus(t *testing.T) {
	tests := []struct {
		name       string
		listed     string // DescribeTrails Status
		status     any    // GetTrailStatus answer or error
		want       string // model status, "" for nil
		wantReason string // unknown reason of "status", "" when known
	}{
		{"logging", "Enable", `{"IsLogging": true}`, "Enable", ""},
		{"listed enabled, not logging", "Enable", `{"IsLogging": false}`, "Disable", ""},
		{"stopped", "Disable", `{"IsLogging": false}`, "Disable", ""},
		{"never started", "Fresh", `{"IsLogging": false}`, "Fresh", ""},
		{"logging as a string", "Disable", `{"IsLogging": "true"}`, "Enable", ""},
		{"status refused, listed enabled", "Enable", denied(opGetTrailStatus), "", "actiontrail:GetTrailStatus: Forbidden.RAM: User not authorized to operate on the specified resource."},
		{"status refused, listed stopped", "Disable", denied(opGetTrailStatus), "Disable", ""},
		{"no IsLogging, listed enabled", "Enable", `{}`, "", "actiontrail:GetTrailStatus: no IsLogging in the answer"},
		{"no status listed, logging", "", `{"IsLogging": true}`, "Enable", ""},
		{"no status listed, refused", "", denied(opGetTrailStatus), "", "actiontrail:GetTrailStatus: Forbidden.RAM: User not authorized to operate on the specified resource."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fake := newFake(map[string]any{
				"actiontrail:GetTrailStatus cn-hangzhou": tt.status,
			})
			r := newRun(fake)
			seen := trailSeen{listedIn: "cn-hangzhou", wire: wireTrail{Name: "audit", HomeRegion: "cn-hangzhou", Status: tt.listed, TrailRegion: "All", EventRW: "All"}}
			m := r.trailModel(seen)
			r.trailStatus(context.Background(), seen, &m)
			if got := deref(m.Status); got != tt.want {
				t.Errorf("status = %q, want %q", got, tt.want)
			}
			if got := m.Meta.Reasons["status"]; got != tt.wantReason {
				t.Errorf("unknown reason = %q, want %q", got, tt.wantReason)
			}
			if m.Meta.IsUnknown("status") != (tt.wantReason != "") {
				t.Errorf("unknown = %v", m.Meta.Unknown)
			}
		})
	}
}

func TestTrailsDedupAndModel(t *testing.T) {
	org := wireTrail{Name: "org", HomeRegion: "cn-hangzhou", TrailRegion: "All", EventRW: "Write", Status: "Enable",
		SlsProjectArn: "acs:log:cn-hangzhou:1234567890123456:project/audit", OssBucketName: "b1", OssBucketLocation: "oss-cn-hangzhou",
		TrailArn: "acs:actiontrail:cn-hangzhou:1234567890123456:trail/org"}
	shadow := org
	shadow.Region = "cn-beijing"
	local := wireTrail{Name: "bj", HomeRegion: "cn-beijing", Status: "Enable", OssBucketName: "b2", IsOrganizationTrail: flexBool{true, true}}
	fake := newFake(map[string]any{
		"actiontrail:GetTrailStatus cn-hangzhou": `{"IsLogging": true}`,
		"actiontrail:GetTrailStatus cn-beijing":  `{"IsLogging": true}`,
	})
	r := newRun(fake)
	seen := []trailSeen{{"cn-beijing", shadow}, {"cn-beijing", local}, {"cn-hangzhou", org}}
	trails := r.trails(context.Background(), seen)
	if len(trails) != 2 {
		t.Fatalf("%d trails, want 2 (the shadow trail is the same trail)", len(trails))
	}
	if n := fake.count("actiontrail:GetTrailStatus"); n != 2 {
		t.Errorf("GetTrailStatus called %d times, want 2", n)
	}
	for _, c := range fake.calls {
		if c.q["Name"] == "bj" && c.q["IsOrganizationTrail"] != "true" {
			t.Errorf("organization trail asked without IsOrganizationTrail: %v", c.q)
		}
	}
	o := trails[slices.IndexFunc(trails, func(x model.ActionTrailTrail) bool { return x.Meta.ID == "org" })]
	if o.Meta.Region != "cn-hangzhou" || o.Meta.ARN != org.TrailArn || o.Meta.Type != "alicloud_actiontrail_trail" {
		t.Errorf("meta = %+v", o.Meta)
	}
	if deref(o.EventRW) != "Write" || deref(o.TrailRegion) != "All" || deref(o.SLSProjectARN) != org.SlsProjectArn {
		t.Errorf("trail = %+v", o)
	}
	b := trails[slices.IndexFunc(trails, func(x model.ActionTrailTrail) bool { return x.Meta.ID == "bj" })]
	// The API always answers TrailRegion and EventRW; missing, they are its default.
	if deref(b.TrailRegion) != "All" || !slices.Equal(b.Meta.Defaulted, []string{"event_rw", "trail_region"}) {
		t.Errorf("defaults: %+v %v", b, b.Meta.Defaulted)
	}
	if b.Meta.ARN != "acs:actiontrail:cn-beijing:1234567890123456:trail/bj" {
		t.Errorf("built ARN %q", b.Meta.ARN)
	}
	buckets := bucketsOf(seen)
	if len(buckets) != 2 || buckets[0].name != "b1" || buckets[0].location != "oss-cn-hangzhou" || buckets[1].home != "cn-beijing" {
		t.Errorf("buckets = %+v", buckets)
	}
}

func TestDescribeTrailsGap(t *testing.T) {
	fake := newFake(map[string]any{"actiontrail:DescribeTrails cn-beijing": denied(opDescribeTrails)})
	r := newRun(fake)
	if got := r.describeTrails(context.Background(), "cn-beijing"); got != nil {
		t.Errorf("trails %v from a failed call", got)
	}
	gaps := r.gaps.List()
	if len(gaps) != 1 || gaps[0].Path != pathTrails || gaps[0].Region != "cn-beijing" || gaps[0].Operation != "actiontrail:DescribeTrails" {
		t.Errorf("gaps = %+v", gaps)
	}
	q := fake.calls[0].q
	if q["IncludeShadowTrails"] != "true" || q["IncludeOrganizationTrail"] != "true" || q["RegionId"] != "cn-beijing" {
		t.Errorf("query %v", q)
	}
}

func TestTrailBuckets(t *testing.T) {
	tests := []struct {
		name       string
		ref        trailBucket
		answers    map[string]any
		wantRegion string
		wantACL    string
		wantReason string
	}{
		{"location from the trail", trailBucket{"b", "oss-cn-shanghai", "cn-hangzhou"},
			map[string]any{"oss:GetBucketAcl cn-shanghai b": `"public-read"`}, "cn-shanghai", "public-read", ""},
		{"location asked", trailBucket{"b", "", "cn-hangzhou"},
			map[string]any{"oss:GetBucketLocation cn-hangzhou b": `"oss-cn-beijing"`, "oss:GetBucketAcl cn-beijing b": `"private"`}, "cn-beijing", "private", ""},
		{"location refused", trailBucket{"b", "", "cn-hangzhou"},
			map[string]any{"oss:GetBucketLocation cn-hangzhou b": denied(opGetBucketLocation)}, "", "", "oss:GetBucketLocation: Forbidden.RAM: User not authorized to operate on the specified resource."},
		{"acl refused", trailBucket{"b", "oss-cn-hangzhou", "cn-hangzhou"},
			map[string]any{"oss:GetBucketAcl cn-hangzhou b": denied(opGetBucketACL)}, "cn-hangzhou", "", "oss:GetBucketAcl: Forbidden.RAM: User not authorized to operate on the specified resource."},
		{"no grant", trailBucket{"b", "oss-cn-hangzhou", "cn-hangzhou"},
			map[string]any{"oss:GetBucketAcl cn-hangzhou b": `""`}, "cn-hangzhou", "", "oss:GetBucketAcl: no Grant in the answer"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := newRun(newFake(tt.answers))
			bs := r.trailBuckets(context.Background(), []trailBucket{tt.ref})
			if len(bs) != 1 {
				t.Fatalf("%d buckets", len(bs))
			}
			b := bs[0]
			if b.Meta.ID != "b" || b.Meta.Type != "alicloud_oss_bucket" || b.Meta.ARN != "acs:oss:*:1234567890123456:b" || b.Meta.Region != tt.wantRegion {
				t.Errorf("meta = %+v", b.Meta)
			}
			if deref(b.ACL) != tt.wantACL || b.Meta.Reasons["acl"] != tt.wantReason {
				t.Errorf("acl %q (%q), want %q (%q)", deref(b.ACL), b.Meta.Reasons["acl"], tt.wantACL, tt.wantReason)
			}
		})
	}
}
