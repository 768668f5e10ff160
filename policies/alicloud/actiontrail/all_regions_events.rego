# METADATA
# title: ActionTrail trails record every region and every event
# description: |
#   A trail that records only one region (trail_region other than "All") or
#   only read or write events (event_rw other than "All") leaves API calls
#   out of the audit trail. Unset trail_region and event_rw mean "All" (the
#   API default that alicloud provider >= 1.256 leaves them to); a module that
#   pins an older provider gets event_rw "Write", those versions' default.
#   An unresolved value is undecided, never failed.
# related_resources:
#   - https://www.alibabacloud.com/help/en/actiontrail/user-guide/create-a-single-account-trail
#   - https://registry.terraform.io/providers/aliyun/alicloud/latest/docs/resources/actiontrail_trail
# custom:
#   id: alicloud-actiontrail-all-regions-events
#   severity: high
#   scope: resource
#   selector: alicloud.actiontrail.trails
#   frameworks:
#     cis-alicloud:
#       "2.0.0": "2.1"
#   remediation: |
#     Record read and write events of every region.
#
#     ```hcl
#     resource "alicloud_actiontrail_trail" "main" {
#       trail_name      = "audit"
#       trail_region    = "All"
#       event_rw        = "All"
#       sls_project_arn = "acs:log:cn-hangzhou:${data.alicloud_account.current.id}:project/${alicloud_log_project.audit.project_name}"
#     }
#     ```
package kansa.alicloud.actiontrail.all_regions_events

import data.kansa.lib

# wanted maps each attribute that must be "All" to what it selects.
wanted := {"trail_region": "regions", "event_rw": "events"}

deny contains result if {
	some trail in input.alicloud.actiontrail.trails
	some attr, _ in wanted
	lib.known(trail, attr)
	not lib.equals_fold(trail, attr, "All")
	result := lib.with_attribute({"resource": trail, "msg": msg(trail, attr)}, trail, [attr])
}

unknown contains result if {
	some trail in input.alicloud.actiontrail.trails
	unresolved := [attr | some attr, _ in wanted; lib.unknown(trail, attr)]
	count(unresolved) > 0
	not _fails(trail)
	result := {"resource": trail, "msg": sprintf("%s may not record every region and event: %s unresolved", [lib.identity(trail), concat(" and ", unresolved)])}
}

_fails(trail) if {
	some attr, _ in wanted
	lib.known(trail, attr)
	not lib.equals_fold(trail, attr, "All")
}

msg(trail, "trail_region") := sprintf("%s records the events of region %v only, not every region (trail_region = %v%s)", [lib.identity(trail), trail.trail_region, trail.trail_region, _default_note(trail, "trail_region")])

msg(trail, "event_rw") := sprintf("%s records %v events only, not every event (event_rw = %v%s)", [lib.identity(trail), _events(trail.event_rw), trail.event_rw, _default_note(trail, "event_rw")])

_events(v) := lower(v) if is_string(v)

else := v

_default_note(trail, attr) := ", the default of the pinned alicloud provider version" if {
	attr in object.get(trail, ["meta", "defaulted"], [])
} else := ""
