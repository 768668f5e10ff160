package kansa.aws.logs.log_retention_test

import data.kansa.aws.logs.log_retention as check

group(extra) := object.union({"meta": {"address": "aws_cloudwatch_log_group.flow", "attributes": {"retention_in_days": 3}}, "fed_by": [], "tier": "default"}, extra)

flow := {"fed_by": [{"kind": "vpc_flow_log", "resource": "aws_flow_log.main"}], "tier": "network"}

trail := {"fed_by": [{"kind": "cloudtrail", "resource": "aws_cloudtrail.main"}], "tier": "audit"}

state(groups) := {"aws": {"logs": {"log_groups": groups}}}

test_fail_network_tier if {
	results := check.deny with input as state([group(object.union(flow, {"retention_in_days": 14}))])
	{r.msg | some r in results} == {"aws_cloudwatch_log_group.flow is fed by aws_flow_log.main: network tier, minimum 30 days, has 14"}
	{r.attribute | some r in results} == {"retention_in_days"}
}

test_pass_network_tier if {
	count(check.deny) == 0 with input as state([group(object.union(flow, {"retention_in_days": 30}))])
}

test_fail_default_tier if {
	results := check.deny with input as state([group({"retention_in_days": 1})])
	{r.msg | some r in results} == {"aws_cloudwatch_log_group.flow is fed by nothing known: default tier, minimum 365 days, has 1"}
}

test_fail_audit_tier_1095_is_not_offered if {
	count(check.deny) == 1 with input as state([group(object.union(trail, {"retention_in_days": 731}))])
	count(check.deny) == 0 with input as state([group(object.union(trail, {"retention_in_days": 1096}))])
}

test_pass_never_expire if {
	count(check.deny) == 0 with input as state([group(object.union(trail, {"retention_in_days": 0}))])
	count(check.unknown) == 0 with input as state([group(object.union(trail, {"retention_in_days": 0}))])
}

test_pass_unset_tier_is_default if {
	g := {"meta": {"address": "aws_cloudwatch_log_group.x"}, "retention_in_days": 365}
	count(check.deny) == 0 with input as state([g])
}

test_pass_config_override if {
	g := group(object.union(flow, {"retention_in_days": 14}))
	count(check.deny) == 0 with input as state([g]) with data.kansa.config.checks as {"aws-cloudwatch-log-retention": {"retention": {"network": 7}}}
	count(check.deny) == 1 with input as state([group({"retention_in_days": 400})]) with data.kansa.config.retention as {"audit": 1095, "access": 365, "network": 30, "default": 500}
}

test_unknown_retention if {
	g := {"meta": {"address": "aws_cloudwatch_log_group.x", "unknown": ["retention_in_days"]}, "tier": "network", "fed_by": []}
	count(check.deny) == 0 with input as state([g])
	count(check.unknown) == 1 with input as state([g])
}

test_fail_access_tier_names_feeder if {
	g := group({"fed_by": [{"kind": "access_logs", "resource": "aws_s3_bucket.app"}, {"kind": "other", "resource": "x"}], "tier": "access", "retention_in_days": 90})
	{r.msg | some r in check.deny} == {"aws_cloudwatch_log_group.flow is fed by aws_s3_bucket.app: access tier, minimum 365 days, has 90"} with input as state([g])
}

test_fail_tier_missing_from_config_uses_default if {
	g := group(object.union(flow, {"retention_in_days": 14}))
	{r.msg | some r in check.deny} == {"aws_cloudwatch_log_group.flow is fed by aws_flow_log.main: network tier, minimum 60 days, has 14"} with input as state([g]) with data.kansa.config.retention as {"default": 60}
}

test_pass_config_file_per_check_map if {
	g := group(object.union(flow, {"retention_in_days": 14}))
	r := {"audit": 1095, "access": 365, "network": 30, "default": 365, "aws-cloudwatch-log-retention": {"network": 14}}
	count(check.deny) == 0 with input as state([g]) with data.kansa.config.retention as r
}

test_feeders_of_other_tiers_and_kinds if {
	g := group({"fed_by": [{"kind": "config", "resource": "aws_config.c"}, {"kind": "vpc_flow_log", "resource": "aws_flow_log.f"}, {"kind": 7, "resource": "n"}, {"resource": "no-kind"}], "tier": "audit", "retention_in_days": 90})
	{r.msg | some r in check.deny} == {"aws_cloudwatch_log_group.flow is fed by aws_config.c: audit tier, minimum 1095 days, has 90"} with input as state([g])
	d := group({"fed_by": [{"kind": 7, "resource": "n"}, {"kind": "vpc_flow_log", "resource": "aws_flow_log.f"}], "retention_in_days": 90})
	{r.msg | some r in check.deny} == {"aws_cloudwatch_log_group.flow is fed by n: default tier, minimum 365 days, has 90"} with input as state([d])
}

test_fed_by_null_is_nothing_known if {
	g := group({"fed_by": null, "retention_in_days": 90})
	{r.msg | some r in check.deny} == {"aws_cloudwatch_log_group.flow is fed by nothing known: default tier, minimum 365 days, has 90"} with input as state([g])
}
