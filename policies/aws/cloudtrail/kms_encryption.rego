# METADATA
# title: CloudTrail logs are encrypted with a KMS key
# description: |
#   Trail log files encrypted only with S3-managed keys can be read by anyone
#   with read access to the bucket. With a customer-managed KMS key, reading
#   them also needs kms:Decrypt, a separate and audited permission. A trail
#   fails when kms_key_id is unset or empty. A key reference that cannot be
#   resolved (a key outside the scanned code) counts as set.
# related_resources:
#   - https://docs.aws.amazon.com/awscloudtrail/latest/userguide/encrypting-cloudtrail-log-files-with-aws-kms.html
#   - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/cloudtrail
# custom:
#   id: aws-cloudtrail-kms-encryption
#   severity: medium
#   scope: resource
#   selector: aws.cloudtrail.trails
#   frameworks:
#     cis-aws:
#       "1.4.0": "3.7"
#       "2.0.0": "3.7"
#       "3.0.0": "3.5"
#       "4.0.1": "3.5"
#       "5.0.0": "3.5"
#       "6.0.0": "4.5"
#       "7.0.0": "4.5"
#   remediation: |
#     Encrypt the trail's log files with a customer-managed KMS key whose policy lets CloudTrail use it.
#
#     ```hcl
#     resource "aws_cloudtrail" "main" {
#       name           = "org-trail"
#       s3_bucket_name = aws_s3_bucket.trail.id
#       kms_key_id     = aws_kms_key.trail.arn
#     }
#     ```
package kansa.aws.cloudtrail.kms_encryption

import data.kansa.lib

deny contains result if {
	some trail in input.aws.cloudtrail.trails
	lib.equals(trail, "kms_key_id", "")
	result := lib.with_attribute(
		{"resource": trail, "msg": sprintf("%s log files are not encrypted with a KMS key (no kms_key_id)", [lib.identity(trail)])},
		trail, ["kms_key_id"],
	)
}

unknown contains result if {
	some trail in input.aws.cloudtrail.trails
	lib.unknown(trail, "kms_key_id")
	result := {"resource": trail, "msg": sprintf("%s: kms_key_id is unresolved", [lib.identity(trail)])}
}
