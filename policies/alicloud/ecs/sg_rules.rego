# METADATA
# description: Every Alibaba Cloud security group rule.
package kansa.alicloud.ecs.sg_rules

# rules are the rules merged into their groups and the standalone rules whose
# group is not in the scan.
rules contains rule if {
	some group in input.alicloud.ecs.security_groups
	some rule in group.rules
}

rules contains rule if {
	some rule in input.alicloud.ecs.security_group_rules
}
