package terraform

import (
	"github.com/kansa-sec/kansa/internal/model"
)

// alicloudSecurityGroups adapts alicloud_security_group and
// alicloud_security_group_rule, merging each rule into its group.
//
// Defaults per the alicloud provider >= 1.256 documentation for
// alicloud_security_group_rule: policy "accept", priority 1, port_range
// "-1/-1"; and when none of cidr_ip, ipv6_cidr_ip, source_security_group_id
// and prefix_list_id is set, the provider sends cidr_ip "0.0.0.0/0".
func (a *adapter) alicloudSecurityGroups() {
	ecs := &a.state.Alicloud.ECS
	for _, in := range a.of("alicloud_security_group") {
		g := model.SecurityGroup{Meta: a.meta(in), Rules: []model.SecurityGroupRule{}}
		r := reader{meta: &g.Meta, body: in.Body}
		if g.Name, _ = r.str("security_group_name"); g.Name == nil {
			g.Name, _ = r.str("name")
		}
		g.VPCID, _ = r.str("vpc_id")
		ecs.SecurityGroups = append(ecs.SecurityGroups, g)
	}
	var rules []model.SecurityGroupRule
	for _, in := range a.of("alicloud_security_group_rule") {
		rule := model.SecurityGroupRule{Meta: a.meta(in), Label: in.Address}
		r := reader{meta: &rule.Meta, body: in.Body}
		m := &rule.Meta
		rule.Direction, _ = r.lower("type")
		rule.Protocol, _ = r.lower("ip_protocol")
		var st valState
		if rule.PortRange, st = r.str("port_range"); st == unset {
			rule.PortRange = model.Ptr("-1/-1")
			m.MarkDefaulted("port_range")
		}
		if rule.Policy, st = r.lower("policy"); st == unset {
			rule.Policy = model.Ptr("accept")
			m.MarkDefaulted("policy")
		}
		if rule.Priority, st = r.num("priority"); st == unset {
			rule.Priority = model.Ptr(1)
			m.MarkDefaulted("priority")
		}
		cidr, st1 := r.str("cidr_ip")
		v6, st2 := r.str("ipv6_cidr_ip")
		src, st3 := r.str("source_security_group_id")
		pl, st4 := r.str("prefix_list_id")
		rule.CIDRBlocks, rule.IPv6CIDRBlocks, rule.SourceSecurityGroups, rule.PrefixListIDs = list(cidr), list(v6), list(src), list(pl)
		if !st1.set() && !st2.set() && !st3.set() && !st4.set() {
			rule.CIDRBlocks = []string{"0.0.0.0/0"}
			m.MarkDefaulted("cidr_ip")
		}
		rule.Group = groupRef(r)
		rules = append(rules, rule)
	}
	ecs.SecurityGroupRules = append(ecs.SecurityGroupRules, mergeRules(ecs.SecurityGroups, rules)...)
}

func list(s *string) []string {
	if s == nil {
		return []string{}
	}
	return []string{*s}
}
