package kansa.alicloud.ram.no_administrator_access_test

import data.kansa.alicloud.ram.no_administrator_access as check

attachment(kind, extra) := object.union(
	{
		"meta": {"address": sprintf("alicloud_ram_%s_policy_attachment.a", [kind]), "attributes": {"policy_name": 3}},
		"principal_type": kind,
		"principal": "ops",
		"policy_name": "AdministratorAccess",
		"policy_type": "System",
	},
	extra,
)

state(atts) := {"alicloud": {"ram": {"policy_attachments": atts}}}

test_fail_user if {
	results := check.deny with input as state([attachment("user", {})])
	{r.msg | some r in results} == {"alicloud_ram_user_policy_attachment.a attaches the system policy AdministratorAccess to RAM user ops"}
	{r.attribute | some r in results} == {"policy_name"}
}

test_fail_group_and_role if {
	count(check.deny) == 2 with input as state([attachment("group", {}), attachment("role", {})])
}

test_fail_full_admin_document if {
	a := attachment("role", {"policy_name": "AllPower", "policy_type": "Custom", "full_admin": true})
	{r.msg | some r in check.deny} == {"alicloud_ram_role_policy_attachment.a attaches policy AllPower, which allows every action on every resource, to RAM role ops"} with input as state([a])
}

test_pass_other_system_policy if {
	s := state([attachment("user", {"policy_name": "ReadOnlyAccess"})])
	count(check.deny) == 0 with input as s
	count(check.unknown) == 0 with input as s
}

test_pass_custom_policy_named_alike if {
	s := state([attachment("user", {"policy_type": "Custom", "meta": {"address": "a.b", "unknown": ["full_admin"]}})])
	count(check.deny) == 0 with input as s
	count(check.unknown) == 0 with input as s
}

test_unknown_policy_name if {
	a := attachment("user", {"policy_name": null, "meta": {"address": "a.b", "unknown": ["policy_name"]}})
	count(check.deny) == 0 with input as state([a])
	{r.msg | some r in check.unknown} == {"a.b may attach AdministratorAccess to RAM user ops: the policy is unresolved"} with input as state([a])
}

test_unknown_policy_type if {
	a := attachment("group", {"policy_type": null, "principal": null, "meta": {"address": "a.b", "unknown": ["policy_type", "principal"]}})
	count(check.deny) == 0 with input as state([a])
	{r.msg | some r in check.unknown} == {"a.b may attach AdministratorAccess to RAM group (unresolved): the policy is unresolved"} with input as state([a])
}

test_pass_unknown_type_other_name if {
	a := attachment("group", {"policy_type": null, "policy_name": "ReadOnlyAccess", "meta": {"address": "a.b", "unknown": ["policy_type"]}})
	count(check.unknown) == 0 with input as state([a])
}

test_fail_full_admin_unnamed_policy if {
	a := attachment("user", {"policy_name": null, "full_admin": true, "meta": {"address": "a.b", "unknown": ["policy_name"]}})
	{r.msg | some r in check.deny} == {"a.b attaches a policy that allows every action on every resource to RAM user ops"} with input as state([a])
}
