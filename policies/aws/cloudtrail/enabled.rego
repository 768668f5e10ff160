# METADATA
# title: A CloudTrail trail records the whole account
# description: |
#   Without a trail that is multi-region, logging, and records management
#   read and write events, API activity in some region or of some kind leaves
#   no audit record. The account fails when no trail meets all three; a trail
#   whose settings are unresolved leaves the account undecided, never failed.
#   Account scope: judged on live scans, and on Terraform only with
#   --require-account-checks (a directory of code is not an account). The
#   finding is reported on the account, not on a resource.
# related_resources:
#   - https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-create-and-update-a-trail.html
#   - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/cloudtrail
# custom:
#   id: aws-cloudtrail-enabled
#   severity: critical
#   scope: account
#   frameworks:
#     cis-aws:
#       "1.4.0": "3.1"
#       "2.0.0": "3.1"
#       "3.0.0": "3.1"
#       "4.0.1": "3.1"
#       "5.0.0": "3.1"
#       "6.0.0": "4.1"
#       "7.0.0": "4.1"
#   remediation: |
#     Create one multi-region trail that logs all management events.
#
#     ```hcl
#     resource "aws_cloudtrail" "main" {
#       name                       = "org-trail"
#       s3_bucket_name             = aws_s3_bucket.trail.id
#       is_multi_region_trail      = true
#       enable_log_file_validation = true
#       kms_key_id                 = aws_kms_key.trail.arn
#
#       event_selector {
#         read_write_type           = "All"
#         include_management_events = true
#       }
#     }
#     ```
package kansa.aws.cloudtrail.enabled

import data.kansa.aws.account
import data.kansa.lib

requirements := ["is_multi_region_trail", "enable_logging", "management_events_read_write"]

# complete(trail) holds when the trail certainly meets every requirement.
complete(trail) if {
	every attr in requirements {
		lib.is_true(trail, attr)
	}
}

# possible(trail) holds when no requirement is known to be missing.
possible(trail) if {
	not complete(trail)
	every attr in requirements {
		not lib.is_false(trail, attr)
	}
}

_any_complete if {
	some trail in input.aws.cloudtrail.trails
	complete(trail)
}

_undecided contains trail if {
	some trail in input.aws.cloudtrail.trails
	possible(trail)
}

deny contains result if {
	account.scanned
	count(input.aws.cloudtrail.trails) == 0
	result := {"resource": account.account, "msg": "no CloudTrail trail exists"}
}

deny contains result if {
	account.scanned
	count(input.aws.cloudtrail.trails) > 0
	not _any_complete
	count(_undecided) == 0
	result := {"resource": account.account, "msg": sprintf("no CloudTrail trail is multi-region, logging and recording management read and write events (%s)", [concat(", ", sort([_summary(t) | some t in input.aws.cloudtrail.trails]))])}
}

unknown contains result if {
	account.scanned
	not _any_complete
	count(_undecided) > 0
	result := {"resource": account.account, "msg": sprintf("whether a trail records the whole account is undecided: %s have unresolved settings", [concat(", ", sort([lib.identity(t) | some t in _undecided]))])}
}

_summary(trail) := sprintf("%s lacks %s", [lib.identity(trail), concat(", ", [a | some a in requirements; lib.is_false(trail, a)])])
