# METADATA
# title: Cloud Config is recording
# description: |
#   Account scope: without a Cloud Config configuration recorder that is
#   recording there is no history of resource configurations to investigate
#   changes with. In Terraform an alicloud_config_configuration_recorder
#   means recording (the resource has no status argument), so code fails
#   when none is in the scanned code (only with --require-account-checks).
#   CIS Alibaba Cloud has no Cloud Config control; this is the analogue of
#   CIS AWS Foundations 3.3 (v6/v7 4.3). An unresolved recorder status leaves
#   the account undecided, never failed.
# related_resources:
#   - https://www.alibabacloud.com/help/en/cloud-config/user-guide/enable-cloud-config
#   - https://registry.terraform.io/providers/aliyun/alicloud/latest/docs/resources/config_configuration_recorder
# custom:
#   id: alicloud-config-recorder-enabled
#   severity: high
#   scope: account
#   remediation: |
#     Turn on the Cloud Config recorder for the account.
#
#     ```hcl
#     resource "alicloud_config_configuration_recorder" "main" {
#       resource_types = ["ACS::ECS::Instance", "ACS::ECS::SecurityGroup", "ACS::VPC::VPC", "ACS::OSS::Bucket", "ACS::RAM::User"]
#     }
#     ```
package kansa.alicloud.config.recorder_enabled

import data.kansa.alicloud.account
import data.kansa.lib

recorders := input.alicloud.config.recorders

recording if {
	some r in recorders
	lib.is_true(r, "recording")
	not lib.existence_unknown(r)
}

deny contains result if {
	account.scanned
	not recording
	count(recorders) == 0
	result := {"resource": account.account, "msg": sprintf("%s has no Cloud Config configuration recorder", [account.where])}
}

deny contains result if {
	account.scanned
	not recording
	not _undecided
	some r in recorders
	result := {"resource": r, "msg": sprintf("%s is not recording", [lib.identity(r)])}
}

unknown contains result if {
	account.scanned
	not recording
	some r in recorders
	lib.unknown(r, "recording")
	result := {"resource": r, "msg": sprintf("%s may not be recording: its status is unresolved", [lib.identity(r)])}
}

_undecided if {
	some r in recorders
	lib.unknown(r, "recording")
}

_undecided if {
	some r in recorders
	lib.existence_unknown(r)
}

unknown contains result if {
	account.scanned
	not recording
	some r in recorders
	lib.existence_unknown(r)
	result := {"resource": r, "msg": sprintf("%s may not exist: its count/for_each is unresolved", [lib.identity(r)])}
}
