package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/spf13/cobra"

	"github.com/kansa-sec/kansa/internal/awsemu"
)

// runAWS runs `kansa scan aws` against an emulator serving the scenario
// file name (under testdata/live/aws), with a fixed clock and version and
// retries that do not wait. Reports written with --sarif/--json land in
// the returned directory.
func runAWS(t *testing.T, name string, args ...string) (stdout, stderr string, code int, dir string) {
	t.Helper()
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	sc, err := awsemu.Load(filepath.Join(root, "testdata", "live", "aws", name))
	if err != nil {
		t.Fatal(err)
	}
	awsemu.Isolate(t)
	emu := awsemu.Start(sc)
	t.Cleanup(emu.Close)
	dir = t.TempDir()
	t.Chdir(dir)
	var out, errb bytes.Buffer
	e := &env{stdout: &out, stderr: &errb, getenv: func(string) string { return "" },
		now:      func() time.Time { return time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC) },
		version:  "0.0.0-test",
		awsRetry: awsRetry{mode: "standard", maxBackoff: time.Millisecond}}
	code = e.run(context.Background(), append([]string{"scan", "aws", "--endpoint-url", emu.URL}, args...))
	return out.String(), errb.String(), code, dir
}

// TestScanAWS scans the e2e scenario: one failing check per resource type,
// a region where every regional call is denied, throttled calls, a bucket
// whose region must be asked for. It pins the JSON and SARIF reports.
func TestScanAWS(t *testing.T) {
	goldenPath, err := filepath.Abs("../../testdata/golden")
	if err != nil {
		t.Fatal(err)
	}
	stdout, stderr, code, dir := runAWS(t, "account.json", "--format", "json", "--sarif", "aws.sarif")
	if code != ExitError {
		t.Fatalf("exit %d, want 2 (a region could not be read)\n%s", code, stderr)
	}
	for _, out := range []string{stdout, stderr} {
		if strings.Contains(out, awsemu.TestAccessKey) {
			t.Errorf("the access key ID is in the output")
		}
	}
	sarifOut, err := os.ReadFile(filepath.Join(dir, "aws.sarif"))
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir(goldenPath)
	compareGolden(t, "live-aws.json", []byte(stdout))
	compareGolden(t, "live-aws.sarif", sarifOut)

	fs := liveFindings(t, stdout)
	var failing, errors []string
	for _, f := range fs {
		if f.Resource.File != "" {
			t.Errorf("%s: a live finding with a file (%s)", f.CheckID, f.Resource.File)
		}
		switch f.Status {
		case "fail":
			failing = append(failing, f.CheckID+" "+f.Resource.Type)
		case "error":
			errors = append(errors, f.CheckID+" "+f.Resource.Region)
		}
		if f.Resource.Region == "ap-northeast-1" && f.Status != "error" {
			t.Errorf("%s %s in the denied region", f.Status, f.CheckID)
		}
	}
	slices.Sort(failing)
	failing = slices.Compact(failing)
	// One failing check at least per resource type the catalog reads.
	wantFailing := []string{
		"aws-cloudtrail-bucket-access-logging aws_s3_bucket",
		"aws-cloudtrail-bucket-not-public aws_s3_bucket",
		"aws-cloudtrail-cloudwatch-logs aws_cloudtrail",
		"aws-cloudtrail-kms-encryption aws_cloudtrail",
		"aws-cloudtrail-log-validation aws_cloudtrail",
		"aws-cloudtrail-logging-enabled aws_cloudtrail",
		"aws-cloudtrail-multi-region aws_cloudtrail",
		"aws-cloudwatch-log-retention aws_cloudwatch_log_group",
		"aws-config-delivery-channel aws_config_configuration_recorder",
		"aws-config-recorder-enabled aws_config_configuration_recorder",
		"aws-config-records-all-resources aws_config_configuration_recorder",
		"aws-iam-no-administrator-access aws_iam_group_policy",
		"aws-iam-no-administrator-access aws_iam_role_policy_attachment",
		"aws-iam-no-administrator-access aws_iam_user_policy_attachment",
		"aws-nacl-no-public-admin-ports aws_network_acl",
		"aws-s3-log-bucket-retention aws_s3_bucket_lifecycle_configuration",
		"aws-s3-public-access-block aws_s3_account_public_access_block",
		"aws-s3-public-access-block aws_s3_bucket",
		"aws-sg-no-public-rdp aws_security_group",
		"aws-sg-no-public-ssh aws_security_group",
		"aws-vpc-flow-logs-enabled aws_default_vpc",
	}
	if !slices.Equal(failing, wantFailing) {
		t.Errorf("failing:\n%s\nwant:\n%s", strings.Join(failing, "\n"), strings.Join(wantFailing, "\n"))
	}
	// Exactly the checks that read a regional list, once each, in the
	// denied region; IAM and S3 checks read global lists and are judged.
	slices.Sort(errors)
	wantErrors := []string{
		"aws-cloudtrail-bucket-access-logging ap-northeast-1",
		"aws-cloudtrail-bucket-not-public ap-northeast-1",
		"aws-cloudtrail-cloudwatch-logs ap-northeast-1",
		"aws-cloudtrail-enabled ap-northeast-1",
		"aws-cloudtrail-kms-encryption ap-northeast-1",
		"aws-cloudtrail-log-validation ap-northeast-1",
		"aws-cloudtrail-logging-enabled ap-northeast-1",
		"aws-cloudtrail-multi-region ap-northeast-1",
		"aws-cloudwatch-log-retention ap-northeast-1",
		"aws-config-delivery-channel ap-northeast-1",
		"aws-config-recorder-enabled ap-northeast-1",
		"aws-config-records-all-resources ap-northeast-1",
		"aws-nacl-no-public-admin-ports ap-northeast-1",
		"aws-sg-no-public-rdp ap-northeast-1",
		"aws-sg-no-public-ssh ap-northeast-1",
		"aws-vpc-flow-logs-enabled ap-northeast-1",
	}
	if !slices.Equal(errors, wantErrors) {
		t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(errors, "\n"), strings.Join(wantErrors, "\n"))
	}

	// SARIF: valid 2.1.0; live results are located by ARN only.
	checkLiveSARIF(t, sarifOut, false, "arn:aws:", "aws-account:111122223333")
}

// TestScanAWSPassing: an account that meets every check exits 0 with
// only passes, and the SARIF upload form (--sarif-synthetic-locations) gives
// each result a synthetic file.
func TestScanAWSPassing(t *testing.T) {
	stdout, stderr, code, _ := runAWS(t, "passing.json", "--format", "json", "--sarif", "aws.sarif", "--sarif-synthetic-locations", "--fail-on", "low")
	if code != ExitOK {
		t.Fatalf("exit %d, want 0\n%s\n%s", code, stderr, stdout)
	}
	passed := 0
	for _, f := range liveFindings(t, stdout) {
		if f.Status != "pass" {
			t.Errorf("%s %s %s: %s", f.Status, f.CheckID, f.Resource.ARN, f.Message)
		}
		passed++
	}
	if passed == 0 {
		t.Error("no passing findings")
	}
	if strings.TrimSpace(stderr) != "" {
		t.Errorf("stderr: %s", stderr)
	}
}

func TestScanAWSArtifacts(t *testing.T) {
	_, stderr, code, dir := runAWS(t, "account.json", "--format", "json", "--sarif", "aws.sarif", "--sarif-synthetic-locations", "--only", "aws-sg-no-public-ssh")
	if code != ExitError {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	b, err := os.ReadFile(filepath.Join(dir, "aws.sarif"))
	if err != nil {
		t.Fatal(err)
	}
	checkLiveSARIF(t, b, true, "arn:aws:", "aws-account:111122223333")
}

func TestScanAWSFlags(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		code    int
		wantErr string
	}{
		{"bad role", []string{"--role-arn", "audit"}, ExitError, "--role-arn"},
		{"bad region", []string{"--regions", "EU"}, ExitError, "not a region ID"},
		{"only the denied region", []string{"--regions", "ap-northeast-1", "--only", "aws-iam-no-administrator-access"}, ExitFindings, ""},
		{"a region the account has not enabled", []string{"--regions", "eu-west-1,me-south-1", "--only", "aws-sg-no-public-ssh"}, ExitFindings, "region me-south-1 is not enabled"},
		{"debug log", []string{"--log-level", "debug", "--regions", "ap-northeast-1"}, ExitError, "AWS call failed"},
		{"a role", []string{"--role-arn", "arn:aws:iam::111122223333:role/kansa-readonly", "--regions", "us-east-1", "--only", "aws-iam-no-administrator-access"}, ExitFindings, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stdout, stderr, code, _ := runAWS(t, "account.json", append(tt.args, "--format", "json")...)
			if code != tt.code || !strings.Contains(stderr, tt.wantErr) {
				t.Errorf("exit %d, stderr %q; want %d and %q", code, stderr, tt.code, tt.wantErr)
			}
			// Credentials never reach an output, not even a debug log.
			for _, secret := range []string{awsemu.TestAccessKey, awsemu.TestSecretKey, awsemu.AssumedKey} {
				if strings.Contains(stdout+stderr, secret) {
					t.Errorf("%s is in the output", secret)
				}
			}
		})
	}
}

// TestAWSNightlyExample: the flags the nightly workflow and the docs pass
// to `kansa scan aws` are the command's.
func TestAWSNightlyExample(t *testing.T) {
	var cmd *cobra.Command
	e := &env{}
	for _, c := range e.scanCommand().Commands() {
		if c.Name() == "aws" {
			cmd = c
		}
	}
	if cmd == nil {
		t.Fatal("no scan aws command")
	}
	for _, file := range []string{"examples/github/aws-nightly.yml", "docs/live-aws.md", "docs/ci.md", "README.md"} {
		b, err := os.ReadFile(filepath.Join("..", "..", file))
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(string(b), "\n")
		found := 0
		for i := 0; i < len(lines); i++ {
			at := strings.Index(lines[i], "kansa scan aws")
			if at < 0 {
				continue
			}
			found++
			// The command and its continuation lines.
			text := lines[i][at:]
			for strings.HasSuffix(strings.TrimSpace(lines[i]), `\`) && i+1 < len(lines) {
				i++
				text += " " + lines[i]
			}
			for _, tok := range strings.Fields(text) {
				tok = strings.TrimLeft(tok, "[`")
				if !strings.HasPrefix(tok, "--") {
					continue
				}
				name := strings.TrimPrefix(strings.SplitN(tok, "=", 2)[0], "--")
				name = strings.TrimRight(name, "`|]),")
				if cmd.Flags().Lookup(name) == nil {
					t.Errorf("%s: kansa scan aws has no flag --%s", file, name)
				}
			}
		}
		if found == 0 {
			t.Errorf("%s: no kansa scan aws command", file)
		}
	}
}
