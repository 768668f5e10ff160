package kansa.alicloud.config.recorder_enabled_test

import data.kansa.alicloud.config.recorder_enabled as check

recorder(recording, unknown) := {"meta": {"address": "alicloud_config_configuration_recorder.r", "unknown": unknown}, "recording": recording}

# A VPC in the code makes it an Alibaba Cloud scan even without recorders.
state(scope, recorders) := {"source": "terraform", "scope": scope, "alicloud": {
	"config": {"recorders": recorders},
	"vpc": {"vpcs": [{"meta": {"address": "alicloud_vpc.v"}}]},
}}

test_pass_recorder if {
	count(check.deny) == 0 with input as state("code", [recorder(true, [])])
	count(check.unknown) == 0 with input as state("code", [recorder(true, [])])
}

test_fail_no_recorder_in_code if {
	results := check.deny with input as state("code", [])
	{r.msg | some r in results} == {"the scanned code has no Cloud Config configuration recorder"}
	{r.resource.meta.type | some r in results} == {"alicloud_account"}
}

test_fail_recorder_off if {
	results := check.deny with input as state("account", [recorder(false, [])])
	{r.msg | some r in results} == {"alicloud_config_configuration_recorder.r is not recording"}
}

test_unknown_recording if {
	s := state("account", [recorder(null, ["recording"])])
	count(check.deny) == 0 with input as s
	{r.msg | some r in check.unknown} == {"alicloud_config_configuration_recorder.r may not be recording: its status is unresolved"} with input as s
}

test_pass_not_an_alicloud_scan if count(check.deny) == 0 with input as {"source": "terraform", "scope": "code", "alicloud": {"config": {"recorders": []}}}

test_unknown_recorder_behind_unresolved_count if {
	s := state("code", [recorder(true, ["count"])])
	count(check.deny) == 0 with input as s
	{r.resource.meta.address | some r in check.unknown} == {"alicloud_config_configuration_recorder.r"} with input as s
}
