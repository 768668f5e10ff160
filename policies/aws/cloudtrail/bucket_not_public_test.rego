package kansa.aws.cloudtrail.bucket_not_public_test

import data.kansa.aws.cloudtrail.bucket_not_public as check

trail := {"meta": {"address": "aws_cloudtrail.main"}, "s3_bucket_name": "tf:aws_s3_bucket.trail.id", "bucket": "tf:aws_s3_bucket.trail.id"}

bucket(extra) := object.union(
	{
		"meta": {"address": "aws_s3_bucket.trail", "id": "tf:aws_s3_bucket.trail.id"},
		"acl": "private", "policy_is_public": false, "public_access_block": "tf:aws_s3_bucket_public_access_block.trail.id",
	},
	extra,
)

pab(extra) := object.union(
	{
		"meta": {"address": "aws_s3_bucket_public_access_block.trail", "id": "tf:aws_s3_bucket_public_access_block.trail.id"},
		"block_public_acls": true, "block_public_policy": true, "ignore_public_acls": true, "restrict_public_buckets": true,
	},
	extra,
)

state(buckets, pabs) := {"aws": {"cloudtrail": {"trails": [trail]}, "s3": {"buckets": buckets, "public_access_blocks": pabs}}}

test_pass_full_block_private if {
	count(check.deny) == 0 with input as state([bucket({})], [pab({})])
	count(check.unknown) == 0 with input as state([bucket({})], [pab({})])
}

test_fail_no_block if {
	results := check.deny with input as state([bucket({"public_access_block": ""})], [])
	{r.msg | some r in results} == {"aws_s3_bucket.trail stores the logs of aws_cloudtrail.main and it has no public access block"}
}

test_fail_incomplete_block if {
	results := check.deny with input as state([bucket({})], [pab({"ignore_public_acls": false, "restrict_public_buckets": false})])
	{r.msg | some r in results} == {"aws_s3_bucket.trail stores the logs of aws_cloudtrail.main and its public access block leaves ignore_public_acls, restrict_public_buckets false"}
}

test_fail_public_acl if {
	results := check.deny with input as state([bucket({"acl": "public-read"})], [pab({})])
	{r.msg | some r in results} == {"aws_s3_bucket.trail stores the logs of aws_cloudtrail.main and its ACL is public-read"}
}

test_fail_public_policy if {
	count(check.deny) == 1 with input as state([bucket({"policy_is_public": true})], [pab({})])
}

test_pass_account_block if {
	s := object.union(state([bucket({"public_access_block": ""})], []), {"aws": {"s3": {"account_public_access_block": pab({"meta": {"address": "aws_s3_account_public_access_block.this"}})}}})
	count(check.deny) == 0 with input as s
}

test_unknown_bucket_not_in_scan if {
	s := {"aws": {"cloudtrail": {"trails": [object.union(trail, {"bucket": ""})]}, "s3": {"buckets": [], "public_access_blocks": []}}}
	count(check.deny) == 0 with input as s
	count(check.unknown) == 1 with input as s
}

test_unknown_flag if {
	p := pab({"block_public_acls": null, "meta": {"address": "aws_s3_bucket_public_access_block.trail", "id": "tf:aws_s3_bucket_public_access_block.trail.id", "unknown": ["block_public_acls"]}})
	count(check.deny) == 0 with input as state([bucket({})], [p])
	count(check.unknown) == 1 with input as state([bucket({})], [p])
}

test_unknown_acl if {
	b := bucket({"acl": null, "meta": {"address": "aws_s3_bucket.trail", "id": "tf:aws_s3_bucket.trail.id", "unknown": ["acl"]}})
	count(check.deny) == 0 with input as state([b], [pab({})])
	count(check.unknown) == 1 with input as state([b], [pab({})])
}

test_unknown_account_block_flag if {
	a := pab({"block_public_acls": null, "meta": {"address": "aws_s3_account_public_access_block.this", "unknown": ["block_public_acls"]}})
	s := object.union(state([bucket({"public_access_block": ""})], []), {"aws": {"s3": {"account_public_access_block": a}}})
	count(check.deny) == 0 with input as s
	{r.msg | some r in check.unknown} == {"aws_s3_bucket.trail stores the logs of aws_cloudtrail.main; undecided: the account-level public access block is unresolved"} with input as s
}

test_unknown_orphan_names_literal_bucket if {
	t := object.union(trail, {"bucket": "", "s3_bucket_name": "org-trail-logs"})
	s := {"aws": {"cloudtrail": {"trails": [t]}, "s3": {"buckets": [], "public_access_blocks": []}}}
	{r.msg | some r in check.unknown} == {"aws_cloudtrail.main: org-trail-logs is not in the scan, so whether it is public is unknown"} with input as s
}
