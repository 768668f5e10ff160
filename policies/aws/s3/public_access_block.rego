# METADATA
# title: S3 buckets block public access
# description: |
#   S3 Block Public Access overrides any ACL or bucket policy that would make
#   objects public, so one mistaken grant cannot leak logs or data. A bucket
#   fails when no public access block with all four flags true
#   (block_public_acls, block_public_policy, ignore_public_acls,
#   restrict_public_buckets; unset flags are false) applies to it: a bucket with
#   no block is reported on the bucket, an incomplete block on the block
#   resource. The account-level block (aws_s3_account_public_access_block, or
#   live s3control) with all four flags makes buckets without their own pass;
#   an incomplete account-level block fails itself. Unresolved flags are
#   undecided.
# related_resources:
#   - https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html
#   - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/s3_bucket_public_access_block
# custom:
#   id: aws-s3-public-access-block
#   severity: high
#   scope: resource
#   selector: aws.s3.buckets
#   frameworks:
#     cis-aws:
#       "1.4.0": "2.1.5"
#       "2.0.0": "2.1.4"
#       "3.0.0": "2.1.4"
#       "4.0.1": "2.1.4"
#       "5.0.0": "2.1.4"
#       "6.0.0": "3.1.4"
#       "7.0.0": "3.1.4"
#   remediation: |
#     Block public access on every bucket, or once for the whole account.
#
#     ```hcl
#     resource "aws_s3_bucket_public_access_block" "logs" {
#       bucket                  = aws_s3_bucket.logs.id
#       block_public_acls       = true
#       block_public_policy     = true
#       ignore_public_acls      = true
#       restrict_public_buckets = true
#     }
#
#     # or, for every bucket of the account:
#     resource "aws_s3_account_public_access_block" "this" {
#       block_public_acls       = true
#       block_public_policy     = true
#       ignore_public_acls      = true
#       restrict_public_buckets = true
#     }
#     ```
package kansa.aws.s3.public_access_block

import data.kansa.lib

flags := ["block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets"]

account_block := input.aws.s3.account_public_access_block

_off(pab) := [f | some f in flags; lib.is_false(pab, f)]

_unresolved(pab) := [f | some f in flags; lib.unknown(pab, f)]

_account_full if {
	count(_off(account_block)) == 0
	count(_unresolved(account_block)) == 0
}

_account_unsure if {
	count(_off(account_block)) == 0
	count(_unresolved(account_block)) > 0
}

# _block(bucket) is the bucket's own public access block.
_block(bucket) := pab if {
	is_string(bucket.public_access_block)
	bucket.public_access_block != ""
	some pab in input.aws.s3.public_access_blocks
	pab.meta.id == bucket.public_access_block
}

deny contains result if {
	some bucket in input.aws.s3.buckets
	not _block(bucket)
	not _account_full
	not _account_unsure
	result := {"resource": bucket, "msg": sprintf("%s has no public access block", [lib.identity(bucket)])}
}

deny contains result if {
	some bucket in input.aws.s3.buckets
	pab := _block(bucket)
	not _account_full
	off := _off(pab)
	count(off) > 0
	result := lib.with_attribute(
		{"resource": pab, "subject": bucket, "msg": sprintf("%s leaves %s false for %s", [lib.identity(pab), concat(", ", off), lib.identity(bucket)])},
		pab, off,
	)
}

deny contains result if {
	off := _off(account_block)
	count(off) > 0
	result := lib.with_attribute(
		{"resource": account_block, "msg": sprintf("%s (account level) leaves %s false", [lib.identity(account_block), concat(", ", off)])},
		account_block, off,
	)
}

unknown contains result if {
	some bucket in input.aws.s3.buckets
	not _block(bucket)
	_account_unsure
	result := {"resource": bucket, "msg": sprintf("%s has no public access block, and the account-level block has unresolved flags (%s)", [lib.identity(bucket), concat(", ", _unresolved(account_block))])}
}

unknown contains result if {
	some bucket in input.aws.s3.buckets
	pab := _block(bucket)
	not _account_full
	count(_off(pab)) == 0
	unresolved := _unresolved(pab)
	count(unresolved) > 0
	result := {"resource": pab, "subject": bucket, "msg": sprintf("%s: %s unresolved for %s", [lib.identity(pab), concat(", ", unresolved), lib.identity(bucket)])}
}
