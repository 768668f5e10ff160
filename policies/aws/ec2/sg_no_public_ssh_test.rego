package kansa.aws.ec2.sg_no_public_ssh_test

import data.kansa.aws.ec2.sg_no_public_ssh as check

inline_rule(extra) := object.union(
	{
		"meta": {"address": "aws_security_group.web", "type": "aws_security_group", "attributes": {"cidr_blocks": 12}},
		"label": "ingress[0]",
		"direction": "ingress",
		"protocol": "tcp",
		"from_port": 22,
		"to_port": 22,
		"cidr_blocks": ["0.0.0.0/0"],
		"ipv6_cidr_blocks": [],
	},
	extra,
)

group(rules) := {"meta": {"address": "aws_security_group.web", "type": "aws_security_group"}, "rules": rules}

state(groups, standalone) := {"aws": {"ec2": {"security_groups": groups, "security_group_rules": standalone}}}

test_fail_inline_ipv4 if {
	results := check.deny with input as state([group([inline_rule({})])], [])
	{r.msg | some r in results} == {"aws_security_group.web allows 0.0.0.0/0 to port 22 (ingress[0])"}
	{r.attribute | some r in results} == {"cidr_blocks"}
}

test_fail_all_protocols_ipv6 if {
	r := inline_rule({"protocol": "-1", "from_port": 0, "to_port": 0, "cidr_blocks": [], "ipv6_cidr_blocks": ["::/0"]})
	count(check.deny) == 1 with input as state([group([r])], [])
}

test_fail_standalone_rule_without_group if {
	r := inline_rule({"meta": {"address": "aws_security_group_rule.ssh", "type": "aws_security_group_rule"}, "label": "aws_security_group_rule.ssh"})
	{x.resource.meta.address | some x in check.deny} == {"aws_security_group_rule.ssh"} with input as state([], [r])
}

test_fail_any_zero_prefix if {
	r := inline_rule({"cidr_blocks": ["1.2.3.4/0"], "from_port": 0, "to_port": 65535})
	count(check.deny) == 1 with input as state([group([r])], [])
}

test_pass_restricted_source if {
	r := inline_rule({"cidr_blocks": ["10.0.0.0/16"]})
	count(check.deny) == 0 with input as state([group([r])], [])
	count(check.unknown) == 0 with input as state([group([r])], [])
}

test_pass_rdp_only if {
	r := inline_rule({"from_port": 3389, "to_port": 3389})
	count(check.deny) == 0 with input as state([group([r])], [])
}

test_pass_udp if count(check.deny) == 0 with input as state([group([inline_rule({"protocol": "udp"})])], [])

test_pass_tcp_minus_one if {
	count(check.deny) == 0 with input as state([group([inline_rule({"from_port": -1, "to_port": -1})])], [])
}

test_pass_ports_from_config if {
	r := inline_rule({"from_port": 2222, "to_port": 2222})
	count(check.deny) == 0 with input as state([group([r])], [])
	count(check.deny) == 1 with input as state([group([r])], []) with data.kansa.config.checks as {"aws-sg-no-public-ssh": {"ports": {"ssh": [2222]}}}
}

test_unknown_cidr_variable if {
	r := inline_rule({"cidr_blocks": [], "meta": {"unknown": ["cidr_blocks"]}})
	count(check.deny) == 0 with input as state([group([r])], [])
	count(check.unknown) == 1 with input as state([group([r])], [])
}

test_unknown_protocol if {
	r := inline_rule({"protocol": null, "from_port": 80, "to_port": 80, "meta": {"unknown": ["protocol"]}})
	count(check.deny) == 0 with input as state([group([r])], [])
	count(check.unknown) == 1 with input as state([group([r])], [])
}
