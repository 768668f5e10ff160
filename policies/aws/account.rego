# METADATA
# description: |
#   The AWS account as a whole, for account-scope checks ("a trail must
#   exist"): whether the scan saw AWS at all, and the object a finding about
#   something missing is reported on. That object is not a resource of the
#   model: it has a meta (type aws_account, the account ID when the scan knows
#   it) and nothing else, so reports show it without a file or line.
package kansa.aws.account

# scanned holds when the scan saw AWS: a live AWS scan, or code that
# declares at least one AWS resource the model knows.
scanned if input.source == "aws"

scanned if {
	some _, service in input.aws
	some _, resources in service
	is_array(resources)
	count(resources) > 0
}

# An account-level setting (the S3 account public access block) is an
# object rather than a list. The probe names no path on purpose: account
# checks do not read every service the probe looks at (see the engine's
# Rule.Reads).
scanned if {
	some _, service in input.aws
	some _, setting in service
	is_object(setting)
}

# ids are the account IDs the scanned resources name (live scans).
ids contains id if {
	some _, service in input.aws
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
account := object_in("")

# object_in(region) is account, placed in region ("" for every region).
object_in(region) := {"meta": object.union(_meta, _region(region))}

_meta := {"source": input.source, "type": "aws_account", "id": concat("", ["aws-account:", acct]), "account": acct} if {
	count(ids) == 1
	some acct in ids
} else := {"source": input.source, "type": "aws_account", "id": "aws-account"}

_region("") := {}

_region(r) := {"region": r, "id": concat("", [_meta.id, "/", r])} if r != ""
