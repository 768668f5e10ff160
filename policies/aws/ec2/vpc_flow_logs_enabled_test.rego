package kansa.aws.ec2.vpc_flow_logs_enabled_test

import data.kansa.aws.ec2.vpc_flow_logs_enabled as check

vpc(name, flow_logs, unknown) := {
	"meta": {"address": sprintf("aws_vpc.%s", [name]), "type": "aws_vpc", "unknown": unknown},
	"flow_logs": flow_logs,
}

state(vpcs) := {"aws": {"ec2": {"vpcs": vpcs, "flow_logs": []}}}

test_fail_no_flow_log if {
	{r.msg | some r in check.deny} == {"aws_vpc.main has no flow log"} with input as state([vpc("main", [], [])])
}

test_fail_null_flow_logs if {
	count(check.deny) == 1 with input as state([vpc("main", null, [])])
}

test_pass_flow_log if {
	count(check.deny) == 0 with input as state([vpc("main", ["tf:aws_flow_log.main.id"], [])])
	count(check.unknown) == 0 with input as state([vpc("main", ["tf:aws_flow_log.main.id"], [])])
}

test_unknown_unresolved_target if {
	count(check.deny) == 0 with input as state([vpc("main", [], ["flow_logs"])])
	count(check.unknown) == 1 with input as state([vpc("main", [], ["flow_logs"])])
}

test_pass_known_flow_log_beats_unknown if {
	count(check.unknown) == 0 with input as state([vpc("main", ["fl-1"], ["flow_logs"])])
}
