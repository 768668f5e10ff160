package terraform

import (
	"github.com/hashicorp/hcl/v2"

	"github.com/kansa-sec/kansa/internal/model"
	"github.com/kansa-sec/kansa/scanners/terraform/internal/eval"
)

// awsConfig adapts aws_config_configuration_recorder (with
// aws_config_configuration_recorder_status merged in by recorder name) and
// aws_config_delivery_channel; a recorder lists the delivery channels of the
// same module instance and region.
//
// Defaults per the AWS provider v5/v6 documentation: recorder name
// "default", recording_group.all_supported true,
// recording_group.include_global_resource_types false; delivery channel
// name "default". Recording stays nil when no status resource says.
func (a *adapter) awsConfig() {
	cfg := &a.state.AWS.Config
	type scoped struct {
		module, region string
	}
	chanScope := map[string]scoped{}
	for _, in := range a.of("aws_config_delivery_channel") {
		d := model.DeliveryChannel{Meta: a.meta(in)}
		r := reader{meta: &d.Meta, body: in.Body}
		d.Name = strDefault(r, "name", "default")
		d.S3BucketName, _ = r.str("s3_bucket_name")
		chanScope[d.Meta.ID] = scoped{in.Module.Path, d.Meta.Region}
		cfg.DeliveryChannels = append(cfg.DeliveryChannels, d)
	}
	for _, in := range a.of("aws_config_configuration_recorder") {
		rec := model.ConfigRecorder{Meta: a.meta(in), DeliveryChannels: []string{}}
		r := reader{meta: &rec.Meta, body: in.Body}
		rec.Name = strDefault(r, "name", "default")
		var group *eval.Body
		for _, b := range in.Body.Blocks {
			if b.Type == "recording_group" {
				group = b.Body
			}
		}
		gr := reader{meta: &rec.Meta, body: group, prefix: "recording_group[0]."}
		rec.AllSupported = boolDefault(gr, "all_supported", true)
		rec.IncludeGlobalResourceTypes = boolDefault(gr, "include_global_resource_types", false)
		for _, st := range a.of("aws_config_configuration_recorder_status") {
			// A status whose name is a reference to a recorder
			// (aws_config_configuration_recorder.main.name) belongs to that
			// recorder alone, whatever names the recorders share.
			if ref, ok := referencedResource(st, "aws_config_configuration_recorder"); ok {
				if ref != in.Resource.Name || st.Module.Path != in.Module.Path {
					continue
				}
				a.applyRecorderStatus(&rec, st)
				continue
			}
			name, s := readString(st.Body.Get("name"))
			// A region holds one recorder, so a status whose name is unresolved
			// (a reference to the recorder's computed name) belongs to the only
			// recorder of its region.
			sameRegion := a.meta(st).Region == rec.Meta.Region
			single := len(a.of("aws_config_configuration_recorder")) == 1
			matches := s == known && rec.Name != nil && (name == *rec.Name || refersTo(name, rec.Meta))
			if !matches && (s != unknownVal || !single || !sameRegion) {
				continue
			}
			a.applyRecorderStatus(&rec, st)
		}
		maybe := false
		for _, d := range cfg.DeliveryChannels {
			if s := chanScope[d.Meta.ID]; s.module == in.Module.Path && s.region == rec.Meta.Region {
				if existenceUnknown(d.Meta) {
					// Behind an unresolved count/for_each: it may not exist.
					maybe = true
					continue
				}
				rec.DeliveryChannels = append(rec.DeliveryChannels, d.Meta.ID)
			}
		}
		if maybe && len(rec.DeliveryChannels) == 0 {
			rec.Meta.MarkUnknown("delivery_channels", "a delivery channel's count/for_each is unresolved")
		}
		cfg.Recorders = append(cfg.Recorders, rec)
	}
}

// referencedResource returns the name of the resource of type typ that the
// "name" argument of in refers to (aws_config_configuration_recorder.main.name
// gives "main"), when the expression is such a reference.
func referencedResource(in *eval.Instance, typ string) (string, bool) {
	if in.Resource == nil || in.Resource.Config == nil {
		return "", false
	}
	at := in.Resource.Config.Attr("name")
	if at == nil {
		return "", false
	}
	for _, t := range at.Expr.Variables() {
		if t.RootName() != typ || len(t) < 2 {
			continue
		}
		if step, ok := t[1].(hcl.TraverseAttr); ok {
			return step.Name, true
		}
	}
	return "", false
}

// existenceUnknown reports whether m belongs to an instance whose existence
// is unresolved (a representative of an unknown count, for_each or module).
func existenceUnknown(m model.Meta) bool {
	return m.IsUnknown("count") || m.IsUnknown("for_each") || m.IsUnknown("module")
}

// applyRecorderStatus sets rec.Recording from the is_enabled of status st,
// marking it unknown when it cannot be resolved.
func (a *adapter) applyRecorderStatus(rec *model.ConfigRecorder, st *eval.Instance) {
	sm := a.meta(st)
	enabled, _ := reader{meta: &sm, body: st.Body}.boolean("is_enabled")
	if enabled == nil {
		rec.Meta.MarkUnknown("recording", "the recorder status could not be resolved")
	}
	rec.Recording = enabled
}
