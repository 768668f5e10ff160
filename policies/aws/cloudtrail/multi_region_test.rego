package kansa.aws.cloudtrail.multi_region_test

import data.kansa.aws.cloudtrail.multi_region as check

trail(extra) := object.union({"meta": {"address": "aws_cloudtrail.main", "type": "aws_cloudtrail"}, "is_multi_region_trail": true}, extra)

state(trails) := {"aws": {"cloudtrail": {"trails": trails}}}

test_fail_single_region if {
	t := trail({"is_multi_region_trail": false, "meta": {"address": "aws_cloudtrail.main", "attributes": {"is_multi_region_trail": 4}}})
	results := check.deny with input as state([t])
	{r.msg | some r in results} == {"aws_cloudtrail.main records only its own region (is_multi_region_trail is false)"}
	{r.attribute | some r in results} == {"is_multi_region_trail"}
}

test_fail_defaulted if {
	t := trail({"is_multi_region_trail": false, "meta": {"address": "aws_cloudtrail.main", "defaulted": ["is_multi_region_trail"]}})
	count(check.deny) == 1 with input as state([t])
}

test_pass_multi_region if {
	count(check.deny) == 0 with input as state([trail({})])
	count(check.unknown) == 0 with input as state([trail({})])
}

test_unknown_variable if {
	t := {"meta": {"address": "aws_cloudtrail.main", "unknown": ["is_multi_region_trail"]}}
	count(check.deny) == 0 with input as state([t])
	count(check.unknown) == 1 with input as state([t])
}
