package kansa.alicloud.waf.log_analysis_test

import data.kansa.alicloud.waf.log_analysis as check

state(scope, alicloud) := {"source": "alicloud", "scope": scope, "alicloud": alicloud}

test_pass_enabled if {
	s := state("account", {"waf_instance": true, "waf_log_analysis": true})
	count(check.deny) == 0 with input as s
	count(check.unknown) == 0 with input as s
}

test_pass_no_waf_instance if {
	s := state("account", {"waf_instance": false})
	count(check.deny) == 0 with input as s
	count(check.unknown) == 0 with input as s
}

test_fail_disabled if {
	{r.msg | some r in check.deny} == {"the account has a WAF instance and does not keep its logs (WAF log analysis is off)"} with input as state("account", {"waf_instance": true, "waf_log_analysis": false})
}

test_unknown_on_code if {
	s := state("code", {"vpc": {"vpcs": [{"meta": {"address": "alicloud_vpc.v"}}]}})
	count(check.deny) == 0 with input as s
	{r.msg | some r in check.unknown} == {"the scanned code: whether WAF log analysis is enabled cannot be seen in Terraform code"} with input as s
}

test_unknown_instance_without_setting if {
	s := state("account", {"waf_instance": true})
	count(check.deny) == 0 with input as s
	{r.msg | some r in check.unknown} == {"the account: whether WAF log analysis is enabled could not be read"} with input as s
}

test_pass_not_an_alicloud_scan if count(check.unknown) == 0 with input as {"source": "terraform", "scope": "code", "alicloud": {}, "aws": {"ec2": {"vpcs": [{"meta": {}}]}}}
