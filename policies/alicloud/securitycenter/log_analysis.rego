# METADATA
# title: Security Center log analysis delivers to Log Service
# description: |
#   Account scope: Security Center's host, network and security logs are an
#   investigation's view of what ran on the instances; without log analysis
#   (a sas-log logstore in Log Service) they are not kept. The setting is not
#   part of Terraform code: on code (with --require-account-checks) the check
#   is always undecided, never passed or failed. A live scan that could not
#   read the setting is undecided too.
# related_resources:
#   - https://www.alibabacloud.com/help/en/security-center/user-guide/log-analysis-overview
# custom:
#   id: alicloud-security-center-log-analysis
#   severity: medium
#   scope: account
#   frameworks:
#     cis-alicloud:
#       "2.0.0": "2.9"
#   remediation: |
#     In the Security Center console, open Log Analysis and enable delivery of
#     the host, network and security logs to Log Service, then keep the
#     `sas-log` logstore for at least 365 days. In Terraform, the data source
#     `alicloud_threat_detection_log_shipper` turns log shipping on (it cannot
#     be turned off again):
#
#     ```hcl
#     data "alicloud_threat_detection_log_shipper" "open" {
#       enable = "On"
#     }
#     ```
package kansa.alicloud.securitycenter.log_analysis

import data.kansa.alicloud.account

deny contains result if {
	account.scanned
	input.alicloud.security_center_log_analysis == false
	result := {"resource": account.account, "msg": sprintf("%s does not deliver Security Center logs to Log Service (log analysis is off)", [account.where])}
}

unknown contains result if {
	account.scanned
	not is_boolean(object.get(input.alicloud, "security_center_log_analysis", null))
	result := {"resource": account.account, "msg": sprintf("%s: whether Security Center log analysis is enabled %s", [account.where, _why])}
}

_why := "cannot be seen in Terraform code" if input.scope == "code"

else := "could not be read"
