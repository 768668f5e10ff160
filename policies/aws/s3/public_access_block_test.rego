package kansa.aws.s3.public_access_block_test

import data.kansa.aws.s3.public_access_block as check

bucket(pab_id) := {"meta": {"address": "aws_s3_bucket.logs", "id": "tf:aws_s3_bucket.logs.id"}, "public_access_block": pab_id}

pab(extra) := object.union(
	{
		"meta": {"address": "aws_s3_bucket_public_access_block.logs", "id": "tf:aws_s3_bucket_public_access_block.logs.id", "attributes": {"ignore_public_acls": 6}},
		"block_public_acls": true, "block_public_policy": true, "ignore_public_acls": true, "restrict_public_buckets": true,
	},
	extra,
)

pab_id := "tf:aws_s3_bucket_public_access_block.logs.id"

state(buckets, pabs) := {"aws": {"s3": {"buckets": buckets, "public_access_blocks": pabs}}}

with_account(s, a) := object.union(s, {"aws": {"s3": {"account_public_access_block": a}}})

account(extra) := pab(object.union({"meta": {"address": "aws_s3_account_public_access_block.this", "id": "tf:aws_s3_account_public_access_block.this.id"}}, extra))

test_pass_full_block if {
	count(check.deny) == 0 with input as state([bucket(pab_id)], [pab({})])
	count(check.unknown) == 0 with input as state([bucket(pab_id)], [pab({})])
}

test_fail_no_block if {
	results := check.deny with input as state([bucket("")], [])
	{r.msg | some r in results} == {"aws_s3_bucket.logs has no public access block"}
	{r.resource.meta.address | some r in results} == {"aws_s3_bucket.logs"}
}

test_fail_incomplete_block_reports_block if {
	results := check.deny with input as state([bucket(pab_id)], [pab({"ignore_public_acls": false, "restrict_public_buckets": false})])
	{r.msg | some r in results} == {"aws_s3_bucket_public_access_block.logs leaves ignore_public_acls, restrict_public_buckets false for aws_s3_bucket.logs"}
	{r.attribute | some r in results} == {"ignore_public_acls"}
}

test_pass_account_block_covers_bucket if {
	count(check.deny) == 0 with input as with_account(state([bucket("")], []), account({}))
}

test_fail_incomplete_account_block if {
	results := check.deny with input as with_account(state([bucket("")], []), account({"block_public_policy": false}))
	{r.msg | some r in results} == {
		"aws_s3_bucket.logs has no public access block",
		"aws_s3_account_public_access_block.this (account level) leaves block_public_policy false",
	}
}

test_unknown_block_flag if {
	p := pab({"restrict_public_buckets": null, "meta": {"address": "aws_s3_bucket_public_access_block.logs", "id": pab_id, "unknown": ["restrict_public_buckets"]}})
	count(check.deny) == 0 with input as state([bucket(pab_id)], [p])
	count(check.unknown) == 1 with input as state([bucket(pab_id)], [p])
}

test_unknown_account_flag if {
	a := account({"block_public_acls": null, "meta": {"address": "aws_s3_account_public_access_block.this", "unknown": ["block_public_acls"]}})
	count(check.deny) == 0 with input as with_account(state([bucket("")], []), a)
	count(check.unknown) == 1 with input as with_account(state([bucket("")], []), a)
}
