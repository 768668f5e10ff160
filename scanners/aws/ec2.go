package aws

import (
	"cmp"
	"context"
	"slices"
	"strconv"
	"strings"

	awssdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/kansa-sec/kansa/internal/model"
)

// Page sizes asked of EC2 (each API's maximum).
const (
	ec2PageSize     = 1000
	naclPageSize    = 100
	logGroupsPage   = 50
	bucketsPageSize = 1000
	iamPageSize     = 1000
)

// vpcs lists the region's VPCs; default VPCs are aws_default_vpc, as
// Terraform manages them. Flow logs are linked later (linkFlowLogs).
func (r *reader) vpcs(ctx context.Context, api ec2API, region string) []model.VPC {
	var out []model.VPC
	p := ec2.NewDescribeVpcsPaginator(api, &ec2.DescribeVpcsInput{MaxResults: awssdk.Int32(ec2PageSize)})
	if !listPages(ctx, r, region, "ec2:DescribeVpcs", p.HasMorePages, p.NextPage, func(page *ec2.DescribeVpcsOutput) {
		for _, v := range page.Vpcs {
			id := awssdk.ToString(v.VpcId)
			def := awssdk.ToBool(v.IsDefault)
			typ := "aws_vpc"
			if def {
				typ = "aws_default_vpc"
			}
			out = append(out, model.VPC{
				Meta:      r.meta(typ, r.arn("ec2", region, awssdk.ToString(v.OwnerId), "vpc/"+id), id, region),
				CIDRBlock: v.CidrBlock,
				IsDefault: def,
				FlowLogs:  []string{},
			})
		}
	}, pathVPCs) {
		return nil
	}
	return out
}

// flowLogs lists the region's flow logs. A failure is a gap for the flow
// logs, for every VPC's link to them, and for the log groups they feed.
func (r *reader) flowLogs(ctx context.Context, api ec2API, region string) []model.FlowLog {
	var out []model.FlowLog
	p := ec2.NewDescribeFlowLogsPaginator(api, &ec2.DescribeFlowLogsInput{MaxResults: awssdk.Int32(ec2PageSize)})
	if !listPages(ctx, r, region, "ec2:DescribeFlowLogs", p.HasMorePages, p.NextPage, func(page *ec2.DescribeFlowLogsOutput) {
		for _, f := range page.FlowLogs {
			id := awssdk.ToString(f.FlowLogId)
			fl := model.FlowLog{
				Meta:       r.meta("aws_flow_log", r.arn("ec2", region, "", "vpc-flow-log/"+id), id, region),
				ResourceID: f.ResourceId,
			}
			if t := resourceType(awssdk.ToString(f.ResourceId)); t != "" {
				fl.ResourceType = model.Ptr(t)
			}
			if f.TrafficType != "" {
				fl.TrafficType = model.Ptr(string(f.TrafficType))
			}
			if f.LogDestinationType != "" {
				fl.LogDestinationType = model.Ptr(string(f.LogDestinationType))
			}
			fl.LogDestination = f.LogDestination
			if fl.LogDestination == nil {
				fl.LogDestination = f.LogGroupName
			}
			if f.FlowLogStatus != nil {
				fl.Status = model.Ptr(*f.FlowLogStatus)
			}
			out = append(out, fl)
		}
	}, pathFlowLogs, pathVPCFlowLogs, pathLogGroupFeeders) {
		return nil
	}
	return out
}

// resourceType names what a flow log is attached to from its resource ID.
func resourceType(id string) string {
	for _, p := range []struct{ prefix, kind string }{
		{"vpc-", "VPC"}, {"subnet-", "Subnet"}, {"eni-", "NetworkInterface"},
		{"tgw-attach-", "TransitGatewayAttachment"}, {"tgw-", "TransitGateway"},
	} {
		if strings.HasPrefix(id, p.prefix) {
			return p.kind
		}
	}
	return ""
}

// linkFlowLogs fills each VPC's FlowLogs with the flow logs attached to it
// (a subnet or ENI flow log is not a VPC flow log).
func linkFlowLogs(vpcs []model.VPC, logs []model.FlowLog) {
	byVPC := map[string][]string{}
	for _, f := range logs {
		if f.ResourceType != nil && *f.ResourceType == "VPC" && f.ResourceID != nil {
			byVPC[*f.ResourceID] = append(byVPC[*f.ResourceID], f.Meta.ID)
		}
	}
	for i := range vpcs {
		vpcs[i].FlowLogs = append([]string{}, byVPC[vpcs[i].Meta.ID]...)
	}
}

// securityGroups lists the region's security groups with their rules:
// one model rule per IpPermission, ingress and egress.
func (r *reader) securityGroups(ctx context.Context, api ec2API, region string) []model.SecurityGroup {
	var out []model.SecurityGroup
	p := ec2.NewDescribeSecurityGroupsPaginator(api, &ec2.DescribeSecurityGroupsInput{MaxResults: awssdk.Int32(ec2PageSize)})
	if !listPages(ctx, r, region, "ec2:DescribeSecurityGroups", p.HasMorePages, p.NextPage, func(page *ec2.DescribeSecurityGroupsOutput) {
		for _, g := range page.SecurityGroups {
			out = append(out, r.groupModel(g, region))
		}
	}, pathSecurityGroups) {
		return nil
	}
	return out
}

func (r *reader) groupModel(g ec2types.SecurityGroup, region string) model.SecurityGroup {
	id := awssdk.ToString(g.GroupId)
	arn := awssdk.ToString(g.SecurityGroupArn)
	if arn == "" {
		arn = r.arn("ec2", region, awssdk.ToString(g.OwnerId), "security-group/"+id)
	}
	def := awssdk.ToString(g.GroupName) == "default"
	typ := "aws_security_group"
	if def {
		typ = "aws_default_security_group"
	}
	sg := model.SecurityGroup{Meta: r.meta(typ, arn, id, region), Name: g.GroupName, VPCID: g.VpcId, IsDefault: def, Rules: []model.SecurityGroupRule{}}
	for _, dir := range []struct {
		name  string
		perms []ec2types.IpPermission
	}{{"ingress", g.IpPermissions}, {"egress", g.IpPermissionsEgress}} {
		for i, p := range dir.perms {
			sg.Rules = append(sg.Rules, ruleModel(sg.Meta, dir.name, i, p))
		}
	}
	return sg
}

// ruleModel adapts one IpPermission. Protocol "-1" (all traffic) comes
// without ports; a group source naming the group itself is Self.
func ruleModel(group model.Meta, dir string, i int, p ec2types.IpPermission) model.SecurityGroupRule {
	rule := model.SecurityGroupRule{
		Meta:                 group,
		Label:                dir + "[" + strconv.Itoa(i) + "]",
		Group:                group.ID,
		Direction:            model.Ptr(dir),
		Protocol:             model.Ptr(strings.ToLower(awssdk.ToString(p.IpProtocol))),
		FromPort:             intPtr(p.FromPort),
		ToPort:               intPtr(p.ToPort),
		CIDRBlocks:           []string{},
		IPv6CIDRBlocks:       []string{},
		PrefixListIDs:        []string{},
		SourceSecurityGroups: []string{},
		Self:                 model.Ptr(false),
	}
	for _, c := range p.IpRanges {
		if c.CidrIp != nil {
			rule.CIDRBlocks = append(rule.CIDRBlocks, *c.CidrIp)
		}
	}
	for _, c := range p.Ipv6Ranges {
		if c.CidrIpv6 != nil {
			rule.IPv6CIDRBlocks = append(rule.IPv6CIDRBlocks, *c.CidrIpv6)
		}
	}
	for _, pl := range p.PrefixListIds {
		if pl.PrefixListId != nil {
			rule.PrefixListIDs = append(rule.PrefixListIDs, *pl.PrefixListId)
		}
	}
	for _, pair := range p.UserIdGroupPairs {
		switch id := awssdk.ToString(pair.GroupId); {
		case id == group.ID:
			rule.Self = model.Ptr(true)
		case id != "":
			rule.SourceSecurityGroups = append(rule.SourceSecurityGroups, id)
		}
	}
	return rule
}

func intPtr(v *int32) *int {
	if v == nil {
		return nil
	}
	return model.Ptr(int(*v))
}

// networkACLs lists the region's network ACLs with their entries, ordered
// by direction and rule number (the order AWS evaluates them in).
func (r *reader) networkACLs(ctx context.Context, api ec2API, region string) []model.NetworkACL {
	var out []model.NetworkACL
	p := ec2.NewDescribeNetworkAclsPaginator(api, &ec2.DescribeNetworkAclsInput{MaxResults: awssdk.Int32(naclPageSize)})
	if !listPages(ctx, r, region, "ec2:DescribeNetworkAcls", p.HasMorePages, p.NextPage, func(page *ec2.DescribeNetworkAclsOutput) {
		for _, a := range page.NetworkAcls {
			out = append(out, r.aclModel(a, region))
		}
	}, pathNetworkACLs) {
		return nil
	}
	return out
}

func (r *reader) aclModel(a ec2types.NetworkAcl, region string) model.NetworkACL {
	id := awssdk.ToString(a.NetworkAclId)
	def := awssdk.ToBool(a.IsDefault)
	typ := "aws_network_acl"
	if def {
		typ = "aws_default_network_acl"
	}
	acl := model.NetworkACL{
		Meta:      r.meta(typ, r.arn("ec2", region, awssdk.ToString(a.OwnerId), "network-acl/"+id), id, region),
		VPCID:     a.VpcId,
		IsDefault: def,
		Rules:     []model.NetworkACLRule{},
	}
	entries := slices.Clone(a.Entries)
	slices.SortStableFunc(entries, func(x, y ec2types.NetworkAclEntry) int {
		if ex, ey := awssdk.ToBool(x.Egress), awssdk.ToBool(y.Egress); ex != ey {
			if ex {
				return 1
			}
			return -1
		}
		return cmp.Compare(awssdk.ToInt32(x.RuleNumber), awssdk.ToInt32(y.RuleNumber))
	})
	counts := map[bool]int{}
	for _, e := range entries {
		egress := awssdk.ToBool(e.Egress)
		dir := "ingress"
		if egress {
			dir = "egress"
		}
		rule := model.NetworkACLRule{
			Meta:          acl.Meta,
			Label:         dir + "[" + strconv.Itoa(counts[egress]) + "]",
			ACL:           id,
			Egress:        model.Ptr(egress),
			RuleNumber:    intPtr(e.RuleNumber),
			Protocol:      model.Ptr(strings.ToLower(awssdk.ToString(e.Protocol))),
			RuleAction:    model.Ptr(strings.ToLower(string(e.RuleAction))),
			CIDRBlock:     e.CidrBlock,
			IPv6CIDRBlock: e.Ipv6CidrBlock,
		}
		counts[egress]++
		if e.PortRange != nil {
			rule.FromPort, rule.ToPort = intPtr(e.PortRange.From), intPtr(e.PortRange.To)
		}
		acl.Rules = append(acl.Rules, rule)
	}
	return acl
}
