# METADATA
# title: CloudWatch log groups keep logs for their tier's minimum
# description: |
#   Logs that expire before an investigation starts are no evidence. A log
#   group fails when retention_in_days is shorter than the minimum of its tier,
#   known from what writes into it: audit (a CloudTrail trail, 1095 days),
#   access (365), network (a VPC flow log, 30), default (nothing known feeds it,
#   365). Minimums come from data.kansa.config.retention, overridable for this
#   check. Unset or 0 means never expire and meets every minimum; CloudWatch
#   offers 1096, not 1095, so the audit minimum is met by 1096. An unresolved
#   retention is undecided.
# related_resources:
#   - https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/Working-with-log-groups-and-streams.html#SettingLogRetention
#   - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/cloudwatch_log_group
# custom:
#   id: aws-cloudwatch-log-retention
#   severity: medium
#   scope: resource
#   selector: aws.logs.log_groups
#   frameworks:
#     pci-dss:
#       "4.0": "10.5.1"
#   remediation: |
#     Keep the logs at least as long as the tier requires (or never expire them
#     and archive to S3 with a lifecycle that does).
#
#     ```hcl
#     resource "aws_cloudwatch_log_group" "flow" {
#       name              = "vpc-flow-logs"
#       retention_in_days = 400 # network tier minimum: 30; audit: 1096 or more
#     }
#     ```
package kansa.aws.logs.log_retention

import data.kansa.lib

check_id := "aws-cloudwatch-log-retention"

# minimums are the tier minimums: data.kansa.config.retention, with this
# check's overrides from either checks.<id>.retention or retention.<id> (the
# config file's `retention:` block takes per-check maps of tiers).
minimums := object.union(lib.setting(check_id, "retention"), _own) if {
	_own := data.kansa.config.retention[check_id]
	is_object(_own)
} else := lib.setting(check_id, "retention")

# tier(g) is the group's retention tier ("default" when unset).
tier(g) := g.tier if {
	is_string(g.tier)
	g.tier != ""
} else := "default"

# minimum(t) is the minimum days of tier t.
minimum(t) := minimums[t] if is_number(minimums[t])

else := minimums["default"]

# The cheap numeric tests come first: a group with enough retention costs no
# function call beyond tier and minimum, each called once.
deny contains result if {
	some g in input.aws.logs.log_groups
	days := g.retention_in_days
	is_number(days)
	days > 0
	t := tier(g)
	m := minimum(t)
	days < m
	not lib.unknown(g, "retention_in_days")
	result := lib.with_attribute(
		{"resource": g, "msg": sprintf("%s is %s: %s tier, minimum %d days, has %d", [lib.identity(g), feeders(g, t), t, m, days])},
		g, ["retention_in_days"],
	)
}

unknown contains result if {
	some g in input.aws.logs.log_groups
	lib.unknown(g, "retention_in_days")
	t := tier(g)
	result := {"resource": g, "msg": sprintf("%s is %s: %s tier, minimum %d days, retention_in_days is unresolved", [lib.identity(g), feeders(g, t), t, minimum(t)])}
}

# feeders(g, t) says what puts the group in tier t.
feeders(g, t) := sprintf("fed by %s", [concat(", ", names)]) if {
	fed := g.fed_by
	is_array(fed)
	names := sort({f.resource | some f in fed; object.get(_kind_tiers, f.kind, "default") == t})
	count(names) > 0
} else := "fed by nothing known"

# _kind_tiers maps a feeder kind to its tier; any other kind is "default".
# A lookup, not a function: one call per feeder costs more than the test.
_kind_tiers := {
	"cloudtrail": "audit",
	"config": "audit",
	"actiontrail": "audit",
	"access_logs": "access",
	"vpc_flow_log": "network",
}
