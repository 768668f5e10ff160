package terraform

import (
	"strings"

	"github.com/kansa-sec/kansa/internal/model"
	"github.com/kansa-sec/kansa/scanners/terraform/internal/eval"
)

// awsCloudTrail adapts aws_cloudtrail.
//
// Defaults per the AWS provider v5/v6 aws_cloudtrail documentation:
// is_multi_region_trail false, enable_log_file_validation false,
// enable_logging true, include_global_service_events true; an event_selector
// records read and write management events unless it says otherwise
// (read_write_type "All", include_management_events true), and a trail
// without selectors records all management events.
func (a *adapter) awsCloudTrail() {
	ct := &a.state.AWS.CloudTrail
	for _, in := range a.of("aws_cloudtrail") {
		t := model.Trail{Meta: a.meta(in)}
		r := reader{meta: &t.Meta, body: in.Body}
		t.Name, _ = r.str("name")
		t.IsMultiRegionTrail = boolDefault(r, "is_multi_region_trail", false)
		t.EnableLogFileValidation = boolDefault(r, "enable_log_file_validation", false)
		t.EnableLogging = boolDefault(r, "enable_logging", true)
		t.IncludeGlobalServiceEvents = boolDefault(r, "include_global_service_events", true)
		t.KMSKeyID = strDefault(r, "kms_key_id", "")
		t.CloudWatchLogsGroupARN = strDefault(r, "cloud_watch_logs_group_arn", "")
		t.S3BucketName, _ = r.str("s3_bucket_name")
		t.ManagementEventsReadWrite = managementEvents(&t.Meta, in.Body.Blocks)
		ct.Trails = append(ct.Trails, t)
	}
}

func managementEvents(m *model.Meta, blocks []*eval.Block) *bool {
	var selectors, advanced int
	all := false
	unknown := false
	for _, b := range blocks {
		switch b.Type {
		case "advanced_event_selector":
			advanced++
		case "event_selector":
			selectors++
			r := reader{meta: &model.Meta{}, body: b.Body}
			rw, st := r.str("read_write_type")
			inc, st2 := r.boolean("include_management_events")
			if st == unknownVal || st2 == unknownVal {
				unknown = true
				continue
			}
			if (rw == nil || *rw == "All") && (inc == nil || *inc) {
				all = true
			}
		}
	}
	switch {
	case selectors == 0 && advanced == 0:
		m.MarkDefaulted("management_events_read_write")
		return model.Ptr(true)
	case all:
		return model.Ptr(true)
	case advanced > 0 || unknown:
		m.MarkUnknown("management_events_read_write", "event selectors could not be judged from the configuration")
		return nil
	}
	return model.Ptr(false)
}

// boolDefault reads a bool attribute, applying def (marked defaulted) when unset.
func boolDefault(r reader, name string, def bool) *bool {
	v, st := r.boolean(name)
	if st == unset {
		r.meta.MarkDefaulted(r.prefix + name)
		return model.Ptr(def)
	}
	return v
}

// strDefault reads a string attribute, applying def (marked defaulted) when unset.
func strDefault(r reader, name, def string) *string {
	v, st := r.str(name)
	if st == unset {
		r.meta.MarkDefaulted(r.prefix + name)
		return model.Ptr(def)
	}
	return v
}

// intDefault reads a number attribute, applying def (marked defaulted) when unset.
func intDefault(r reader, name string, def int) *int {
	v, st := r.num(name)
	if st == unset {
		r.meta.MarkDefaulted(r.prefix + name)
		return model.Ptr(def)
	}
	return v
}

// refersTo reports whether ref (a value read from configuration) names the
// resource m: its identity, one of its placeholders (id, arn, name, bucket)
// or one of its literal names. A trailing ":*" (log group ARNs) is ignored.
func refersTo(ref string, m model.Meta, names ...*string) bool {
	ref = strings.TrimSuffix(ref, ":*")
	if ref == "" {
		return false
	}
	if ref == m.ID {
		return true
	}
	if model.IsPlaceholder(ref) && m.Address != "" && strings.HasPrefix(ref, "tf:"+m.Address+".") {
		return !strings.Contains(strings.TrimPrefix(ref, "tf:"+m.Address+"."), ".")
	}
	for _, n := range names {
		if n != nil && *n != "" && (ref == *n || strings.HasSuffix(ref, ":"+*n) || strings.HasSuffix(ref, ":log-group:"+*n)) {
			return true
		}
	}
	return false
}
