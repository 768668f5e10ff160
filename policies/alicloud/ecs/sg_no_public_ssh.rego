# METADATA
# title: Security groups do not allow SSH from the internet
# description: |
#   An ingress rule with policy accept whose source is 0.0.0.0/0 or ::/0 (cidr_ip,
#   ipv6_cidr_ip; any prefix of length 0) and whose protocol is tcp or all with a
#   port_range that covers SSH (data.kansa.config.ports.ssh, default 22) exposes
#   the instances to brute force from the whole internet. "-1/-1" means every
#   port and protocol all covers every port; drop rules are not exposure.
# related_resources:
#   - https://www.alibabacloud.com/help/en/ecs/user-guide/security-group-rules
#   - https://registry.terraform.io/providers/aliyun/alicloud/latest/docs/resources/security_group_rule
# custom:
#   id: alicloud-sg-no-public-ssh
#   severity: critical
#   scope: resource
#   selector: alicloud.ecs.security_groups
#   frameworks:
#     cis-alicloud:
#       "2.0.0": ["3.2", "4.3"]
#   remediation: |
#     Allow SSH only from the networks that need it, or reach instances through
#     a bastion host or Cloud Assistant instead of an open port.
#
#     ```hcl
#     resource "alicloud_security_group_rule" "ssh" {
#       type              = "ingress"
#       ip_protocol       = "tcp"
#       policy            = "accept"
#       port_range        = "22/22"
#       security_group_id = alicloud_security_group.web.id
#       cidr_ip           = "10.20.0.0/16" # not 0.0.0.0/0
#     }
#     ```
package kansa.alicloud.ecs.sg_no_public_ssh

import data.kansa.alicloud.ecs.sg_rules
import data.kansa.lib
import data.kansa.lib.sg

check_id := "alicloud-sg-no-public-ssh"

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
