package alicloud

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// vpcPage answers DescribeVpcs from n VPCs in pages of 2 whatever the
// client asks, as the emulator does.
func vpcPage(n int) func(q map[string]string) string {
	return func(q map[string]string) string {
		p, _ := strconv.Atoi(q["PageNumber"])
		var vs []string
		for i := (p - 1) * 2; i < min(p*2, n); i++ {
			vs = append(vs, fmt.Sprintf(`{"VpcId": "vpc-%d", "IsDefault": %v, "CidrBlock": "10.%d.0.0/16"}`, i, i == 0, i))
		}
		return fmt.Sprintf(`{"TotalCount": %d, "Vpcs": {"Vpc": [%s]}}`, n, strings.Join(vs, ","))
	}
}

func TestVPCsAndFlowLogs(t *testing.T) {
	flowLogs := func(q map[string]string) string {
		if q["PageNumber"] == "1" {
			return `{"TotalCount": "3", "FlowLogs": {"FlowLog": [
				{"FlowLogId": "fl-1", "ResourceType": "VPC", "ResourceId": "vpc-1", "Status": "Active", "ProjectName": "p", "LogStoreName": "l"},
				{"FlowLogId": "fl-2", "ResourceType": "VSwitch", "ResourceId": "vsw-1", "Status": "Active"}]}}`
		}
		return `{"TotalCount": "3", "FlowLogs": {"FlowLog": [{"FlowLogId": "fl-3", "ResourceType": "VPC", "ResourceId": "vpc-2"}]}}`
	}
	fake := newFake(map[string]any{
		"vpc:DescribeVpcs cn-hangzhou":     vpcPage(5),
		"vpc:DescribeFlowLogs cn-hangzhou": flowLogs,
	})
	r := newRun(fake)
	vpcs, logs := r.vpcs(context.Background(), "cn-hangzhou")
	if len(vpcs) != 5 || fake.count("vpc:DescribeVpcs") != 3 {
		t.Fatalf("%d VPCs in %d calls, want 5 in 3 pages", len(vpcs), fake.count("vpc:DescribeVpcs"))
	}
	if v := vpcs[0]; v.Meta.ID != "vpc-0" || v.Meta.ARN != "acs:vpc:cn-hangzhou:1234567890123456:vpc/vpc-0" || !v.IsDefault || deref(v.CIDRBlock) != "10.0.0.0/16" || v.Meta.Type != "alicloud_vpc" {
		t.Errorf("vpc %+v", v)
	}
	if len(logs) != 3 {
		t.Fatalf("%d flow logs, want 3 (TotalCount is a string)", len(logs))
	}
	if f := logs[0]; deref(f.LogDestinationType) != "sls" || deref(f.LogDestination) != "acs:log:cn-hangzhou:1234567890123456:project/p/logstore/l" || deref(f.Status) != "Active" {
		t.Errorf("flow log %+v", f)
	}
	if f := logs[2]; !f.Meta.IsUnknown("status") {
		t.Errorf("a flow log without Status must have it unknown: %+v", f.Meta)
	}
	for _, c := range fake.calls {
		if c.q["RegionId"] != "cn-hangzhou" || c.q["PageSize"] != "50" {
			t.Errorf("query %v", c.q)
		}
	}
}

func TestVPCGaps(t *testing.T) {
	tests := []struct {
		name      string
		vpcs      any
		flows     any
		wantVPCs  int
		wantLogs  int
		wantPaths []string
	}{
		{"vpcs refused", denied(opDescribeVpcs), `{"TotalCount": "0"}`, 0, 0, []string{pathVPCs}},
		{"flow logs refused", vpcPage(1), denied(opDescribeFlowLogs), 1, 0, []string{pathFlowLogs, pathVPCFlowLogs}},
		{"second page refused", func(q map[string]string) string {
			if q["PageNumber"] == "2" {
				return "not json"
			}
			return vpcPage(3)(q)
		}, `{"TotalCount": "0"}`, 0, 0, []string{pathVPCs}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := newRun(newFake(map[string]any{"vpc:DescribeVpcs r1": tt.vpcs, "vpc:DescribeFlowLogs r1": tt.flows}))
			vpcs, logs := r.vpcs(context.Background(), "r1")
			if len(vpcs) != tt.wantVPCs || len(logs) != tt.wantLogs {
				t.Errorf("%d VPCs, %d flow logs", len(vpcs), len(logs))
			}
			var paths []string
			for _, g := range r.gaps.List() {
				paths = append(paths, g.Path)
				if g.Region != "r1" {
					t.Errorf("gap region %q", g.Region)
				}
			}
			if !slices.Equal(paths, tt.wantPaths) {
				t.Errorf("gaps %v, want %v", paths, tt.wantPaths)
			}
		})
	}
}

func TestSecurityGroupRules(t *testing.T) {
	groups := func(q map[string]string) string {
		if q["NextToken"] == "" {
			return `{"NextToken": "t2", "SecurityGroups": {"SecurityGroup": [{"SecurityGroupId": "sg-1", "SecurityGroupName": "web", "VpcId": "vpc-1"}, {"SecurityGroupId": "sg-2"}]}}`
		}
		return `{"NextToken": "", "SecurityGroups": {"SecurityGroup": [{"SecurityGroupId": "sg-3"}]}}`
	}
	perms := func(q map[string]string) string {
		if q["NextToken"] == "" {
			return `{"NextToken": "p2", "Permissions": {"Permission": [
				{"SecurityGroupRuleId": "sgr-1", "Direction": "ingress", "IpProtocol": "TCP", "PortRange": "22/22", "SourceCidrIp": "0.0.0.0/0", "Policy": "Accept", "Priority": "1"}]}}`
		}
		return `{"Permissions": {"Permission": [
			{"Direction": "ingress", "IpProtocol": "ALL", "PortRange": "-1/-1", "Ipv6SourceCidrIp": "::/0", "Priority": 100},
			{"SecurityGroupRuleId": "sgr-3", "IpProtocol": "TCP", "PortRange": "3389/3389", "SourceGroupId": "sg-9", "SourcePrefixListId": "pl-1", "Policy": "Drop"}]}}`
	}
	fake := newFake(map[string]any{
		"ecs:DescribeSecurityGroups r1":         groups,
		"ecs:DescribeSecurityGroupAttribute r1": perms,
	})
	// sg-3's rules are refused.
	fake.answers["ecs:DescribeSecurityGroupAttribute r1"] = func(q map[string]string) string {
		if q["SecurityGroupId"] == "sg-3" {
			return "refused"
		}
		return perms(q)
	}
	r := newRun(fake)
	gs := r.securityGroups(context.Background(), "r1")
	if len(gs) != 3 {
		t.Fatalf("%d groups, want 3 over two pages", len(gs))
	}
	g := gs[0]
	if g.Meta.ARN != "acs:ecs:r1:1234567890123456:securitygroup/sg-1" || g.Meta.Type != "alicloud_security_group" || deref(g.Name) != "web" || deref(g.VPCID) != "vpc-1" {
		t.Errorf("group %+v", g.Meta)
	}
	var got []string
	for _, rule := range g.Rules {
		prio := "-"
		if rule.Priority != nil {
			prio = strconv.Itoa(*rule.Priority)
		}
		got = append(got, fmt.Sprintf("%s %s %s %s %s %v %v %v %v %s %s %v", rule.Meta.ID, rule.Meta.ARN, deref(rule.Direction), deref(rule.Protocol), deref(rule.PortRange),
			rule.CIDRBlocks, rule.IPv6CIDRBlocks, rule.SourceSecurityGroups, rule.PrefixListIDs, deref(rule.Policy), prio, rule.Meta.Defaulted))
	}
	want := []string{
		"sgr-1 acs:ecs:r1:1234567890123456:securitygroup/sg-1/rule/sgr-1 ingress tcp 22/22 [0.0.0.0/0] [] [] [] accept 1 []",
		"sg-1/ingress/1 acs:ecs:r1:1234567890123456:securitygroup/sg-1/rule/sg-1/ingress/1 ingress all -1/-1 [] [::/0] [] [] accept 100 [policy]",
		"sgr-3 acs:ecs:r1:1234567890123456:securitygroup/sg-1/rule/sgr-3 ingress tcp 3389/3389 [] [] [sg-9] [pl-1] drop - []",
	}
	if !slices.Equal(got, want) {
		t.Errorf("rules:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// sg-3: one stand-in rule whose every attribute is unknown.
	u := gs[2].Rules
	if len(u) != 1 || u[0].Meta.ARN != gs[2].Meta.ARN || len(u[0].Meta.Unknown) != 7 || !strings.Contains(u[0].Meta.Reasons["rules"], "ecs:DescribeSecurityGroupAttribute") {
		t.Errorf("unread rules %+v", u)
	}
	for _, c := range fake.calls {
		if c.op == "ecs:DescribeSecurityGroupAttribute" && c.q["Direction"] != "ingress" {
			t.Errorf("query %v", c.q)
		}
	}

	r = newRun(newFake(map[string]any{"ecs:DescribeSecurityGroups r1": denied(opDescribeSecurityGroups)}))
	if gs := r.securityGroups(context.Background(), "r1"); gs != nil {
		t.Errorf("groups from a failed call: %v", gs)
	}
	if gaps := r.gaps.List(); len(gaps) != 1 || gaps[0].Path != pathSecurityGroups || gaps[0].Region != "r1" {
		t.Errorf("gaps %+v", gaps)
	}
}

func TestPaginationStops(t *testing.T) {
	tests := []struct {
		name  string
		pages []int // items per page
		total *int
		want  int // pages fetched
	}{
		{"total reached", []int{2, 2, 1}, ptr(5), 3},
		{"empty page", []int{2, 0}, ptr(9), 2},
		{"no total, short page", []int{50, 3}, nil, 2},
		{"no total, full pages", []int{50, 50, 0}, nil, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			calls := 0
			err := pages(context.Background(), func(_ context.Context, page int) (int, *int, error) {
				calls++
				return tt.pages[page-1], tt.total, nil
			})
			if err != nil || calls != tt.want {
				t.Errorf("%d calls (%v), want %d", calls, err, tt.want)
			}
		})
	}
	// A listing that never ends is an error, not a hang.
	err := pages(context.Background(), func(context.Context, int) (int, *int, error) { return 1, ptr(1 << 30), nil })
	if err == nil {
		t.Error("endless listing accepted")
	}
	n := 0
	err = tokens(context.Background(), func(_ context.Context, tok string) (string, error) {
		n++
		return "same", nil
	})
	if err != nil || n != 2 {
		t.Errorf("a repeated NextToken must stop the listing: %d calls, %v", n, err)
	}
}

func ptr(n int) *int { return &n }
