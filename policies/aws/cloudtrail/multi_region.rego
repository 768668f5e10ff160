# METADATA
# title: CloudTrail trails record every region
# description: |
#   A trail that records only its home region misses API activity in every
#   other region, where an intruder can work unseen. A trail fails when
#   is_multi_region_trail is false or unset (the AWS provider's default is
#   false). An unresolved value gives an unknown result, never a failure.
# related_resources:
#   - https://docs.aws.amazon.com/awscloudtrail/latest/userguide/receive-cloudtrail-log-files-from-multiple-regions.html
#   - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/cloudtrail
# custom:
#   id: aws-cloudtrail-multi-region
#   severity: high
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
#     Make the trail record every region.
#
#     ```hcl
#     resource "aws_cloudtrail" "main" {
#       name                  = "org-trail"
#       s3_bucket_name        = aws_s3_bucket.trail.id
#       is_multi_region_trail = true
#     }
#     ```
package kansa.aws.cloudtrail.multi_region

import data.kansa.lib

deny contains result if {
	some trail in input.aws.cloudtrail.trails
	lib.is_false(trail, "is_multi_region_trail")
	result := lib.with_attribute(
		{"resource": trail, "msg": sprintf("%s records only its own region (is_multi_region_trail is false)", [lib.identity(trail)])},
		trail, ["is_multi_region_trail"],
	)
}

unknown contains result if {
	some trail in input.aws.cloudtrail.trails
	lib.unknown(trail, "is_multi_region_trail")
	result := {"resource": trail, "msg": sprintf("%s: is_multi_region_trail is unresolved", [lib.identity(trail)])}
}
