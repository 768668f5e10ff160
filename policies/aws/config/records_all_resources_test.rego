package kansa.aws.config.records_all_resources_test

import data.kansa.aws.config.records_all_resources as check

rec(name, extra) := object.union({"meta": {"address": sprintf("aws_config_configuration_recorder.%s", [name])}, "all_supported": true, "include_global_resource_types": false}, extra)

state(scope, recs) := {"scope": scope, "aws": {"config": {"recorders": recs}}}

test_pass_all_supported if {
	count(check.deny) == 0 with input as state("code", [rec("main", {})])
	count(check.unknown) == 0 with input as state("code", [rec("main", {})])
}

test_fail_not_all_supported if {
	r := rec("main", {"all_supported": false, "meta": {"address": "aws_config_configuration_recorder.main", "attributes": {"recording_group[0].all_supported": 5}}})
	results := check.deny with input as state("code", [r])
	{x.msg | some x in results} == {"aws_config_configuration_recorder.main records only some resource types (all_supported is false)"}
	{x.attribute | some x in results} == {"recording_group[0].all_supported"}
}

test_fail_live_no_global_types if {
	results := check.deny with input as state("account", [rec("a", {}), rec("b", {})])
	count(results) == 2
}

test_pass_live_one_records_global_types if {
	count(check.deny) == 0 with input as state("account", [rec("a", {}), rec("b", {"include_global_resource_types": true})])
}

test_pass_code_global_types_not_judged if {
	count(check.deny) == 0 with input as state("code", [rec("a", {}), rec("b", {})])
}

test_unknown_all_supported if {
	r := {"meta": {"address": "aws_config_configuration_recorder.main", "unknown": ["all_supported"]}, "include_global_resource_types": true}
	count(check.deny) == 0 with input as state("code", [r])
	count(check.unknown) == 1 with input as state("code", [r])
}

test_unknown_live_global_types_unresolved if {
	a := rec("a", {"meta": {"unknown": ["include_global_resource_types"]}})
	b := rec("b", {})
	count(check.deny) == 0 with input as state("account", [a, b])
	results := check.unknown with input as state("account", [a, b])
	{x.msg | some x in results} == {
		"aws_config_configuration_recorder.a: whether some recorder in the account records global resource types (IAM) is unresolved",
		"aws_config_configuration_recorder.b: whether some recorder in the account records global resource types (IAM) is unresolved",
	}
}

test_pass_live_global_types_known_despite_unresolved if {
	a := rec("a", {"meta": {"unknown": ["include_global_resource_types"]}})
	b := rec("b", {"include_global_resource_types": true})
	count(check.deny) == 0 with input as state("account", [a, b])
	count(check.unknown) == 0 with input as state("account", [a, b])
}
