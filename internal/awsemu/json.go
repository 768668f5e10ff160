package awsemu

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
)

// json serves the awsJson1_1 services: CloudTrail, AWS Config, CloudWatch Logs.
func (s *Server) json(req *request) {
	var in map[string]any
	_ = json.Unmarshal(req.body, &in)
	str := func(k string) string { v, _ := in[k].(string); return v }
	service := map[string]string{"cloudtrail": "cloudtrail", "config": "config", "logs": "logs"}[req.service]
	if service == "" {
		s.fail(req, protoJSON, http.StatusBadRequest, "UnknownOperationException", "unknown service "+req.service)
		return
	}
	params := map[string]string{}
	for _, k := range []string{"Name", "TrailName"} {
		if v := str(k); v != "" {
			params[k] = v
		}
	}
	if !s.begin(req, service, protoJSON, "", params) {
		return
	}
	var out any
	switch service + ":" + req.op {
	case "cloudtrail:DescribeTrails":
		out = map[string]any{"trailList": s.trailsIn(req.region, in["includeShadowTrails"] != false)}
	case "cloudtrail:GetTrailStatus":
		t, ok := s.trailFor(req.region, str("Name"))
		if !ok {
			s.fail(req, protoJSON, http.StatusBadRequest, "TrailNotFoundException", "Unknown trail: "+str("Name"))
			return
		}
		out = map[string]any{"IsLogging": t.Logging, "StartLoggingTime": 1.7e9, "LatestDeliveryTime": 1.7e9}
	case "cloudtrail:GetEventSelectors":
		t, ok := s.trailFor(req.region, str("TrailName"))
		if !ok {
			s.fail(req, protoJSON, http.StatusBadRequest, "TrailNotFoundException", "Unknown trail: "+str("TrailName"))
			return
		}
		out = s.selectors(t)
	case "config:DescribeConfigurationRecorders":
		var recs []any
		for _, r := range s.sc.region(req.region).Recorders {
			rec := map[string]any{
				"name":    r.Name,
				"arn":     fmt.Sprintf("arn:%s:config:%s:%s:configuration-recorder/%s/0a1b2c3d", s.sc.partition(), req.region, s.sc.Account, r.Name),
				"roleARN": fmt.Sprintf("arn:%s:iam::%s:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig", s.sc.partition(), s.sc.Account),
				"recordingGroup": map[string]any{
					"allSupported": r.AllSupported, "includeGlobalResourceTypes": r.IncludeGlobal, "resourceTypes": []string{},
					"recordingStrategy": map[string]any{"useOnly": map[bool]string{true: "ALL_SUPPORTED_RESOURCE_TYPES", false: "INCLUSION_BY_RESOURCE_TYPES"}[r.AllSupported]},
				},
				"recordingMode": map[string]any{"recordingFrequency": "CONTINUOUS"},
			}
			if r.ServicePrincipal != "" {
				rec["servicePrincipal"] = r.ServicePrincipal
				rec["recordingScope"] = "PAID"
			}
			recs = append(recs, rec)
		}
		out = map[string]any{"ConfigurationRecorders": nonNil(recs)}
	case "config:DescribeConfigurationRecorderStatus":
		var sts []any
		for _, r := range s.sc.region(req.region).Recorders {
			last := "Success"
			if !r.Recording {
				last = "NotApplicable"
			}
			sts = append(sts, map[string]any{"name": r.Name, "recording": r.Recording, "lastStatus": last, "lastStartTime": 1.7e9})
		}
		out = map[string]any{"ConfigurationRecordersStatus": nonNil(sts)}
	case "config:DescribeDeliveryChannels":
		var chans []any
		for _, c := range s.sc.region(req.region).Channels {
			ch := map[string]any{"name": c.Name, "s3BucketName": c.Bucket, "configSnapshotDeliveryProperties": map[string]any{"deliveryFrequency": "TwentyFour_Hours"}}
			if c.KeyPrefix != "" {
				ch["s3KeyPrefix"] = c.KeyPrefix
			}
			chans = append(chans, ch)
		}
		out = map[string]any{"DeliveryChannels": nonNil(chans)}
	case "logs:DescribeLogGroups":
		groups := s.sc.region(req.region).LogGroups
		limit, _ := in["limit"].(float64)
		start, end, next := s.page(len(groups), str("nextToken"), int(limit))
		var list []any
		for _, g := range groups[start:end] {
			arn := fmt.Sprintf("arn:%s:logs:%s:%s:log-group:%s", s.sc.partition(), req.region, s.sc.Account, g.Name)
			lg := map[string]any{"logGroupName": g.Name, "creationTime": 1700000000000, "metricFilterCount": 0,
				"arn": arn + ":*", "logGroupArn": arn, "storedBytes": 1024, "logGroupClass": "STANDARD"}
			if g.Retention != nil {
				lg["retentionInDays"] = *g.Retention
			}
			list = append(list, lg)
		}
		o := map[string]any{"logGroups": nonNil(list)}
		if next != "" {
			o["nextToken"] = next
		}
		out = o
	default:
		s.fail(req, protoJSON, http.StatusBadRequest, "UnknownOperationException", "not emulated: "+service+":"+req.op)
		return
	}
	req.w.Header().Set("Content-Type", "application/x-amz-json-1.1")
	_ = json.NewEncoder(req.w).Encode(out)
}

// trailsIn lists what DescribeTrails returns in region: the trails homed
// there and, with shadows, the multi-region trails homed elsewhere.
func (s *Server) trailsIn(region string, shadows bool) []any {
	list := []any{}
	for _, t := range s.sc.Trails {
		if t.HomeRegion != region && (!shadows || !t.MultiRegion) {
			continue
		}
		tr := map[string]any{
			"Name": t.Name, "S3BucketName": t.Bucket, "IncludeGlobalServiceEvents": !t.OmitGlobalServices,
			"IsMultiRegionTrail": t.MultiRegion, "HomeRegion": t.HomeRegion, "TrailARN": s.sc.trailARN(t),
			"LogFileValidationEnabled": t.LogFileValidation, "HasCustomEventSelectors": len(t.Selectors) > 0,
			"HasInsightSelectors": false, "IsOrganizationTrail": t.Organization,
		}
		if t.KeyPrefix != "" {
			tr["S3KeyPrefix"] = t.KeyPrefix
		}
		if t.KMSKeyID != "" {
			tr["KmsKeyId"] = t.KMSKeyID
		}
		if t.LogGroupARN != "" {
			tr["CloudWatchLogsLogGroupArn"] = t.LogGroupARN
			tr["CloudWatchLogsRoleArn"] = fmt.Sprintf("arn:%s:iam::%s:role/CloudTrail_CloudWatchLogs_Role", s.sc.partition(), s.sc.Account)
		}
		list = append(list, tr)
	}
	return list
}

// trailFor finds the trail a status or selector call names: by ARN from
// any region it is visible in, by name only in its home region.
func (s *Server) trailFor(region, name string) (Trail, bool) {
	for _, t := range s.sc.Trails {
		visible := t.HomeRegion == region || t.MultiRegion
		if (name == s.sc.trailARN(t) && visible) || (name == t.Name && t.HomeRegion == region) {
			return t, true
		}
	}
	return Trail{}, false
}

func (s *Server) selectors(t Trail) map[string]any {
	out := map[string]any{"TrailARN": s.sc.trailARN(t)}
	if len(t.AdvancedSelectors) > 0 {
		var adv []any
		for _, a := range t.AdvancedSelectors {
			var fields []any
			for _, f := range a.Fields {
				fs := map[string]any{"Field": f.Field}
				if len(f.Equals) > 0 {
					fs["Equals"] = f.Equals
				}
				if len(f.NotEquals) > 0 {
					fs["NotEquals"] = f.NotEquals
				}
				fields = append(fields, fs)
			}
			adv = append(adv, map[string]any{"Name": a.Name, "FieldSelectors": fields})
		}
		out["AdvancedEventSelectors"] = adv
		return out
	}
	sels := slices.Clone(t.Selectors)
	if len(sels) == 0 {
		sels = []Selector{{ReadWriteType: "All"}}
	}
	var list []any
	for _, sel := range sels {
		mgmt := true
		if sel.Management != nil {
			mgmt = *sel.Management
		}
		list = append(list, map[string]any{"ReadWriteType": sel.ReadWriteType, "IncludeManagementEvents": mgmt,
			"DataResources": []any{}, "ExcludeManagementEventSources": []any{}})
	}
	out["EventSelectors"] = list
	return out
}

func nonNil(l []any) []any {
	if l == nil {
		return []any{}
	}
	return l
}
