package aws

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws/ratelimit"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
)

func TestCause(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"API error", fmt.Errorf("operation error EC2: DescribeVpcs, %w", apiErr("UnauthorizedOperation")), "UnauthorizedOperation: UnauthorizedOperation message"},
		{"timeout", fmt.Errorf("operation error: %w", context.DeadlineExceeded), "timed out after 2s (--call-timeout)"},
		{"throttled past the retries", &retry.MaxAttemptsError{Attempt: 5, Err: apiErr("RequestLimitExceeded")}, "RequestLimitExceeded: RequestLimitExceeded message (gave up after 5 attempts)"},
		{"retry quota", ratelimit.QuotaExceededError{Available: 0, Requested: 5}, "throttled: the client's retry quota is used up"},
		{"transport", errors.New("dial tcp: connection\n refused"), "dial tcp: connection refused"},
		{"key in a message", errors.New("The AWS Access Key Id AKIAABCDEFGHIJKLMNOP does not exist"), "The AWS Access Key Id (sensitive) does not exist"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { equal(t, "cause", cause(2*time.Second, tt.err), tt.want) })
	}
	long := cause(time.Second, errors.New(strings.Repeat("x", 1000)))
	if len(long) > maxReason+len("…") {
		t.Errorf("reason of %d bytes, want at most %d", len(long), maxReason)
	}
	equal(t, "reason", reason("s3:GetBucketAcl", time.Second, denied), "s3:GetBucketAcl: AccessDenied: AccessDenied message")
	equal(t, "isCode", isCode(fmt.Errorf("wrapped: %w", apiErr(noPolicy)), noBlock, noPolicy), true)
	equal(t, "isCode other", isCode(denied, noPolicy), false)
	equal(t, "isCode nil", isCode(nil, noPolicy), false)
}

func TestOptions(t *testing.T) {
	tests := []struct {
		name string
		o    Options
		want string // in the error; "" for none
	}{
		{"defaults", Options{}, ""},
		{"role", Options{RoleARN: "arn:aws-cn:iam::111122223333:role/path/audit"}, ""},
		{"not a role", Options{RoleARN: "arn:aws:iam::111122223333:user/audit"}, "--role-arn"},
		{"endpoint without scheme", Options{EndpointURL: "127.0.0.1:4566"}, "--endpoint-url"},
		{"bad region", Options{Regions: "eu_west_1"}, "not a region ID"},
		{"missing profile", Options{Profile: "nope"}, "nope"},
	}
	t.Setenv("AWS_CONFIG_FILE", "/dev/null")
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", "/dev/null")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := New(context.Background(), tt.o)
			switch {
			case tt.want == "" && err != nil:
				t.Errorf("New: %v", err)
			case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
				t.Errorf("New error = %v, want one naming %q", err, tt.want)
			}
		})
	}
}

func TestPartitionOf(t *testing.T) {
	for arn, want := range map[string]string{
		"arn:aws:iam::1:user/a": "aws", "arn:aws-cn:sts::1:assumed-role/r/s": "aws-cn", "arn:aws-us-gov:iam::1:root": "aws-us-gov", "": "aws",
	} {
		equal(t, arn, partitionOf(arn), want)
	}
}
