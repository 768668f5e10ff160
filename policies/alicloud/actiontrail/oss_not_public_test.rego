package kansa.alicloud.actiontrail.oss_not_public_test

import data.kansa.alicloud.actiontrail.oss_not_public as check

bucket(extra) := object.union(
	{
		"meta": {"address": "alicloud_oss_bucket.b", "id": "tf:alicloud_oss_bucket.b.id", "attributes": {"acl": 3}},
		"name": "trail-logs",
		"acl": "private",
	},
	extra,
)

trail := {"meta": {"address": "alicloud_actiontrail_trail.t"}, "oss_bucket_name": "trail-logs", "bucket": "tf:alicloud_oss_bucket.b.id"}

state(buckets, trails) := {"alicloud": {"oss": {"buckets": buckets}, "actiontrail": {"trails": trails}}}

test_pass_private if {
	s := state([bucket({})], [trail])
	count(check.deny) == 0 with input as s
	count(check.unknown) == 0 with input as s
}

test_pass_public_bucket_without_trail if count(check.deny) == 0 with input as state([bucket({"acl": "public-read"})], [])

test_pass_trail_without_oss if {
	s := state([], [{"meta": {"address": "alicloud_actiontrail_trail.t"}, "sls_project_arn": "acs:log:*:*:project/p"}])
	count(check.deny) == 0 with input as s
	count(check.unknown) == 0 with input as s
}

test_fail_public_read_on_bucket if {
	results := check.deny with input as state([bucket({"acl": "public-read"})], [trail])
	results == {{
		"resource": bucket({"acl": "public-read"}),
		"msg": "alicloud_oss_bucket.b gives the ActionTrail bucket trail-logs the ACL public-read: the audit logs of alicloud_actiontrail_trail.t are public",
		"attribute": "acl",
	}}
}

test_fail_public_read_write if count(check.deny) == 1 with input as state([bucket({"acl": "public-read-write"})], [trail])

test_fail_standalone_acl_reported_on_acl_resource if {
	acl_meta := {"address": "alicloud_oss_bucket_acl.b", "type": "alicloud_oss_bucket_acl", "attributes": {"acl": 12}}
	results := check.deny with input as state([bucket({"acl": "public-read", "acl_meta": acl_meta})], [trail])
	{r.resource.meta.address | some r in results} == {"alicloud_oss_bucket_acl.b"}
	{r.attribute | some r in results} == {"acl"}
}

test_unknown_acl if {
	b := bucket({"acl": null, "meta": {"address": "alicloud_oss_bucket.b", "id": "tf:alicloud_oss_bucket.b.id", "unknown": ["acl"]}})
	count(check.deny) == 0 with input as state([b], [trail])
	{r.msg | some r in check.unknown} == {"alicloud_oss_bucket.b may make the ActionTrail bucket trail-logs public: its ACL is unresolved"} with input as state([b], [trail])
}

test_unknown_bucket_not_in_scan if {
	t := object.union(trail, {"bucket": ""})
	count(check.deny) == 0 with input as state([], [t])
	{r.msg | some r in check.unknown} == {"alicloud_actiontrail_trail.t delivers to OSS bucket trail-logs, which is not in the scan: its ACL cannot be judged"} with input as state([], [t])
}

test_unknown_bucket_name if {
	t := {"meta": {"address": "alicloud_actiontrail_trail.t", "unknown": ["oss_bucket_name"]}}
	count(check.unknown) == 1 with input as state([bucket({"acl": "public-read"})], [t])
	count(check.deny) == 0 with input as state([bucket({"acl": "public-read"})], [t])
}

test_fail_bucket_name_unresolved_names_the_bucket if {
	b := bucket({"acl": "public-read", "name": null, "meta": {"address": "alicloud_oss_bucket.b", "id": "tf:alicloud_oss_bucket.b.id", "unknown": ["bucket"]}})
	{r.msg | some r in check.deny} == {"alicloud_oss_bucket.b gives the ActionTrail bucket alicloud_oss_bucket.b the ACL public-read: the audit logs of alicloud_actiontrail_trail.t are public"} with input as state([b], [trail])
}
