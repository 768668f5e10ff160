# METADATA
# title: AWS Config recorders have a delivery channel
# description: |
#   A recorder without a delivery channel records nothing anyone can read:
#   configuration snapshots and history are delivered through the channel.
#   A recorder fails when no aws_config_delivery_channel is declared in the
#   same module and provider region (live: DescribeDeliveryChannels in its
#   region is empty).
# related_resources:
#   - https://docs.aws.amazon.com/config/latest/developerguide/manage-delivery-channel.html
#   - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/config_delivery_channel
# custom:
#   id: aws-config-delivery-channel
#   severity: high
#   scope: resource
#   selector: aws.config.recorders
#   remediation: |
#     Deliver the recorder's snapshots and history to an S3 bucket.
#
#     ```hcl
#     resource "aws_config_delivery_channel" "main" {
#       name           = "default"
#       s3_bucket_name = aws_s3_bucket.config.bucket
#       depends_on     = [aws_config_configuration_recorder.main]
#     }
#     ```
package kansa.aws.config.delivery_channel

import data.kansa.lib

deny contains result if {
	some rec in input.aws.config.recorders
	count(lib.list(rec, "delivery_channels")) == 0
	not lib.unknown(rec, "delivery_channels")
	result := {"resource": rec, "msg": sprintf("%s has no delivery channel in its region", [lib.identity(rec)])}
}

unknown contains result if {
	some rec in input.aws.config.recorders
	count(lib.list(rec, "delivery_channels")) == 0
	lib.unknown(rec, "delivery_channels")
	result := {"resource": rec, "msg": sprintf("%s: whether a delivery channel serves it is unresolved", [lib.identity(rec)])}
}
