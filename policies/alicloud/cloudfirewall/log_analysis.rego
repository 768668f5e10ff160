# METADATA
# title: Cloud Firewall log analysis is enabled
# description: |
#   Account scope: Cloud Firewall's traffic logs replaced the Security Center
#   network logs that stopped on 2025-03-27; without Cloud Firewall log
#   analysis there is no record of internet and VPC traffic decisions. The
#   setting is not part of Terraform code: on code (with
#   --require-account-checks) the check is always undecided, never passed or
#   failed. A live scan that could not read the setting is undecided too.
# related_resources:
#   - https://www.alibabacloud.com/help/en/cloud-firewall/user-guide/log-analysis
# custom:
#   id: alicloud-cloudfirewall-log-analysis
#   severity: medium
#   scope: account
#   frameworks:
#     cis-alicloud:
#       "2.0.0": "2.8"
#   remediation: |
#     In the Cloud Firewall console, open Log Audit > Log Analysis and enable
#     it. The logstore it creates can then be imported into Terraform and kept
#     for at least 365 days:
#
#     ```hcl
#     resource "alicloud_log_store" "cloudfirewall" {
#       project_name     = "cloudfirewall-project-${data.alicloud_account.current.id}-cn-hangzhou"
#       logstore_name    = "cloudfirewall-logstore"
#       retention_period = 365
#     }
#     ```
package kansa.alicloud.cloudfirewall.log_analysis

import data.kansa.alicloud.account

deny contains result if {
	account.scanned
	input.alicloud.cloudfirewall_log_analysis == false
	result := {"resource": account.account, "msg": sprintf("%s does not keep Cloud Firewall logs (log analysis is off)", [account.where])}
}

unknown contains result if {
	account.scanned
	not is_boolean(object.get(input.alicloud, "cloudfirewall_log_analysis", null))
	result := {"resource": account.account, "msg": sprintf("%s: whether Cloud Firewall log analysis is enabled %s", [account.where, _why])}
}

_why := "cannot be seen in Terraform code" if input.scope == "code"

else := "could not be read"
