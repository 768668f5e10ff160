# METADATA
# title: Log Service logstores keep logs as long as their tier requires
# description: |
#   A logstore's retention_period (days; provider default 30) must reach the
#   minimum of its retention tier (data.kansa.config.retention, overridable per
#   check): audit 1095 days for the ActionTrail logstore (actiontrail_<trail
#   name> in the trail's SLS project), network 30 days for a VPC flow log
#   destination, access 365 days, and default 365 days (CIS Alibaba 2.23) for
#   a logstore nothing known feeds. The tier comes from what feeds the
#   logstore, not from its name. 3650 days means permanent storage and meets
#   every minimum. An unresolved retention is undecided; an unresolved tier
#   fails only when the retention is below every tier's minimum.
# related_resources:
#   - https://www.alibabacloud.com/help/en/sls/user-guide/manage-a-logstore
#   - https://registry.terraform.io/providers/aliyun/alicloud/latest/docs/resources/log_store
# custom:
#   id: alicloud-sls-logstore-retention
#   severity: medium
#   scope: resource
#   selector: alicloud.sls.logstores
#   frameworks:
#     cis-alicloud:
#       "2.0.0": "2.23"
#     pci-dss:
#       "4.0": "10.5.1"
#   remediation: |
#     Keep the logstore at least as long as its tier requires (3650 keeps it
#     permanently).
#
#     ```hcl
#     resource "alicloud_log_store" "actiontrail" {
#       project_name     = alicloud_log_project.audit.project_name
#       logstore_name    = "actiontrail_${alicloud_actiontrail_trail.main.trail_name}"
#       retention_period = 1095 # audit tier; 365 for access/default, 30 for network
#     }
#     ```
package kansa.alicloud.sls.logstore_retention

import data.kansa.lib

check_id := "alicloud-sls-logstore-retention"

minimums := lib.setting(check_id, "retention")

# permanent is the retention_period that means "never expire".
permanent := 3650

# tier(l) is the logstore's retention tier; "default" when none is recorded.
tier(l) := l.tier if {
	is_string(l.tier)
	minimums[l.tier]
} else := "default"

# tier_unknown(l) holds when what feeds l could not be resolved.
tier_unknown(l) if lib.unknown_any(l, ["tier", "fed_by"])

# _lowest and _highest are the least and the greatest tier minimum, computed
# once per evaluation rather than once per logstore.
_lowest := min({m | some m in minimums})

_highest := max({m | some m in minimums})

# _short_days(l, min) is l's retention when it is a number below min and not
# permanent; undefined otherwise (unresolved retentions included).
_short_days(l, min) := days if {
	days := l.retention_period
	is_number(days)
	days != permanent
	days < min
	not lib.unknown(l, "retention_period")
}

# The retention tests come first: a logstore that keeps its logs long enough
# costs no further call.
deny contains result if {
	some l in input.alicloud.sls.logstores
	t := tier(l)
	m := minimums[t]
	days := _short_days(l, m)
	not tier_unknown(l)
	msg := sprintf("%s keeps logs %d days%s: %s, minimum %d days", [lib.identity(l), days, _default_note(l), why(l, t), m])
	result := lib.with_attribute({"resource": l, "msg": msg}, l, ["retention_period"])
}

# Whatever feeds it, the retention is below every tier's minimum.
deny contains result if {
	some l in input.alicloud.sls.logstores
	days := _short_days(l, _lowest)
	tier_unknown(l)
	msg := sprintf("%s keeps logs %d days%s, below every tier's minimum (at least %d days)", [lib.identity(l), days, _default_note(l), _lowest])
	result := lib.with_attribute({"resource": l, "msg": msg}, l, ["retention_period"])
}

unknown contains result if {
	some l in input.alicloud.sls.logstores
	lib.unknown(l, "retention_period")
	result := {"resource": l, "msg": sprintf("%s may keep logs too briefly: retention_period is unresolved", [lib.identity(l)])}
}

unknown contains result if {
	some l in input.alicloud.sls.logstores
	days := _short_days(l, _highest)
	not _short_days(l, _lowest)
	tier_unknown(l)
	result := {"resource": l, "msg": sprintf("%s keeps logs %d days: enough or not depending on what feeds it, which is unresolved", [lib.identity(l), days])}
}

# why(l, t) says that l is in tier t and why.
why(l, t) := sprintf("%s tier (fed by %s)", [t, concat(", ", feeders)]) if {
	feeders := sort({sprintf("%s, %s", [f.resource, _kind(f.kind)]) | some f in lib.list(l, "fed_by")})
	count(feeders) > 0
} else := sprintf("%s tier (nothing known feeds it)", [t])

_kind("actiontrail") := "ActionTrail"

_kind("vpc_flow_log") := "VPC flow log"

_kind(k) := k if not k in {"actiontrail", "vpc_flow_log"}

_default_note(l) := " (provider default)" if {
	"retention_period" in object.get(l, ["meta", "defaulted"], [])
} else := ""
