# METADATA
# description: Every AWS security group rule, whatever Terraform form declared it.
package kansa.aws.ec2.sg_rules

# rules are the rules merged into their groups (inline, dynamic, standalone
# whose group is known) and the standalone rules whose group is not in the scan.
rules contains rule if {
	some group in input.aws.ec2.security_groups
	some rule in group.rules
}

rules contains rule if {
	some rule in input.aws.ec2.security_group_rules
}
