package alicloud

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/kansa-sec/kansa/internal/model"
)

func TestLogstores(t *testing.T) {
	stores := func(q map[string]string) string {
		// Three logstores, two per page whatever the client asks.
		off, _ := strconv.Atoi(q["offset"])
		all := []string{`"a"`, `"b"`, `"c"`}
		return fmt.Sprintf(`{"count": 2, "total": 3, "logstores": [%s]}`, strings.Join(all[off:min(off+2, 3)], ","))
	}
	fake := newFake(map[string]any{
		"sls:ListProject r1":              `{"total": 3, "projects": [{"projectName": "p1", "region": "r1"}, {"projectName": "p2", "region": "r1"}, {"projectName": "elsewhere", "region": "r2"}]}`,
		"sls:ListLogStores r1 p1":         stores,
		"sls:ListLogStores r1 p2":         denied(opListLogStores),
		"sls:GetLogStore r1 /logstores/a": `{"logstoreName": "a", "ttl": 30, "hot_ttl": 7}`,
		"sls:GetLogStore r1 /logstores/b": `{"logstoreName": "b", "ttl": "3650"}`,
		"sls:GetLogStore r1 /logstores/c": denied(opGetLogStore),
	})
	r := newRun(fake)
	projects, ls := r.logstores(context.Background(), "r1")
	if len(projects) != 2 || projects[0].Meta.ARN != "acs:log:r1:1234567890123456:project/p1" || projects[0].Meta.Type != "alicloud_log_project" {
		t.Errorf("projects %+v", projects)
	}
	var got []string
	for _, l := range ls {
		ret := "?"
		if l.RetentionPeriod != nil {
			ret = strconv.Itoa(*l.RetentionPeriod)
		}
		got = append(got, fmt.Sprintf("%s %s %s %v", l.Meta.ID, l.Meta.ARN, ret, l.Meta.Unknown))
	}
	want := []string{
		"p1:a acs:log:r1:1234567890123456:project/p1/logstore/a 30 []",
		"p1:b acs:log:r1:1234567890123456:project/p1/logstore/b 3650 []",
		"p1:c acs:log:r1:1234567890123456:project/p1/logstore/c ? [retention_period]",
	}
	if !slices.Equal(got, want) {
		t.Errorf("logstores:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if *ls[0].HotTTL != 7 || ls[0].Meta.Type != "alicloud_log_store" || deref(ls[0].Project) != "p1" {
		t.Errorf("logstore %+v", ls[0])
	}
	// p2's logstores could not be listed: a gap for the region's logstores.
	if gaps := r.gaps.List(); len(gaps) != 1 || gaps[0].Path != pathLogstores || gaps[0].Operation != "sls:ListLogStores" {
		t.Errorf("gaps %+v", gaps)
	}

	r = newRun(newFake(map[string]any{"sls:ListProject r1": denied(opListProject)}))
	if p, l := r.logstores(context.Background(), "r1"); p != nil || l != nil {
		t.Errorf("resources from a failed call")
	}
	var paths []string
	for _, g := range r.gaps.List() {
		paths = append(paths, g.Path)
	}
	if !slices.Equal(paths, []string{pathLogstores, pathProjects}) {
		t.Errorf("gaps %v", paths)
	}
}

// TestLinks covers what link resolves: trail buckets, VPC flow logs, and
// the logstore tiers of checks.md, with the links a failed call may hide.
func TestLinks(t *testing.T) {
	meta := func(typ, id, region string) model.Meta {
		return model.Meta{Source: model.SourceAlicloud, Type: typ, ID: id, ARN: "acs:x:" + region + "::" + id, Region: region}
	}
	store := func(region, project, name string) model.Logstore {
		return model.Logstore{Meta: meta("alicloud_log_store", project+":"+name, region), Project: model.Ptr(project), Name: model.Ptr(name), RetentionPeriod: model.Ptr(30)}
	}
	flow := func(id, region, target, project, ls string) model.FlowLog {
		return model.FlowLog{Meta: meta("alicloud_vpc_flow_log", id, region), ResourceType: model.Ptr("VPC"), ResourceID: model.Ptr(target), Status: model.Ptr("Active"),
			LogDestination: model.Ptr("acs:log:" + region + ":1:project/" + project + "/logstore/" + ls)}
	}
	base := func() *model.State {
		s := model.New(model.SourceAlicloud, model.ScopeAccount)
		a := &s.Alicloud
		a.ActionTrail.Trails = []model.ActionTrailTrail{
			{Meta: meta("alicloud_actiontrail_trail", "audit", "r1"), Name: model.Ptr("audit"), SLSProjectARN: model.Ptr("acs:log:r1:1:project/trail-logs"), OSSBucketName: model.Ptr("b1")},
			{Meta: meta("alicloud_actiontrail_trail", "nobucket", "r1"), Name: model.Ptr("nobucket"), OSSBucketName: model.Ptr("gone")},
		}
		a.OSS.Buckets = []model.OSSBucket{{Meta: meta("alicloud_oss_bucket", "b1", "r1")}}
		a.VPC.VPCs = []model.VPC{{Meta: meta("alicloud_vpc", "vpc-1", "r1")}, {Meta: meta("alicloud_vpc", "vpc-1", "r2")}}
		a.VPC.FlowLogs = []model.FlowLog{flow("fl-1", "r1", "vpc-1", "net", "flow"), flow("fl-2", "r2", "vpc-9", "net", "flow")}
		a.SLS.Logstores = []model.Logstore{
			store("r1", "trail-logs", "actiontrail_audit"),
			store("r1", "other", "actiontrail_audit"),
			store("r1", "trail-logs", "app"),
			store("r1", "net", "flow"),
			store("r2", "net", "flow"), // another region's project of the same name
			store("r1", "x", "actiontrail_gone"),
		}
		return s
	}
	type want struct{ tier, fedBy, unknown string }
	tests := []struct {
		name string
		gaps []model.Gap
		want []want
	}{
		{"all read", nil, []want{
			{"audit", "actiontrail:acs:x:r1::audit", ""},
			{"default", "", ""},
			{"default", "", ""},
			{"network", "vpc_flow_log:acs:x:r1::fl-1", ""},
			{"network", "vpc_flow_log:acs:x:r2::fl-2", ""},
			{"default", "", ""},
		}},
		{"trails not listed somewhere", []model.Gap{{Path: pathTrails, Region: "r9", Operation: "actiontrail:DescribeTrails", Reason: "Forbidden.RAM"}}, []want{
			{"audit", "actiontrail:acs:x:r1::audit", ""},
			{"default", "", "a trail may write to this logstore: actiontrail:DescribeTrails failed in r9 (Forbidden.RAM)"},
			{"default", "", ""},
			{"network", "vpc_flow_log:acs:x:r1::fl-1", ""},
			{"network", "vpc_flow_log:acs:x:r2::fl-2", ""},
			{"default", "", "a trail may write to this logstore: actiontrail:DescribeTrails failed in r9 (Forbidden.RAM)"},
		}},
		{"flow logs not listed in r1", []model.Gap{{Path: pathFlowLogs, Region: "r1", Operation: "vpc:DescribeFlowLogs", Reason: "Throttling.User"}}, []want{
			{"audit", "actiontrail:acs:x:r1::audit", ""},
			{"default", "", "a flow log may write to this logstore: vpc:DescribeFlowLogs failed in r1 (Throttling.User)"},
			{"default", "", "a flow log may write to this logstore: vpc:DescribeFlowLogs failed in r1 (Throttling.User)"},
			{"network", "vpc_flow_log:acs:x:r1::fl-1", ""},
			{"network", "vpc_flow_log:acs:x:r2::fl-2", ""},
			{"default", "", "a flow log may write to this logstore: vpc:DescribeFlowLogs failed in r1 (Throttling.User)"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := base()
			s.Gaps = tt.gaps
			link(s)
			a := s.Alicloud
			if a.ActionTrail.Trails[0].Bucket != "b1" || a.ActionTrail.Trails[1].Bucket != "" {
				t.Errorf("trail buckets %q %q", a.ActionTrail.Trails[0].Bucket, a.ActionTrail.Trails[1].Bucket)
			}
			if !slices.Equal(a.VPC.VPCs[0].FlowLogs, []string{"fl-1"}) || len(a.VPC.VPCs[1].FlowLogs) != 0 {
				t.Errorf("VPC links %v %v", a.VPC.VPCs[0].FlowLogs, a.VPC.VPCs[1].FlowLogs)
			}
			for i, l := range a.SLS.Logstores {
				var fed []string
				for _, f := range l.FedBy {
					fed = append(fed, f.Kind+":"+f.Resource)
				}
				got := want{l.Tier, strings.Join(fed, ","), l.Meta.Reasons["fed_by"]}
				if got != tt.want[i] {
					t.Errorf("%s: %+v, want %+v", l.Meta.ARN, got, tt.want[i])
				}
			}
		})
	}
}
