# METADATA
# title: Every VPC has an active flow log
# description: |
#   Without VPC flow logs there is no record of which addresses talked to which
#   instances. A VPC passes when a flow log with status Active targets it
#   (alicloud_vpc_flow_log with resource_type "VPC" and resource_id referencing
#   it, or a live flow log). An unresolved target or status leaves the VPC
#   undecided, never failed.
# related_resources:
#   - https://www.alibabacloud.com/help/en/vpc/user-guide/flow-logs-overview
#   - https://registry.terraform.io/providers/aliyun/alicloud/latest/docs/resources/vpc_flow_log
# custom:
#   id: alicloud-vpc-flow-logs-enabled
#   severity: high
#   scope: resource
#   selector: alicloud.vpc.vpcs
#   frameworks:
#     cis-alicloud:
#       "2.0.0": ["2.5", "3.3"]
#   remediation: |
#     Add an active flow log for the VPC, delivered to a Log Service logstore.
#
#     ```hcl
#     resource "alicloud_vpc_flow_log" "main" {
#       resource_type  = "VPC"
#       resource_id    = alicloud_vpc.main.id
#       traffic_type   = "All"
#       project_name   = alicloud_log_project.flow.project_name
#       log_store_name = alicloud_log_store.flow.logstore_name
#       status         = "Active"
#     }
#     ```
package kansa.alicloud.vpc.flow_logs_enabled

import data.kansa.lib

# flow_logs(vpc) are the flow logs in the model that target vpc.
flow_logs(vpc) := [fl |
	some fl in input.alicloud.vpc.flow_logs
	fl.meta.id in lib.list(vpc, "flow_logs")
]

active(vpc) if {
	some fl in flow_logs(vpc)
	lib.equals_fold(fl, "status", "active")
}

# undecided(vpc) says why vpc may have an active flow log that the model cannot show.
undecided(vpc) := "a flow log's target is unresolved" if {
	lib.unknown(vpc, "flow_logs")
} else := sprintf("the status of %s is unresolved", [concat(", ", names)]) if {
	names := sort([lib.identity(fl) |
		some fl in flow_logs(vpc)
		lib.unknown(fl, "status")
	])
	count(names) > 0
}

deny contains result if {
	some vpc in input.alicloud.vpc.vpcs
	not active(vpc)
	not undecided(vpc)
	result := {"resource": vpc, "msg": msg(vpc)}
}

unknown contains result if {
	some vpc in input.alicloud.vpc.vpcs
	not active(vpc)
	why := undecided(vpc)
	result := {"resource": vpc, "msg": sprintf("%s may have no active flow log: %s", [lib.identity(vpc), why])}
}

msg(vpc) := sprintf("%s has no flow log", [lib.identity(vpc)]) if {
	count(flow_logs(vpc)) == 0
} else := sprintf("%s has no active flow log", [lib.identity(vpc)])
