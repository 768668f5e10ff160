package kansa.alicloud.actiontrail.enabled_test

import data.kansa.alicloud.actiontrail.enabled as check

trail(name, extra) := object.union(
	{
		"meta": {"address": sprintf("alicloud_actiontrail_trail.%s", [name])},
		"status": "Enable",
		"trail_region": "All",
		"event_rw": "All",
	},
	extra,
)

# A VPC in the code makes it an Alibaba Cloud scan even without trails.
state(scope, trails) := {"source": "terraform", "scope": scope, "alicloud": {
	"actiontrail": {"trails": trails},
	"vpc": {"vpcs": [{"meta": {"address": "alicloud_vpc.v"}}]},
}}

test_pass_complete_trail if {
	s := state("code", [trail("a", {"trail_region": "cn-hangzhou"}), trail("b", {})])
	count(check.deny) == 0 with input as s
	count(check.unknown) == 0 with input as s
}

test_fail_no_trail_in_code if {
	results := check.deny with input as state("code", [])
	results == {{
		"resource": {"meta": {"source": "terraform", "type": "alicloud_account", "id": "alicloud-account"}},
		"msg": "the scanned code has no ActionTrail trail",
	}}
}

test_fail_no_trail_in_account if {
	{r.msg | some r in check.deny} == {"the account has no ActionTrail trail"} with input as state("account", [])
}

test_fail_incomplete_trails if {
	s := state("code", [trail("a", {"trail_region": "cn-hangzhou"}), trail("b", {"status": "Disable", "event_rw": "Write"})])
	{r.msg | some r in check.deny} == {"the scanned code has no ActionTrail trail that is enabled and records every region and event (alicloud_actiontrail_trail.a: trail_region cn-hangzhou; alicloud_actiontrail_trail.b: event_rw Write, status Disable)"} with input as s
}

test_unknown_trail_may_be_complete if {
	t := trail("a", {"status": null, "meta": {"unknown": ["status"]}})
	s := state("code", [t, trail("b", {"event_rw": "Read"})])
	count(check.deny) == 0 with input as s
	{r.msg | some r in check.unknown} == {"the scanned code may have no trail that records every region and event: values of alicloud_actiontrail_trail.a are unresolved"} with input as s
}

test_fail_unknown_trail_already_wrong if {
	t := trail("a", {"status": null, "trail_region": "cn-beijing", "meta": {"unknown": ["status"]}})
	count(check.deny) == 1 with input as state("code", [t])
	count(check.unknown) == 0 with input as state("code", [t])
}

test_pass_not_an_alicloud_scan if {
	s := {"source": "terraform", "scope": "code", "alicloud": {"actiontrail": {"trails": []}}, "aws": {"ec2": {"vpcs": [{"meta": {}}]}}}
	count(check.deny) == 0 with input as s
	count(check.unknown) == 0 with input as s
}
