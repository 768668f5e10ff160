# METADATA
# title: Log buckets keep logs for their tier's minimum
# description: |
#   A bucket that receives logs (a CloudTrail trail, an AWS Config delivery
#   channel, S3 server access logs) must not expire them before an
#   investigation can use them. It fails when an enabled lifecycle rule expires
#   current objects sooner than the minimum of its tier: audit (trail, Config,
#   1095 days) or access (server access logs, 365), from
#   data.kansa.config.retention, overridable for this check. The finding is on
#   the aws_s3_bucket_lifecycle_configuration, or on the bucket for an inline
#   lifecycle_rule. No expiration meets every minimum; an unresolved rule is
#   undecided.
# related_resources:
#   - https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lifecycle-mgmt.html
#   - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/s3_bucket_lifecycle_configuration
# custom:
#   id: aws-s3-log-bucket-retention
#   severity: medium
#   scope: resource
#   selector: aws.s3.buckets
#   frameworks:
#     pci-dss:
#       "4.0": "10.5.1"
#   remediation: |
#     Expire log objects no sooner than the tier minimum (move them to a
#     colder storage class instead of deleting them early).
#
#     ```hcl
#     resource "aws_s3_bucket_lifecycle_configuration" "trail" {
#       bucket = aws_s3_bucket.trail.id
#       rule {
#         id     = "archive"
#         status = "Enabled"
#         filter {}
#         transition {
#           days          = 90
#           storage_class = "GLACIER"
#         }
#         expiration {
#           days = 1096 # audit tier minimum: 1095
#         }
#       }
#     }
#     ```
package kansa.aws.s3.log_bucket_retention

import data.kansa.lib

check_id := "aws-s3-log-bucket-retention"

# minimums are the tier minimums: data.kansa.config.retention, with this
# check's overrides from either checks.<id>.retention or retention.<id> (the
# config file's `retention:` block takes per-check maps of tiers).
minimums := object.union(lib.setting(check_id, "retention"), _own) if {
	_own := data.kansa.config.retention[check_id]
	is_object(_own)
} else := lib.setting(check_id, "retention")

minimum(t) := minimums[t] if is_number(minimums[t])

else := minimums["default"]

# receives_logs(bucket) holds when something delivers logs into bucket.
receives_logs(bucket) if {
	feeders := bucket.receives
	is_array(feeders)
	count(feeders) > 0
}

tier(bucket) := bucket.tier if {
	is_string(bucket.tier)
	bucket.tier != ""
} else := "default"

# carrier(bucket) is the object whose code sets the expiration.
carrier(bucket) := {"meta": bucket.lifecycle_meta} if {
	is_object(bucket.lifecycle_meta)
} else := bucket

# The expiration tests come first, and the bucket set is not built: a set of
# whole bucket objects costs a hash of each, and most buckets pass.
deny contains result if {
	some bucket in input.aws.s3.buckets
	days := bucket.expiration_days
	is_number(days)
	days > 0
	t := tier(bucket)
	m := minimum(t)
	days < m
	receives_logs(bucket)
	not lib.unknown(bucket, "expiration_days")
	c := carrier(bucket)
	result := lib.with_attribute(
		{"resource": c, "subject": bucket, "msg": sprintf("%s expires objects after %d days, but %s is %s: %s tier, minimum %d days", [lib.identity(c), days, lib.identity(bucket), feeders(bucket), t, m])},
		c, ["rule[0].expiration[0]", "lifecycle_rule[0].expiration[0]", "rule[0]", "lifecycle_rule[0]"],
	)
}

unknown contains result if {
	some bucket in input.aws.s3.buckets
	lib.unknown(bucket, "expiration_days")
	receives_logs(bucket)
	t := tier(bucket)
	result := {"resource": carrier(bucket), "subject": bucket, "msg": sprintf("%s is %s: %s tier, minimum %d days; its lifecycle expiration is unresolved", [lib.identity(bucket), feeders(bucket), t, minimum(t)])}
}

feeders(bucket) := sprintf("fed by %s", [concat(", ", sort({sprintf("%s (%s)", [f.resource, f.kind]) | some f in lib.list(bucket, "receives")}))])

# A bucket that may receive logs (some feeder's bucket is unresolved) and
# whose objects may expire before the strictest tier minimum is undecided,
# never passed.
unknown contains result if {
	some bucket in input.aws.s3.buckets
	lib.unknown(bucket, "receives")
	not receives_logs(bucket)
	_may_expire_early(bucket)
	result := {"resource": carrier(bucket), "subject": bucket, "msg": sprintf("%s may receive logs (a feeder's bucket is unresolved) and its objects may expire before %d days", [lib.identity(bucket), _strictest])}
}

_strictest := max({m | some m in minimums; is_number(m)})

_may_expire_early(bucket) if lib.unknown(bucket, "expiration_days")

_may_expire_early(bucket) if {
	lib.known(bucket, "expiration_days")
	days := bucket.expiration_days
	is_number(days)
	days > 0
	days < _strictest
}
