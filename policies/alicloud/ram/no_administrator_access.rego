# METADATA
# title: AdministratorAccess is not attached to RAM users, groups or roles
# description: |
#   The system policy AdministratorAccess grants every action on every
#   resource; attached directly to a RAM user, group or role it makes that
#   principal a full administrator, so one leaked key or assumed role owns
#   the account, audit trail included. The finding is reported on the
#   attachment (alicloud_ram_user_policy_attachment, _group_, _role_). A
#   policy whose document a live scan judged to allow "*" on "*" fails too.
#   Custom policies in Terraform are not AdministratorAccess and pass; an
#   unresolved policy name or type is undecided, never failed.
# related_resources:
#   - https://www.alibabacloud.com/help/en/ram/user-guide/system-policies-for-ram
#   - https://registry.terraform.io/providers/aliyun/alicloud/latest/docs/resources/ram_role_policy_attachment
# custom:
#   id: alicloud-ram-no-administrator-access
#   severity: high
#   scope: resource
#   selector: alicloud.ram.policy_attachments
#   frameworks:
#     cis-alicloud:
#       "2.0.0": ["1.15", "1.16"]
#   remediation: |
#     Attach a policy scoped to the work the principal does, and keep
#     administrator access for a break-glass role behind MFA.
#
#     ```hcl
#     resource "alicloud_ram_role_policy_attachment" "ops" {
#       role_name   = alicloud_ram_role.ops.name
#       policy_type = "System"
#       policy_name = "ReadOnlyAccess" # not AdministratorAccess
#     }
#     ```
package kansa.alicloud.ram.no_administrator_access

import data.kansa.lib

admin_policy := "AdministratorAccess"

# administrator(a) holds when attachment a certainly grants full administrator access.
administrator(a) if {
	lib.equals_fold(a, "policy_type", "System")
	lib.equals(a, "policy_name", admin_policy)
}

administrator(a) if lib.is_true(a, "full_admin")

deny contains result if {
	some a in input.alicloud.ram.policy_attachments
	administrator(a)
	msg := sprintf("%s attaches %s to RAM %s %s", [lib.identity(a), _policy(a), a.principal_type, _principal(a)])
	result := lib.with_attribute({"resource": a, "msg": msg}, a, ["policy_name"])
}

unknown contains result if {
	some a in input.alicloud.ram.policy_attachments
	not administrator(a)
	lib.unknown_any(a, ["policy_name", "policy_type"])
	not lib.equals_fold(a, "policy_type", "Custom")
	not _other_known_name(a)
	result := {"resource": a, "msg": sprintf("%s may attach AdministratorAccess to RAM %s %s: the policy is unresolved", [lib.identity(a), a.principal_type, _principal(a)])}
}

# _other_known_name(a): the policy name is known and is not AdministratorAccess.
_other_known_name(a) if {
	lib.known(a, "policy_name")
	a.policy_name != admin_policy
}

_policy(a) := sprintf("the system policy %s", [admin_policy]) if {
	lib.equals(a, "policy_name", admin_policy)
} else := sprintf("policy %v, which allows every action on every resource,", [a.policy_name]) if {
	lib.known(a, "policy_name")
} else := "a policy that allows every action on every resource"

_principal(a) := a.principal if {
	lib.known(a, "principal")
	is_string(a.principal)
} else := "(unresolved)"
