# METADATA
# title: CloudTrail trails follow the naming convention
# description: Trails must be named "org-..." so the security team can find them.
# related_resources:
#   - https://example.com/wiki/logging-standard
# custom:
#   id: acme-trail-name-prefix
#   severity: low
#   scope: resource
#   selector: aws.cloudtrail.trails
#   frameworks:
#     acme-logging-standard:
#       "2025": ["LOG-3"]
#   remediation: |
#     ```hcl
#     resource "aws_cloudtrail" "main" {
#       name = "org-main"
#     }
#     ```
package kansa.acme.trail_name_prefix

import data.kansa.lib

deny contains result if {
	some trail in input.aws.cloudtrail.trails
	lib.known(trail, "name")
	not startswith(trail.name, "org-")
	result := {
		"resource": trail,
		"msg": sprintf("%s is named %q, not org-...", [lib.identity(trail), trail.name]),
		"attribute": "name",
	}
}

unknown contains result if {
	some trail in input.aws.cloudtrail.trails
	lib.unknown(trail, "name")
	result := {"resource": trail, "msg": sprintf("%s: name is unresolved", [lib.identity(trail)])}
}
