package aws

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws/ratelimit"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/smithy-go"
)

// credentialRe matches AWS access key IDs, which must never reach a report
// or a log, even inside an error message the API sent back.
var credentialRe = regexp.MustCompile(`\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\b`)

// maxReason bounds the text of one failure in gaps, reasons and diagnostics.
const maxReason = 240

// reason says why a call failed, in one line without secrets: the API's
// error code and message ("AccessDenied: User ... is not authorized"), a
// timeout, or the transport error. op names the call ("ec2:DescribeVpcs").
func reason(op string, timeout time.Duration, err error) string {
	return op + ": " + cause(timeout, err)
}

// cause is reason without the operation.
func cause(timeout time.Duration, err error) string {
	var text string
	var api smithy.APIError
	var quota ratelimit.QuotaExceededError
	switch {
	case errors.As(err, &api):
		text = api.ErrorCode()
		if msg := strings.TrimSpace(api.ErrorMessage()); msg != "" {
			text += ": " + msg
		}
	case errors.Is(err, context.DeadlineExceeded):
		text = fmt.Sprintf("timed out after %s (--call-timeout)", timeout)
	case errors.As(err, &quota):
		text = "throttled: the client's retry quota is used up"
	default:
		text = err.Error()
	}
	var max *retry.MaxAttemptsError
	if errors.As(err, &max) {
		text += fmt.Sprintf(" (gave up after %d attempts)", max.Attempt)
	}
	return clean(text)
}

// clean makes s one line, removes access key IDs and bounds its length.
func clean(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	s = credentialRe.ReplaceAllString(s, "(sensitive)")
	if len(s) > maxReason {
		s = s[:maxReason] + "…"
	}
	return s
}

// errorCode returns the API error code of err, "" when it is not an API error.
func errorCode(err error) string {
	var api smithy.APIError
	if errors.As(err, &api) {
		return api.ErrorCode()
	}
	return ""
}

// isCode reports whether err is an API error with one of codes. S3 answers
// "this bucket has no such configuration" with 404 errors
// (NoSuchPublicAccessBlockConfiguration, NoSuchBucketPolicy,
// NoSuchLifecycleConfiguration): those are real answers, not failures.
func isCode(err error, codes ...string) bool {
	c := errorCode(err)
	for _, want := range codes {
		if c == want {
			return true
		}
	}
	return false
}
