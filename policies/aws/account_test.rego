package kansa.aws.account_test

import data.kansa.aws.account

test_scanned_live if account.scanned with input as {"source": "aws", "aws": {}}

test_scanned_code_with_resources if {
	account.scanned with input as {"source": "terraform", "aws": {"ec2": {"vpcs": [{"meta": {}}]}}}
}

test_not_scanned_without_aws_resources if {
	not account.scanned with input as {"source": "terraform", "aws": {"ec2": {"vpcs": []}}}
}

test_account_object_with_id if {
	inp := {"source": "aws", "aws": {"ec2": {"vpcs": [{"meta": {"account": "111122223333"}}]}}}
	account.account == {"meta": {"source": "aws", "type": "aws_account", "id": "aws-account:111122223333", "account": "111122223333"}} with input as inp
	account.object_in("eu-west-1").meta.id == "aws-account:111122223333/eu-west-1" with input as inp
}

test_account_object_without_id if {
	account.account == {"meta": {"source": "terraform", "type": "aws_account", "id": "aws-account"}} with input as {"source": "terraform", "aws": {}}
}

test_scanned_account_block_only if {
	account.scanned with input as {"source": "terraform", "aws": {"s3": {"buckets": [], "account_public_access_block": {"meta": {}}}}}
}

test_account_object_from_the_scan if {
	inp := {"source": "aws", "scope": "account", "account": "111122223333", "aws": {"ec2": {"vpcs": []}}}
	account.account.meta.id == "aws-account:111122223333" with input as inp
}

test_not_scanned_by_an_empty_setting if {
	not account.scanned with input as {"source": "terraform", "aws": {"s3": {"buckets": []}}}
}
