package terraform

import (
	"strings"

	"github.com/kansa-sec/kansa/internal/model"
)

// alicloudActionTrail adapts alicloud_actiontrail_trail and
// alicloud_config_configuration_recorder. It runs after alicloudOSS so a
// trail links to its bucket.
//
// Defaults per the alicloud provider >= 1.256 documentation (and the API
// defaults it leaves unset attributes to, see checks.md): trail_region
// "All", event_rw "All", status "Enable". When the module pins the alicloud
// provider below 1.256, event_rw defaults to "Write" as those versions'
// documentation says (e.g. 1.162.0). A Cloud Config recorder resource
// has no status argument: its existence means recording.
func (a *adapter) alicloudActionTrail() {
	at := &a.state.Alicloud.ActionTrail
	for _, in := range a.of("alicloud_actiontrail_trail") {
		t := model.ActionTrailTrail{Meta: a.meta(in)}
		r := reader{meta: &t.Meta, body: in.Body}
		if t.Name, _ = r.str("trail_name"); t.Name == nil {
			t.Name, _ = r.str("name")
		}
		t.TrailRegion = strDefault(r, "trail_region", "All")
		eventRW := "All"
		if a.providerBelow(in, "alicloud", version{1, 256, 0}) {
			eventRW = "Write"
		}
		t.EventRW = strDefault(r, "event_rw", eventRW)
		t.Status = strDefault(r, "status", "Enable")
		t.SLSProjectARN, _ = r.str("sls_project_arn")
		t.OSSBucketName, _ = r.str("oss_bucket_name")
		if t.OSSBucketName != nil {
			for _, b := range a.state.Alicloud.OSS.Buckets {
				if refersTo(*t.OSSBucketName, b.Meta, b.Name) {
					t.Bucket = b.Meta.ID
				}
			}
		}
		at.Trails = append(at.Trails, t)
	}
	for _, in := range a.of("alicloud_config_configuration_recorder") {
		rec := model.AlicloudConfigRecorder{Meta: a.meta(in), Recording: model.Ptr(true)}
		a.state.Alicloud.Config.Recorders = append(a.state.Alicloud.Config.Recorders, rec)
	}
}

// slsProjectOf returns the project name of an SLS project ARN
// ("acs:log:<region>:<account>:project/<name>"), or the value itself when it
// is a placeholder or a bare name.
func slsProjectOf(arn string) string {
	if i := strings.LastIndex(arn, "project/"); i >= 0 && !model.IsPlaceholder(arn) {
		return strings.TrimSuffix(arn[i+len("project/"):], "/")
	}
	return arn
}
