# METADATA
# title: AWS Config recorders record every resource type
# description: |
#   A recorder limited to some resource types leaves the others without a
#   configuration history. A recorder fails when recording_group.all_supported
#   is false (the provider's default is true). On live scans the account also
#   fails when no recorder in it includes global resource types (IAM users,
#   roles, policies), reported on every recorder; a code scan sees only part
#   of an account and does not judge that. Unresolved values are undecided:
#   when no recorder is known to record global types and some recorder's
#   answer is unresolved (live: a region's recorders could not be read),
#   every recorder is undecided on that part.
# related_resources:
#   - https://docs.aws.amazon.com/config/latest/developerguide/select-resources.html
#   - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/config_configuration_recorder
# custom:
#   id: aws-config-records-all-resources
#   severity: medium
#   scope: resource
#   selector: aws.config.recorders
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
#     Record every supported resource type, and global types in one region.
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
#     ```
package kansa.aws.config.records_all_resources

import data.kansa.lib

deny contains result if {
	some rec in input.aws.config.recorders
	lib.is_false(rec, "all_supported")
	result := lib.with_attribute(
		{"resource": rec, "msg": sprintf("%s records only some resource types (all_supported is false)", [lib.identity(rec)])},
		rec, ["recording_group[0].all_supported", "recording_group[0]"],
	)
}

deny contains result if {
	input.scope == "account"
	every rec in input.aws.config.recorders {
		lib.is_false(rec, "include_global_resource_types")
	}
	some rec in input.aws.config.recorders
	result := {"resource": rec, "msg": sprintf("%s: no recorder in the account records global resource types (IAM)", [lib.identity(rec)])}
}

unknown contains result if {
	input.scope == "account"
	not _some_global
	some other in input.aws.config.recorders
	lib.unknown(other, "include_global_resource_types")
	some rec in input.aws.config.recorders
	result := {"resource": rec, "msg": sprintf("%s: whether some recorder in the account records global resource types (IAM) is unresolved", [lib.identity(rec)])}
}

_some_global if {
	some rec in input.aws.config.recorders
	lib.is_true(rec, "include_global_resource_types")
}

unknown contains result if {
	some rec in input.aws.config.recorders
	lib.unknown(rec, "all_supported")
	result := {"resource": rec, "msg": sprintf("%s: recording_group.all_supported is unresolved", [lib.identity(rec)])}
}
