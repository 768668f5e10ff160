package cli

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/spf13/cobra"

	"github.com/kansa-sec/kansa/internal/diag"
	"github.com/kansa-sec/kansa/internal/model"
	"github.com/kansa-sec/kansa/internal/scan"
)

// stateCollector hands the scan a fixed state.
type stateCollector struct{ state *model.State }

func (c stateCollector) Collect(context.Context) (*model.State, diag.Diagnostics, error) {
	return c.state, nil, nil
}

// runLive runs a live scan command built from connect with args.
func runLive(t *testing.T, connect liveConnect, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	t.Chdir(t.TempDir())
	var out, errb bytes.Buffer
	e := &env{stdout: &out, stderr: &errb, getenv: func(string) string { return "" },
		now: func() time.Time { return time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC) }, version: "0.0.0-test"}
	cmd := e.liveCommand(liveSpec{cloud: "fake", regionsDefault: "all", connect: connect})
	code = e.execute(context.Background(), cmd, args)
	return out.String(), errb.String(), code
}

func openGroupState(gaps ...model.Gap) *model.State {
	s := model.New(model.SourceAWS, model.ScopeAccount)
	s.Account = "111122223333"
	s.Regions = []string{"eu-west-1"}
	m := model.Meta{Source: model.SourceAWS, Type: "aws_security_group", ID: "sg-1", ARN: "arn:aws:ec2:eu-west-1:111122223333:security-group/sg-1", Region: "eu-west-1", Account: "111122223333"}
	s.AWS.EC2.SecurityGroups = []model.SecurityGroup{{Meta: m, Rules: []model.SecurityGroupRule{{
		Meta: m, Label: "ingress[0]", Group: "sg-1", Direction: model.Ptr("ingress"), Protocol: model.Ptr("tcp"),
		FromPort: model.Ptr(22), ToPort: model.Ptr(22), CIDRBlocks: []string{"0.0.0.0/0"},
		IPv6CIDRBlocks: []string{}, PrefixListIDs: []string{}, SourceSecurityGroups: []string{},
	}}}}
	s.Gaps = gaps
	return s
}

func TestLiveCommand(t *testing.T) {
	var seen *liveFlags
	connect := func(state *model.State, err error) liveConnect {
		return func(_ context.Context, f *liveFlags, _ *slog.Logger, _ func(int, int, string)) (scan.Collector, error) {
			seen = f
			return stateCollector{state}, err
		}
	}
	tests := []struct {
		name     string
		connect  liveConnect
		args     []string
		wantCode int
		wantOut  string // in stdout
		wantErr  string // in stderr
	}{
		{"a finding fails the scan", connect(openGroupState(), nil), []string{"--only", "aws-sg-no-public-ssh", "--format", "json"}, ExitFindings, `"arn": "arn:aws:ec2:eu-west-1:111122223333:security-group/sg-1"`, ""},
		{"fail-on none", connect(openGroupState(), nil), []string{"--only", "aws-sg-no-public-ssh", "--fail-on", "none", "--format", "json"}, ExitOK, `"status": "fail"`, ""},
		{"a gap is exit 2 with the findings still reported", connect(openGroupState(model.Gap{Path: "aws.iam", Operation: "iam:GetAccountAuthorizationDetails", Reason: "AccessDenied"}), nil),
			[]string{"--format", "json"}, ExitError, `"status": "error"`, "iam:GetAccountAuthorizationDetails failed"},
		{"credentials missing", connect(nil, errors.New("no credentials found")), nil, ExitError, "", "kansa: scan fake: no credentials found"},
		{"bad --parallel", connect(openGroupState(), nil), []string{"--parallel", "0"}, ExitError, "", "--parallel 0"},
		{"unknown check", connect(openGroupState(), nil), []string{"--only", "nope"}, ExitError, "", "unknown check ID nope"},
		{"arguments are refused", connect(openGroupState(), nil), []string{"somewhere"}, ExitError, "", "unknown command"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, errs, code := runLive(t, tt.connect, tt.args...)
			if code != tt.wantCode {
				t.Fatalf("exit %d, want %d\nstdout: %s\nstderr: %s", code, tt.wantCode, out, errs)
			}
			if !strings.Contains(out, tt.wantOut) {
				t.Errorf("stdout lacks %q:\n%s", tt.wantOut, out)
			}
			if !strings.Contains(errs, tt.wantErr) {
				t.Errorf("stderr lacks %q:\n%s", tt.wantErr, errs)
			}
		})
	}
	// The flags reach the scanner.
	if _, _, code := runLive(t, connect(openGroupState(), nil), "--regions", "eu-west-1,us-east-1", "--profile", "audit", "--endpoint-url", "http://127.0.0.1:1", "--fail-on", "none", "--format", "json"); code != ExitOK {
		t.Fatalf("exit %d", code)
	}
	if seen.regions != "eu-west-1,us-east-1" || seen.profile != "audit" || seen.endpointURL != "http://127.0.0.1:1" || seen.callTimeout != defaultCallTimeout || seen.parallel != 4 {
		t.Errorf("flags = %+v", *seen)
	}
}

// TestLiveProfileFlags: on a live scan --profile is the credentials profile;
// the Go profile is still there as --pprof.
func TestLiveProfileFlags(t *testing.T) {
	e := &env{}
	cmd := e.liveCommand(liveSpec{cloud: "fake", regionsDefault: "all"})
	if f := cmd.Flags().Lookup("profile"); f == nil || f.Hidden {
		t.Errorf("--profile missing or hidden on a live scan")
	}
	if f := cmd.Flags().Lookup("pprof"); f == nil || !f.Hidden {
		t.Errorf("--pprof missing or not hidden")
	}
	var tf *cobra.Command
	for _, c := range e.scanCommand().Commands() {
		if c.Name() == "terraform" {
			tf = c
		}
	}
	if f := tf.Flags().Lookup("profile"); f == nil || !f.Hidden {
		t.Errorf("scan terraform --profile (Go profile) missing or not hidden")
	}
}
