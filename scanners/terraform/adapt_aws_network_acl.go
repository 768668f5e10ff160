package terraform

import (
	"github.com/kansa-sec/kansa/internal/model"
)

// awsNetworkACLs adapts aws_network_acl and aws_default_network_acl (inline
// ingress/egress blocks) and aws_network_acl_rule, merged into its ACL by
// network_acl_id.
//
// Defaults per the AWS provider v5/v6 documentation: aws_network_acl_rule
// egress false. Inline rule arguments are all required.
func (a *adapter) awsNetworkACLs() {
	ec2 := &a.state.AWS.EC2
	for _, typ := range []string{"aws_network_acl", "aws_default_network_acl"} {
		for _, in := range a.of(typ) {
			n := model.NetworkACL{Meta: a.meta(in), IsDefault: typ == "aws_default_network_acl", Rules: []model.NetworkACLRule{}}
			n.VPCID, _ = reader{meta: &n.Meta, body: in.Body}.str("vpc_id")
			for _, dir := range []string{"ingress", "egress"} {
				for _, ib := range inlineBlocks(&n.Meta, in.Body, dir) {
					rule := model.NetworkACLRule{Label: ib.label, ACL: n.Meta.ID, Egress: model.Ptr(dir == "egress"), Meta: ib.meta}
					r := reader{meta: &rule.Meta, body: ib.body}
					if ib.unknown {
						for _, name := range []string{"rule_no", "action", "protocol", "cidr_block", "from_port", "to_port"} {
							r.unknown(name)
						}
					}
					rule.RuleNumber, _ = r.num("rule_no")
					rule.RuleAction, _ = r.lower("action")
					fillNACLRule(&rule, r)
					n.Rules = append(n.Rules, rule)
				}
			}
			ec2.NetworkACLs = append(ec2.NetworkACLs, n)
		}
	}
	byID := map[string]int{}
	for i, n := range ec2.NetworkACLs {
		byID[n.Meta.ID] = i
	}
	for _, in := range a.of("aws_network_acl_rule") {
		rule := model.NetworkACLRule{Meta: a.meta(in), Label: in.Address}
		r := reader{meta: &rule.Meta, body: in.Body}
		rule.RuleNumber, _ = r.num("rule_number")
		rule.RuleAction, _ = r.lower("rule_action")
		rule.Egress = boolDefault(r, "egress", false)
		fillNACLRule(&rule, r)
		if id, _ := r.str("network_acl_id"); id != nil {
			rule.ACL = *id
		}
		if i, ok := byID[rule.ACL]; ok && rule.ACL != "" {
			ec2.NetworkACLs[i].Rules = append(ec2.NetworkACLs[i].Rules, rule)
			continue
		}
		ec2.NetworkACLRules = append(ec2.NetworkACLRules, rule)
	}
}

func fillNACLRule(rule *model.NetworkACLRule, r reader) {
	rule.Protocol, _ = r.lower("protocol")
	rule.CIDRBlock, _ = r.str("cidr_block")
	rule.IPv6CIDRBlock, _ = r.str("ipv6_cidr_block")
	rule.FromPort, _ = r.num("from_port")
	rule.ToPort, _ = r.num("to_port")
}
