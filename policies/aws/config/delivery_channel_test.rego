package kansa.aws.config.delivery_channel_test

import data.kansa.aws.config.delivery_channel as check

rec(channels, unknown) := {"meta": {"address": "aws_config_configuration_recorder.main", "unknown": unknown}, "delivery_channels": channels}

state(recs) := {"aws": {"config": {"recorders": recs}}}

test_pass_channel if {
	count(check.deny) == 0 with input as state([rec(["tf:aws_config_delivery_channel.main.id"], [])])
	count(check.unknown) == 0 with input as state([rec(["tf:aws_config_delivery_channel.main.id"], [])])
}

test_fail_no_channel if {
	{r.msg | some r in check.deny} == {"aws_config_configuration_recorder.main has no delivery channel in its region"} with input as state([rec([], [])])
}

test_fail_null_channels if count(check.deny) == 1 with input as state([rec(null, [])])

test_unknown_unresolved if {
	count(check.deny) == 0 with input as state([rec([], ["delivery_channels"])])
	count(check.unknown) == 1 with input as state([rec([], ["delivery_channels"])])
}
