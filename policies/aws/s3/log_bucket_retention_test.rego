package kansa.aws.s3.log_bucket_retention_test

import data.kansa.aws.s3.log_bucket_retention as check

lifecycle := {"address": "aws_s3_bucket_lifecycle_configuration.trail", "attributes": {"rule[0].expiration[0]": 9}}

bucket(extra) := object.union(
	{
		"meta": {"address": "aws_s3_bucket.trail"},
		"receives": [{"kind": "cloudtrail", "resource": "aws_cloudtrail.main"}],
		"tier": "audit", "expiration_days": 90, "lifecycle_meta": lifecycle,
	},
	extra,
)

state(buckets) := {"aws": {"s3": {"buckets": buckets}}}

test_fail_audit_bucket_lifecycle_configuration if {
	results := check.deny with input as state([bucket({})])
	{r.msg | some r in results} == {"aws_s3_bucket_lifecycle_configuration.trail expires objects after 90 days, but aws_s3_bucket.trail is fed by aws_cloudtrail.main (cloudtrail): audit tier, minimum 1095 days"}
	{r.resource.meta.address | some r in results} == {"aws_s3_bucket_lifecycle_configuration.trail"}
	{r.subject.meta.address | some r in results} == {"aws_s3_bucket.trail"}
	{r.attribute | some r in results} == {"rule[0].expiration[0]"}
}

test_fail_inline_rule_reports_bucket if {
	b := object.union(bucket({"tier": "access", "receives": [{"kind": "access_logs", "resource": "aws_s3_bucket.app"}], "expiration_days": 30}), {"lifecycle_meta": null})
	results := check.deny with input as state([b])
	{r.resource.meta.address | some r in results} == {"aws_s3_bucket.trail"}
}

test_pass_long_enough if {
	count(check.deny) == 0 with input as state([bucket({"expiration_days": 1096})])
}

test_pass_never_expires if {
	count(check.deny) == 0 with input as state([bucket({"expiration_days": 0})])
	count(check.unknown) == 0 with input as state([bucket({"expiration_days": 0})])
}

test_pass_not_a_log_bucket if {
	count(check.deny) == 0 with input as state([bucket({"receives": [], "tier": ""})])
}

test_pass_config_override if {
	count(check.deny) == 0 with input as state([bucket({})]) with data.kansa.config.checks as {"aws-s3-log-bucket-retention": {"retention": {"audit": 90}}}
}

test_unknown_expiration if {
	b := object.union(bucket({"expiration_days": null}), {"meta": {"address": "aws_s3_bucket.trail", "unknown": ["expiration_days"]}})
	count(check.deny) == 0 with input as state([b])
	count(check.unknown) == 1 with input as state([b])
}

test_fail_untiered_log_bucket_uses_default if {
	b := bucket({"tier": "", "receives": [{"kind": "access_logs", "resource": "aws_s3_bucket.app"}], "expiration_days": 30})
	{r.msg | some r in check.deny} == {"aws_s3_bucket_lifecycle_configuration.trail expires objects after 30 days, but aws_s3_bucket.trail is fed by aws_s3_bucket.app (access_logs): default tier, minimum 365 days"} with input as state([b])
}

test_fail_tier_missing_from_config_uses_default if {
	b := bucket({"tier": "audit"})
	count(check.deny) == 1 with input as state([b]) with data.kansa.config.retention as {"default": 365}
}

test_pass_config_file_per_check_map if {
	r := {"audit": 1095, "access": 365, "network": 30, "default": 365, "aws-s3-log-bucket-retention": {"audit": 90}}
	count(check.deny) == 0 with input as state([bucket({})]) with data.kansa.config.retention as r
}

test_unknown_bucket_may_receive_logs if {
	b := {"meta": {"address": "aws_s3_bucket.b", "type": "aws_s3_bucket", "unknown": ["receives"]}, "receives": [], "expiration_days": 7}
	{r.subject.meta.address | some r in check.unknown} == {"aws_s3_bucket.b"} with input as {"aws": {"s3": {"buckets": [b]}}}
	count(check.deny) == 0 with input as {"aws": {"s3": {"buckets": [b]}}}
}

test_pass_bucket_may_receive_logs_but_never_expires if {
	b := {"meta": {"address": "aws_s3_bucket.b", "type": "aws_s3_bucket", "unknown": ["receives"]}, "receives": [], "expiration_days": 0}
	count(check.unknown) == 0 with input as {"aws": {"s3": {"buckets": [b]}}}
}
