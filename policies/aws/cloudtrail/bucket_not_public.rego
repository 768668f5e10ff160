# METADATA
# title: The CloudTrail bucket is not public
# description: |
#   If the bucket that stores CloudTrail logs is readable by the public, anyone
#   can learn the account's activity, and a writable one lets the audit trail be
#   forged. A trail's bucket fails when it is not covered by a public access
#   block with all four flags true (its own aws_s3_bucket_public_access_block,
#   or the account-level block), when its ACL is public (public-read,
#   public-read-write, authenticated-read), or when its bucket policy grants
#   access to everyone. The finding is on the bucket; a trail whose bucket is
#   not in the scan, or a bucket with unresolved settings, is undecided.
# related_resources:
#   - https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html
#   - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/s3_bucket_public_access_block
# custom:
#   id: aws-cloudtrail-bucket-not-public
#   severity: critical
#   scope: resource
#   selector: aws.cloudtrail.trails
#   frameworks:
#     cis-aws:
#       "1.4.0": "3.3"
#       "2.0.0": "3.3"
#   remediation: |
#     Block every form of public access on the trail's bucket, keep its ACL
#     private and grant access in its policy only to CloudTrail and named roles.
#
#     ```hcl
#     resource "aws_s3_bucket_public_access_block" "trail" {
#       bucket                  = aws_s3_bucket.trail.id
#       block_public_acls       = true
#       block_public_policy     = true
#       ignore_public_acls      = true
#       restrict_public_buckets = true
#     }
#     ```
package kansa.aws.cloudtrail.bucket_not_public

import data.kansa.aws.cloudtrail.trail_buckets
import data.kansa.lib

flags := ["block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets"]

public_acls := {"public-read", "public-read-write", "authenticated-read"}

deny contains result if {
	some [trail, bucket] in trail_buckets.pairs
	reasons := sort([r | some r in _problems(bucket)])
	count(reasons) > 0
	result := {"resource": bucket, "subject": trail, "msg": sprintf("%s stores the logs of %s and %s", [lib.identity(bucket), lib.identity(trail), concat("; ", reasons)])}
}

unknown contains result if {
	some [trail, bucket] in trail_buckets.pairs
	count(_problems(bucket)) == 0
	doubts := sort([d | some d in _doubts(bucket)])
	count(doubts) > 0
	result := {"resource": bucket, "subject": trail, "msg": sprintf("%s stores the logs of %s; undecided: %s", [lib.identity(bucket), lib.identity(trail), concat("; ", doubts)])}
}

unknown contains result if {
	some trail in trail_buckets.orphans
	result := {"resource": trail, "msg": sprintf("%s: %s is not in the scan, so whether it is public is unknown", [lib.identity(trail), trail_buckets.bucket_name(trail)])}
}

# The public access block that applies to a bucket: its own, else none.
_block(bucket) := pab if {
	is_string(bucket.public_access_block)
	bucket.public_access_block != ""
	some pab in input.aws.s3.public_access_blocks
	pab.meta.id == bucket.public_access_block
}

_full(pab) if {
	every f in flags {
		lib.is_true(pab, f)
	}
}

_account_full if _full(input.aws.s3.account_public_access_block)

_account_unsure if {
	some f in flags
	lib.unknown(input.aws.s3.account_public_access_block, f)
}

# _problems(bucket) are the reasons the bucket is certainly public.
_problems(bucket) := ((_no_block(bucket) | _incomplete(bucket)) | _public_acl(bucket)) | _public_policy(bucket)

_no_block(bucket) := {"it has no public access block" |
	not _block(bucket)
	not _account_full
	not _account_unsure
}

_incomplete(bucket) := {sprintf("its public access block leaves %s false", [concat(", ", off)]) |
	pab := _block(bucket)
	not _account_full
	off := [f | some f in flags; lib.is_false(pab, f)]
	count(off) > 0
}

_public_acl(bucket) := {sprintf("its ACL is %s", [bucket.acl]) |
	lib.known(bucket, "acl")
	bucket.acl in public_acls
}

_public_policy(bucket) := {"its bucket policy grants public access" | lib.is_true(bucket, "policy_is_public")}

# _doubts(bucket) are the settings that could make the bucket public once resolved.
_doubts(bucket) := ((_doubt_account(bucket) | _doubt_block(bucket)) | _doubt_acl(bucket)) | _doubt_policy(bucket)

_doubt_account(bucket) := {"the account-level public access block is unresolved" |
	not _block(bucket)
	not _account_full
	_account_unsure
}

_doubt_block(bucket) := {"its public access block flags are unresolved" |
	pab := _block(bucket)
	not _account_full
	some f in flags
	lib.unknown(pab, f)
}

_doubt_acl(bucket) := {"its ACL is unresolved" | lib.unknown(bucket, "acl")}

_doubt_policy(bucket) := {"its bucket policy is unresolved" | lib.unknown(bucket, "policy_is_public")}
