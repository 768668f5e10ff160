# METADATA
# description: |
#   The Alibaba Cloud account as a whole, for account-scope checks ("a trail
#   must exist"): whether the scan saw Alibaba Cloud at all, and the object a
#   finding about something missing is reported on. That object is not a
#   resource of the model: it has a meta (type alicloud_account, the account
#   ID when the scan knows it) and nothing else, so reports show it without a
#   file or line. The AWS twin is kansa.aws.account.
package kansa.alicloud.account

# scanned holds when the scan saw Alibaba Cloud: a live Alibaba Cloud scan,
# or code that declares at least one Alibaba Cloud resource the model knows.
# A Terraform directory of AWS resources says nothing about an Alibaba
# account, even with --require-account-checks.
scanned if input.source == "alicloud"

scanned if {
	some _, service in input.alicloud
	is_object(service)
	some _, resources in service
	is_array(resources)
	count(resources) > 0
}

# ids are the account IDs the scanned resources name (live scans; code
# names none, so the resources are read only on live scans).
ids contains id if {
	input.scope == "account"
	some _, service in input.alicloud
	is_object(service)
	some _, resources in service
	is_array(resources)
	some r in resources
	id := r.meta.account
	is_string(id)
	id != ""
}

# A live scan also names the account it read, even when it found nothing.
ids contains id if {
	id := input.account
	is_string(id)
	id != ""
}

# account is the object a finding about the whole account is reported on.
account := {"meta": _meta}

_meta := {"source": _source, "type": "alicloud_account", "id": concat("", ["alicloud-account:", acct]), "account": acct} if {
	count(ids) == 1
	some acct in ids
} else := {"source": _source, "type": "alicloud_account", "id": "alicloud-account"}

_source := object.get(input, "source", "")

# where names what was scanned, for messages: "the scanned code" (a
# Terraform directory or plan), "account 123..." or "the account".
where := "the scanned code" if {
	input.scope == "code"
} else := sprintf("account %s", [_meta.account]) if {
	_meta.account
} else := "the account"
