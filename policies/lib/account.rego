# METADATA
# description: |
#   The resource an account-scope finding is reported on when what is missing
#   is the problem ("no trail", "no recorder"): there is no model object to
#   point at, so checks report a synthetic account object instead.
package kansa.lib.account

# resource(provider) stands for the scanned account of provider ("aws",
# "alicloud"): {"meta": {"type": "<provider>_account", "id": ..., "account":
# ..., "source": ...}}. meta.id, its identity in reports and baselines, is the
# account ID when every resource of the provider that names an account names
# the same one (live scans), else "<provider>_account" (code scans). It has no
# address, file or lines.
resource(provider) := {"meta": {
	"source": object.get(input, "source", ""),
	"type": sprintf("%s_account", [provider]),
	"id": _id(provider),
	"account": _account(provider),
}}

# where(provider) names what was scanned, for messages: "the scanned code"
# (a Terraform directory or plan) or the account.
where(provider) := "the scanned code" if {
	input.scope == "code"
} else := sprintf("account %s", [_account(provider)]) if {
	_account(provider) != ""
} else := "the account"

# _accounts walks the provider's resources only on live scans: code names no
# account, and the walk would cost a pass over every resource.
_accounts(provider) := {a |
	input.scope == "account"
	walk(object.get(input, provider, {}), [path, v])
	count(path) > 0
	path[count(path) - 1] == "meta"
	a := object.get(v, "account", "")
	is_string(a)
	a != ""
}

_account(provider) := a if {
	accounts := _accounts(provider)
	count(accounts) == 1
	some a in accounts
} else := ""

_id(provider) := a if {
	a := _account(provider)
	a != ""
} else := sprintf("%s_account", [provider])
