# METADATA
# title: CloudTrail trails are logging
# description: |
#   A trail whose logging is stopped records nothing: the audit trail is
#   lost from that moment. A trail fails when enable_logging is false (live:
#   GetTrailStatus IsLogging false); unset means true, the AWS provider's default.
#   An unresolved value gives an unknown result, never a failure.
# related_resources:
#   - https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_StopLogging.html
#   - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/cloudtrail
# custom:
#   id: aws-cloudtrail-logging-enabled
#   severity: critical
#   scope: resource
#   selector: aws.cloudtrail.trails
#   frameworks:
#     cis-aws:
#       "1.4.0": "3.1"
#       "2.0.0": "3.1"
#       "3.0.0": "3.1"
#       "4.0.1": "3.1"
#       "5.0.0": "3.1"
#       "6.0.0": "4.1"
#       "7.0.0": "4.1"
#   remediation: |
#     Keep the trail logging: remove `enable_logging = false` or set it to true.
#
#     ```hcl
#     resource "aws_cloudtrail" "main" {
#       name           = "org-trail"
#       s3_bucket_name = aws_s3_bucket.trail.id
#       enable_logging = true
#     }
#     ```
package kansa.aws.cloudtrail.logging_enabled

import data.kansa.lib

deny contains result if {
	some trail in input.aws.cloudtrail.trails
	lib.is_false(trail, "enable_logging")
	result := lib.with_attribute(
		{"resource": trail, "msg": sprintf("%s is not logging (enable_logging is false)", [lib.identity(trail)])},
		trail, ["enable_logging"],
	)
}

unknown contains result if {
	some trail in input.aws.cloudtrail.trails
	lib.unknown(trail, "enable_logging")
	result := {"resource": trail, "msg": sprintf("%s: enable_logging is unresolved", [lib.identity(trail)])}
}
