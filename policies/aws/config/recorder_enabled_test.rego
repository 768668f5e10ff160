package kansa.aws.config.recorder_enabled_test

import data.kansa.aws.config.recorder_enabled as check

rec(name, extra) := object.union({"meta": {"address": sprintf("aws_config_configuration_recorder.%s", [name]), "region": "eu-west-1"}, "recording": true}, extra)

state(recs) := {"source": "terraform", "scope": "code", "aws": {"config": {"recorders": recs}}}

test_pass_recording if {
	count(check.deny) == 0 with input as state([rec("main", {})])
	count(check.unknown) == 0 with input as state([rec("main", {})])
}

test_fail_stopped if {
	results := check.deny with input as state([rec("main", {"recording": false}), rec("other", {})])
	{r.msg | some r in results} == {"aws_config_configuration_recorder.main is not recording (its status has is_enabled = false)"}
}

test_fail_no_recorder if {
	s := {"source": "terraform", "scope": "code", "aws": {"config": {"recorders": []}, "ec2": {"vpcs": [{"meta": {"address": "aws_vpc.main"}}]}}}
	{r.msg | some r in check.deny} == {"no AWS Config recorder exists"} with input as s
}

test_fail_live_region_without_recorder if {
	s := {"source": "aws", "scope": "account", "aws": {
		"config": {"recorders": [rec("main", {})]},
		"ec2": {"vpcs": [{"meta": {"arn": "vpc-1", "region": "us-east-1"}}, {"meta": {"arn": "vpc-2", "region": "eu-west-1"}}]},
		"iam": {"policy_attachments": [{"meta": {"arn": "arn:aws:iam::1:role/x", "region": "global"}}]},
	}}
	{r.msg | some r in check.deny} == {"no AWS Config recorder in us-east-1"} with input as s
}

test_pass_code_region_not_judged if {
	s := {"source": "terraform", "scope": "code", "aws": {
		"config": {"recorders": [rec("main", {})]},
		"ec2": {"vpcs": [{"meta": {"address": "aws_vpc.main", "region": "us-east-1"}}]},
	}}
	count(check.deny) == 0 with input as s
}

test_unknown_no_status if {
	r := {"meta": {"address": "aws_config_configuration_recorder.main"}}
	count(check.deny) == 0 with input as state([r])
	count(check.unknown) == 1 with input as state([r])
}

test_unknown_unresolved_status if {
	r := {"meta": {"address": "aws_config_configuration_recorder.main", "unknown": ["recording"]}}
	count(check.deny) == 0 with input as state([r])
	count(check.unknown) == 1 with input as state([r])
}

test_fail_live_read_region_without_resources if {
	s := {"source": "aws", "scope": "account", "regions": ["ap-south-1", "eu-west-1"], "aws": {
		"config": {"recorders": [rec("main", {})]},
		"ec2": {"vpcs": [{"meta": {"arn": "vpc-2", "region": "eu-west-1"}}]},
	}}
	{r.msg | some r in check.deny} == {"no AWS Config recorder in ap-south-1"} with input as s
}
