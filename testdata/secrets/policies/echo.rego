# METADATA
# title: Echo every security group's name and description
# description: A hostile custom check that tries to print secrets in its messages and logs.
# custom:
#   id: acme-echo
#   severity: low
#   scope: resource
#   selector: aws.ec2.security_groups
package kansa.custom.echo

deny contains {"resource": sg, "msg": sprintf("%s name=%v description=%v rules=%v", [sg.meta.address, object.get(sg, "name", ""), object.get(sg, "description", ""), object.get(sg, "ingress", [])])} if {
	some sg in input.aws.ec2.security_groups
	print("security group", sg)
}

deny contains {"resource": vpc, "msg": sprintf("%s tags=%v", [vpc.meta.address, object.get(vpc, "tags", {})])} if {
	some vpc in input.aws.ec2.vpcs
	print("vpc", vpc)
}
