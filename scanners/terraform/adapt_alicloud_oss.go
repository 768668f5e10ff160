package terraform

import (
	"github.com/kansa-sec/kansa/internal/model"
)

// alicloudOSS adapts alicloud_oss_bucket with alicloud_oss_bucket_acl merged in.
//
// Defaults per the alicloud provider >= 1.256 documentation: acl "private"
// (the inline acl argument is deprecated in favour of alicloud_oss_bucket_acl).
func (a *adapter) alicloudOSS() {
	oss := &a.state.Alicloud.OSS
	for _, in := range a.of("alicloud_oss_bucket") {
		b := model.OSSBucket{Meta: a.meta(in)}
		r := reader{meta: &b.Meta, body: in.Body}
		b.Name, _ = r.str("bucket")
		var st valState
		b.ACL, st = r.str("acl")
		for _, c := range a.of("alicloud_oss_bucket_acl") {
			ref, s := readString(c.Body.Get("bucket"))
			if s != known || !refersTo(ref, b.Meta, b.Name) {
				continue
			}
			cm := a.meta(c)
			b.ACLMeta = &cm
			b.ACL, st = reader{meta: &cm, body: c.Body}.str("acl")
			if st == unknownVal {
				b.Meta.MarkUnknown("acl", "the bucket ACL could not be resolved")
			}
		}
		if st == unset {
			b.ACL = model.Ptr("private")
			b.Meta.MarkDefaulted("acl")
		}
		oss.Buckets = append(oss.Buckets, b)
	}
}
