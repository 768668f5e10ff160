# METADATA
# title: ActionTrail trails are logging
# description: |
#   A trail whose status is not Enable (status = "Disable" in Terraform,
#   GetTrailStatus IsLogging false live) records nothing: the audit trail is
#   lost. An unset status is Enable (alicloud provider >= 1.256 default); an
#   unresolved one is undecided, never failed.
# related_resources:
#   - https://www.alibabacloud.com/help/en/actiontrail/developer-reference/api-actiontrail-2020-07-06-gettrailstatus
#   - https://registry.terraform.io/providers/aliyun/alicloud/latest/docs/resources/actiontrail_trail
# custom:
#   id: alicloud-actiontrail-logging-enabled
#   severity: critical
#   scope: resource
#   selector: alicloud.actiontrail.trails
#   frameworks:
#     cis-alicloud:
#       "2.0.0": "2.1"
#   remediation: |
#     Turn the trail on (or remove `status`, whose default is Enable).
#
#     ```hcl
#     resource "alicloud_actiontrail_trail" "main" {
#       trail_name = "audit"
#       status     = "Enable"
#     }
#     ```
package kansa.alicloud.actiontrail.logging_enabled

import data.kansa.lib

deny contains result if {
	some trail in input.alicloud.actiontrail.trails
	lib.known(trail, "status")
	not lib.equals_fold(trail, "status", "Enable")
	msg := sprintf("%s has status %v: it records no events", [lib.identity(trail), trail.status])
	result := lib.with_attribute({"resource": trail, "msg": msg}, trail, ["status"])
}

unknown contains result if {
	some trail in input.alicloud.actiontrail.trails
	lib.unknown(trail, "status")
	result := {"resource": trail, "msg": sprintf("%s may not be logging: status is unresolved", [lib.identity(trail)])}
}
