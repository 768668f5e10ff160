package kansa.aws.ec2.nacl_no_public_admin_ports_test

import data.kansa.aws.ec2.nacl_no_public_admin_ports as check

rule(label, n, action, extra) := object.union(
	{
		"meta": {"address": "aws_network_acl.main", "type": "aws_network_acl", "attributes": {"cidr_block": 9}},
		"label": label, "acl": "tf:aws_network_acl.main.id",
		"egress": false, "rule_number": n, "rule_action": action, "protocol": "tcp",
		"cidr_block": "0.0.0.0/0", "from_port": 22, "to_port": 22,
	},
	extra,
)

acl(rules) := {"meta": {"address": "aws_network_acl.main", "type": "aws_network_acl"}, "rules": rules}

state(acls, orphans) := {"aws": {"ec2": {"network_acls": acls, "network_acl_rules": orphans}}}

test_fail_inline_ssh if {
	results := check.deny with input as state([acl([rule("ingress[0]", 100, "allow", {})])], [])
	{r.msg | some r in results} == {"aws_network_acl.main (ingress[0]) rule 100 allows 0.0.0.0/0 to port 22"}
	{r.attribute | some r in results} == {"cidr_block"}
}

test_fail_all_protocols_covers_both_ports if {
	r := rule("ingress[0]", 100, "allow", {"protocol": "-1", "from_port": 0, "to_port": 0})
	{x.msg | some x in check.deny} == {"aws_network_acl.main (ingress[0]) rule 100 allows 0.0.0.0/0 to ports 22, 3389"} with input as state([acl([r])], [])
}

test_fail_ipv6 if {
	r := rule("ingress[0]", 100, "allow", {"cidr_block": null, "ipv6_cidr_block": "::/0", "from_port": 3389, "to_port": 3389})
	count(check.deny) == 1 with input as state([acl([r])], [])
}

test_pass_lower_deny_shadows if {
	rules := [rule("ingress[0]", 10, "deny", {"from_port": 20, "to_port": 22}), rule("ingress[1]", 100, "allow", {})]
	count(check.deny) == 0 with input as state([acl(rules)], [])
	count(check.unknown) == 0 with input as state([acl(rules)], [])
}

test_fail_higher_deny_does_not_shadow if {
	rules := [rule("ingress[0]", 200, "deny", {}), rule("ingress[1]", 100, "allow", {})]
	count(check.deny) == 1 with input as state([acl(rules)], [])
}

test_fail_ipv4_deny_does_not_shadow_ipv6 if {
	rules := [rule("ingress[0]", 10, "deny", {}), rule("ingress[1]", 100, "allow", {"cidr_block": null, "ipv6_cidr_block": "::/0"})]
	count(check.deny) == 1 with input as state([acl(rules)], [])
}

test_fail_deny_of_one_port_leaves_the_other if {
	rules := [rule("ingress[0]", 10, "deny", {"from_port": 3389, "to_port": 3389}), rule("ingress[1]", 100, "allow", {"protocol": "-1"})]
	{x.msg | some x in check.deny} == {"aws_network_acl.main (ingress[1]) rule 100 allows 0.0.0.0/0 to port 22"} with input as state([acl(rules)], [])
}

test_fail_standalone_orphan if {
	r := rule("aws_network_acl_rule.ssh", 100, "allow", {"meta": {"address": "aws_network_acl_rule.ssh"}, "acl": "acl-123"})
	{x.resource.meta.address | some x in check.deny} == {"aws_network_acl_rule.ssh"} with input as state([], [r])
}

test_pass_egress if count(check.deny) == 0 with input as state([acl([rule("egress[0]", 100, "allow", {"egress": true})])], [])

test_pass_private_source if count(check.deny) == 0 with input as state([acl([rule("ingress[0]", 100, "allow", {"cidr_block": "10.0.0.0/8"})])], [])

test_pass_deny_rule if count(check.deny) == 0 with input as state([acl([rule("ingress[0]", 100, "deny", {})])], [])

test_pass_other_port if count(check.deny) == 0 with input as state([acl([rule("ingress[0]", 100, "allow", {"from_port": 80, "to_port": 80})])], [])

test_unknown_cidr if {
	r := rule("ingress[0]", 100, "allow", {"cidr_block": null, "meta": {"address": "aws_network_acl.main", "unknown": ["cidr_block"]}})
	count(check.deny) == 0 with input as state([acl([r])], [])
	count(check.unknown) == 1 with input as state([acl([r])], [])
}

test_unknown_deny_rule_number if {
	d := rule("ingress[0]", null, "deny", {"meta": {"address": "aws_network_acl.main", "unknown": ["rule_no"]}})
	rules := [d, rule("ingress[1]", 100, "allow", {})]
	count(check.deny) == 0 with input as state([acl(rules)], [])
	count(check.unknown) == 1 with input as state([acl(rules)], [])
}

test_unknown_ingress_list if {
	a := {"meta": {"address": "aws_network_acl.main", "unknown": ["ingress"]}, "rules": []}
	count(check.unknown) == 1 with input as state([a], [])
}

test_unknown_direction_and_action if {
	r1 := rule("aws_network_acl_rule.a", 100, null, {"meta": {"address": "aws_network_acl_rule.a", "unknown": ["rule_action"]}, "acl": "acl-1"})
	r2 := rule("aws_network_acl_rule.b", null, "allow", {"egress": null, "meta": {"address": "aws_network_acl_rule.b", "unknown": ["egress", "rule_number"]}, "acl": "acl-2"})
	count(check.deny) == 0 with input as state([], [r1, r2])
	{x.msg | some x in check.unknown} == {
		"aws_network_acl_rule.a rule 100 may allow the internet to port 22: a value of the rule, or of a deny rule that could come first, is unresolved",
		"aws_network_acl_rule.b may allow the internet to port 22: a value of the rule, or of a deny rule that could come first, is unresolved",
	} with input as state([], [r1, r2])
}

test_fail_one_port_with_other_undecided if {
	d := rule("ingress[0]", 10, "deny", {"cidr_block": null, "from_port": 3389, "to_port": 3389, "meta": {"address": "aws_network_acl.main", "unknown": ["cidr_block"]}})
	a := rule("ingress[1]", 100, "allow", {"protocol": "-1"})
	{x.msg | some x in check.deny} == {"aws_network_acl.main (ingress[1]) rule 100 allows 0.0.0.0/0 to port 22"} with input as state([acl([d, a])], [])
	count(check.unknown) == 0 with input as state([acl([d, a])], [])
}
