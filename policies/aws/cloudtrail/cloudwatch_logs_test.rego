package kansa.aws.cloudtrail.cloudwatch_logs_test

import data.kansa.aws.cloudtrail.cloudwatch_logs as check

trail(extra) := object.union({"meta": {"address": "aws_cloudtrail.main", "type": "aws_cloudtrail"}, "cloud_watch_logs_group_arn": "arn:aws:logs:eu-west-1:111122223333:log-group:trail:*"}, extra)

state(trails) := {"aws": {"cloudtrail": {"trails": trails}}}

test_fail_set if {
	t := trail({"cloud_watch_logs_group_arn": "", "meta": {"address": "aws_cloudtrail.main", "attributes": {"cloud_watch_logs_group_arn": 4}}})
	results := check.deny with input as state([t])
	{r.msg | some r in results} == {"aws_cloudtrail.main does not deliver to CloudWatch Logs (no cloud_watch_logs_group_arn)"}
	{r.attribute | some r in results} == {"cloud_watch_logs_group_arn"}
}

test_fail_defaulted if {
	t := trail({"cloud_watch_logs_group_arn": "", "meta": {"address": "aws_cloudtrail.main", "defaulted": ["cloud_watch_logs_group_arn"]}})
	results := check.deny with input as state([t])
	count(results) == 1
	{r | some r in results; r.attribute} == set()
}

test_pass_good if {
	count(check.deny) == 0 with input as state([trail({})])
	count(check.unknown) == 0 with input as state([trail({})])
}

test_unknown_variable if {
	t := {"meta": {"address": "aws_cloudtrail.main", "unknown": ["cloud_watch_logs_group_arn"]}}
	count(check.deny) == 0 with input as state([t])
	count(check.unknown) == 1 with input as state([t])
}
