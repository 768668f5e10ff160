# METADATA
# title: The OSS bucket of an ActionTrail trail is not public
# description: |
#   The bucket a trail delivers to (oss_bucket_name, linked by reference or
#   literal name) holds the account's audit history; an ACL other than
#   private (public-read, public-read-write) lets anyone read it, or rewrite
#   it. The finding is reported on what sets the ACL: the standalone
#   alicloud_oss_bucket_acl when there is one, else the bucket. An unset ACL
#   is private (alicloud provider >= 1.256 default). A bucket not in the scan
#   or an unresolved ACL is undecided, never failed. Buckets that store no
#   trail's logs pass.
# related_resources:
#   - https://www.alibabacloud.com/help/en/oss/user-guide/bucket-acl
#   - https://registry.terraform.io/providers/aliyun/alicloud/latest/docs/resources/oss_bucket_acl
# custom:
#   id: alicloud-actiontrail-oss-not-public
#   severity: critical
#   scope: resource
#   selector: alicloud.oss.buckets
#   frameworks:
#     cis-alicloud:
#       "2.0.0": "2.2"
#   remediation: |
#     Make the trail's bucket private (and keep it private with a bucket
#     policy that only the ActionTrail role can write to).
#
#     ```hcl
#     resource "alicloud_oss_bucket_acl" "trail" {
#       bucket = alicloud_oss_bucket.trail.bucket
#       acl    = "private"
#     }
#     ```
package kansa.alicloud.actiontrail.oss_not_public

import data.kansa.lib

# trails_of(bucket) names the trails that deliver to bucket.
trails_of(bucket) := sort([lib.identity(t) |
	some t in input.alicloud.actiontrail.trails
	t.bucket == bucket.meta.id
])

# acl_resource(bucket) is the model object that sets the bucket's ACL: the
# standalone alicloud_oss_bucket_acl (located by acl_meta) or the bucket.
acl_resource(bucket) := {"meta": bucket.acl_meta, "acl": bucket.acl} if {
	is_object(bucket.acl_meta)
} else := bucket

deny contains result if {
	some bucket in input.alicloud.oss.buckets
	bucket.meta.id != ""
	trails := trails_of(bucket)
	count(trails) > 0
	lib.known(bucket, "acl")
	not lib.equals_fold(bucket, "acl", "private")
	r := acl_resource(bucket)
	msg := sprintf("%s gives the ActionTrail bucket %s the ACL %v: the audit logs of %s are public", [lib.identity(r), _bucket_name(bucket), bucket.acl, concat(", ", trails)])
	result := lib.with_attribute({"resource": r, "msg": msg}, r, ["acl"])
}

unknown contains result if {
	some bucket in input.alicloud.oss.buckets
	bucket.meta.id != ""
	trails := trails_of(bucket)
	count(trails) > 0
	lib.unknown(bucket, "acl")
	r := acl_resource(bucket)
	result := {"resource": r, "msg": sprintf("%s may make the ActionTrail bucket %s public: its ACL is unresolved", [lib.identity(r), _bucket_name(bucket)])}
}

# A trail whose bucket is not in the scan: its ACL cannot be judged.
unknown contains result if {
	some trail in input.alicloud.actiontrail.trails
	lib.known(trail, "oss_bucket_name")
	object.get(trail, "bucket", "") == ""
	msg := sprintf("%s delivers to OSS bucket %v, which is not in the scan: its ACL cannot be judged", [lib.identity(trail), trail.oss_bucket_name])
	result := lib.with_attribute({"resource": trail, "msg": msg}, trail, ["oss_bucket_name"])
}

unknown contains result if {
	some trail in input.alicloud.actiontrail.trails
	lib.unknown(trail, "oss_bucket_name")
	result := {"resource": trail, "msg": sprintf("%s may deliver to a public OSS bucket: oss_bucket_name is unresolved", [lib.identity(trail)])}
}

_bucket_name(bucket) := bucket.name if {
	is_string(bucket.name)
	not lib.unknown_any(bucket, ["name", "bucket"])
} else := lib.identity(bucket)
