# METADATA
# title: AWS Config is recording
# description: |
#   Without a recording AWS Config recorder there is no history of how
#   resources were configured, which an investigation needs to tell when a
#   bucket became public or a port was opened. A recorder fails when its
#   status says it is not recording (aws_config_configuration_recorder_status
#   is_enabled = false; live: DescribeConfigurationRecorderStatus); the account
#   fails when it has no recorder at all, and a live scan fails each region
#   it read that has no recorder. A recorder no status resource starts, or
#   whose status is unresolved, is undecided. Account scope: judged on live
#   scans, and on Terraform only with --require-account-checks.
# related_resources:
#   - https://docs.aws.amazon.com/config/latest/developerguide/stop-start-recorder.html
#   - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/config_configuration_recorder_status
# custom:
#   id: aws-config-recorder-enabled
#   severity: high
#   scope: account
#   frameworks:
#     cis-aws:
#       "1.4.0": "3.5"
#       "2.0.0": "3.5"
#       "3.0.0": "3.3"
#       "4.0.1": "3.3"
#       "5.0.0": "3.3"
#       "6.0.0": "4.3"
#       "7.0.0": "4.3"
#   remediation: |
#     Create a recorder in every region and start it.
#
#     ```hcl
#     resource "aws_config_configuration_recorder" "main" {
#       name     = "default"
#       role_arn = aws_iam_role.config.arn
#       recording_group {
#         all_supported                 = true
#         include_global_resource_types = true
#       }
#     }
#
#     resource "aws_config_configuration_recorder_status" "main" {
#       name       = aws_config_configuration_recorder.main.name
#       is_enabled = true
#       depends_on = [aws_config_delivery_channel.main]
#     }
#     ```
package kansa.aws.config.recorder_enabled

import data.kansa.aws.account
import data.kansa.lib

deny contains result if {
	some rec in input.aws.config.recorders
	lib.is_false(rec, "recording")
	result := {"resource": rec, "msg": sprintf("%s is not recording (its status has is_enabled = false)", [lib.identity(rec)])}
}

deny contains result if {
	account.scanned
	count(input.aws.config.recorders) == 0
	result := {"resource": account.account, "msg": "no AWS Config recorder exists"}
}

# A live scan lists every region it read; a region without a recorder is
# not recorded.
deny contains result if {
	input.scope == "account"
	count(input.aws.config.recorders) > 0
	some region in (_regions - {rec.meta.region | some rec in input.aws.config.recorders})
	result := {"resource": account.object_in(region), "msg": sprintf("no AWS Config recorder in %s", [region])}
}

unknown contains result if {
	some rec in input.aws.config.recorders
	lib.unknown(rec, "recording")
	result := {"resource": rec, "msg": sprintf("%s: whether it records is unresolved", [lib.identity(rec)])}
}

unknown contains result if {
	some rec in input.aws.config.recorders
	not lib.unknown(rec, "recording")
	not lib.known(rec, "recording")
	result := {"resource": rec, "msg": sprintf("%s: nothing in the scan starts it (no aws_config_configuration_recorder_status), so whether it records is unknown", [lib.identity(rec)])}
}

# _regions are the regions the live scan read (input.regions), whether or
# not anything was found there; a state that does not list them falls back
# to the regions its resources name.
_regions := {r | some r in input.regions} if {
	count(input.regions) > 0
} else := _resource_regions

_resource_regions contains region if {
	some _, service in input.aws
	some _, resources in service
	is_array(resources)
	some r in resources
	region := r.meta.region
	is_string(region)
	regex.match(`^[a-z]{2}(-[a-z]+)+-[0-9]+$`, region) # not "" or "global" (IAM)
}
