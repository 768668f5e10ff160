package kansa.alicloud.account_test

import data.kansa.alicloud.account

test_code_scan_account if {
	s := {"source": "terraform", "scope": "code", "alicloud": {"actiontrail": {"trails": [{"meta": {"account": "9"}}]}}}
	account.account == {"meta": {"source": "terraform", "type": "alicloud_account", "id": "alicloud-account"}} with input as s
	account.where == "the scanned code" with input as s
	account.scanned with input as s
}

test_live_scan_uses_the_account_id if {
	s := {"source": "alicloud", "scope": "account", "alicloud": {"actiontrail": {"trails": [{"meta": {"account": "1234"}}]}, "security_center_log_analysis": true}}
	account.account.meta.id == "alicloud-account:1234" with input as s
	account.account.meta.account == "1234" with input as s
	account.where == "account 1234" with input as s
}

test_several_accounts_are_not_one if {
	s := {"scope": "account", "alicloud": {"a": {"b": [{"meta": {"account": "1"}}, {"meta": {"account": "2"}}]}}}
	account.account.meta.id == "alicloud-account" with input as s
	account.where == "the account" with input as s
}

test_live_scan_without_resources_is_scanned if account.scanned with input as {"source": "alicloud", "scope": "account", "alicloud": {}}

test_aws_code_is_not_an_alicloud_scan if {
	not account.scanned with input as {"source": "terraform", "scope": "code", "alicloud": {"actiontrail": {"trails": []}}, "aws": {"ec2": {"vpcs": [{}]}}}
}

test_account_object_from_the_scan if {
	s := {"source": "alicloud", "scope": "account", "account": "5678", "alicloud": {}}
	account.account.meta.id == "alicloud-account:5678" with input as s
	account.where == "account 5678" with input as s
}
