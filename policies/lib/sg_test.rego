package kansa.lib.sg_test

import data.kansa.lib.sg

rule(extra) := object.union(
	{
		"meta": {"address": "aws_security_group.web", "attributes": {"cidr_blocks": 5, "ipv6_cidr_blocks": 6}},
		"label": "ingress[1]",
		"direction": "ingress",
		"protocol": "tcp",
		"from_port": 22,
		"to_port": 22,
		"cidr_blocks": ["0.0.0.0/0"],
		"ipv6_cidr_blocks": [],
		"prefix_list_ids": [],
		"source_security_groups": [],
	},
	extra,
)

msgs(set) := {x.msg | some x in set}

test_fail_ipv4_message_and_attribute if {
	sg.failures([rule({})], [22]) == {{
		"resource": rule({}),
		"msg": "aws_security_group.web allows 0.0.0.0/0 to port 22 (ingress[1])",
		"attribute": "cidr_blocks",
	}}
}

test_fail_ipv6_and_ipv4_separately if {
	r := rule({"protocol": "-1", "from_port": 0, "to_port": 0, "ipv6_cidr_blocks": ["::/0"]})
	msgs(sg.failures([r], [22])) == {
		"aws_security_group.web allows 0.0.0.0/0 to port 22 (ingress[1])",
		"aws_security_group.web allows ::/0 to port 22 (ingress[1])",
	}
	{x.attribute | some x in sg.failures([r], [22])} == {"cidr_blocks", "ipv6_cidr_blocks"}
}

test_fail_several_ports if {
	msgs(sg.failures([rule({"from_port": 0, "to_port": 65535})], [22, 2222])) == {"aws_security_group.web allows 0.0.0.0/0 to ports 22, 2222 (ingress[1])"}
}

test_fail_self_does_not_make_safe if count(sg.failures([rule({"self": true})], [22])) == 1

test_fail_standalone_label_not_repeated if {
	r := rule({"meta": {"address": "aws_security_group_rule.ssh"}, "label": "aws_security_group_rule.ssh"})
	msgs(sg.failures([r], [22])) == {"aws_security_group_rule.ssh allows 0.0.0.0/0 to port 22"}
}

test_pass_egress if {
	count(sg.failures([rule({"direction": "egress"})], [22])) == 0
	count(sg.unknowns([rule({"direction": "egress"})], [22])) == 0
}

test_pass_prefix_list_or_group_source if {
	r := rule({"cidr_blocks": [], "prefix_list_ids": ["pl-1"], "source_security_groups": ["sg-1"]})
	count(sg.failures([r], [22])) == 0
	count(sg.unknowns([r], [22])) == 0
}

test_pass_no_source if count(sg.failures([rule({"cidr_blocks": []})], [22])) == 0

test_pass_private_cidr if count(sg.failures([rule({"cidr_blocks": ["10.0.0.0/8"]})], [22])) == 0

test_pass_other_port if count(sg.failures([rule({"from_port": 80, "to_port": 80})], [22])) == 0

test_pass_drop_policy if {
	r := rule({"policy": "drop"})
	count(sg.failures([r], [22])) == 0
	count(sg.unknowns([r], [22])) == 0
}

test_fail_accept_policy if count(sg.failures([rule({"policy": "accept"})], [22])) == 1

test_unknown_direction if {
	r := rule({"direction": null, "meta": {"address": "a.b", "unknown": ["direction"]}})
	count(sg.failures([r], [22])) == 0
	msgs(sg.unknowns([r], [22])) == {"a.b may allow the internet to port 22 (ingress[1]): open source, unresolved direction, protocol, ports or policy"}
}

test_unknown_policy if {
	r := rule({"policy": null, "meta": {"address": "a.b", "unknown": ["policy"]}})
	count(sg.failures([r], [22])) == 0
	count(sg.unknowns([r], [22])) == 1
}

test_unknown_cidr if {
	r := rule({"cidr_blocks": [], "meta": {"address": "a.b", "unknown": ["cidr_blocks"]}})
	count(sg.failures([r], [22])) == 0
	msgs(sg.unknowns([r], [22])) == {"a.b may allow the internet to port 22 (ingress[1]): cidr_blocks is unresolved"}
}

test_unknown_ports if {
	r := rule({"from_port": null, "to_port": null, "meta": {"address": "a.b", "unknown": ["from_port", "to_port"]}})
	count(sg.failures([r], [22])) == 0
	count(sg.unknowns([r], [22])) == 1
}

test_unknown_malformed_cidr if {
	r := rule({"cidr_blocks": ["/0"]})
	count(sg.failures([r], [22])) == 0
	msgs(sg.unknowns([r], [22])) == {"aws_security_group.web may allow the internet to port 22 (ingress[1]): malformed CIDR /0"}
}

test_no_unknown_when_failing if {
	r := rule({"meta": {"address": "a.b", "unknown": ["ipv6_cidr_blocks"]}})
	count(sg.failures([r], [22])) == 1
	count(sg.unknowns([r], [22])) == 0
}

test_no_unknown_when_closed_whatever_unknowns if {
	r := rule({"protocol": "udp", "meta": {"address": "a.b", "unknown": ["cidr_blocks"]}})
	count(sg.unknowns([r], [22])) == 0
}

test_meta_unknown_not_a_list_has_no_facts if {
	every unk in [null, "", {}, 5] {
		r := rule({"meta": {"address": "aws_security_group.web", "unknown": unk}})
		count(sg.failures([r], [22])) == 0
		count(sg.unknowns([r], [22])) == 0
	}
}

test_unresolved_sources_without_sources if {
	r := rule({"meta": {"address": "aws_security_group.web", "unknown": ["cidr_ipv4"]}, "cidr_blocks": null})
	msgs(sg.unknowns([r], [22])) == {"aws_security_group.web may allow the internet to port 22 (ingress[1]): cidr_blocks is unresolved"}
}

test_duplicate_open_cidrs_listed_once if {
	r := rule({"cidr_blocks": ["10.0.0.0/8", "0.0.0.0/0"]})
	msgs(sg.failures([r], [22])) == {"aws_security_group.web allows 0.0.0.0/0 to port 22 (ingress[1])"} with data.kansa.config.open_cidrs as ["0.0.0.0/0", "0.0.0.0/1"]
}
