package cli

import (
	"context"
	"log/slog"
	"time"

	"github.com/spf13/cobra"

	"github.com/kansa-sec/kansa/internal/scan"
	awsscan "github.com/kansa-sec/kansa/scanners/aws"
)

var _ scan.Collector = (*awsscan.Collector)(nil)

// awsRetry tunes the AWS SDK's retries; tests shorten the backoff so a
// throttled emulator call is retried at once. The zero value is the SDK's
// adaptive mode with its own backoff.
type awsRetry struct {
	mode       string
	maxBackoff time.Duration
}

// awsSpec is `kansa scan aws`.
func (e *env) awsSpec() liveSpec {
	var roleARN string
	return liveSpec{
		cloud: "aws",
		short: "Scan a live AWS account (read-only API calls)",
		long: `Read a live AWS account with read-only API calls and judge it with the same
checks as Terraform code: CloudTrail trails, AWS Config recorders, VPC flow
logs, security groups and network ACLs open to the internet on SSH/RDP,
CloudWatch Logs and S3 log retention, S3 public access blocks, and IAM
principals with full administrator rights. Account-scope checks ("a
multi-region trail must exist", "a recorder in every region") run too.

Credentials come from the AWS SDK's default chain: environment variables,
the shared config files (--profile, or AWS_PROFILE; SSO profiles work after
'aws sso login'), a web identity token (GitHub OIDC), or the instance or
container role. --role-arn assumes a role from those credentials first
(session name "kansa"), to scan another account from a central one. Only
Describe, Get and List calls are made; docs/live-aws.md lists every one with
a least-privilege IAM policy.

Every region the account has enabled is read (--regions all), --parallel at
a time. Throttled calls are retried by the SDK (adaptive mode; set
AWS_RETRY_MODE or AWS_MAX_ATTEMPTS to change it), and each call, retries
included, is bounded by --call-timeout. A call that fails — access denied,
region disabled, still throttled, timed out — is never read as "not
configured": the checks that need it are reported as errors for that region
(status "error", exit status 2), and the rest of the account is still judged.

Live findings name resources by ARN; in SARIF they have no file location
unless --sarif-synthetic-locations gives them one, as GitHub code scanning
requires for an upload.`,
		example: `  # The account of the default credentials, every enabled region
  kansa scan aws

  # A named profile, two regions, reports for code scanning and CI
  kansa scan aws --profile audit --regions eu-west-1,us-east-1 --sarif aws.sarif --junit aws.xml

  # Another account of the organization, through a read-only role
  kansa scan aws --role-arn arn:aws:iam::222222222222:role/kansa-readonly --fail-on high

  # Against an emulator or a proxy
  kansa scan aws --endpoint-url http://127.0.0.1:4566 --regions us-east-1`,
		regionsDefault: "all",
		extraFlags: func(cmd *cobra.Command) {
			cmd.Flags().StringVar(&roleARN, "role-arn", "", "assume the IAM role `ARN` (session name kansa) with the credentials found, and scan its account")
		},
		connect: func(ctx context.Context, f *liveFlags, log *slog.Logger, progress func(done, total int, unit string)) (scan.Collector, error) {
			return awsscan.New(ctx, awsscan.Options{
				Profile:     f.profile,
				RoleARN:     roleARN,
				Regions:     f.regions,
				EndpointURL: f.endpointURL,
				CallTimeout: f.callTimeout,
				Parallel:    f.parallel,
				RetryMode:   e.awsRetry.mode,
				MaxBackoff:  e.awsRetry.maxBackoff,
				Logger:      log,
				Progress:    progress,
			})
		},
	}
}
