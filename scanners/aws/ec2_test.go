package aws

import (
	"context"
	"strconv"
	"testing"

	awssdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
)

// fakeEC2 serves lists one item per page, so the paginators run, or fails.
type fakeEC2 struct {
	vpcs   []ec2types.Vpc
	logs   []ec2types.FlowLog
	groups []ec2types.SecurityGroup
	acls   []ec2types.NetworkAcl
	err    error
}

var _ ec2API = (*fakeEC2)(nil)

// onePage returns item i (the token) and the next token.
func onePage(token *string, n int) (i int, next *string) {
	if token != nil {
		i, _ = strconv.Atoi(*token)
	}
	if i+1 < n {
		next = awssdk.String(strconv.Itoa(i + 1))
	}
	return i, next
}

func (f *fakeEC2) DescribeRegions(context.Context, *ec2.DescribeRegionsInput, ...func(*ec2.Options)) (*ec2.DescribeRegionsOutput, error) {
	return &ec2.DescribeRegionsOutput{}, f.err
}

func (f *fakeEC2) DescribeVpcs(_ context.Context, in *ec2.DescribeVpcsInput, _ ...func(*ec2.Options)) (*ec2.DescribeVpcsOutput, error) {
	if f.err != nil || len(f.vpcs) == 0 {
		return &ec2.DescribeVpcsOutput{}, f.err
	}
	i, next := onePage(in.NextToken, len(f.vpcs))
	return &ec2.DescribeVpcsOutput{Vpcs: f.vpcs[i : i+1], NextToken: next}, nil
}

func (f *fakeEC2) DescribeFlowLogs(_ context.Context, in *ec2.DescribeFlowLogsInput, _ ...func(*ec2.Options)) (*ec2.DescribeFlowLogsOutput, error) {
	if f.err != nil || len(f.logs) == 0 {
		return &ec2.DescribeFlowLogsOutput{}, f.err
	}
	i, next := onePage(in.NextToken, len(f.logs))
	return &ec2.DescribeFlowLogsOutput{FlowLogs: f.logs[i : i+1], NextToken: next}, nil
}

func (f *fakeEC2) DescribeSecurityGroups(_ context.Context, in *ec2.DescribeSecurityGroupsInput, _ ...func(*ec2.Options)) (*ec2.DescribeSecurityGroupsOutput, error) {
	if f.err != nil || len(f.groups) == 0 {
		return &ec2.DescribeSecurityGroupsOutput{}, f.err
	}
	i, next := onePage(in.NextToken, len(f.groups))
	return &ec2.DescribeSecurityGroupsOutput{SecurityGroups: f.groups[i : i+1], NextToken: next}, nil
}

func (f *fakeEC2) DescribeNetworkAcls(_ context.Context, in *ec2.DescribeNetworkAclsInput, _ ...func(*ec2.Options)) (*ec2.DescribeNetworkAclsOutput, error) {
	if f.err != nil || len(f.acls) == 0 {
		return &ec2.DescribeNetworkAclsOutput{}, f.err
	}
	i, next := onePage(in.NextToken, len(f.acls))
	return &ec2.DescribeNetworkAclsOutput{NetworkAcls: f.acls[i : i+1], NextToken: next}, nil
}

func TestVPCsAndFlowLogs(t *testing.T) {
	r := testReader()
	api := &fakeEC2{
		vpcs: []ec2types.Vpc{
			{VpcId: awssdk.String("vpc-1"), IsDefault: awssdk.Bool(true), OwnerId: awssdk.String(testAccount), CidrBlock: awssdk.String("172.31.0.0/16")},
			{VpcId: awssdk.String("vpc-2"), OwnerId: awssdk.String("999988887777")},
			{VpcId: awssdk.String("vpc-3")},
		},
		logs: []ec2types.FlowLog{
			{FlowLogId: awssdk.String("fl-1"), ResourceId: awssdk.String("vpc-2"), LogDestinationType: ec2types.LogDestinationTypeCloudWatchLogs, LogGroupName: awssdk.String("flows"), TrafficType: ec2types.TrafficTypeAll},
			{FlowLogId: awssdk.String("fl-2"), ResourceId: awssdk.String("subnet-1"), LogDestinationType: ec2types.LogDestinationTypeS3, LogDestination: awssdk.String("arn:aws:s3:::b")},
			{FlowLogId: awssdk.String("fl-3"), ResourceId: awssdk.String("vpc-2"), LogDestinationType: ec2types.LogDestinationTypeS3, LogDestination: awssdk.String("arn:aws:s3:::b")},
		},
	}
	vpcs := r.vpcs(context.Background(), api, "eu-west-1")
	logs := r.flowLogs(context.Background(), api, "eu-west-1")
	linkFlowLogs(vpcs, logs)
	want := []struct {
		typ, arn string
		logs     []string
	}{
		{"aws_default_vpc", "arn:aws:ec2:eu-west-1:111122223333:vpc/vpc-1", []string{}},
		{"aws_vpc", "arn:aws:ec2:eu-west-1:999988887777:vpc/vpc-2", []string{"fl-1", "fl-3"}},
		{"aws_vpc", "arn:aws:ec2:eu-west-1:111122223333:vpc/vpc-3", []string{}},
	}
	if len(vpcs) != len(want) {
		t.Fatalf("%d VPCs, want %d (every page)", len(vpcs), len(want))
	}
	for i, w := range want {
		equal(t, "type", vpcs[i].Meta.Type, w.typ)
		equal(t, "arn", vpcs[i].Meta.ARN, w.arn)
		equalSlice(t, vpcs[i].Meta.ID+" flow logs", vpcs[i].FlowLogs, w.logs)
	}
	equal(t, "fl-1 type", *logs[0].ResourceType, "VPC")
	equal(t, "fl-1 destination (group name when no ARN)", *logs[0].LogDestination, "flows")
	equal(t, "fl-2 type", *logs[1].ResourceType, "Subnet")
	equal(t, "fl-1 arn", logs[0].Meta.ARN, "arn:aws:ec2:eu-west-1:111122223333:vpc-flow-log/fl-1")
	equalSlice(t, "gaps", gapPaths(r), nil)
}

func TestEC2Failures(t *testing.T) {
	tests := []struct {
		name string
		read func(r *reader, api ec2API) int
		gaps []string
	}{
		{"vpcs", func(r *reader, api ec2API) int { return len(r.vpcs(context.Background(), api, "r-1")) }, []string{"r-1 aws.ec2.vpcs"}},
		{"flow logs", func(r *reader, api ec2API) int { return len(r.flowLogs(context.Background(), api, "r-1")) },
			[]string{"r-1 aws.ec2.flow_logs", "r-1 aws.ec2.vpcs.flow_logs", "r-1 aws.logs.log_groups.fed_by"}},
		{"security groups", func(r *reader, api ec2API) int { return len(r.securityGroups(context.Background(), api, "r-1")) }, []string{"r-1 aws.ec2.security_groups"}},
		{"network ACLs", func(r *reader, api ec2API) int { return len(r.networkACLs(context.Background(), api, "r-1")) }, []string{"r-1 aws.ec2.network_acls"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := testReader()
			equal(t, "resources", tt.read(r, &fakeEC2{err: apiErr("UnauthorizedOperation")}), 0)
			equalSlice(t, "gaps", gapPaths(r), tt.gaps)
		})
	}
}

func TestResourceType(t *testing.T) {
	for id, want := range map[string]string{"vpc-1": "VPC", "subnet-1": "Subnet", "eni-1": "NetworkInterface", "tgw-attach-1": "TransitGatewayAttachment", "tgw-1": "TransitGateway", "x": ""} {
		equal(t, id, resourceType(id), want)
	}
}

func TestSecurityGroupRules(t *testing.T) {
	perm := func(proto string, from, to *int32) ec2types.IpPermission {
		return ec2types.IpPermission{IpProtocol: awssdk.String(proto), FromPort: from, ToPort: to}
	}
	ssh := perm("tcp", awssdk.Int32(22), awssdk.Int32(22))
	ssh.IpRanges = []ec2types.IpRange{{CidrIp: awssdk.String("0.0.0.0/0")}, {CidrIp: awssdk.String("10.0.0.0/8")}}
	ssh.Ipv6Ranges = []ec2types.Ipv6Range{{CidrIpv6: awssdk.String("::/0")}}
	all := perm("-1", nil, nil)
	all.UserIdGroupPairs = []ec2types.UserIdGroupPair{{GroupId: awssdk.String("sg-1")}, {GroupId: awssdk.String("sg-9"), UserId: awssdk.String("999988887777")}}
	all.PrefixListIds = []ec2types.PrefixListId{{PrefixListId: awssdk.String("pl-1")}}
	g := testReader().groupModel(ec2types.SecurityGroup{GroupId: awssdk.String("sg-1"), GroupName: awssdk.String("default"), VpcId: awssdk.String("vpc-1"),
		IpPermissions: []ec2types.IpPermission{ssh, all}, IpPermissionsEgress: []ec2types.IpPermission{perm("TCP", awssdk.Int32(443), awssdk.Int32(443))}}, "eu-west-1")
	equal(t, "type", g.Meta.Type, "aws_default_security_group")
	equal(t, "default", g.IsDefault, true)
	equal(t, "arn built", g.Meta.ARN, "arn:aws:ec2:eu-west-1:111122223333:security-group/sg-1")
	tests := []struct {
		label, dir, proto  string
		from, to           any
		v4, v6, pl, groups []string
		self               bool
	}{
		{"ingress[0]", "ingress", "tcp", 22, 22, []string{"0.0.0.0/0", "10.0.0.0/8"}, []string{"::/0"}, []string{}, []string{}, false},
		{"ingress[1]", "ingress", "-1", "nil", "nil", []string{}, []string{}, []string{"pl-1"}, []string{"sg-9"}, true},
		{"egress[0]", "egress", "tcp", 443, 443, []string{}, []string{}, []string{}, []string{}, false},
	}
	if len(g.Rules) != len(tests) {
		t.Fatalf("%d rules, want %d", len(g.Rules), len(tests))
	}
	for i, tt := range tests {
		rule := g.Rules[i]
		t.Run(tt.label, func(t *testing.T) {
			equal(t, "label", rule.Label, tt.label)
			equal(t, "direction", *rule.Direction, tt.dir)
			equal(t, "protocol", *rule.Protocol, tt.proto)
			equal(t, "from", ptrText(rule.FromPort), tt.from)
			equal(t, "to", ptrText(rule.ToPort), tt.to)
			equalSlice(t, "cidr_blocks", rule.CIDRBlocks, tt.v4)
			equalSlice(t, "ipv6_cidr_blocks", rule.IPv6CIDRBlocks, tt.v6)
			equalSlice(t, "prefix_list_ids", rule.PrefixListIDs, tt.pl)
			equalSlice(t, "source_security_groups", rule.SourceSecurityGroups, tt.groups)
			equal(t, "self", *rule.Self, tt.self)
			equal(t, "group", rule.Group, "sg-1")
			equal(t, "located on the group", rule.Meta.ARN, g.Meta.ARN)
		})
	}
}

func TestNetworkACL(t *testing.T) {
	entry := func(n int32, egress bool, proto, action, cidr string, ports ...int32) ec2types.NetworkAclEntry {
		e := ec2types.NetworkAclEntry{RuleNumber: awssdk.Int32(n), Egress: awssdk.Bool(egress), Protocol: awssdk.String(proto), RuleAction: ec2types.RuleAction(action)}
		if len(cidr) > 0 && cidr[0] == ':' {
			e.Ipv6CidrBlock = awssdk.String(cidr)
		} else {
			e.CidrBlock = awssdk.String(cidr)
		}
		if len(ports) == 2 {
			e.PortRange = &ec2types.PortRange{From: awssdk.Int32(ports[0]), To: awssdk.Int32(ports[1])}
		}
		return e
	}
	acl := testReader().aclModel(ec2types.NetworkAcl{NetworkAclId: awssdk.String("acl-1"), VpcId: awssdk.String("vpc-1"), IsDefault: awssdk.Bool(true), Entries: []ec2types.NetworkAclEntry{
		entry(32767, false, "-1", "deny", "0.0.0.0/0"),
		entry(100, true, "-1", "allow", "0.0.0.0/0"),
		entry(200, false, "6", "allow", "::/0", 22, 22),
		entry(100, false, "6", "deny", "0.0.0.0/0", 3389, 3389),
	}}, "eu-west-1")
	equal(t, "type", acl.Meta.Type, "aws_default_network_acl")
	equal(t, "arn", acl.Meta.ARN, "arn:aws:ec2:eu-west-1:111122223333:network-acl/acl-1")
	want := []struct {
		label    string
		number   int
		egress   bool
		proto    string
		action   string
		from, to any
		v4, v6   any
	}{
		{"ingress[0]", 100, false, "6", "deny", 3389, 3389, "0.0.0.0/0", "nil"},
		{"ingress[1]", 200, false, "6", "allow", 22, 22, "nil", "::/0"},
		{"ingress[2]", 32767, false, "-1", "deny", "nil", "nil", "0.0.0.0/0", "nil"},
		{"egress[0]", 100, true, "-1", "allow", "nil", "nil", "0.0.0.0/0", "nil"},
	}
	if len(acl.Rules) != len(want) {
		t.Fatalf("%d rules, want %d", len(acl.Rules), len(want))
	}
	for i, w := range want {
		rule := acl.Rules[i]
		t.Run(w.label, func(t *testing.T) {
			equal(t, "label", rule.Label, w.label)
			equal(t, "rule number", *rule.RuleNumber, w.number)
			equal(t, "egress", *rule.Egress, w.egress)
			equal(t, "protocol", *rule.Protocol, w.proto)
			equal(t, "action", *rule.RuleAction, w.action)
			equal(t, "from", ptrText(rule.FromPort), w.from)
			equal(t, "to", ptrText(rule.ToPort), w.to)
			equal(t, "cidr", ptrText(rule.CIDRBlock), w.v4)
			equal(t, "ipv6 cidr", ptrText(rule.IPv6CIDRBlock), w.v6)
			equal(t, "acl", rule.ACL, "acl-1")
		})
	}
}

// A rule is located on its group or ACL: findings name the resource to change.
func TestRulesCarryTheirOwner(t *testing.T) {
	m := testReader().groupModel(ec2types.SecurityGroup{GroupId: awssdk.String("sg-7"), IpPermissions: []ec2types.IpPermission{{IpProtocol: awssdk.String("-1")}}}, "r-1").Rules[0].Meta
	equal(t, "type", m.Type, "aws_security_group")
	equal(t, "id", m.ID, "sg-7")
}
