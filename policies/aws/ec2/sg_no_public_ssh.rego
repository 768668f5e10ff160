# METADATA
# title: Security groups do not allow SSH from the internet
# description: |
#   An ingress rule whose source is 0.0.0.0/0 or ::/0 (or any other prefix of
#   length 0) and whose protocol is tcp, 6 or all (-1) with a port range that
#   covers SSH (data.kansa.config.ports.ssh, default 22) exposes the instances
#   behind the group to brute force from the whole internet. Protocol -1 covers
#   every port whatever from_port/to_port say; self = true does not make a rule
#   safe; a rule whose only sources are prefix lists or security groups is not open.
# related_resources:
#   - https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html
#   - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/security_group
# custom:
#   id: aws-sg-no-public-ssh
#   severity: critical
#   scope: resource
#   selector: aws.ec2.security_groups
#   frameworks:
#     cis-aws:
#       "3.0.0": ["5.2", "5.3"]
#       "4.0.1": ["5.3", "5.4"]
#       "5.0.0": ["5.3", "5.4"]
#       "6.0.0": ["6.3", "6.4"]
#       "7.0.0": ["6.3", "6.4"]
#   remediation: |
#     Allow SSH only from the networks that need it (a VPN or bastion range),
#     or use AWS Systems Manager Session Manager instead of an open port.
#
#     ```hcl
#     resource "aws_vpc_security_group_ingress_rule" "ssh" {
#       security_group_id = aws_security_group.web.id
#       ip_protocol       = "tcp"
#       from_port         = 22
#       to_port           = 22
#       cidr_ipv4         = "10.20.0.0/16" # not 0.0.0.0/0
#     }
#     ```
package kansa.aws.ec2.sg_no_public_ssh

import data.kansa.aws.ec2.sg_rules
import data.kansa.lib
import data.kansa.lib.sg

check_id := "aws-sg-no-public-ssh"

ports := lib.setting(check_id, "ports").ssh

# _results pairs each result with its status, so the rules are read once
# for deny and unknown.
_results contains [hit.status, sg.result_of(rule, hit)] if {
	some rule in sg_rules.rules
	some hit in sg.verdict(object.filter(rule, sg.keys), object.get(rule, ["meta", "unknown"], []), ports)
}

deny contains result if {
	some ["fail", result] in _results
}

unknown contains result if {
	some ["unknown", result] in _results
}
