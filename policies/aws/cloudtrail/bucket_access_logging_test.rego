package kansa.aws.cloudtrail.bucket_access_logging_test

import data.kansa.aws.cloudtrail.bucket_access_logging as check

trail := {"meta": {"address": "aws_cloudtrail.main", "id": "tf:aws_cloudtrail.main.id"}, "s3_bucket_name": "tf:aws_s3_bucket.trail.id", "bucket": "tf:aws_s3_bucket.trail.id"}

bucket(extra) := object.union({"meta": {"address": "aws_s3_bucket.trail", "id": "tf:aws_s3_bucket.trail.id"}, "logging": true}, extra)

state(trails, buckets) := {"aws": {"cloudtrail": {"trails": trails}, "s3": {"buckets": buckets}}}

test_fail_no_logging if {
	results := check.deny with input as state([trail], [bucket({"logging": false})])
	{r.msg | some r in results} == {"aws_s3_bucket.trail stores the logs of aws_cloudtrail.main but has no server access logging"}
	{r.resource.meta.address | some r in results} == {"aws_s3_bucket.trail"}
	{r.subject.meta.address | some r in results} == {"aws_cloudtrail.main"}
}

test_pass_logging if {
	count(check.deny) == 0 with input as state([trail], [bucket({})])
	count(check.unknown) == 0 with input as state([trail], [bucket({})])
}

test_pass_other_bucket_without_logging if {
	other := {"meta": {"address": "aws_s3_bucket.other", "id": "tf:aws_s3_bucket.other.id"}, "logging": false}
	count(check.deny) == 0 with input as state([trail], [bucket({}), other])
}

test_unknown_bucket_not_in_scan if {
	t := object.union(trail, {"bucket": ""})
	count(check.deny) == 0 with input as state([t], [])
	{r.msg | some r in check.unknown} == {"aws_cloudtrail.main: its bucket is not in the scan, so its server access logging is unknown"} with input as state([t], [])
}

test_unknown_logging_unresolved if {
	b := {"meta": {"address": "aws_s3_bucket.trail", "id": "tf:aws_s3_bucket.trail.id", "unknown": ["logging"]}}
	count(check.deny) == 0 with input as state([trail], [b])
	count(check.unknown) == 1 with input as state([trail], [b])
}
