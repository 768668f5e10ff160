# METADATA
# title: CloudTrail trails deliver to CloudWatch Logs
# description: |
#   A trail that delivers only to S3 cannot feed metric filters and alarms, so
#   nobody is told about root logins, policy changes or disabled trails while
#   they happen. A trail fails when cloud_watch_logs_group_arn is unset or empty.
#   A log group reference that cannot be resolved counts as set.
# related_resources:
#   - https://docs.aws.amazon.com/awscloudtrail/latest/userguide/send-cloudtrail-events-to-cloudwatch-logs.html
#   - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/cloudtrail
# custom:
#   id: aws-cloudtrail-cloudwatch-logs
#   severity: medium
#   scope: resource
#   selector: aws.cloudtrail.trails
#   frameworks:
#     cis-aws:
#       "1.4.0": "3.4"
#       "2.0.0": "3.4"
#   remediation: |
#     Send the trail's events to a CloudWatch Logs group (the group needs a role CloudTrail can assume).
#
#     ```hcl
#     resource "aws_cloudtrail" "main" {
#       name           = "org-trail"
#       s3_bucket_name = aws_s3_bucket.trail.id
#       cloud_watch_logs_group_arn = "${aws_cloudwatch_log_group.trail.arn}:*"
#         cloud_watch_logs_role_arn  = aws_iam_role.trail_to_cloudwatch.arn
#     }
#     ```
package kansa.aws.cloudtrail.cloudwatch_logs

import data.kansa.lib

deny contains result if {
	some trail in input.aws.cloudtrail.trails
	lib.equals(trail, "cloud_watch_logs_group_arn", "")
	result := lib.with_attribute(
		{"resource": trail, "msg": sprintf("%s does not deliver to CloudWatch Logs (no cloud_watch_logs_group_arn)", [lib.identity(trail)])},
		trail, ["cloud_watch_logs_group_arn"],
	)
}

unknown contains result if {
	some trail in input.aws.cloudtrail.trails
	lib.unknown(trail, "cloud_watch_logs_group_arn")
	result := {"resource": trail, "msg": sprintf("%s: cloud_watch_logs_group_arn is unresolved", [lib.identity(trail)])}
}
