package kansa.aws.cloudtrail.log_validation_test

import data.kansa.aws.cloudtrail.log_validation as check

trail(extra) := object.union({"meta": {"address": "aws_cloudtrail.main", "type": "aws_cloudtrail"}, "enable_log_file_validation": true}, extra)

state(trails) := {"aws": {"cloudtrail": {"trails": trails}}}

test_fail_set if {
	t := trail({"enable_log_file_validation": false, "meta": {"address": "aws_cloudtrail.main", "attributes": {"enable_log_file_validation": 4}}})
	results := check.deny with input as state([t])
	{r.msg | some r in results} == {"aws_cloudtrail.main does not validate its log files (enable_log_file_validation is false)"}
	{r.attribute | some r in results} == {"enable_log_file_validation"}
}

test_fail_defaulted if {
	t := trail({"enable_log_file_validation": false, "meta": {"address": "aws_cloudtrail.main", "defaulted": ["enable_log_file_validation"]}})
	results := check.deny with input as state([t])
	count(results) == 1
	{r | some r in results; r.attribute} == set()
}

test_pass_good if {
	count(check.deny) == 0 with input as state([trail({})])
	count(check.unknown) == 0 with input as state([trail({})])
}

test_unknown_variable if {
	t := {"meta": {"address": "aws_cloudtrail.main", "unknown": ["enable_log_file_validation"]}}
	count(check.deny) == 0 with input as state([t])
	count(check.unknown) == 1 with input as state([t])
}
