package kansa.alicloud.actiontrail.all_regions_events_test

import data.kansa.alicloud.actiontrail.all_regions_events as check

trail(extra) := object.union(
	{
		"meta": {"address": "alicloud_actiontrail_trail.t", "type": "alicloud_actiontrail_trail", "attributes": {"trail_region": 4, "event_rw": 5}},
		"name": "audit",
		"trail_region": "All",
		"event_rw": "All",
		"status": "Enable",
	},
	extra,
)

state(trails) := {"alicloud": {"actiontrail": {"trails": trails}}}

test_pass_all_regions_all_events if {
	count(check.deny) == 0 with input as state([trail({})])
	count(check.unknown) == 0 with input as state([trail({})])
}

test_pass_case_insensitive if count(check.deny) == 0 with input as state([trail({"trail_region": "all", "event_rw": "ALL"})])

test_fail_one_region if {
	results := check.deny with input as state([trail({"trail_region": "cn-hangzhou"})])
	{r.msg | some r in results} == {"alicloud_actiontrail_trail.t records the events of region cn-hangzhou only, not every region (trail_region = cn-hangzhou)"}
	{r.attribute | some r in results} == {"trail_region"}
}

test_fail_write_only if {
	results := check.deny with input as state([trail({"event_rw": "Write"})])
	{r.msg | some r in results} == {"alicloud_actiontrail_trail.t records write events only, not every event (event_rw = Write)"}
	{r.attribute | some r in results} == {"event_rw"}
}

test_fail_both_one_finding_each if {
	count(check.deny) == 2 with input as state([trail({"event_rw": "Read", "trail_region": "cn-beijing"})])
}

test_fail_pinned_provider_default if {
	t := {"meta": {"address": "alicloud_actiontrail_trail.t", "defaulted": ["event_rw"]}, "trail_region": "All", "event_rw": "Write"}
	results := check.deny with input as state([t])
	{r.msg | some r in results} == {"alicloud_actiontrail_trail.t records write events only, not every event (event_rw = Write, the default of the pinned alicloud provider version)"}
	{object.get(r, "attribute", "") | some r in results} == {""}
}

test_unknown_region if {
	t := trail({"trail_region": null, "meta": {"address": "alicloud_actiontrail_trail.t", "unknown": ["trail_region"]}})
	count(check.deny) == 0 with input as state([t])
	{r.msg | some r in check.unknown} == {"alicloud_actiontrail_trail.t may not record every region and event: trail_region unresolved"} with input as state([t])
}

test_no_unknown_when_failing if {
	t := trail({"event_rw": "Read", "meta": {"address": "alicloud_actiontrail_trail.t", "unknown": ["trail_region"]}})
	count(check.deny) == 1 with input as state([t])
	count(check.unknown) == 0 with input as state([t])
}

test_fail_non_string_value_still_reported if {
	{r.msg | some r in check.deny} == {"alicloud_actiontrail_trail.t records 5 events only, not every event (event_rw = 5)"} with input as state([trail({"event_rw": 5})])
}
