package alicloud

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/kansa-sec/kansa/internal/model"
)

func TestConfigRecorder(t *testing.T) {
	tests := []struct {
		answer     any
		want       *bool
		wantReason string
		wantGap    bool
	}{
		{`{"ConfigurationRecorder": {"ConfigurationRecorderStatus": "REGISTERED"}}`, model.Ptr(true), "", false},
		{`{"ConfigurationRecorder": {"ConfigurationRecorderStatus": "REBUILDING"}}`, model.Ptr(true), "", false},
		{`{"ConfigurationRecorder": {"ConfigurationRecorderStatus": "BUILDING"}}`, model.Ptr(true), "", false},
		{`{"ConfigurationRecorder": {"ConfigurationRecorderStatus": "REGISTRABLE"}}`, model.Ptr(false), "", false},
		{`{"ConfigurationRecorder": {"ConfigurationRecorderStatus": "PAUSED"}}`, nil, `config:GetConfigurationRecorder: unexpected ConfigurationRecorderStatus "PAUSED"`, false},
		{`{}`, nil, "config:GetConfigurationRecorder: unexpected ConfigurationRecorderStatus (none)", false},
		{denied(opGetConfigurationRecorder), nil, "", true},
	}
	for _, tt := range tests {
		r := newRun(newFake(map[string]any{"config:GetConfigurationRecorder ": tt.answer}))
		recs := r.config(context.Background())
		gaps := r.gaps.List()
		if tt.wantGap {
			if len(recs) != 0 || len(gaps) != 1 || gaps[0].Path != pathRecorders || gaps[0].Region != "" {
				t.Errorf("%v: recorders %+v gaps %+v", tt.answer, recs, gaps)
			}
			continue
		}
		if len(recs) != 1 || len(gaps) != 0 {
			t.Fatalf("%v: recorders %+v gaps %+v", tt.answer, recs, gaps)
		}
		rec := recs[0]
		if (rec.Recording == nil) != (tt.want == nil) || rec.Recording != nil && *rec.Recording != *tt.want {
			t.Errorf("%v: recording %v, want %v", tt.answer, rec.Recording, tt.want)
		}
		if rec.Meta.Reasons["recording"] != tt.wantReason {
			t.Errorf("%v: reason %q", tt.answer, rec.Meta.Reasons["recording"])
		}
		if rec.Meta.ID != "1234567890123456" || rec.Meta.Type != "alicloud_config_configuration_recorder" || rec.Meta.ARN != "acs:config::1234567890123456:configurationrecorder" {
			t.Errorf("meta %+v", rec.Meta)
		}
	}
}

func TestRAMAdministratorAccess(t *testing.T) {
	body := `{"Users": {"User": [{"UserName": "alice"}]}, "Groups": {"Group": [{"GroupName": "admins"}]},
		"Roles": {"Role": [{"RoleName": "ops", "Arn": "acs:ram::1234567890123456:role/ops"}, {"RoleName": ""}]}}`
	fake := newFake(map[string]any{"ram:ListEntitiesForPolicy ": body})
	r := newRun(fake)
	atts := r.ram(context.Background())
	var got []string
	for _, a := range atts {
		got = append(got, strings.Join([]string{a.Meta.Type, a.Meta.ID, a.Meta.ARN, a.PrincipalType, deref(a.Principal), deref(a.PolicyName), deref(a.PolicyType)}, " "))
	}
	want := []string{
		"alicloud_ram_user_policy_attachment user:AdministratorAccess:System:alice acs:ram::1234567890123456:user/alice user alice AdministratorAccess System",
		"alicloud_ram_group_policy_attachment group:AdministratorAccess:System:admins acs:ram::1234567890123456:group/admins group admins AdministratorAccess System",
		"alicloud_ram_role_policy_attachment role:AdministratorAccess:System:ops acs:ram::1234567890123456:role/ops role ops AdministratorAccess System",
	}
	if !slices.Equal(got, want) {
		t.Errorf("attachments:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if q := fake.calls[0].q; q["PolicyName"] != "AdministratorAccess" || q["PolicyType"] != "System" {
		t.Errorf("query %v", q)
	}

	r = newRun(newFake(map[string]any{"ram:ListEntitiesForPolicy ": denied(opListEntitiesForPolicy)}))
	if atts := r.ram(context.Background()); atts != nil {
		t.Errorf("attachments from a failed call: %v", atts)
	}
	if gaps := r.gaps.List(); len(gaps) != 1 || gaps[0].Path != pathPolicyAttachments {
		t.Errorf("gaps %+v", gaps)
	}
}

func TestFlags(t *testing.T) {
	noWAF := map[string]any{
		"waf:DescribeInstance cn-hangzhou":        `{}`,
		"waf:DescribeInstance ap-southeast-1":     `{}`,
		"waf:DescribeInstanceInfo cn-hangzhou":    `{"InstanceInfo": {"PayType": 0}}`,
		"waf:DescribeInstanceInfo ap-southeast-1": `{"InstanceInfo": {"PayType": 0}}`,
	}
	with := func(base map[string]any, extra map[string]any) map[string]any {
		out := map[string]any{
			"sas:DescribeLogMeta ":            `{"LogMetaList": [{"LogStore": "aegis-log-login", "Status": "enabled"}]}`,
			"cloudfw:DescribeUserBuyVersion ": `{"LogStatus": true, "InstanceStatus": "normal"}`,
		}
		for k, v := range base {
			out[k] = v
		}
		for k, v := range extra {
			out[k] = v
		}
		return out
	}
	tests := []struct {
		name    string
		answers map[string]any
		// want is sas, cloudfw, waf instance, waf logs: "t", "f" or "-" (nil).
		want     string
		wantGaps []string
	}{
		{"all on, no WAF", with(noWAF, nil), "t t f -", nil},
		{"security center logs off", with(noWAF, map[string]any{"sas:DescribeLogMeta ": `{"LogMetaList": [{"Status": "disabled"}]}`}), "f t f -", nil},
		{"security center nothing delivered", with(noWAF, map[string]any{"sas:DescribeLogMeta ": `{"TotalCount": 0}`}), "f t f -", nil},
		{"security center refused", with(noWAF, map[string]any{"sas:DescribeLogMeta ": denied(opDescribeLogMeta)}), "- t f -", []string{pathSecurityCenterLogs}},
		{"cloud firewall logs off", with(noWAF, map[string]any{"cloudfw:DescribeUserBuyVersion ": `{"LogStatus": false, "InstanceStatus": "free"}`}), "t f f -", nil},
		{"cloud firewall silent", with(noWAF, map[string]any{"cloudfw:DescribeUserBuyVersion ": `{"InstanceStatus": "normal"}`}), "t - f -", []string{pathCloudFirewallLogs}},
		{"cloud firewall refused", with(noWAF, map[string]any{"cloudfw:DescribeUserBuyVersion ": denied(opDescribeUserBuyVersion)}), "t - f -", []string{pathCloudFirewallLogs}},
		{"WAF with logs", with(noWAF, map[string]any{
			"waf:DescribeInstance ap-southeast-1":          `{"InstanceId": "waf_v3_1"}`,
			"waf:DescribeSlsLogStoreStatus ap-southeast-1": `{"ExistStatus": true}`,
		}), "t t t t", nil},
		{"WAF without logs", with(noWAF, map[string]any{
			"waf:DescribeInstance cn-hangzhou":          `{"InstanceId": "waf_v3_1"}`,
			"waf:DescribeSlsLogStoreStatus cn-hangzhou": `{"ExistStatus": false}`,
		}), "t t t f", nil},
		{"WAF log status refused", with(noWAF, map[string]any{
			"waf:DescribeInstance cn-hangzhou":          `{"InstanceId": "waf_v3_1"}`,
			"waf:DescribeSlsLogStoreStatus cn-hangzhou": denied(opDescribeWAFSlsLogStoreStatus),
		}), "t t t -", []string{pathWAFLogs}},
		{"WAF 2.0 instance", with(noWAF, map[string]any{"waf:DescribeInstanceInfo ap-southeast-1": `{"InstanceInfo": {"PayType": 1, "InstanceId": "waf-int-1"}}`}), "t t t -", []string{pathWAFLogs}},
		{"WAF refused", with(noWAF, map[string]any{"waf:DescribeInstance cn-hangzhou": denied(opDescribeWAFInstance)}), "t t - -", []string{pathWAFInstance, pathWAFLogs}},
	}
	tri := func(b *bool) string {
		switch {
		case b == nil:
			return "-"
		case *b:
			return "t"
		}
		return "f"
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := newRun(newFake(tt.answers))
			var a model.Alicloud
			r.flags(context.Background(), &a)
			got := strings.Join([]string{tri(a.SecurityCenterLogAnalysis), tri(a.CloudFirewallLogAnalysis), tri(a.WAFInstance), tri(a.WAFLogAnalysis)}, " ")
			if got != tt.want {
				t.Errorf("flags %q, want %q", got, tt.want)
			}
			var paths []string
			for _, g := range r.gaps.List() {
				paths = append(paths, g.Path)
				if g.Region != "" || g.Reason == "" {
					t.Errorf("gap %+v", g)
				}
			}
			slices.Sort(tt.wantGaps)
			if !slices.Equal(paths, tt.wantGaps) {
				t.Errorf("gaps %v, want %v", paths, tt.wantGaps)
			}
		})
	}
}
