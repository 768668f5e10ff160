package aws_test

import (
	"context"
	"encoding/json"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/kansa-sec/kansa/internal/awsemu"
	"github.com/kansa-sec/kansa/internal/finding"
	"github.com/kansa-sec/kansa/internal/model"
	"github.com/kansa-sec/kansa/internal/scan"
	"github.com/kansa-sec/kansa/policies/engine"
	awsscan "github.com/kansa-sec/kansa/scanners/aws"
)

// readOnly is every operation the collector may call: the allow-list
// docs/live-aws.md turns into an IAM policy. A call outside it, or a
// change to it, fails TestOperations.
var readOnly = []string{
	"cloudtrail:DescribeTrails",
	"cloudtrail:GetEventSelectors",
	"cloudtrail:GetTrailStatus",
	"config:DescribeConfigurationRecorderStatus",
	"config:DescribeConfigurationRecorders",
	"config:DescribeDeliveryChannels",
	"ec2:DescribeFlowLogs",
	"ec2:DescribeNetworkAcls",
	"ec2:DescribeRegions",
	"ec2:DescribeSecurityGroups",
	"ec2:DescribeVpcs",
	"iam:GetAccountAuthorizationDetails",
	"iam:ListEntitiesForPolicy",
	"logs:DescribeLogGroups",
	"s3:GetBucketAcl",
	"s3:GetBucketLifecycleConfiguration",
	"s3:GetBucketLocation",
	"s3:GetBucketLogging",
	"s3:GetBucketPolicyStatus",
	"s3:GetPublicAccessBlock",
	"s3:ListBuckets",
	"s3control:GetPublicAccessBlock",
	"sts:GetCallerIdentity",
}

// collect runs a Collector against an emulator serving sc, with retries
// that do not wait.
func collect(t testing.TB, sc *awsemu.Scenario, o awsscan.Options) (*model.State, *awsemu.Server, error) {
	t.Helper()
	awsemu.Isolate(t)
	emu := awsemu.Start(sc)
	t.Cleanup(emu.Close)
	o.EndpointURL = emu.URL
	if o.MaxBackoff == 0 {
		o.MaxBackoff = time.Millisecond
	}
	if o.RetryMode == "" {
		o.RetryMode = awsscan.RetryStandard
	}
	c, err := awsscan.New(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	s, _, err := c.Collect(context.Background())
	return s, emu, err
}

func load(t testing.TB, name string) *awsemu.Scenario {
	t.Helper()
	sc, err := awsemu.Load("../../testdata/live/aws/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return sc
}

// small is a one-region account for tests that change one thing.
func small() *awsemu.Scenario {
	return &awsemu.Scenario{
		Account: "111122223333", Caller: "arn:aws:iam::111122223333:user/t", Regions: []string{"eu-west-1", "us-east-1"},
		Trails: []awsemu.Trail{{Name: "main", HomeRegion: "us-east-1", MultiRegion: true, Bucket: "trail", Logging: true, LogFileValidation: true}},
		Regional: map[string]*awsemu.Region{
			"eu-west-1": {VPCs: []awsemu.VPC{{ID: "vpc-1", CIDR: "10.0.0.0/16"}}, LogGroups: []awsemu.LogGroup{{Name: "a"}}},
			"us-east-1": {Recorders: []awsemu.Recorder{{Name: "default", AllSupported: true, IncludeGlobal: true, Recording: true}}},
		},
		Buckets: []awsemu.Bucket{{Name: "trail", Region: "us-east-1"}},
	}
}

func TestOperations(t *testing.T) {
	_, emu, err := collect(t, load(t, "account.json"), awsscan.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ops := emu.Operations()
	if !slices.Equal(ops, readOnly) {
		t.Errorf("operations called:\n%s\nwant:\n%s", strings.Join(ops, "\n"), strings.Join(readOnly, "\n"))
	}
	for _, op := range ops {
		name := op[strings.Index(op, ":")+1:]
		if !strings.HasPrefix(name, "Describe") && !strings.HasPrefix(name, "Get") && !strings.HasPrefix(name, "List") {
			t.Errorf("%s is not a read", op)
		}
	}
}

func TestCollectAccount(t *testing.T) {
	sc := load(t, "account.json")
	s, emu, err := collect(t, sc, awsscan.Options{Parallel: 2})
	if err != nil {
		t.Fatal(err)
	}
	equalStrings(t, "regions", s.Regions, []string{"ap-northeast-1", "eu-west-1", "us-east-1"})
	equalStrings(t, "account", []string{s.Account}, []string{"111122223333"})

	// The denied region is a gap for every regional list, and nothing else is.
	var gaps []string
	for _, g := range s.Gaps {
		gaps = append(gaps, g.Region+" "+g.Operation+" "+g.Path)
	}
	equalStrings(t, "gaps", gaps, []string{
		"ap-northeast-1 cloudtrail:DescribeTrails aws.cloudtrail.trails",
		"ap-northeast-1 config:DescribeDeliveryChannels aws.config.delivery_channels",
		"ap-northeast-1 config:DescribeConfigurationRecorders aws.config.recorders",
		"ap-northeast-1 ec2:DescribeFlowLogs aws.ec2.flow_logs",
		"ap-northeast-1 ec2:DescribeNetworkAcls aws.ec2.network_acls",
		"ap-northeast-1 ec2:DescribeSecurityGroups aws.ec2.security_groups",
		"ap-northeast-1 ec2:DescribeVpcs aws.ec2.vpcs",
		"ap-northeast-1 ec2:DescribeFlowLogs aws.ec2.vpcs.flow_logs",
		"ap-northeast-1 logs:DescribeLogGroups aws.logs.log_groups",
		"ap-northeast-1 cloudtrail:DescribeTrails aws.logs.log_groups.fed_by",
		"ap-northeast-1 ec2:DescribeFlowLogs aws.logs.log_groups.fed_by",
	})

	// Every resource of the scenario, across pages (page size 2), throttled
	// calls retried: eu-west-1's security groups were throttled twice.
	a := s.AWS
	counts := map[string][2]int{
		"trails":          {len(a.CloudTrail.Trails), 2},
		"recorders":       {len(a.Config.Recorders), 2},
		"channels":        {len(a.Config.DeliveryChannels), 1},
		"vpcs":            {len(a.EC2.VPCs), 3},
		"flow logs":       {len(a.EC2.FlowLogs), 3},
		"security groups": {len(a.EC2.SecurityGroups), 5},
		"network ACLs":    {len(a.EC2.NetworkACLs), 3},
		"log groups":      {len(a.Logs.LogGroups), 3},
		"buckets":         {len(a.S3.Buckets), 4},
		"bucket blocks":   {len(a.S3.PublicAccessBlocks), 3},
		"attachments":     {len(a.IAM.PolicyAttachments), 6},
		"policies":        {len(a.IAM.Policies), 2},
	}
	for what, c := range counts {
		if c[0] != c[1] {
			t.Errorf("%d %s, want %d", c[0], what, c[1])
		}
	}
	calls := map[string]int{}
	for _, c := range emu.Calls() {
		calls[c.Region+" "+c.Operation]++
	}
	for call, want := range map[string]int{
		"eu-west-1 ec2:DescribeSecurityGroups":         2 + 2, // two throttles, then two pages
		"us-east-1 s3:ListBuckets":                     2,     // four buckets, two pages
		"us-east-1 iam:GetAccountAuthorizationDetails": 1 + 4, // a throttle, then eight entities
	} {
		if calls[call] != want {
			t.Errorf("%d calls %s, want %d", calls[call], call, want)
		}
	}

	// A trail's status and selectors are read once, by ARN, in its home region.
	for _, c := range emu.Calls() {
		if c.Operation != "cloudtrail:GetTrailStatus" && c.Operation != "cloudtrail:GetEventSelectors" {
			continue
		}
		name := c.Params["Name"] + c.Params["TrailName"]
		if !strings.HasPrefix(name, "arn:aws:cloudtrail:"+c.Region+":") {
			t.Errorf("%s for %s asked in %s", c.Operation, name, c.Region)
		}
	}
	equalInt(t, "status calls (once per trail)", calls["us-east-1 cloudtrail:GetTrailStatus"]+calls["eu-west-1 cloudtrail:GetTrailStatus"], 2)

	// S3 settings are read in each bucket's region (the emulator answers a
	// wrong region with a redirect, which would leave them unknown).
	for _, b := range a.S3.Buckets {
		if len(b.Meta.Unknown) > 0 {
			t.Errorf("%s: unknown %v (%v)", b.Meta.ID, b.Meta.Unknown, b.Meta.Reasons)
		}
	}

	// Links and tiers.
	byID := map[string]model.Bucket{}
	for _, b := range a.S3.Buckets {
		byID[b.Meta.ID] = b
	}
	equalStrings(t, "access log bucket tier", []string{byID["kansa-access-logs"].Tier, byID["kansa-trail-logs"].Tier, byID["kansa-config"].Tier}, []string{"access", "audit", "audit"})
	equalInt(t, "trail bucket expiration (org/ rule, not tmp/)", *byID["kansa-trail-logs"].ExpirationDays, 365)
	equalInt(t, "config bucket expiration (tagged rule ignored)", *byID["kansa-config"].ExpirationDays, 0)
	equalStrings(t, "account block", []string{a.S3.AccountPublicAccessBlock.Meta.Type}, []string{"aws_s3_account_public_access_block"})
}

func TestThrottledPastTheRetries(t *testing.T) {
	sc := small()
	sc.Faults = []awsemu.Fault{{Operation: "ec2:DescribeVpcs", Region: "eu-west-1", Kind: awsemu.FaultThrottle}}
	s, emu, err := collect(t, sc, awsscan.Options{MaxAttempts: 3})
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Gaps) != 1 || s.Gaps[0].Path != "aws.ec2.vpcs" || s.Gaps[0].Region != "eu-west-1" ||
		!strings.Contains(s.Gaps[0].Reason, "RequestLimitExceeded") || !strings.Contains(s.Gaps[0].Reason, "gave up after 3 attempts") {
		t.Errorf("gaps = %+v, want one for eu-west-1 VPCs after 3 attempts", s.Gaps)
	}
	n := 0
	for _, c := range emu.Calls() {
		if c.Operation == "ec2:DescribeVpcs" && c.Region == "eu-west-1" {
			n++
		}
	}
	equalInt(t, "attempts", n, 3)
}

func TestCallTimeout(t *testing.T) {
	sc := small()
	sc.Faults = []awsemu.Fault{{Operation: "logs:DescribeLogGroups", Region: "eu-west-1", Kind: awsemu.FaultTimeout}}
	s, _, err := collect(t, sc, awsscan.Options{CallTimeout: 300 * time.Millisecond, MaxAttempts: 1})
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Gaps) != 1 || s.Gaps[0].Path != "aws.logs.log_groups" || !strings.Contains(s.Gaps[0].Reason, "timed out after 300ms") {
		t.Errorf("gaps = %+v, want a timeout for eu-west-1 log groups", s.Gaps)
	}
}

func TestRoleARN(t *testing.T) {
	role := "arn:aws:iam::111122223333:role/kansa-readonly"
	s, emu, err := collect(t, small(), awsscan.Options{RoleARN: role, Regions: "eu-west-1"})
	if err != nil {
		t.Fatal(err)
	}
	calls := emu.Calls()
	if calls[0].Operation != "sts:AssumeRole" || calls[0].Params["RoleArn"] != role || calls[0].Params["RoleSessionName"] != "kansa" {
		t.Fatalf("first call = %+v, want AssumeRole of %s as kansa", calls[0], role)
	}
	for _, c := range calls[1:] {
		if c.AccessKey != awsemu.AssumedKey {
			t.Errorf("%s signed with %s, want the assumed role's key", c.Operation, c.AccessKey)
		}
	}
	equalStrings(t, "regions", s.Regions, []string{"eu-west-1"})
}

func TestRegions(t *testing.T) {
	tests := []struct {
		name    string
		regions string
		fault   bool
		want    []string
		err     string
	}{
		{"all enabled", "all", false, []string{"eu-west-1", "us-east-1"}, ""},
		{"a list, one not enabled", "eu-west-1,eu-south-2", false, []string{"eu-west-1"}, ""},
		{"none enabled", "eu-south-2", false, nil, "none of --regions is enabled"},
		{"all, but regions unknown", "all", true, nil, "ec2:DescribeRegions: UnauthorizedOperation"},
		{"a list, regions unknown", "us-east-1", true, []string{"us-east-1"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sc := small()
			if tt.fault {
				sc.Faults = []awsemu.Fault{{Operation: "ec2:DescribeRegions", Kind: awsemu.FaultDenied}}
			}
			s, emu, err := collect(t, sc, awsscan.Options{Regions: tt.regions})
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("error = %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			equalStrings(t, "regions", s.Regions, tt.want)
			for _, c := range emu.Calls() {
				if strings.HasPrefix(c.Operation, "ec2:DescribeVpcs") && !slices.Contains(tt.want, c.Region) {
					t.Errorf("%s read in %s", c.Operation, c.Region)
				}
			}
		})
	}
}

func TestCredentialsRefused(t *testing.T) {
	sc := small()
	sc.Faults = []awsemu.Fault{{Operation: "sts:GetCallerIdentity", Kind: awsemu.FaultError, Code: "InvalidClientTokenId", Status: 403}}
	_, _, err := collect(t, sc, awsscan.Options{})
	if err == nil || !strings.Contains(err.Error(), "InvalidClientTokenId") || strings.Contains(err.Error(), awsemu.TestAccessKey) {
		t.Errorf("error = %v, want InvalidClientTokenId without the key", err)
	}
}

// An organization trail, seen from a member account: its status is read
// by ARN in the management account's home region even when only another
// region is scanned; its bucket is not in the account.
func TestOrganizationTrail(t *testing.T) {
	sc := small()
	arn := "arn:aws:cloudtrail:us-east-1:999988887777:trail/org"
	sc.Trails = []awsemu.Trail{{Name: "org", ARN: arn, HomeRegion: "us-east-1", MultiRegion: true, Organization: true, Bucket: "org-logs", Logging: true}}
	s, emu, err := collect(t, sc, awsscan.Options{Regions: "eu-west-1"})
	if err != nil {
		t.Fatal(err)
	}
	if len(s.AWS.CloudTrail.Trails) != 1 {
		t.Fatalf("trails = %+v", s.AWS.CloudTrail.Trails)
	}
	tr := s.AWS.CloudTrail.Trails[0]
	if tr.Meta.ARN != arn || tr.EnableLogging == nil || !*tr.EnableLogging || tr.ManagementEventsReadWrite == nil || !*tr.ManagementEventsReadWrite || tr.Bucket != "" {
		t.Errorf("trail = %+v", tr)
	}
	for _, c := range emu.Calls() {
		if c.Operation == "cloudtrail:GetTrailStatus" && c.Region != "us-east-1" {
			t.Errorf("status read in %s", c.Region)
		}
	}
}

// judge collects sc and judges it with the built-in checks.
func judge(t *testing.T, sc *awsemu.Scenario, only ...string) []finding.Finding {
	t.Helper()
	awsemu.Isolate(t)
	emu := awsemu.Start(sc)
	t.Cleanup(emu.Close)
	c, err := awsscan.New(context.Background(), awsscan.Options{EndpointURL: emu.URL, RetryMode: awsscan.RetryStandard, MaxBackoff: time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	eng, err := engine.New(context.Background(), engine.Options{})
	if err != nil {
		t.Fatal(err)
	}
	res, err := scan.Live(context.Background(), eng, c, scan.Options{Only: only})
	if err != nil {
		t.Fatal(err)
	}
	return res.Report.Findings
}

// An account without trails fails aws-cloudtrail-enabled only when every
// region's trails were read; a region that could not be read makes it an
// error there, never a failure (nor a pass).
func TestNoTrails(t *testing.T) {
	tests := []struct {
		name   string
		faults []awsemu.Fault
		want   []string
	}{
		{"every region read", nil, []string{"fail aws-account:111122223333"}},
		{"one region denied", []awsemu.Fault{{Operation: "cloudtrail:DescribeTrails", Region: "eu-west-1", Kind: awsemu.FaultDenied}},
			[]string{"error aws-account:111122223333/eu-west-1"}},
		{"one region throttled, then read", []awsemu.Fault{{Operation: "cloudtrail:DescribeTrails", Region: "eu-west-1", Kind: awsemu.FaultThrottle, Times: 2}},
			[]string{"fail aws-account:111122223333"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sc := small()
			sc.Trails = nil
			sc.Faults = tt.faults
			var got []string
			for _, f := range judge(t, sc, "aws-cloudtrail-enabled") {
				got = append(got, string(f.Status)+" "+f.Resource.ARN)
			}
			equalStrings(t, "findings", got, tt.want)
		})
	}
}

func equalStrings(t *testing.T, what string, got, want []string) {
	t.Helper()
	if !slices.Equal(got, want) {
		t.Errorf("%s:\n got %q\nwant %q", what, got, want)
	}
}

func equalInt(t *testing.T, what string, got, want int) {
	t.Helper()
	if got != want {
		t.Errorf("%s = %d, want %d", what, got, want)
	}
}

// iamAction maps an operation to the IAM action that allows it, where
// they differ; "" for an operation that needs no permission.
var iamAction = map[string]string{
	"s3:ListBuckets":                     "s3:ListAllMyBuckets",
	"s3:GetPublicAccessBlock":            "s3:GetBucketPublicAccessBlock",
	"s3:GetBucketLifecycleConfiguration": "s3:GetLifecycleConfiguration",
	"s3control:GetPublicAccessBlock":     "s3:GetAccountPublicAccessBlock",
	"sts:GetCallerIdentity":              "",
}

// TestDocumentedPolicy: the least-privilege policy of docs/live-aws.md
// allows exactly the operations the collector calls.
func TestDocumentedPolicy(t *testing.T) {
	b, err := os.ReadFile("../../docs/live-aws.md")
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	start := strings.Index(text, "```json\n")
	end := strings.Index(text[start+1:], "```\n")
	if start < 0 || end < 0 {
		t.Fatal("no JSON policy in docs/live-aws.md")
	}
	var policy struct {
		Statement []struct {
			Effect   string
			Action   []string
			Resource string
		}
	}
	if err := json.Unmarshal([]byte(text[start+len("```json\n"):start+1+end]), &policy); err != nil {
		t.Fatalf("the policy is not JSON: %v", err)
	}
	var want []string
	for _, op := range readOnly {
		action, ok := iamAction[op]
		if !ok {
			action = op
		}
		if action != "" {
			want = append(want, action)
		}
	}
	slices.Sort(want)
	if len(policy.Statement) != 1 || policy.Statement[0].Effect != "Allow" || policy.Statement[0].Resource != "*" {
		t.Fatalf("want one Allow statement on *, got %+v", policy.Statement)
	}
	got := slices.Sorted(slices.Values(policy.Statement[0].Action))
	equalStrings(t, "documented actions", got, want)
}
