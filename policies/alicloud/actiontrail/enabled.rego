# METADATA
# title: ActionTrail records every region and event of the account
# description: |
#   Account scope: the account needs at least one trail that is logging
#   (status Enable), covers every region (trail_region "All") and records
#   read and write events (event_rw "All"); without one, API calls go
#   unrecorded. Judged on live scans, and on Terraform or plans only with
#   --require-account-checks, from what the scan holds: a trail elsewhere
#   in the account is not seen. A trail whose values are unresolved leaves
#   the account undecided, never failed.
# related_resources:
#   - https://www.alibabacloud.com/help/en/actiontrail/user-guide/create-a-single-account-trail
#   - https://registry.terraform.io/providers/aliyun/alicloud/latest/docs/resources/actiontrail_trail
# custom:
#   id: alicloud-actiontrail-enabled
#   severity: critical
#   scope: account
#   frameworks:
#     cis-alicloud:
#       "2.0.0": "2.1"
#   remediation: |
#     Create one trail that records every event of every region.
#
#     ```hcl
#     resource "alicloud_actiontrail_trail" "main" {
#       trail_name      = "audit"
#       trail_region    = "All"
#       event_rw        = "All"
#       status          = "Enable"
#       sls_project_arn = "acs:log:cn-hangzhou:${data.alicloud_account.current.id}:project/${alicloud_log_project.audit.project_name}"
#     }
#     ```
package kansa.alicloud.actiontrail.enabled

import data.kansa.alicloud.account
import data.kansa.lib

# wanted is the value each attribute of a complete trail must have.
wanted := {"status": "Enable", "trail_region": "All", "event_rw": "All"}

trails := input.alicloud.actiontrail.trails

# complete(t) holds when trail t logs every event of every region.
complete(t) if {
	every attr, v in wanted {
		lib.equals_fold(t, attr, v)
	}
}

# wrong(t) lists what certainly keeps trail t from being complete.
wrong(t) := [sprintf("%s %v", [attr, t[attr]]) |
	some attr, v in wanted
	lib.known(t, attr)
	not lib.equals_fold(t, attr, v)
]

# possible(t) holds when trail t may be complete once its unresolved values are known.
possible(t) if {
	count(wrong(t)) == 0
	some attr, _ in wanted
	lib.unknown(t, attr)
}

deny contains result if {
	account.scanned
	not _any_complete
	not _any_possible
	result := {"resource": account.account, "msg": msg}
}

unknown contains result if {
	account.scanned
	not _any_complete
	names := sort([lib.identity(t) | some t in trails; possible(t)])
	count(names) > 0
	result := {"resource": account.account, "msg": sprintf("%s may have no trail that records every region and event: values of %s are unresolved", [account.where, concat(", ", names)])}
}

_any_complete if {
	some t in trails
	complete(t)
}

_any_possible if {
	some t in trails
	possible(t)
}

msg := sprintf("%s has no ActionTrail trail", [account.where]) if {
	count(trails) == 0
} else := sprintf("%s has no ActionTrail trail that is enabled and records every region and event (%s)", [account.where, concat("; ", details)]) if {
	details := sort([sprintf("%s: %s", [lib.identity(t), concat(", ", wrong(t))]) | some t in trails])
}
