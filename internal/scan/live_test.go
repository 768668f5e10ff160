package scan

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/kansa-sec/kansa/internal/diag"
	"github.com/kansa-sec/kansa/internal/finding"
	"github.com/kansa-sec/kansa/internal/model"
	"github.com/kansa-sec/kansa/policies/engine"
)

// fakeCollector hands Live a state built by the test.
type fakeCollector struct {
	state *model.State
	err   error
}

func (f fakeCollector) Collect(context.Context) (*model.State, diag.Diagnostics, error) {
	return f.state, nil, f.err
}

var _ Collector = fakeCollector{}

const acct = "111122223333"

func liveMeta(typ, region, id string) model.Meta {
	return model.Meta{Source: model.SourceAWS, Type: typ, ID: id, ARN: "arn:aws:ec2:" + region + ":" + acct + ":" + id, Region: region, Account: acct}
}

// liveState is an account with a VPC and no flow log in two regions, and a
// group open to SSH in eu-west-1.
func liveState() *model.State {
	s := model.New(model.SourceAWS, model.ScopeAccount)
	s.Account = acct
	s.Regions = []string{"eu-west-1", "us-east-1"}
	for _, r := range s.Regions {
		s.AWS.EC2.VPCs = append(s.AWS.EC2.VPCs, model.VPC{Meta: liveMeta("aws_vpc", r, "vpc-"+r), FlowLogs: []string{}})
	}
	sg := model.SecurityGroup{Meta: liveMeta("aws_security_group", "eu-west-1", "sg-1"), Name: model.Ptr("web")}
	sg.Rules = []model.SecurityGroupRule{{
		Meta: sg.Meta, Label: "ingress[0]", Group: "sg-1",
		Direction: model.Ptr("ingress"), Protocol: model.Ptr("tcp"), FromPort: model.Ptr(22), ToPort: model.Ptr(22),
		CIDRBlocks: []string{"0.0.0.0/0"}, IPv6CIDRBlocks: []string{}, PrefixListIDs: []string{}, SourceSecurityGroups: []string{},
	}}
	s.AWS.EC2.SecurityGroups = append(s.AWS.EC2.SecurityGroups, sg)
	return s
}

// outcome is a finding reduced to what the table compares.
type outcome struct{ check, identity, region string }

func TestLive(t *testing.T) {
	ctx := context.Background()
	eng, err := engine.New(ctx, engine.Options{})
	if err != nil {
		t.Fatal(err)
	}
	flowGap := model.Gap{Path: "aws.ec2.vpcs.flow_logs", Region: "eu-west-1", Operation: "ec2:DescribeFlowLogs", Reason: "UnauthorizedOperation: not allowed"}
	tests := []struct {
		name        string
		state       func() *model.State
		only        []string
		wantFail    []outcome
		wantError   []outcome
		wantErrText string // in an error finding's message
	}{
		{
			name:     "judged where every call worked",
			state:    liveState,
			only:     []string{"aws-vpc-flow-logs-enabled", "aws-sg-no-public-ssh"},
			wantFail: []outcome{{"aws-sg-no-public-ssh", "arn:aws:ec2:eu-west-1:" + acct + ":sg-1", "eu-west-1"}, {"aws-vpc-flow-logs-enabled", "arn:aws:ec2:eu-west-1:" + acct + ":vpc-eu-west-1", "eu-west-1"}, {"aws-vpc-flow-logs-enabled", "arn:aws:ec2:us-east-1:" + acct + ":vpc-us-east-1", "us-east-1"}},
		},
		{
			// Without the flow logs of eu-west-1 its VPC would fail wrongly:
			// the check is an error there, still judged in us-east-1, and
			// checks that do not read flow logs are untouched.
			name: "a failed list call withholds the check in its region",
			state: func() *model.State {
				s := liveState()
				s.Gaps = []model.Gap{flowGap}
				return s
			},
			only:        []string{"aws-vpc-flow-logs-enabled", "aws-sg-no-public-ssh"},
			wantFail:    []outcome{{"aws-sg-no-public-ssh", "arn:aws:ec2:eu-west-1:" + acct + ":sg-1", "eu-west-1"}, {"aws-vpc-flow-logs-enabled", "arn:aws:ec2:us-east-1:" + acct + ":vpc-us-east-1", "us-east-1"}},
			wantError:   []outcome{{"aws-vpc-flow-logs-enabled", "aws-account:" + acct + "/eu-west-1", "eu-west-1"}},
			wantErrText: "not evaluated in eu-west-1: ec2:DescribeFlowLogs: UnauthorizedOperation: not allowed",
		},
		{
			// "No trail exists" would be a false alarm when the trail list
			// of a region could not be read: the account finding is an error.
			name: "an account-scope check with a gap in one region",
			state: func() *model.State {
				s := liveState()
				s.Gaps = []model.Gap{{Path: "aws.cloudtrail.trails", Region: "us-east-1", Operation: "cloudtrail:DescribeTrails", Reason: "AccessDeniedException"}}
				return s
			},
			only:      []string{"aws-cloudtrail-enabled"},
			wantError: []outcome{{"aws-cloudtrail-enabled", "aws-account:" + acct + "/us-east-1", "us-east-1"}},
		},
		{
			name: "a global gap affects every region",
			state: func() *model.State {
				s := liveState()
				s.Gaps = []model.Gap{{Path: "aws.ec2", Operation: "ec2:DescribeRegions", Reason: "timeout"}}
				return s
			},
			only:      []string{"aws-vpc-flow-logs-enabled", "aws-sg-no-public-ssh"},
			wantError: []outcome{{"aws-sg-no-public-ssh", "aws-account:" + acct, ""}, {"aws-vpc-flow-logs-enabled", "aws-account:" + acct, ""}},
		},
		{
			// A failed call about one trail leaves its attribute unknown:
			// an error finding, not a pass, even without --strict-unknowns.
			name: "an unknown attribute is an error",
			state: func() *model.State {
				s := model.New(model.SourceAWS, model.ScopeAccount)
				s.Account = acct
				tr := model.Trail{Meta: liveMeta("aws_cloudtrail", "eu-west-1", "trail/main"), Name: model.Ptr("main")}
				tr.Meta.MarkUnknown("enable_logging", "cloudtrail:GetTrailStatus: AccessDeniedException")
				s.AWS.CloudTrail.Trails = append(s.AWS.CloudTrail.Trails, tr)
				return s
			},
			only:        []string{"aws-cloudtrail-logging-enabled"},
			wantError:   []outcome{{"aws-cloudtrail-logging-enabled", "arn:aws:ec2:eu-west-1:" + acct + ":trail/main", "eu-west-1"}},
			wantErrText: "AccessDenied",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Live(ctx, eng, fakeCollector{state: tt.state()}, Options{Only: tt.only})
			if err != nil {
				t.Fatal(err)
			}
			var fails, errs []outcome
			for _, f := range res.Report.Findings {
				o := outcome{f.CheckID, f.Resource.Identity(), f.Resource.Region}
				switch f.Status {
				case finding.StatusFail:
					fails = append(fails, o)
				case finding.StatusError:
					errs = append(errs, o)
					if !strings.Contains(f.Message, tt.wantErrText) {
						t.Errorf("error finding %q lacks %q", f.Message, tt.wantErrText)
					}
					if f.Severity == finding.SeverityLow && f.CheckID != "" {
						t.Errorf("error finding %s has severity low; want the check's", f.CheckID)
					}
				}
			}
			if !equalOutcomes(fails, tt.wantFail) {
				t.Errorf("fail findings = %v\nwant %v", fails, tt.wantFail)
			}
			if !equalOutcomes(errs, tt.wantError) {
				t.Errorf("error findings = %v\nwant %v", errs, tt.wantError)
			}
			if res.Report.Target != "aws:"+acct {
				t.Errorf("target = %q", res.Report.Target)
			}
			if got := len(res.Diagnostics); got != len(tt.state().Gaps) {
				t.Errorf("%d diagnostics, want one warning per gap (%d): %v", got, len(tt.state().Gaps), res.Diagnostics)
			}
		})
	}
}

func equalOutcomes(a, b []outcome) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestLiveCollectorError(t *testing.T) {
	ctx := context.Background()
	eng, err := engine.New(ctx, engine.Options{})
	if err != nil {
		t.Fatal(err)
	}
	res, err := Live(ctx, eng, fakeCollector{err: errors.New("no credentials: set AWS_PROFILE")}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !res.Diagnostics.HasErrors() || len(res.Report.Findings) != 0 {
		t.Fatalf("diagnostics %v, findings %d: want one error and no findings", res.Diagnostics, len(res.Report.Findings))
	}
}

func TestGapCovers(t *testing.T) {
	tests := []struct {
		gap, read string
		want      bool
	}{
		{"aws.ec2.vpcs.flow_logs", "aws.ec2.vpcs", true},
		{"aws.ec2", "aws.ec2.vpcs", true},
		{"aws.ec2.vpcs", "aws.ec2.vpcs", true},
		{"aws.ec2.vpcs", "aws.ec2.vpcs_extra", false},
		{"aws.ec2.flow_logs", "aws.ec2.vpcs", false},
		{"alicloud.sls", "aws.logs.log_groups", false},
	}
	for _, tt := range tests {
		if got := (model.Gap{Path: tt.gap}).Covers(tt.read); got != tt.want {
			t.Errorf("Gap{%s}.Covers(%s) = %v, want %v", tt.gap, tt.read, got, tt.want)
		}
	}
}

// TestLiveRulesOfTheCloud: an AWS account is judged and reported with AWS
// checks only.
func TestLiveRulesOfTheCloud(t *testing.T) {
	ctx := context.Background()
	eng, err := engine.New(ctx, engine.Options{})
	if err != nil {
		t.Fatal(err)
	}
	res, err := Live(ctx, eng, fakeCollector{state: liveState()}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Report.Rules) == 0 {
		t.Fatal("no rules")
	}
	for _, r := range res.Report.Rules {
		if !strings.HasPrefix(r.ID, "aws-") {
			t.Errorf("rule %s reported on an AWS account", r.ID)
		}
	}
}
