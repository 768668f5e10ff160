package kansa.alicloud.cloudfirewall.log_analysis_test

import data.kansa.alicloud.cloudfirewall.log_analysis as check

state(scope, alicloud) := {"source": "alicloud", "scope": scope, "alicloud": alicloud}

test_pass_enabled if {
	s := state("account", {"cloudfirewall_log_analysis": true})
	count(check.deny) == 0 with input as s
	count(check.unknown) == 0 with input as s
}

test_fail_disabled if {
	{r.msg | some r in check.deny} == {"the account does not keep Cloud Firewall logs (log analysis is off)"} with input as state("account", {"cloudfirewall_log_analysis": false})
}

test_unknown_on_code if {
	s := state("code", {"vpc": {"vpcs": [{"meta": {"address": "alicloud_vpc.v"}}]}})
	count(check.deny) == 0 with input as s
	{r.msg | some r in check.unknown} == {"the scanned code: whether Cloud Firewall log analysis is enabled cannot be seen in Terraform code"} with input as s
}

test_unknown_unread_live if count(check.unknown) == 1 with input as state("account", {})

test_pass_not_an_alicloud_scan if count(check.unknown) == 0 with input as {"source": "terraform", "scope": "code", "alicloud": {}, "aws": {"ec2": {"vpcs": [{"meta": {}}]}}}
