package kansa.alicloud.sls.logstore_retention_test

import data.kansa.alicloud.sls.logstore_retention as check

store(extra) := object.union(
	{
		"meta": {"address": "alicloud_log_store.s", "attributes": {"retention_period": 9}},
		"name": "s",
		"retention_period": 30,
		"fed_by": [],
		"tier": "default",
	},
	extra,
)

audit := {"fed_by": [{"kind": "actiontrail", "resource": "alicloud_actiontrail_trail.t"}], "tier": "audit"}

network := {"fed_by": [{"kind": "vpc_flow_log", "resource": "alicloud_vpc_flow_log.f"}], "tier": "network"}

state(stores) := {"alicloud": {"sls": {"logstores": stores}}}

msgs(s) := m if {
	m := {r.msg | some r in check.deny} with input as s
}

test_pass_default_tier_365 if {
	count(check.deny) == 0 with input as state([store({"retention_period": 365})])
	count(check.unknown) == 0 with input as state([store({"retention_period": 365})])
}

test_pass_permanent if count(check.deny) == 0 with input as state([store(object.union(audit, {"retention_period": 3650}))])

test_pass_network_tier_30 if count(check.deny) == 0 with input as state([store(network)])

test_pass_audit_tier_1095 if count(check.deny) == 0 with input as state([store(object.union(audit, {"retention_period": 1095}))])

test_fail_default_tier if {
	results := check.deny with input as state([store({"retention_period": 91})])
	{r.msg | some r in results} == {"alicloud_log_store.s keeps logs 91 days: default tier (nothing known feeds it), minimum 365 days"}
	{r.attribute | some r in results} == {"retention_period"}
}

test_fail_provider_default if {
	s := store({"meta": {"address": "alicloud_log_store.s", "attributes": {}, "defaulted": ["retention_period"]}})
	msgs(state([s])) == {"alicloud_log_store.s keeps logs 30 days (provider default): default tier (nothing known feeds it), minimum 365 days"}
}

test_fail_audit_tier_names_the_trail if {
	msgs(state([store(object.union(audit, {"retention_period": 365}))])) == {"alicloud_log_store.s keeps logs 365 days: audit tier (fed by alicloud_actiontrail_trail.t, ActionTrail), minimum 1095 days"}
}

test_fail_network_tier if {
	msgs(state([store(object.union(network, {"retention_period": 7}))])) == {"alicloud_log_store.s keeps logs 7 days: network tier (fed by alicloud_vpc_flow_log.f, VPC flow log), minimum 30 days"}
}

test_fail_config_override if {
	cfg := {"retention": {"audit": 1095, "access": 365, "network": 30, "default": 365}, "checks": {"alicloud-sls-logstore-retention": {"retention": {"network": 90}}}}
	count(check.deny) == 1 with input as state([store(object.union(network, {"retention_period": 60}))]) with data.kansa.config as cfg
}

test_pass_unrecorded_tier_reads_as_default if count(check.deny) == 0 with input as state([store({"retention_period": 400, "tier": ""})])

test_unknown_retention if {
	s := store({"retention_period": null, "meta": {"address": "alicloud_log_store.s", "unknown": ["retention_period"]}})
	count(check.deny) == 0 with input as state([s])
	{r.msg | some r in check.unknown} == {"alicloud_log_store.s may keep logs too briefly: retention_period is unresolved"} with input as state([s])
}

test_unknown_tier_between_minimums if {
	s := store({"retention_period": 60, "meta": {"address": "alicloud_log_store.s", "unknown": ["fed_by"]}})
	count(check.deny) == 0 with input as state([s])
	{r.msg | some r in check.unknown} == {"alicloud_log_store.s keeps logs 60 days: enough or not depending on what feeds it, which is unresolved"} with input as state([s])
}

test_fail_unknown_tier_below_every_minimum if {
	s := store({"retention_period": 7, "meta": {"address": "alicloud_log_store.s", "unknown": ["tier"]}})
	msgs(state([s])) == {"alicloud_log_store.s keeps logs 7 days, below every tier's minimum (at least 30 days)"}
	count(check.unknown) == 0 with input as state([s])
}

test_pass_unknown_tier_above_every_minimum if {
	s := store({"retention_period": 1100, "meta": {"address": "alicloud_log_store.s", "unknown": ["tier"]}})
	count(check.deny) == 0 with input as state([s])
	count(check.unknown) == 0 with input as state([s])
}
