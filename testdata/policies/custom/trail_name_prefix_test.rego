package kansa.acme.trail_name_prefix_test

import data.kansa.acme.trail_name_prefix as check

trail(name) := {"meta": {"address": "aws_cloudtrail.main"}, "name": name}

test_fail_other_name if {
	count(check.deny) == 1 with input as {"aws": {"cloudtrail": {"trails": [trail("main")]}}}
}

test_pass_org_name if {
	count(check.deny) == 0 with input as {"aws": {"cloudtrail": {"trails": [trail("org-main")]}}}
}

test_unknown_name if {
	t := {"meta": {"address": "aws_cloudtrail.main", "unknown": ["name"]}}
	count(check.deny) == 0 with input as {"aws": {"cloudtrail": {"trails": [t]}}}
	count(check.unknown) == 1 with input as {"aws": {"cloudtrail": {"trails": [t]}}}
}
