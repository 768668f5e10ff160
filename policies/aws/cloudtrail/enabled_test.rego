package kansa.aws.cloudtrail.enabled_test

import data.kansa.aws.cloudtrail.enabled as check

trail(extra) := object.union(
	{"meta": {"address": "aws_cloudtrail.main"}, "is_multi_region_trail": true, "enable_logging": true, "management_events_read_write": true},
	extra,
)

state(trails) := {"source": "terraform", "scope": "code", "aws": {"cloudtrail": {"trails": trails}, "ec2": {"vpcs": [{"meta": {}}]}}}

test_pass_complete_trail if {
	count(check.deny) == 0 with input as state([trail({"is_multi_region_trail": false, "meta": {"address": "aws_cloudtrail.regional"}}), trail({})])
	count(check.unknown) == 0 with input as state([trail({})])
}

test_fail_no_trail if {
	results := check.deny with input as state([])
	{r.msg | some r in results} == {"no CloudTrail trail exists"}
	{r.resource.meta.type | some r in results} == {"aws_account"}
}

test_fail_no_trail_live if {
	count(check.deny) == 1 with input as {"source": "aws", "scope": "account", "aws": {"cloudtrail": {"trails": []}}}
}

test_fail_incomplete_trails if {
	results := check.deny with input as state([trail({"is_multi_region_trail": false}), trail({"meta": {"address": "aws_cloudtrail.b"}, "enable_logging": false})])
	{r.msg | some r in results} == {"no CloudTrail trail is multi-region, logging and recording management read and write events (aws_cloudtrail.b lacks enable_logging, aws_cloudtrail.main lacks is_multi_region_trail)"}
}

test_pass_nothing_aws_scanned if {
	count(check.deny) == 0 with input as {"source": "terraform", "scope": "code", "aws": {"cloudtrail": {"trails": []}}}
}

test_unknown_unresolved_trail if {
	t := {"meta": {"address": "aws_cloudtrail.main", "unknown": ["management_events_read_write"]}, "is_multi_region_trail": true, "enable_logging": true}
	count(check.deny) == 0 with input as state([t])
	count(check.unknown) == 1 with input as state([t])
}
