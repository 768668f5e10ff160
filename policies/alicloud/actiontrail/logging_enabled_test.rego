package kansa.alicloud.actiontrail.logging_enabled_test

import data.kansa.alicloud.actiontrail.logging_enabled as check

trail(status, unknown) := {
	"meta": {"address": "alicloud_actiontrail_trail.t", "attributes": {"status": 6}, "unknown": unknown},
	"status": status,
}

state(trails) := {"alicloud": {"actiontrail": {"trails": trails}}}

test_pass_enabled if {
	count(check.deny) == 0 with input as state([trail("Enable", [])])
	count(check.unknown) == 0 with input as state([trail("Enable", [])])
}

test_fail_disabled if {
	results := check.deny with input as state([trail("Disable", [])])
	results == {{"resource": trail("Disable", []), "msg": "alicloud_actiontrail_trail.t has status Disable: it records no events", "attribute": "status"}}
}

test_unknown_status if {
	count(check.deny) == 0 with input as state([trail(null, ["status"])])
	{r.msg | some r in check.unknown} == {"alicloud_actiontrail_trail.t may not be logging: status is unresolved"} with input as state([trail(null, ["status"])])
}

test_pass_status_absent if count(check.deny) == 0 with input as state([{"meta": {"address": "a.b"}}])
