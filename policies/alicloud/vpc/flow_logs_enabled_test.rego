package kansa.alicloud.vpc.flow_logs_enabled_test

import data.kansa.alicloud.vpc.flow_logs_enabled as check

vpc(flow_logs, unknown) := {
	"meta": {"address": "alicloud_vpc.main", "type": "alicloud_vpc", "unknown": unknown},
	"flow_logs": flow_logs,
}

flow_log(id, status, unknown) := {
	"meta": {"address": sprintf("alicloud_vpc_flow_log.%s", [id]), "id": id, "unknown": unknown},
	"resource_type": "VPC",
	"status": status,
}

state(vpcs, flow_logs) := {"alicloud": {"vpc": {"vpcs": vpcs, "flow_logs": flow_logs}}}

test_fail_no_flow_log if {
	{r.msg | some r in check.deny} == {"alicloud_vpc.main has no flow log"} with input as state([vpc([], [])], [])
}

test_fail_inactive_flow_log if {
	s := state([vpc(["fl"], [])], [flow_log("fl", "Inactive", [])])
	{r.msg | some r in check.deny} == {"alicloud_vpc.main has no active flow log"} with input as s
}

test_fail_flow_log_of_another_vpc if {
	count(check.deny) == 1 with input as state([vpc([], [])], [flow_log("fl", "Active", [])])
}

test_pass_active_flow_log if {
	s := state([vpc(["fl"], [])], [flow_log("fl", "Active", [])])
	count(check.deny) == 0 with input as s
	count(check.unknown) == 0 with input as s
}

test_unknown_status if {
	s := state([vpc(["fl"], [])], [flow_log("fl", null, ["status"])])
	count(check.deny) == 0 with input as s
	{r.msg | some r in check.unknown} == {"alicloud_vpc.main may have no active flow log: the status of alicloud_vpc_flow_log.fl is unresolved"} with input as s
}

test_unknown_target if {
	s := state([vpc([], ["flow_logs"])], [])
	count(check.deny) == 0 with input as s
	count(check.unknown) == 1 with input as s
}
