# METADATA
# title: Every VPC has a flow log
# description: |
#   Without VPC flow logs there is no record of which addresses talked to which
#   instances, the first thing an investigation of a compromised host asks for.
#   A VPC passes when at least one flow log targets it (aws_flow_log with
#   vpc_id referencing it, or a live flow log on the VPC). When a flow log's
#   target could not be resolved, the VPC is undecided, never failed.
# related_resources:
#   - https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs.html
#   - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/flow_log
# custom:
#   id: aws-vpc-flow-logs-enabled
#   severity: high
#   scope: resource
#   selector: aws.ec2.vpcs
#   frameworks:
#     cis-aws:
#       "1.4.0": "3.9"
#       "2.0.0": "3.9"
#       "3.0.0": "3.7"
#       "4.0.1": "3.7"
#       "5.0.0": "3.7"
#       "6.0.0": "4.7"
#       "7.0.0": "4.7"
#   remediation: |
#     Add a flow log for the VPC, delivered to CloudWatch Logs or S3.
#
#     ```hcl
#     resource "aws_flow_log" "main" {
#       vpc_id               = aws_vpc.main.id
#       traffic_type         = "ALL"
#       log_destination_type = "cloud-watch-logs"
#       log_destination      = aws_cloudwatch_log_group.flow.arn
#       iam_role_arn         = aws_iam_role.flow.arn
#     }
#     ```
package kansa.aws.ec2.vpc_flow_logs_enabled

import data.kansa.lib

deny contains result if {
	some vpc in input.aws.ec2.vpcs
	count(lib.list(vpc, "flow_logs")) == 0
	not lib.unknown(vpc, "flow_logs")
	result := {"resource": vpc, "msg": sprintf("%s has no flow log", [lib.identity(vpc)])}
}

unknown contains result if {
	some vpc in input.aws.ec2.vpcs
	count(lib.list(vpc, "flow_logs")) == 0
	lib.unknown(vpc, "flow_logs")
	result := {"resource": vpc, "msg": sprintf("%s: a flow log's target is unresolved, so whether it targets this VPC is unknown", [lib.identity(vpc)])}
}
