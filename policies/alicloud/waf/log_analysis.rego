# METADATA
# title: WAF log analysis is enabled where a WAF instance exists
# description: |
#   Account scope: after the Security Center change of 2025-03-27, WAF log
#   analysis is where web access and attack logs are kept; an account with a
#   WAF instance and no log analysis keeps none. Accounts without a WAF
#   instance pass. The setting is not part of Terraform code: on code (with
#   --require-account-checks) the check is always undecided, never passed or
#   failed. A live scan that could not read it is undecided too.
# related_resources:
#   - https://www.alibabacloud.com/help/en/waf/web-application-firewall-3-0/user-guide/log-service-overview
# custom:
#   id: alicloud-waf-log-analysis
#   severity: low
#   scope: account
#   frameworks:
#     cis-alicloud:
#       "2.0.0": "2.7"
#   remediation: |
#     In the WAF console, open Log Management > Log Service and enable it for
#     the instance, then keep the logstore for at least 365 days. The WAF
#     instance can be managed in Terraform; log delivery is a console/API
#     setting:
#
#     ```hcl
#     resource "alicloud_wafv3_instance" "main" {}
#     # then: WAF console > Log Service > enable for the instance
#     ```
package kansa.alicloud.waf.log_analysis

import data.kansa.alicloud.account

deny contains result if {
	account.scanned
	input.alicloud.waf_instance == true
	input.alicloud.waf_log_analysis == false
	result := {"resource": account.account, "msg": sprintf("%s has a WAF instance and does not keep its logs (WAF log analysis is off)", [account.where])}
}

unknown contains result if {
	account.scanned
	not _decided
	result := {"resource": account.account, "msg": sprintf("%s: whether WAF log analysis is enabled %s", [account.where, _why])}
}

_decided if input.alicloud.waf_instance == false

_decided if {
	input.alicloud.waf_instance == true
	is_boolean(input.alicloud.waf_log_analysis)
}

_why := "cannot be seen in Terraform code" if input.scope == "code"

else := "could not be read"
