package kansa.lib.account_test

import data.kansa.lib.account

test_code_scan_resource if {
	account.resource("alicloud") == {"meta": {"source": "terraform", "type": "alicloud_account", "id": "alicloud_account", "account": ""}} with input as {"source": "terraform", "scope": "code", "alicloud": {}}
	account.where("alicloud") == "the scanned code" with input as {"scope": "code"}
}

test_live_scan_uses_the_account_id if {
	s := {"source": "alicloud", "scope": "account", "alicloud": {"actiontrail": {"trails": [{"meta": {"account": "1234"}}]}}}
	account.resource("alicloud").meta.id == "1234" with input as s
	account.resource("alicloud").meta.account == "1234" with input as s
	account.where("alicloud") == "account 1234" with input as s
}

test_several_accounts_are_not_one if {
	s := {"scope": "account", "alicloud": {"a": [{"meta": {"account": "1"}}, {"meta": {"account": "2"}}]}}
	account.resource("alicloud").meta.id == "alicloud_account" with input as s
	account.where("alicloud") == "the account" with input as s
}
