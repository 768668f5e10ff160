# METADATA
# title: ActionTrail trails deliver to Log Service
# description: |
#   A trail that delivers to no SLS project (sls_project_arn unset) keeps its
#   events only in OSS or the console's 90-day history, where they cannot be
#   searched, alerted on or correlated with the other audit logs. An
#   unresolved sls_project_arn is undecided, never failed.
# related_resources:
#   - https://www.alibabacloud.com/help/en/actiontrail/user-guide/deliver-events-to-log-service
#   - https://registry.terraform.io/providers/aliyun/alicloud/latest/docs/resources/actiontrail_trail
# custom:
#   id: alicloud-actiontrail-sls-delivery
#   severity: medium
#   scope: resource
#   selector: alicloud.actiontrail.trails
#   frameworks:
#     cis-alicloud:
#       "2.0.0": "2.3"
#   remediation: |
#     Deliver the trail's events to a Log Service project (ActionTrail writes
#     them to the logstore `actiontrail_<trail name>` there; keep it 1095 days).
#
#     ```hcl
#     resource "alicloud_actiontrail_trail" "main" {
#       trail_name         = "audit"
#       sls_project_arn    = "acs:log:cn-hangzhou:${data.alicloud_account.current.id}:project/${alicloud_log_project.audit.project_name}"
#       sls_write_role_arn = data.alicloud_ram_roles.actiontrail.roles[0].arn
#     }
#     ```
package kansa.alicloud.actiontrail.sls_delivery

import data.kansa.lib

deny contains result if {
	some trail in input.alicloud.actiontrail.trails
	not lib.unknown(trail, "sls_project_arn")
	not _delivers(trail)
	msg := sprintf("%s delivers to no Log Service project (sls_project_arn is unset)", [lib.identity(trail)])
	result := lib.with_attribute({"resource": trail, "msg": msg}, trail, ["sls_project_arn"])
}

unknown contains result if {
	some trail in input.alicloud.actiontrail.trails
	lib.unknown(trail, "sls_project_arn")
	result := {"resource": trail, "msg": sprintf("%s may deliver to no Log Service project: sls_project_arn is unresolved", [lib.identity(trail)])}
}

_delivers(trail) if {
	is_string(trail.sls_project_arn)
	trim_space(trail.sls_project_arn) != ""
}
