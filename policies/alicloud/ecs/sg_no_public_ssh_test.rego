package kansa.alicloud.ecs.sg_no_public_ssh_test

import data.kansa.alicloud.ecs.sg_no_public_ssh as check

rule(extra) := object.union(
	{
		"meta": {"address": "alicloud_security_group_rule.r", "type": "alicloud_security_group_rule", "attributes": {"cidr_ip": 8}},
		"label": "alicloud_security_group_rule.r",
		"direction": "ingress",
		"policy": "accept",
		"protocol": "tcp",
		"port_range": "22/22",
		"cidr_blocks": ["0.0.0.0/0"],
		"ipv6_cidr_blocks": [],
	},
	extra,
)

state(rules) := {"alicloud": {"ecs": {"security_groups": [], "security_group_rules": rules}}}

grouped(rules) := {"alicloud": {"ecs": {
	"security_groups": [{"meta": {"address": "alicloud_security_group.g"}, "rules": rules}],
	"security_group_rules": [],
}}}

test_fail_tcp_22 if {
	results := check.deny with input as state([rule({})])
	{r.msg | some r in results} == {"alicloud_security_group_rule.r allows 0.0.0.0/0 to port 22"}
	{r.attribute | some r in results} == {"cidr_ip"}
}

test_fail_merged_into_group if count(check.deny) == 1 with input as grouped([rule({})])

test_fail_all_ports if count(check.deny) == 1 with input as state([rule({"port_range": "-1/-1"})])

test_fail_wide_range if count(check.deny) == 1 with input as state([rule({"port_range": "1/65535"})])

test_fail_protocol_all_any_range if count(check.deny) == 1 with input as state([rule({"protocol": "all", "port_range": "444/445"})])

test_fail_ipv6 if count(check.deny) == 1 with input as state([rule({"cidr_blocks": [], "ipv6_cidr_blocks": ["::/0"]})])

test_pass_drop if count(check.deny) == 0 with input as state([rule({"policy": "drop"})])

test_pass_gre_all_ports if count(check.deny) == 0 with input as state([rule({"protocol": "gre", "port_range": "-1/-1"})])

test_pass_icmp if count(check.deny) == 0 with input as state([rule({"protocol": "icmp", "port_range": "-1/-1"})])

test_pass_other_range if count(check.deny) == 0 with input as state([rule({"port_range": "1/21"})])

test_pass_private_source if count(check.deny) == 0 with input as state([rule({"cidr_blocks": ["10.159.6.18/12"]})])

test_pass_egress if count(check.deny) == 0 with input as state([rule({"direction": "egress"})])

test_unknown_source if {
	r := rule({"cidr_blocks": [], "meta": {"unknown": ["cidr_blocks"]}})
	count(check.deny) == 0 with input as state([r])
	count(check.unknown) == 1 with input as state([r])
}

test_unknown_port_range if {
	r := rule({"port_range": null, "meta": {"unknown": ["port_range"]}})
	count(check.deny) == 0 with input as state([r])
	count(check.unknown) == 1 with input as state([r])
}
