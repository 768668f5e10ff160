package alicloud

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/kansa-sec/kansa/internal/model"
	"github.com/kansa-sec/kansa/scanners/alicloud/emulator"
)

const testKey = "LTAI5tKansaUnitKey0001"

// testEnv points the credential chain at the AccessKey ak ("" for none)
// and at nothing else on this machine.
func testEnv(t testing.TB, ak string) {
	t.Helper()
	home := t.TempDir()
	t.Setenv("HOME", home)
	for _, k := range []string{
		"ALIBABA_CLOUD_ACCESS_KEY_ID", "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "ALIBABA_CLOUD_SECURITY_TOKEN",
		"ALIBABA_CLOUD_ROLE_ARN", "ALIBABA_CLOUD_OIDC_PROVIDER_ARN", "ALIBABA_CLOUD_OIDC_TOKEN_FILE",
		"ALIBABA_CLOUD_PROFILE", "ALIBABA_CLOUD_CREDENTIALS_URI", "ALIBABA_CLOUD_ECS_METADATA",
		"HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy",
	} {
		t.Setenv(k, "")
	}
	t.Setenv("ALIBABA_CLOUD_CONFIG_FILE", filepath.Join(home, "no-aliyun-config.json"))
	t.Setenv("ALIBABA_CLOUD_CREDENTIALS_FILE", filepath.Join(home, "no-credentials.ini"))
	t.Setenv("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true")
	if ak != "" {
		t.Setenv("ALIBABA_CLOUD_ACCESS_KEY_ID", ak)
		t.Setenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "unit-test-secret")
	}
}

// fastRetry keeps the tests quick; the policy's shape is the same.
var fastRetry = retryPolicy{attempts: 4, base: time.Millisecond, max: 4 * time.Millisecond}

// collect runs a collector with opts against an emulator of sc.
func collect(t testing.TB, sc *emulator.Scenario, opts Options) (*model.State, []string, *emulator.Server, error) {
	t.Helper()
	em := emulator.New(sc)
	t.Cleanup(em.Close)
	opts.EndpointURL = em.URL()
	c, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	c.t.retry = fastRetry
	st, diags, err := c.Collect(context.Background())
	var ds []string
	for _, d := range diags {
		ds = append(ds, d.Summary)
	}
	return st, ds, em, err
}

// small is a one-region account with one resource of every kind.
func small() *emulator.Scenario {
	return &emulator.Scenario{
		Account:     "1234567890123456",
		AccessKeyID: testKey,
		Regions:     []string{"cn-hangzhou"},
		Trails: []map[string]any{{"Name": "t", "HomeRegion": "cn-hangzhou", "TrailRegion": "All", "EventRW": "All", "Status": "Enable",
			"IsLogging": true, "SlsProjectArn": "acs:log:cn-hangzhou:1234567890123456:project/p", "OssBucketName": "trail-bucket", "OssBucketLocation": "oss-cn-hangzhou"}},
		ConfigRecorderStatus: "REGISTERED",
		VPCs:                 map[string][]map[string]any{"cn-hangzhou": {{"VpcId": "vpc-1"}}},
		FlowLogs:             map[string][]map[string]any{"cn-hangzhou": {{"FlowLogId": "fl-1", "ResourceType": "VPC", "ResourceId": "vpc-1", "Status": "Active"}}},
		SecurityGroups: map[string][]emulator.SecurityGroup{"cn-hangzhou": {{
			Attributes:  map[string]any{"SecurityGroupId": "sg-1"},
			Permissions: []map[string]any{{"Direction": "ingress", "IpProtocol": "TCP", "PortRange": "22/22", "SourceCidrIp": "10.0.0.0/8", "Policy": "Accept"}},
		}}},
		LogProjects: map[string][]emulator.LogProject{"cn-hangzhou": {{Name: "p", Logstores: []map[string]any{{"logstoreName": "actiontrail_t", "ttl": 3650}}}}},
		Buckets:     []emulator.Bucket{{Name: "trail-bucket", Region: "cn-hangzhou", ACL: "private"}},
	}
}

func gapOps(gs []model.Gap) []string {
	var out []string
	for _, g := range gs {
		out = append(out, g.Region+" "+g.Operation+" "+g.Path+" "+g.Reason)
	}
	return out
}

// TestCollectRetries: throttled calls of every protocol are retried and
// the scan completes; throttled past the retries, what they feed is a gap
// that names the throttling, never an empty (passing) list.
func TestCollectRetries(t *testing.T) {
	testEnv(t, testKey)
	ops := []string{"vpc:DescribeFlowLogs", "ecs:DescribeSecurityGroupAttribute", "sls:GetLogStore", "sls:ListProject", "oss:GetBucketAcl", "actiontrail:DescribeTrails", "config:GetConfigurationRecorder"}
	t.Run("recovers", func(t *testing.T) {
		sc := small()
		for _, op := range ops {
			sc.Faults = append(sc.Faults, emulator.Fault{Op: op, Times: fastRetry.attempts - 1})
		}
		st, _, em, err := collect(t, sc, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if len(st.Gaps) != 0 {
			t.Errorf("gaps after recoverable throttling: %v", gapOps(st.Gaps))
		}
		for _, op := range ops {
			if n := em.Count(op); n != fastRetry.attempts {
				t.Errorf("%s called %d times, want %d", op, n, fastRetry.attempts)
			}
		}
		a := st.Alicloud
		if len(a.VPC.FlowLogs) != 1 || len(a.ECS.SecurityGroups[0].Rules) != 1 || a.SLS.Logstores[0].RetentionPeriod == nil || deref(a.OSS.Buckets[0].ACL) != "private" ||
			len(a.ActionTrail.Trails) != 1 || !*a.Config.Recorders[0].Recording {
			t.Errorf("state incomplete: %+v", a)
		}
	})
	t.Run("exhausted", func(t *testing.T) {
		sc := small()
		for _, op := range ops {
			sc.Faults = append(sc.Faults, emulator.Fault{Op: op})
		}
		st, _, em, err := collect(t, sc, Options{})
		if err != nil {
			t.Fatal(err)
		}
		want := []string{
			"cn-hangzhou actiontrail:DescribeTrails alicloud.actiontrail.trails Throttling.User: Request was denied due to user flow control.",
			" config:GetConfigurationRecorder alicloud.config.recorders Throttling.User: Request was denied due to user flow control.",
			"cn-hangzhou sls:ListProject alicloud.sls.logstores ReadQuotaExceed: Read quota exceed.",
			"cn-hangzhou sls:ListProject alicloud.sls.projects ReadQuotaExceed: Read quota exceed.",
			"cn-hangzhou vpc:DescribeFlowLogs alicloud.vpc.flow_logs Throttling.User: Request was denied due to user flow control.",
			"cn-hangzhou vpc:DescribeFlowLogs alicloud.vpc.vpcs.flow_logs Throttling.User: Request was denied due to user flow control.",
		}
		if got := gapOps(st.Gaps); !slices.Equal(got, want) {
			t.Errorf("gaps:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
		// Per-resource calls leave their attribute unknown with the reason.
		rule := st.Alicloud.ECS.SecurityGroups[0].Rules[0]
		if !rule.Meta.IsUnknown("cidr_ip") || !strings.Contains(rule.Meta.Reasons["rules"], "Throttling.User") {
			t.Errorf("rules of a throttled group: %+v", rule.Meta)
		}
		if n := em.Count("vpc:DescribeFlowLogs"); n != fastRetry.attempts {
			t.Errorf("DescribeFlowLogs called %d times, want %d", n, fastRetry.attempts)
		}
		if st.Alicloud.VPC.FlowLogs == nil || len(st.Alicloud.VPC.FlowLogs) != 0 {
			t.Errorf("flow logs %v", st.Alicloud.VPC.FlowLogs)
		}
	})
}

// TestCollectCallTimeout: a call that does not answer within the call
// timeout (retries included) is a gap saying so.
func TestCollectCallTimeout(t *testing.T) {
	testEnv(t, testKey)
	sc := small()
	sc.Faults = []emulator.Fault{{Op: "vpc:DescribeVpcs", RetryAfterMs: 1000}}
	em := emulator.New(sc)
	defer em.Close()
	c, err := New(Options{EndpointURL: em.URL(), CallTimeout: 100 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	c.t.retry = retryPolicy{attempts: 10, base: time.Second, max: time.Second}
	st, _, err := c.Collect(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	got := gapOps(st.Gaps)
	if len(got) != 1 || !strings.Contains(got[0], "vpc:DescribeVpcs alicloud.vpc.vpcs Timeout: no answer within the call timeout of 100ms") {
		t.Errorf("gaps %v", got)
	}
}

func TestCollectRegions(t *testing.T) {
	testEnv(t, testKey)
	tests := []struct {
		name        string
		regions     string
		faults      []emulator.Fault
		wantRegions []string
		wantDiag    string
		wantErr     string
	}{
		{"all", "all", nil, []string{"cn-beijing", "cn-hangzhou"}, "", ""},
		{"a list", "cn-beijing,us-west-1", nil, []string{"cn-beijing"}, "region us-west-1 is not available to account 1234567890123456: not read", ""},
		{"none available", "us-west-1", nil, nil, "", "none of --regions is available"},
		{"list, regions not listable", "cn-hangzhou", []emulator.Fault{{Op: "ecs:DescribeRegions", Code: "Forbidden.RAM", Status: 403}}, []string{"cn-hangzhou"}, "ecs:DescribeRegions failed (Forbidden.RAM: Injected fault.)", ""},
		{"all, regions not listable", "all", []emulator.Fault{{Op: "ecs:DescribeRegions", Code: "Forbidden.RAM", Status: 403}}, nil, "", "list regions (pass --regions to name them): ecs:DescribeRegions: Forbidden.RAM"},
		{"identity refused", "all", []emulator.Fault{{Op: "sts:GetCallerIdentity", Code: "InvalidSecurityToken.Expired", Status: 400}}, nil, "", "identity: sts:GetCallerIdentity: InvalidSecurityToken.Expired"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sc := small()
			sc.Regions = []string{"cn-hangzhou", "cn-beijing"}
			sc.Faults = tt.faults
			st, diags, em, err := collect(t, sc, Options{Regions: tt.regions})
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(st.Regions, tt.wantRegions) || st.Account != "1234567890123456" {
				t.Errorf("regions %v account %s", st.Regions, st.Account)
			}
			if tt.wantDiag != "" && !slices.ContainsFunc(diags, func(d string) bool { return strings.Contains(d, tt.wantDiag) }) {
				t.Errorf("diagnostics %v lack %q", diags, tt.wantDiag)
			}
			// Regional listings stay in the regions asked for; a trail's
			// status and bucket are read where they live, and WAF answers
			// per location.
			elsewhere := []string{"actiontrail:GetTrailStatus", "oss:GetBucketAcl", "waf:DescribeInstance", "waf:DescribeInstanceInfo"}
			for _, c := range em.Calls() {
				if c.Region != "" && !slices.Contains(tt.wantRegions, c.Region) && !slices.Contains(elsewhere, c.Op) {
					t.Errorf("%s called in %s, which was not asked for", c.Op, c.Region)
				}
			}
		})
	}
}

// TestCollectProfile reads the AccessKey from a profile of the Alibaba
// Cloud CLI configuration, as --profile does.
func TestCollectProfile(t *testing.T) {
	testEnv(t, "")
	cfg := filepath.Join(t.TempDir(), "config.json")
	body := fmt.Sprintf(`{"current": "default", "profiles": [
		{"name": "default", "mode": "AK", "access_key_id": "LTAI5tSomeoneElse0001", "access_key_secret": "x"},
		{"name": "audit", "mode": "AK", "access_key_id": %q, "access_key_secret": "y", "region_id": "cn-hangzhou"}]}`, testKey)
	if err := os.WriteFile(cfg, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("ALIBABA_CLOUD_CONFIG_FILE", cfg)
	if _, _, _, err := collect(t, small(), Options{Profile: "audit"}); err != nil {
		t.Errorf("profile audit: %v", err)
	}
	_, _, _, err := collect(t, small(), Options{})
	if err == nil || !strings.Contains(err.Error(), "InvalidAccessKeyId.NotFound") {
		t.Errorf("default profile: %v, want the emulator to refuse its key", err)
	}
	if strings.Contains(fmt.Sprint(err), "LTAI5tSomeoneElse0001") {
		t.Error("the error shows the AccessKey ID")
	}
	// An unknown profile fails before any call.
	c, err := New(Options{Profile: "nope", EndpointURL: "http://127.0.0.1:1"})
	if err == nil {
		_, _, err = c.Collect(context.Background())
	}
	if err == nil || !strings.Contains(err.Error(), "nope") {
		t.Errorf("unknown profile: %v", err)
	}
}

func TestNewRefusesBadOptions(t *testing.T) {
	testEnv(t, testKey)
	for _, o := range []Options{
		{Site: "mars"},
		{EndpointURL: "127.0.0.1:8080"},
		{EndpointURL: "http://127.0.0.1:8080/path"},
		{Regions: "cn-hangzhou,all"},
	} {
		if _, err := New(o); err == nil {
			t.Errorf("%+v accepted", o)
		}
	}
}

// large returns an account of regions regions, each with n resources of
// every kind, served in pages of pageSize.
func large(regions, n, pageSize int) *emulator.Scenario {
	sc := &emulator.Scenario{
		Account: "1234567890123456", AccessKeyID: testKey, PageSize: pageSize,
		ConfigRecorderStatus: "REGISTERED",
		VPCs:                 map[string][]map[string]any{},
		FlowLogs:             map[string][]map[string]any{},
		SecurityGroups:       map[string][]emulator.SecurityGroup{},
		LogProjects:          map[string][]emulator.LogProject{},
	}
	for r := range regions {
		region := fmt.Sprintf("cn-region%d", r)
		sc.Regions = append(sc.Regions, region)
		sc.Trails = append(sc.Trails, map[string]any{"Name": "trail-" + region, "HomeRegion": region, "TrailRegion": region, "EventRW": "All",
			"Status": "Enable", "IsLogging": true, "SlsProjectArn": "acs:log:" + region + ":1234567890123456:project/p0-" + region})
		var stores []map[string]any
		for i := range n {
			vpc := fmt.Sprintf("vpc-%s-%d", region, i)
			sc.VPCs[region] = append(sc.VPCs[region], map[string]any{"VpcId": vpc, "CidrBlock": "10.0.0.0/16"})
			sc.FlowLogs[region] = append(sc.FlowLogs[region], map[string]any{"FlowLogId": fmt.Sprintf("fl-%s-%d", region, i),
				"ResourceType": "VPC", "ResourceId": vpc, "Status": "Active", "ProjectName": "p0-" + region, "LogStoreName": "flow"})
			var perms []map[string]any
			for j := range 5 {
				perms = append(perms, map[string]any{"SecurityGroupRuleId": fmt.Sprintf("sgr-%d-%d", i, j), "Direction": "ingress", "IpProtocol": "TCP",
					"PortRange": fmt.Sprintf("%d/%d", 8000+j, 8000+j), "SourceCidrIp": "0.0.0.0/0", "Policy": "Accept", "Priority": 1})
			}
			sc.SecurityGroups[region] = append(sc.SecurityGroups[region], emulator.SecurityGroup{
				Attributes: map[string]any{"SecurityGroupId": fmt.Sprintf("sg-%s-%d", region, i)}, Permissions: perms})
			stores = append(stores, map[string]any{"logstoreName": fmt.Sprintf("store-%d", i), "ttl": 400})
		}
		stores = append(stores, map[string]any{"logstoreName": "flow", "ttl": 30}, map[string]any{"logstoreName": "actiontrail_trail-" + region, "ttl": 3650})
		sc.LogProjects[region] = []emulator.LogProject{{Name: "p0-" + region, Logstores: stores}, {Name: "p1-" + region}}
	}
	return sc
}

// TestCollectPaginates reads an account whose every list spans several
// pages of two and checks nothing is lost.
func TestCollectPaginates(t *testing.T) {
	testEnv(t, testKey)
	const regions, n = 3, 7
	st, _, em, err := collect(t, large(regions, n, 2), Options{Parallel: 2})
	if err != nil {
		t.Fatal(err)
	}
	a := st.Alicloud
	rules := 0
	for _, g := range a.ECS.SecurityGroups {
		rules += len(g.Rules)
	}
	counts := []int{len(a.VPC.VPCs), len(a.VPC.FlowLogs), len(a.ECS.SecurityGroups), rules, len(a.SLS.Projects), len(a.SLS.Logstores), len(a.ActionTrail.Trails)}
	want := []int{regions * n, regions * n, regions * n, regions * n * 5, regions * 2, regions * (n + 2), regions}
	if !slices.Equal(counts, want) {
		t.Errorf("vpcs, flow logs, groups, rules, projects, logstores, trails = %v, want %v", counts, want)
	}
	if len(st.Gaps) != 0 {
		t.Errorf("gaps %v", gapOps(st.Gaps))
	}
	// 7 VPCs in pages of 2 is 4 calls per region.
	if c := em.Count("vpc:DescribeVpcs"); c != regions*4 {
		t.Errorf("DescribeVpcs called %d times, want %d", c, regions*4)
	}
	for _, l := range a.SLS.Logstores {
		switch deref(l.Name) {
		case "flow":
			if l.Tier != model.TierNetwork {
				t.Errorf("%s tier %s", l.Meta.ID, l.Tier)
			}
		case "actiontrail_trail-" + l.Meta.Region:
			if l.Tier != model.TierAudit {
				t.Errorf("%s tier %s", l.Meta.ID, l.Tier)
			}
		}
	}
	for _, v := range a.VPC.VPCs {
		if len(v.FlowLogs) != 1 {
			t.Errorf("%s flow logs %v", v.Meta.ID, v.FlowLogs)
		}
	}
}

// BenchmarkCollect scans an 8-region account with 40 VPCs, flow logs,
// security groups (5 rules each) and logstores per region against the
// emulator, in pages of 10: 8 x (4+4 VPC pages, 4 group pages, 40
// attribute calls, 1+1+5 SLS list calls, 42 GetLogStore) + globals, about
// 800 HTTP calls per scan through the real SDKs.
func BenchmarkCollect(b *testing.B) {
	testEnv(b, testKey)
	em := emulator.New(large(8, 40, 10))
	defer em.Close()
	c, err := New(Options{EndpointURL: em.URL(), Parallel: 4})
	if err != nil {
		b.Fatal(err)
	}
	calls := len(em.Calls())
	for b.Loop() {
		st, _, err := c.Collect(context.Background())
		if err != nil || len(st.Alicloud.VPC.VPCs) != 320 {
			b.Fatalf("collect: %v", err)
		}
	}
	b.ReportMetric(float64(len(em.Calls())-calls)/float64(b.N), "calls/op")
}
