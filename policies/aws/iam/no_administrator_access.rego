# METADATA
# title: No user, group or role holds full administrator rights directly
# description: |
#   A principal with AdministratorAccess, or any policy that allows every
#   action ("*") on every resource ("*"), can turn off the audit trail and
#   delete the evidence. An attachment fails when it gives a user, group or
#   role AdministratorAccess or a "*:*" policy directly: a policy attachment
#   resource (aws_iam_user/group/role_policy_attachment,
#   aws_iam_policy_attachment), aws_iam_role managed_policy_arns or an
#   inline_policy block (reported on the role), or an inline policy resource
#   (aws_iam_role/user/group_policy). A "*:*" policy that nothing attaches does
#   not fail. A policy whose document is unresolved is undecided.
# related_resources:
#   - https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege
#   - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/iam_role_policy_attachment
# custom:
#   id: aws-iam-no-administrator-access
#   severity: high
#   scope: resource
#   selector: aws.iam.policy_attachments
#   frameworks:
#     cis-aws:
#       "1.4.0": "1.16"
#       "2.0.0": "1.16"
#       "3.0.0": "1.16"
#       "4.0.1": "1.16"
#       "5.0.0": "1.15"
#       "6.0.0": "2.15"
#       "7.0.0": "2.14"
#   remediation: |
#     Grant only the actions the principal needs, and keep break-glass
#     administrator access behind a role assumed with MFA and alarmed on.
#
#     ```hcl
#     resource "aws_iam_role_policy_attachment" "deploy" {
#       role       = aws_iam_role.deploy.name
#       policy_arn = aws_iam_policy.deploy_least_privilege.arn # not AdministratorAccess
#     }
#     ```
package kansa.aws.iam.no_administrator_access

import data.kansa.lib

admin_arn := "arn:aws:iam::aws:policy/AdministratorAccess"

deny contains result if {
	some att in input.aws.iam.policy_attachments
	lib.is_true(att, "full_admin")
	result := lib.with_attribute(
		{"resource": att, "msg": sprintf("%s gives %s full administrator rights (%s)", [lib.identity(att), _principal(att), _policy(att)])},
		att, _attributes(att),
	)
}

unknown contains result if {
	some att in input.aws.iam.policy_attachments
	lib.unknown(att, "full_admin")
	result := {"resource": att, "msg": sprintf("%s: whether the policy it gives %s allows everything is unresolved", [lib.identity(att), _principal(att)])}
}

_principal(att) := sprintf("%s %s", [att.principal_type, att.principal]) if {
	lib.known(att, "principal")
	is_string(att.principal)
	not startswith(att.principal, "tf:")
} else := sprintf("a %s", [att.principal_type])

_policy(att) := "AdministratorAccess" if {
	att.policy_arn == admin_arn
} else := sprintf("policy %s allows * on *", [att.policy_name]) if {
	is_string(att.policy_name)
} else := "a policy that allows * on *"

_attributes(att) := ["managed_policy_arns"] if {
	att.meta.type == "aws_iam_role"
	is_string(att.policy_arn)
} else := ["inline_policy[0]"] if {
	att.meta.type == "aws_iam_role"
} else := ["policy_arn", "policy"]
