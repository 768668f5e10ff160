package kansa.alicloud.actiontrail.sls_delivery_test

import data.kansa.alicloud.actiontrail.sls_delivery as check

trail(extra) := object.union({"meta": {"address": "alicloud_actiontrail_trail.t"}, "name": "audit"}, extra)

state(trails) := {"alicloud": {"actiontrail": {"trails": trails}}}

test_pass_sls_project if {
	s := state([trail({"sls_project_arn": "acs:log:cn-hangzhou:1234:project/audit"})])
	count(check.deny) == 0 with input as s
	count(check.unknown) == 0 with input as s
}

test_fail_unset if {
	{r.msg | some r in check.deny} == {"alicloud_actiontrail_trail.t delivers to no Log Service project (sls_project_arn is unset)"} with input as state([trail({})])
}

test_fail_empty_string_points_at_line if {
	t := trail({"sls_project_arn": "", "meta": {"address": "alicloud_actiontrail_trail.t", "attributes": {"sls_project_arn": 3}}})
	{r.attribute | some r in check.deny} == {"sls_project_arn"} with input as state([t])
}

test_unknown_arn if {
	t := trail({"meta": {"address": "alicloud_actiontrail_trail.t", "unknown": ["sls_project_arn"]}})
	count(check.deny) == 0 with input as state([t])
	count(check.unknown) == 1 with input as state([t])
}
