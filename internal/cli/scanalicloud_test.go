package cli

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/kansa-sec/kansa/scanners/alicloud"
	"github.com/kansa-sec/kansa/scanners/alicloud/emulator"
)

// aliSecret is the AccessKey secret the tests give the SDK.
const aliSecret = "kansaEmulatorSecretValue0123456789"

// aliEnv points the Alibaba Cloud credential chain at the AccessKey ak
// ("" for none) and at nothing else on this machine: no CLI profile,
// credentials file, OIDC, ECS metadata or proxy.
func aliEnv(t *testing.T, ak string) {
	t.Helper()
	home := t.TempDir()
	t.Setenv("HOME", home)
	for _, k := range []string{
		"ALIBABA_CLOUD_ACCESS_KEY_ID", "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "ALIBABA_CLOUD_SECURITY_TOKEN",
		"ALIBABA_CLOUD_ROLE_ARN", "ALIBABA_CLOUD_OIDC_PROVIDER_ARN", "ALIBABA_CLOUD_OIDC_TOKEN_FILE",
		"ALIBABA_CLOUD_PROFILE", "ALIBABA_CLOUD_CREDENTIALS_URI", "ALIBABA_CLOUD_ECS_METADATA",
		"ALICLOUD_ACCESS_KEY", "ALICLOUD_SECRET_KEY", "HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy",
	} {
		t.Setenv(k, "")
	}
	t.Setenv("ALIBABA_CLOUD_CONFIG_FILE", filepath.Join(home, "no-aliyun-config.json"))
	t.Setenv("ALIBABA_CLOUD_CREDENTIALS_FILE", filepath.Join(home, "no-credentials.ini"))
	t.Setenv("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true")
	if ak != "" {
		t.Setenv("ALIBABA_CLOUD_ACCESS_KEY_ID", ak)
		t.Setenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET", aliSecret)
	}
}

// startScenario starts an emulator for a scenario under testdata/live/alicloud.
func startScenario(t *testing.T, name string) (*emulator.Server, *emulator.Scenario) {
	t.Helper()
	sc, err := emulator.Load(filepath.Join(repoRoot, "testdata", "live", "alicloud", name))
	if err != nil {
		t.Fatal(err)
	}
	em := emulator.New(sc)
	t.Cleanup(em.Close)
	return em, sc
}

// runAlicloud runs `kansa scan alicloud` in a fresh directory.
func runAlicloud(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	return run(t, t.TempDir(), append([]string{"scan", "alicloud"}, args...)...)
}

// TestScanAlicloudEndToEnd scans the e2e scenario through the CLI and the
// real SDKs: a failing resource for every Alibaba check, an access-denied
// region, throttled calls, calls about one logstore and one security group
// that are refused. It pins the JSON and SARIF reports.
func TestScanAlicloudEndToEnd(t *testing.T) {
	em, sc := startScenario(t, "e2e.json")
	aliEnv(t, sc.AccessKeyID)
	dir := t.TempDir()
	sarifPath := filepath.Join(dir, "out.sarif")
	stdout, stderr, code := run(t, dir, "scan", "alicloud", "--endpoint-url", em.URL(), "--parallel", "2",
		"--format", "json", "--sarif", sarifPath, "--log-level", "info")
	if code != ExitError {
		t.Fatalf("exit %d, want %d (gaps)\nstderr: %s", code, ExitError, stderr)
	}
	sarifOut, err := os.ReadFile(sarifPath)
	if err != nil {
		t.Fatal(err)
	}

	// What every Alibaba check decided, account-scope checks included.
	var got []string
	for _, f := range liveFindings(t, stdout) {
		if f.Status == "pass" {
			continue
		}
		res := f.Resource.ARN
		got = append(got, f.Status+" "+f.CheckID+" "+f.Resource.Region+" "+res)
	}
	slices.Sort(got)
	want := []string{
		"error alicloud-sg-no-public-rdp ap-northeast-1 alicloud-account:1234567890123456/ap-northeast-1",
		// DescribeSecurityGroupAttribute refused for one group: its rules
		// are unknown (IPv4 and IPv6 sources), the group is undecided.
		"error alicloud-sg-no-public-rdp cn-beijing acs:ecs:cn-beijing:1234567890123456:securitygroup/sg-2zeweb0000000005",
		"error alicloud-sg-no-public-rdp cn-beijing acs:ecs:cn-beijing:1234567890123456:securitygroup/sg-2zeweb0000000005",
		"error alicloud-sg-no-public-ssh ap-northeast-1 alicloud-account:1234567890123456/ap-northeast-1",
		"error alicloud-sg-no-public-ssh cn-beijing acs:ecs:cn-beijing:1234567890123456:securitygroup/sg-2zeweb0000000005",
		"error alicloud-sg-no-public-ssh cn-beijing acs:ecs:cn-beijing:1234567890123456:securitygroup/sg-2zeweb0000000005",
		// GetLogStore refused for one logstore: its retention is unknown.
		"error alicloud-sls-logstore-retention cn-hangzhou acs:log:cn-hangzhou:1234567890123456:project/net-logs/logstore/misc",
		"error alicloud-vpc-flow-logs-enabled ap-northeast-1 alicloud-account:1234567890123456/ap-northeast-1",
		"fail alicloud-actiontrail-all-regions-events cn-beijing acs:actiontrail:cn-beijing:1234567890123456:trail/beijing-only",
		"fail alicloud-actiontrail-all-regions-events cn-hangzhou acs:actiontrail:cn-hangzhou:1234567890123456:trail/org-audit",
		"fail alicloud-actiontrail-enabled  alicloud-account:1234567890123456",
		"fail alicloud-actiontrail-logging-enabled cn-beijing acs:actiontrail:cn-beijing:1234567890123456:trail/beijing-only",
		"fail alicloud-actiontrail-oss-not-public cn-hangzhou acs:oss:*:1234567890123456:kansa-trail-archive",
		"fail alicloud-actiontrail-sls-delivery cn-beijing acs:actiontrail:cn-beijing:1234567890123456:trail/beijing-only",
		"fail alicloud-cloudfirewall-log-analysis  alicloud-account:1234567890123456",
		"fail alicloud-config-recorder-enabled  acs:config::1234567890123456:configurationrecorder",
		"fail alicloud-ram-no-administrator-access  acs:ram::1234567890123456:role/ops-admin",
		"fail alicloud-ram-no-administrator-access  acs:ram::1234567890123456:user/alice",
		"fail alicloud-security-center-log-analysis  alicloud-account:1234567890123456",
		"fail alicloud-sg-no-public-rdp cn-hangzhou acs:ecs:cn-hangzhou:1234567890123456:securitygroup/sg-bp1locked0000004/rule/sgr-bp1anyall000009",
		"fail alicloud-sg-no-public-rdp cn-hangzhou acs:ecs:cn-hangzhou:1234567890123456:securitygroup/sg-bp1windows000002/rule/sgr-bp1rdp6000000005",
		"fail alicloud-sg-no-public-ssh cn-hangzhou acs:ecs:cn-hangzhou:1234567890123456:securitygroup/sg-bp1bastion0000001/rule/sgr-bp1ssh00000001",
		"fail alicloud-sg-no-public-ssh cn-hangzhou acs:ecs:cn-hangzhou:1234567890123456:securitygroup/sg-bp1locked0000004/rule/sgr-bp1anyall000009",
		// audit tier (the trail's actiontrail_<name> logstore), 180 < 1095 days
		"fail alicloud-sls-logstore-retention cn-hangzhou acs:log:cn-hangzhou:1234567890123456:project/audit-logs/logstore/actiontrail_org-audit",
		// default tier, 90 < 365 days
		"fail alicloud-vpc-flow-logs-enabled cn-hangzhou acs:vpc:cn-hangzhou:1234567890123456:vpc/vpc-bp1inactive000003",
		"fail alicloud-vpc-flow-logs-enabled cn-hangzhou acs:vpc:cn-hangzhou:1234567890123456:vpc/vpc-bp1nolog000000002",
		"fail alicloud-waf-log-analysis  alicloud-account:1234567890123456",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	// The scanner called exactly its allow-list, reads only, and retried
	// what was throttled.
	var allowed []string
	for _, op := range alicloud.Operations() {
		allowed = append(allowed, op.Name)
	}
	if ops := em.Operations(); !slices.Equal(ops, allowed) {
		t.Errorf("operations called:\n%s\nallow-list:\n%s", strings.Join(ops, "\n"), strings.Join(allowed, "\n"))
	}
	for _, op := range em.Operations() {
		_, action, _ := strings.Cut(op, ":")
		if !strings.HasPrefix(action, "Describe") && !strings.HasPrefix(action, "Get") && !strings.HasPrefix(action, "List") {
			t.Errorf("%s is not a read", op)
		}
	}
	if n := em.Count("actiontrail:GetTrailStatus"); n != 6 {
		t.Errorf("GetTrailStatus called %d times, want 6 (2 trails, throttled twice each)", n)
	}

	// No credential reaches any output.
	for name, out := range map[string]string{"stdout": stdout, "stderr": stderr, "sarif": string(sarifOut)} {
		if strings.Contains(out, sc.AccessKeyID) || strings.Contains(out, aliSecret) {
			t.Errorf("%s shows the AccessKey", name)
		}
	}
	if !strings.Contains(stderr, "ap-northeast-1: ecs:DescribeSecurityGroups failed") {
		t.Errorf("stderr lacks the gap warning:\n%s", stderr)
	}

	checkLiveSARIF(t, sarifOut, false, "acs:", "alicloud-account")
	compareGolden(t, "live-alicloud.json", []byte(stdout))
	compareGolden(t, "live-alicloud.sarif", sarifOut)
}

// TestScanAlicloudPassingAccount: an account that meets every check passes
// them all, exit 0.
func TestScanAlicloudPassingAccount(t *testing.T) {
	em, sc := startScenario(t, "pass.json")
	aliEnv(t, sc.AccessKeyID)
	stdout, stderr, code := runAlicloud(t, "--endpoint-url", em.URL(), "--format", "json", "--site", "international")
	if code != ExitOK {
		t.Fatalf("exit %d\n%s\n%s", code, stdout, stderr)
	}
	checks := map[string]bool{}
	for _, f := range liveFindings(t, stdout) {
		if f.Status != "pass" {
			t.Errorf("%s %s %s: %s", f.Status, f.CheckID, f.Resource.ARN, f.Message)
		}
		checks[f.CheckID] = true
	}
	// Account-scope checks report failures only; every resource check
	// reports its passing resources.
	for _, id := range []string{"alicloud-actiontrail-all-regions-events", "alicloud-actiontrail-logging-enabled",
		"alicloud-actiontrail-sls-delivery", "alicloud-actiontrail-oss-not-public", "alicloud-vpc-flow-logs-enabled",
		"alicloud-sg-no-public-ssh", "alicloud-sg-no-public-rdp", "alicloud-sls-logstore-retention"} {
		if !checks[id] {
			t.Errorf("no passing result for %s", id)
		}
	}
}

// TestScanAlicloudFailures: what cannot be read is exit 2 with a clear
// message, and never shows the AccessKey.
func TestScanAlicloudFailures(t *testing.T) {
	em, sc := startScenario(t, "pass.json")
	tests := []struct {
		name    string
		ak      string
		args    []string
		wantErr string
	}{
		{"no credentials", "", nil, "credentials"},
		{"unknown AccessKey", "LTAI5tWrongKey000000001", nil, "InvalidAccessKeyId.NotFound"},
		{"bad region list", sc.AccessKeyID, []string{"--regions", "cn-hangzhou;x"}, "not a region ID"},
		{"region not available", sc.AccessKeyID, []string{"--regions", "eu-central-1"}, "none of --regions is available"},
		{"bad site", sc.AccessKeyID, []string{"--site", "moon"}, `site "moon"`},
		{"bad endpoint", sc.AccessKeyID, []string{"--endpoint-url", "ftp://x"}, "--endpoint-url"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			aliEnv(t, tt.ak)
			args := append([]string{"--endpoint-url", em.URL(), "--format", "json"}, tt.args...)
			stdout, stderr, code := runAlicloud(t, args...)
			if code != ExitError {
				t.Fatalf("exit %d, want %d\n%s", code, ExitError, stderr)
			}
			if !strings.Contains(stdout+stderr, tt.wantErr) {
				t.Errorf("output lacks %q:\nstdout: %s\nstderr: %s", tt.wantErr, stdout, stderr)
			}
			if tt.ak != "" && strings.Contains(stdout+stderr, tt.ak) {
				t.Errorf("output shows the AccessKey ID")
			}
		})
	}
}

// TestAlicloudNightlyExample holds the nightly example workflow to the real
// command: every flag its `kansa scan alicloud` passes exists.
func TestAlicloudNightlyExample(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(repoRoot, "examples", "github", "alicloud-nightly.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var cmdline string
	for _, line := range strings.Split(strings.ReplaceAll(string(b), "\\\n", " "), "\n") {
		if rest, ok := strings.CutPrefix(strings.TrimSpace(line), "kansa scan alicloud"); ok {
			cmdline = rest
		}
	}
	if cmdline == "" {
		t.Fatal("the workflow does not run kansa scan alicloud")
	}
	e := &env{}
	cmd := e.liveCommand(e.alicloudSpec())
	flags := 0
	for _, tok := range strings.Fields(cmdline) {
		name, isFlag := strings.CutPrefix(tok, "--")
		if !isFlag {
			continue
		}
		name, _, _ = strings.Cut(name, "=")
		flags++
		if cmd.Flags().Lookup(name) == nil {
			t.Errorf("the workflow passes --%s, which scan alicloud does not have", name)
		}
	}
	if flags < 5 {
		t.Errorf("read only %d flags from %q", flags, cmdline)
	}
}
