# METADATA
# title: CloudTrail trails validate their log files
# description: |
#   Without log file validation nobody can prove that a delivered log file
#   was not changed or deleted after CloudTrail wrote it, and an intruder who
#   reaches the bucket can rewrite history. A trail fails when
#   enable_log_file_validation is false or unset (the AWS provider's default is
#   false). An unresolved value gives an unknown result, never a failure.
# related_resources:
#   - https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-log-file-validation-intro.html
#   - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/cloudtrail
# custom:
#   id: aws-cloudtrail-log-validation
#   severity: high
#   scope: resource
#   selector: aws.cloudtrail.trails
#   frameworks:
#     cis-aws:
#       "1.4.0": "3.2"
#       "2.0.0": "3.2"
#       "3.0.0": "3.2"
#       "4.0.1": "3.2"
#       "5.0.0": "3.2"
#       "6.0.0": "4.2"
#       "7.0.0": "4.2"
#   remediation: |
#     Turn on log file validation.
#
#     ```hcl
#     resource "aws_cloudtrail" "main" {
#       name           = "org-trail"
#       s3_bucket_name = aws_s3_bucket.trail.id
#       enable_log_file_validation = true
#     }
#     ```
package kansa.aws.cloudtrail.log_validation

import data.kansa.lib

deny contains result if {
	some trail in input.aws.cloudtrail.trails
	lib.is_false(trail, "enable_log_file_validation")
	result := lib.with_attribute(
		{"resource": trail, "msg": sprintf("%s does not validate its log files (enable_log_file_validation is false)", [lib.identity(trail)])},
		trail, ["enable_log_file_validation"],
	)
}

unknown contains result if {
	some trail in input.aws.cloudtrail.trails
	lib.unknown(trail, "enable_log_file_validation")
	result := {"resource": trail, "msg": sprintf("%s: enable_log_file_validation is unresolved", [lib.identity(trail)])}
}
