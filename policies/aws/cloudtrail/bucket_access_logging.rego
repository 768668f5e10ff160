# METADATA
# title: The CloudTrail bucket has server access logging
# description: |
#   Server access logs on the bucket that stores CloudTrail logs show who read,
#   changed or deleted the audit trail itself. A trail's bucket fails when it
#   has no server access logging (no inline `logging` block and no
#   aws_s3_bucket_logging; live: GetBucketLogging empty). The finding is on the
#   bucket; when the trail's bucket is not in the scanned code the trail is
#   undecided (an unknown result), never failed.
# related_resources:
#   - https://docs.aws.amazon.com/AmazonS3/latest/userguide/ServerLogs.html
#   - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/s3_bucket_logging
# custom:
#   id: aws-cloudtrail-bucket-access-logging
#   severity: medium
#   scope: resource
#   selector: aws.cloudtrail.trails
#   frameworks:
#     cis-aws:
#       "1.4.0": "3.6"
#       "2.0.0": "3.6"
#       "3.0.0": "3.4"
#       "4.0.1": "3.4"
#       "5.0.0": "3.4"
#       "6.0.0": "4.4"
#       "7.0.0": "4.4"
#   remediation: |
#     Log every request to the trail's bucket into a separate log bucket.
#
#     ```hcl
#     resource "aws_s3_bucket_logging" "trail" {
#       bucket        = aws_s3_bucket.trail.id
#       target_bucket = aws_s3_bucket.access_logs.id
#       target_prefix = "cloudtrail-bucket/"
#     }
#     ```
package kansa.aws.cloudtrail.bucket_access_logging

import data.kansa.aws.cloudtrail.trail_buckets
import data.kansa.lib

deny contains result if {
	some [trail, bucket] in trail_buckets.pairs
	lib.is_false(bucket, "logging")
	result := {"resource": bucket, "subject": trail, "msg": sprintf("%s stores the logs of %s but has no server access logging", [lib.identity(bucket), lib.identity(trail)])}
}

unknown contains result if {
	some [trail, bucket] in trail_buckets.pairs
	lib.unknown(bucket, "logging")
	result := {"resource": bucket, "subject": trail, "msg": sprintf("%s stores the logs of %s; whether it has server access logging is unresolved", [lib.identity(bucket), lib.identity(trail)])}
}

unknown contains result if {
	some trail in trail_buckets.orphans
	result := {"resource": trail, "msg": sprintf("%s: %s is not in the scan, so its server access logging is unknown", [lib.identity(trail), trail_buckets.bucket_name(trail)])}
}
