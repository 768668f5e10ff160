package alicloud

import (
	"context"
	"strconv"
	"strings"

	"github.com/kansa-sec/kansa/internal/model"
	"github.com/kansa-sec/kansa/scanners/internal/cloudutil"
)

// Model paths the ECS calls feed.
const (
	pathSecurityGroups = "alicloud.ecs.security_groups"
)

// maxResults is what kansa asks of the token-paginated ECS APIs.
const maxResults = "100"

// groupWorkers bounds the DescribeSecurityGroupAttribute calls of one
// region in flight at once (regions themselves run in parallel too).
const groupWorkers = 4

type wireGroup struct {
	SecurityGroupID   string `json:"SecurityGroupId"`
	SecurityGroupName string `json:"SecurityGroupName"`
	VpcID             string `json:"VpcId"`
}

type describeGroupsBody struct {
	NextToken      string `json:"NextToken"`
	SecurityGroups struct {
		SecurityGroup []wireGroup `json:"SecurityGroup"`
	} `json:"SecurityGroups"`
}

type wirePermission struct {
	SecurityGroupRuleID string  `json:"SecurityGroupRuleId"`
	Direction           string  `json:"Direction"`
	IPProtocol          string  `json:"IpProtocol"`
	PortRange           string  `json:"PortRange"`
	SourceCidrIP        string  `json:"SourceCidrIp"`
	IPv6SourceCidrIP    string  `json:"Ipv6SourceCidrIp"`
	SourceGroupID       string  `json:"SourceGroupId"`
	SourcePrefixListID  string  `json:"SourcePrefixListId"`
	Policy              string  `json:"Policy"`
	Priority            flexInt `json:"Priority"`
}

type groupAttributeBody struct {
	NextToken   string `json:"NextToken"`
	Permissions struct {
		Permission []wirePermission `json:"Permission"`
	} `json:"Permissions"`
}

// tokens calls fetch with "", then each NextToken it returns, until it
// returns none.
func tokens(ctx context.Context, fetch func(ctx context.Context, token string) (next string, err error)) error {
	token := ""
	for page := 1; ; page++ {
		if page > maxPages {
			return errTooManyPages
		}
		next, err := fetch(ctx, token)
		if err != nil {
			return err
		}
		if next == "" || next == token {
			return nil
		}
		token = next
	}
}

// securityGroups lists the security groups of region with their ingress
// rules. When the group list fails, that is a gap for the region; when
// one group's rules cannot be read, the group gets one rule whose every
// attribute is unknown, so the SSH and RDP checks are undecided (an error)
// for that group rather than passing it.
func (r *run) securityGroups(ctx context.Context, region string) []model.SecurityGroup {
	var wires []wireGroup
	err := tokens(ctx, func(ctx context.Context, token string) (string, error) {
		var out describeGroupsBody
		q := map[string]string{"RegionId": region, "MaxResults": maxResults}
		if token != "" {
			q["NextToken"] = token
		}
		if err := r.rpc.callRPC(ctx, opDescribeSecurityGroups, region, q, &out); err != nil {
			return "", err
		}
		wires = append(wires, out.SecurityGroups.SecurityGroup...)
		return out.NextToken, nil
	})
	if err != nil {
		r.gap(region, err, opDescribeSecurityGroups, pathSecurityGroups)
		return nil
	}
	ids := make([]string, len(wires))
	byID := make(map[string]wireGroup, len(wires))
	for i, w := range wires {
		ids[i] = w.SecurityGroupID
		byID[w.SecurityGroupID] = w
	}
	groups, err := cloudutil.Each(ctx, ids, groupWorkers, func(ctx context.Context, id string) (model.SecurityGroup, error) {
		return r.securityGroup(ctx, region, byID[id]), nil
	})
	if err != nil { // only the context ends Each early
		return nil
	}
	return groups
}

// securityGroup reads the ingress rules of one group.
func (r *run) securityGroup(ctx context.Context, region string, w wireGroup) model.SecurityGroup {
	arn := r.arn("ecs", region, "securitygroup/"+w.SecurityGroupID)
	g := model.SecurityGroup{
		Meta:  r.meta("alicloud_security_group", w.SecurityGroupID, arn, region),
		Name:  strPtr(w.SecurityGroupName),
		VPCID: strPtr(w.VpcID),
		Rules: []model.SecurityGroupRule{},
	}
	err := tokens(ctx, func(ctx context.Context, token string) (string, error) {
		var out groupAttributeBody
		q := map[string]string{"RegionId": region, "SecurityGroupId": w.SecurityGroupID, "Direction": "ingress", "MaxResults": maxResults}
		if token != "" {
			q["NextToken"] = token
		}
		if err := r.rpc.callRPC(ctx, opDescribeSecurityGroupAttribute, region, q, &out); err != nil {
			return "", err
		}
		for _, p := range out.Permissions.Permission {
			g.Rules = append(g.Rules, r.ruleModel(g, p, len(g.Rules)))
		}
		return out.NextToken, nil
	})
	if err != nil {
		g.Rules = []model.SecurityGroupRule{unreadRules(g, reasonOf(err))}
	}
	return g
}

// ruleModel adapts one permission. n numbers rules without an ID.
func (r *run) ruleModel(g model.SecurityGroup, p wirePermission, n int) model.SecurityGroupRule {
	id := p.SecurityGroupRuleID
	if id == "" {
		id = g.Meta.ID + "/ingress/" + strconv.Itoa(n)
	}
	m := g.Meta
	m.Type = "alicloud_security_group_rule"
	m.ID = id
	m.ARN = g.Meta.ARN + "/rule/" + id
	rule := model.SecurityGroupRule{
		Meta:                 m,
		Label:                "ingress rule " + id + " of " + g.Meta.ID,
		Group:                g.Meta.ID,
		Direction:            lower(p.Direction),
		Protocol:             lower(p.IPProtocol),
		PortRange:            strPtr(p.PortRange),
		CIDRBlocks:           listOf(p.SourceCidrIP),
		IPv6CIDRBlocks:       listOf(p.IPv6SourceCidrIP),
		SourceSecurityGroups: listOf(p.SourceGroupID),
		PrefixListIDs:        listOf(p.SourcePrefixListID),
		Policy:               lower(p.Policy),
		Priority:             p.Priority.ptr(),
	}
	if rule.Direction == nil { // asked for ingress rules only
		rule.Direction = model.Ptr("ingress")
	}
	if rule.Policy == nil { // the API's default
		rule.Policy = model.Ptr("accept")
		rule.Meta.MarkDefaulted("policy")
	}
	for attr, v := range map[string]*string{"protocol": rule.Protocol, "port_range": rule.PortRange} {
		if v == nil {
			rule.Meta.MarkUnknown(attr, opDescribeSecurityGroupAttribute.String()+": no "+attr+" in the answer")
		}
	}
	return rule
}

// unreadRules stands for the rules of a group that could not be read:
// every attribute the checks read is unknown, with the reason.
func unreadRules(g model.SecurityGroup, reason string) model.SecurityGroupRule {
	m := g.Meta
	m.Type = "alicloud_security_group_rule"
	m.ID = g.Meta.ID + "/ingress"
	m.ARN = g.Meta.ARN
	// The reason once, on "rules"; the attributes the checks read are unknown.
	m.MarkUnknown("rules", opDescribeSecurityGroupAttribute.String()+": "+reason)
	for _, attr := range []string{"direction", "policy", "protocol", "port_range", "cidr_ip", "ipv6_cidr_ip"} {
		m.MarkUnknown(attr, "")
	}
	return model.SecurityGroupRule{
		Meta:                 m,
		Label:                "the rules of " + g.Meta.ID + " (not read)",
		Group:                g.Meta.ID,
		CIDRBlocks:           []string{},
		IPv6CIDRBlocks:       []string{},
		SourceSecurityGroups: []string{},
		PrefixListIDs:        []string{},
	}
}

func listOf(s string) []string {
	if s = strings.TrimSpace(s); s == "" {
		return []string{}
	}
	return []string{s}
}
