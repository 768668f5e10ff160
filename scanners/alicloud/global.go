package alicloud

import (
	"context"
	"strings"

	"github.com/kansa-sec/kansa/internal/model"
)

// Model paths of the account-wide services.
const (
	pathRecorders          = "alicloud.config.recorders"
	pathPolicyAttachments  = "alicloud.ram.policy_attachments"
	pathSecurityCenterLogs = "alicloud.security_center_log_analysis"
	pathCloudFirewallLogs  = "alicloud.cloudfirewall_log_analysis"
	pathWAFInstance        = "alicloud.waf_instance"
	pathWAFLogs            = "alicloud.waf_log_analysis"
)

// recorderBody is config:GetConfigurationRecorder's answer (API 2020-09-07).
type recorderBody struct {
	ConfigurationRecorder struct {
		ConfigurationRecorderStatus string `json:"ConfigurationRecorderStatus"`
	} `json:"ConfigurationRecorder"`
}

// config reads the account's Cloud Config recorder. Its status is
// REGISTRABLE when Cloud Config was never enabled, BUILDING while it is
// being enabled, REGISTERED when it records and REBUILDING while it
// re-indexes (still recording). A failure is a gap for the account.
func (r *run) config(ctx context.Context) []model.AlicloudConfigRecorder {
	var out recorderBody
	if err := r.rpc.callRPC(ctx, opGetConfigurationRecorder, "", nil, &out); err != nil {
		r.gap("", err, opGetConfigurationRecorder, pathRecorders)
		return nil
	}
	status := out.ConfigurationRecorder.ConfigurationRecorderStatus
	rec := model.AlicloudConfigRecorder{Meta: r.meta("alicloud_config_configuration_recorder", r.account, r.arn("config", "", "configurationrecorder"), "")}
	switch strings.ToUpper(status) {
	case "REGISTERED", "REBUILDING", "BUILDING":
		rec.Recording = model.Ptr(true)
	case "REGISTRABLE":
		rec.Recording = model.Ptr(false)
	default:
		rec.Meta.MarkUnknown("recording", opGetConfigurationRecorder.String()+": unexpected ConfigurationRecorderStatus "+quoteOr(status, "(none)"))
	}
	return []model.AlicloudConfigRecorder{rec}
}

func quoteOr(s, empty string) string {
	if s == "" {
		return empty
	}
	return `"` + s + `"`
}

// ramEntitiesBody is ram:ListEntitiesForPolicy's answer (API 2015-05-01).
type ramEntitiesBody struct {
	Users struct {
		User []struct {
			UserName string `json:"UserName"`
		} `json:"User"`
	} `json:"Users"`
	Groups struct {
		Group []struct {
			GroupName string `json:"GroupName"`
		} `json:"Group"`
	} `json:"Groups"`
	Roles struct {
		Role []struct {
			RoleName string `json:"RoleName"`
			Arn      string `json:"Arn"`
		} `json:"Role"`
	} `json:"Roles"`
}

// adminPolicy is the system policy the RAM check looks for.
const adminPolicy = "AdministratorAccess"

// ram lists the users, groups and roles AdministratorAccess is attached
// to, one attachment each (named as the alicloud provider's attachment
// resources are). A failure is a gap for every attachment.
func (r *run) ram(ctx context.Context) []model.PolicyAttachment {
	var out ramEntitiesBody
	q := map[string]string{"PolicyName": adminPolicy, "PolicyType": "System"}
	if err := r.rpc.callRPC(ctx, opListEntitiesForPolicy, "", q, &out); err != nil {
		r.gap("", err, opListEntitiesForPolicy, pathPolicyAttachments)
		return nil
	}
	var atts []model.PolicyAttachment
	add := func(kind, name, arn string) {
		if name == "" {
			return
		}
		if arn == "" {
			arn = r.arn("ram", "", kind+"/"+name)
		}
		atts = append(atts, model.PolicyAttachment{
			Meta:          r.meta("alicloud_ram_"+kind+"_policy_attachment", kind+":"+adminPolicy+":System:"+name, arn, ""),
			PrincipalType: kind,
			Principal:     model.Ptr(name),
			PolicyName:    model.Ptr(adminPolicy),
			PolicyType:    model.Ptr("System"),
		})
	}
	for _, u := range out.Users.User {
		add("user", u.UserName, "")
	}
	for _, g := range out.Groups.Group {
		add("group", g.GroupName, "")
	}
	for _, ro := range out.Roles.Role {
		add("role", ro.RoleName, ro.Arn)
	}
	return atts
}

// logMetaBody is sas:DescribeLogMeta's answer (API 2018-12-03).
type logMetaBody struct {
	LogMetaList []struct {
		LogStore string `json:"LogStore"`
		Status   string `json:"Status"`
	} `json:"LogMetaList"`
}

// cloudfwBody is cloudfw:DescribeUserBuyVersion's answer (API 2017-12-07).
type cloudfwBody struct {
	InstanceID     string   `json:"InstanceId"`
	InstanceStatus string   `json:"InstanceStatus"`
	LogStatus      flexBool `json:"LogStatus"`
}

// wafInstanceBody is waf:DescribeInstance's answer (WAF 3.0, API 2021-10-01).
type wafInstanceBody struct {
	InstanceID string `json:"InstanceId"`
}

// wafLogStoreBody is waf:DescribeSlsLogStoreStatus's answer.
type wafLogStoreBody struct {
	ExistStatus flexBool `json:"ExistStatus"`
}

// waf2InstanceBody is waf:DescribeInstanceInfo's answer (WAF 2.0, API 2019-09-10).
type waf2InstanceBody struct {
	InstanceInfo struct {
		InstanceID string  `json:"InstanceId"`
		PayType    flexInt `json:"PayType"`
	} `json:"InstanceInfo"`
}

// wafLocations are where WAF instances live: the Chinese mainland
// (cn-hangzhou) and everywhere else (ap-southeast-1).
var wafLocations = []string{"cn-hangzhou", "ap-southeast-1"}

// flags reads the account-wide log-analysis switches. Each one that cannot
// be read stays nil with a gap for its model path: the check is then an
// error, never a pass.
func (r *run) flags(ctx context.Context, a *model.Alicloud) {
	// Security Center: log analysis delivers to Log Service when one of its
	// logs is enabled.
	var sas logMetaBody
	if err := r.rpc.callRPC(ctx, opDescribeLogMeta, "", map[string]string{"From": "sas"}, &sas); err != nil {
		r.gap("", err, opDescribeLogMeta, pathSecurityCenterLogs)
	} else {
		on := false
		for _, m := range sas.LogMetaList {
			on = on || strings.EqualFold(m.Status, "enabled")
		}
		a.SecurityCenterLogAnalysis = model.Ptr(on)
	}

	// Cloud Firewall: LogStatus says whether log delivery is on.
	var fw cloudfwBody
	switch err := r.rpc.callRPC(ctx, opDescribeUserBuyVersion, "", nil, &fw); {
	case err != nil:
		r.gap("", err, opDescribeUserBuyVersion, pathCloudFirewallLogs)
	case !fw.LogStatus.set:
		r.gaps.Add("", opDescribeUserBuyVersion.String(), "no LogStatus in the answer", pathCloudFirewallLogs)
	default:
		a.CloudFirewallLogAnalysis = model.Ptr(fw.LogStatus.v)
	}

	r.waf(ctx, a)
}

// waf decides WAFInstance and WAFLogAnalysis. A WAF 3.0 instance keeps its
// logs when its Log Service logstore exists. A WAF 2.0 instance (the
// retired edition) is detected, but its per-domain log settings are not
// read: WAFLogAnalysis then stays unknown, with a gap that says so.
func (r *run) waf(ctx context.Context, a *model.Alicloud) {
	instance, logs := false, true
	var legacy []string
	for _, loc := range wafLocations {
		var inst wafInstanceBody
		if err := r.rpc.callRPC(ctx, opDescribeWAFInstance, loc, map[string]string{"RegionId": loc}, &inst); err != nil {
			r.gap("", err, opDescribeWAFInstance, pathWAFInstance, pathWAFLogs)
			return
		}
		if inst.InstanceID != "" {
			instance = true
			var st wafLogStoreBody
			q := map[string]string{"RegionId": loc, "InstanceId": inst.InstanceID}
			switch err := r.rpc.callRPC(ctx, opDescribeWAFSlsLogStoreStatus, loc, q, &st); {
			case err != nil:
				a.WAFInstance = model.Ptr(true)
				r.gap("", err, opDescribeWAFSlsLogStoreStatus, pathWAFLogs)
				return
			case !st.ExistStatus.set:
				a.WAFInstance = model.Ptr(true)
				r.gaps.Add("", opDescribeWAFSlsLogStoreStatus.String(), "no ExistStatus in the answer", pathWAFLogs)
				return
			}
			logs = logs && st.ExistStatus.v
			continue
		}
		var old waf2InstanceBody
		if err := r.rpc.callRPC(ctx, opDescribeWAF2InstanceInfo, loc, map[string]string{"RegionId": loc}, &old); err != nil {
			r.gap("", err, opDescribeWAF2InstanceInfo, pathWAFInstance, pathWAFLogs)
			return
		}
		if old.InstanceInfo.PayType.v != 0 {
			instance = true
			legacy = append(legacy, loc)
		}
	}
	a.WAFInstance = model.Ptr(instance)
	switch {
	case !instance:
	case !logs:
		a.WAFLogAnalysis = model.Ptr(false)
	case len(legacy) > 0:
		r.gaps.Add("", opDescribeWAF2InstanceInfo.String(), "a WAF 2.0 instance ("+strings.Join(legacy, ", ")+"): kansa does not read WAF 2.0 log settings", pathWAFLogs)
	default:
		a.WAFLogAnalysis = model.Ptr(true)
	}
}
