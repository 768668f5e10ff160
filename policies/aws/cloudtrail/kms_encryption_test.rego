package kansa.aws.cloudtrail.kms_encryption_test

import data.kansa.aws.cloudtrail.kms_encryption as check

trail(extra) := object.union({"meta": {"address": "aws_cloudtrail.main", "type": "aws_cloudtrail"}, "kms_key_id": "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"}, extra)

state(trails) := {"aws": {"cloudtrail": {"trails": trails}}}

test_fail_set if {
	t := trail({"kms_key_id": "", "meta": {"address": "aws_cloudtrail.main", "attributes": {"kms_key_id": 4}}})
	results := check.deny with input as state([t])
	{r.msg | some r in results} == {"aws_cloudtrail.main log files are not encrypted with a KMS key (no kms_key_id)"}
	{r.attribute | some r in results} == {"kms_key_id"}
}

test_fail_defaulted if {
	t := trail({"kms_key_id": "", "meta": {"address": "aws_cloudtrail.main", "defaulted": ["kms_key_id"]}})
	results := check.deny with input as state([t])
	count(results) == 1
	{r | some r in results; r.attribute} == set()
}

test_pass_good if {
	count(check.deny) == 0 with input as state([trail({})])
	count(check.unknown) == 0 with input as state([trail({})])
}

test_unknown_variable if {
	t := {"meta": {"address": "aws_cloudtrail.main", "unknown": ["kms_key_id"]}}
	count(check.deny) == 0 with input as state([t])
	count(check.unknown) == 1 with input as state([t])
}
