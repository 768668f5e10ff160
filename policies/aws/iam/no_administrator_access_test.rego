package kansa.aws.iam.no_administrator_access_test

import data.kansa.aws.iam.no_administrator_access as check

att(extra) := object.union(
	{
		"meta": {"address": "aws_iam_role_policy_attachment.admin", "type": "aws_iam_role_policy_attachment", "attributes": {"policy_arn": 3}},
		"principal_type": "role", "principal": "deploy",
		"policy_arn": "arn:aws:iam::aws:policy/AdministratorAccess", "full_admin": true,
	},
	extra,
)

state(atts) := {"aws": {"iam": {"policy_attachments": atts}}}

test_fail_managed_admin if {
	results := check.deny with input as state([att({})])
	{r.msg | some r in results} == {"aws_iam_role_policy_attachment.admin gives role deploy full administrator rights (AdministratorAccess)"}
	{r.attribute | some r in results} == {"policy_arn"}
}

test_fail_inline_star_policy if {
	a := {"meta": {"address": "aws_iam_user_policy.p", "type": "aws_iam_user_policy"}, "principal_type": "user", "principal": "tf:aws_iam_user.u.name", "policy_name": "all", "full_admin": true}
	{r.msg | some r in check.deny} == {"aws_iam_user_policy.p gives a user full administrator rights (policy all allows * on *)"} with input as state([a])
}

test_fail_role_managed_policy_arns if {
	a := att({"meta": {"address": "aws_iam_role.r", "type": "aws_iam_role", "attributes": {"managed_policy_arns": 7}}})
	{r.attribute | some r in check.deny} == {"managed_policy_arns"} with input as state([a])
}

test_pass_other_policy if {
	a := att({"policy_arn": "arn:aws:iam::aws:policy/ReadOnlyAccess", "full_admin": false})
	count(check.deny) == 0 with input as state([a])
	count(check.unknown) == 0 with input as state([a])
}

test_unknown_policy_not_resolved if {
	a := {"meta": {"address": "aws_iam_role_policy_attachment.x", "unknown": ["full_admin"]}, "principal_type": "role", "policy_arn": "tf:aws_iam_policy.x.arn"}
	count(check.deny) == 0 with input as state([a])
	count(check.unknown) == 1 with input as state([a])
}

test_fail_role_inline_policy if {
	a := {"meta": {"address": "aws_iam_role.r", "type": "aws_iam_role", "attributes": {"inline_policy[0]": 9}}, "principal_type": "role", "principal": "r", "full_admin": true}
	results := check.deny with input as state([a])
	{x.msg | some x in results} == {"aws_iam_role.r gives role r full administrator rights (a policy that allows * on *)"}
	{x.attribute | some x in results} == {"inline_policy[0]"}
}
