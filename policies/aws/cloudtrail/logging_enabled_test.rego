package kansa.aws.cloudtrail.logging_enabled_test

import data.kansa.aws.cloudtrail.logging_enabled as check

trail(extra) := object.union({"meta": {"address": "aws_cloudtrail.main", "type": "aws_cloudtrail"}, "enable_logging": true}, extra)

state(trails) := {"aws": {"cloudtrail": {"trails": trails}}}

test_fail_set if {
	t := trail({"enable_logging": false, "meta": {"address": "aws_cloudtrail.main", "attributes": {"enable_logging": 4}}})
	results := check.deny with input as state([t])
	{r.msg | some r in results} == {"aws_cloudtrail.main is not logging (enable_logging is false)"}
	{r.attribute | some r in results} == {"enable_logging"}
}

test_fail_defaulted if {
	t := trail({"enable_logging": false, "meta": {"address": "aws_cloudtrail.main", "defaulted": ["enable_logging"]}})
	results := check.deny with input as state([t])
	count(results) == 1
	{r | some r in results; r.attribute} == set()
}

test_pass_good if {
	count(check.deny) == 0 with input as state([trail({})])
	count(check.unknown) == 0 with input as state([trail({})])
}

test_unknown_variable if {
	t := {"meta": {"address": "aws_cloudtrail.main", "unknown": ["enable_logging"]}}
	count(check.deny) == 0 with input as state([t])
	count(check.unknown) == 1 with input as state([t])
}
