package alicloud

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"slices"
	"strings"
	"testing"
	"time"

	openapi "github.com/alibabacloud-go/darabonba-openapi/v2/client"
	"github.com/alibabacloud-go/tea/tea"
	"github.com/aliyun/alibabacloud-oss-go-sdk-v2/oss"
)

func TestFlexDecoding(t *testing.T) {
	var v struct {
		I1, I2, I3, I4 flexInt
		B1, B2, B3     flexBool
		S1, S2         flexString
	}
	in := `{"I1": 7, "I2": "8", "I3": null, "I4": 9.0, "B1": true, "B2": "false", "S1": "x", "S2": 12}`
	if err := json.Unmarshal([]byte(in), &v); err != nil {
		t.Fatal(err)
	}
	if v.I1.v != 7 || v.I2.v != 8 || v.I3.set || v.I4.v != 9 || !v.I1.set {
		t.Errorf("ints %+v %+v %+v %+v", v.I1, v.I2, v.I3, v.I4)
	}
	if !v.B1.v || !v.B2.set || v.B2.v || v.B3.set {
		t.Errorf("bools %+v %+v %+v", v.B1, v.B2, v.B3)
	}
	if v.S1 != "x" || v.S2 != "12" {
		t.Errorf("strings %q %q", v.S1, v.S2)
	}
	for _, bad := range []string{`{"I1": "x"}`, `{"B1": "yes"}`} {
		if err := json.Unmarshal([]byte(bad), &v); err == nil {
			t.Errorf("%s accepted", bad)
		}
	}
}

func TestClassify(t *testing.T) {
	tests := []struct {
		name      string
		err       error
		code      string
		reason    string
		retryable bool
	}{
		{"RPC denied", &openapi.ClientError{Code: tea.String("Forbidden.RAM"), StatusCode: tea.Int(403),
			Message: tea.String("code: 403, User not authorized request id: 1"), Data: map[string]any{"Message": "User not authorized"}},
			"Forbidden.RAM", "Forbidden.RAM: User not authorized", false},
		{"RPC throttled", &openapi.ThrottlingError{Code: tea.String("Throttling.User"), StatusCode: tea.Int(400),
			Message: tea.String("code: 400, Request was denied due to user flow control. request id: 2"), RetryAfter: tea.Int64(20)},
			"Throttling.User", "Throttling.User: Request was denied due to user flow control.", true},
		{"RPC server error", &openapi.ServerError{Code: tea.String("ServiceUnavailable"), StatusCode: tea.Int(503), Message: tea.String("code: 503, busy request id: 3")},
			"ServiceUnavailable", "ServiceUnavailable: busy", true},
		{"SLS quota", tea.NewSDKError(map[string]any{"code": "ReadQuotaExceed", "message": "Read quota exceed", "data": map[string]any{"statusCode": 403}}),
			"ReadQuotaExceed", "ReadQuotaExceed: Read quota exceed", true},
		{"SLS missing project", tea.NewSDKError(map[string]any{"code": "ProjectNotExist", "message": "Project p does not exist", "data": map[string]any{"statusCode": 404}}),
			"ProjectNotExist", "ProjectNotExist: Project p does not exist", false},
		{"OSS slow down", &oss.ServiceError{Code: "SlowDown", StatusCode: 503, Message: "Please reduce your request rate."},
			"SlowDown", "SlowDown: Please reduce your request rate.", true},
		{"OSS no bucket", fmt.Errorf("operation error GetBucketAcl: %w", &oss.ServiceError{Code: "NoSuchBucket", StatusCode: 404, Message: "gone"}),
			"NoSuchBucket", "NoSuchBucket: gone", false},
		{"connection", &net.OpError{Op: "dial", Net: "tcp", Err: errors.New("connection refused")}, "Connection", "Connection: dial tcp: connection refused", true},
		{"deadline", context.DeadlineExceeded, "Timeout", "Timeout: context deadline exceeded", false},
		{"other", errors.New("boom\nstack"), "RequestError", "RequestError: boom", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := classify("x:Op", tt.err)
			if e.code != tt.code || e.reason() != tt.reason || e.retryable() != tt.retryable {
				t.Errorf("got code %q reason %q retryable %v", e.code, e.reason(), e.retryable())
			}
			if e.Error() != "x:Op: "+tt.reason {
				t.Errorf("Error() = %q", e.Error())
			}
		})
	}
	if e := classify("x", &openapi.ThrottlingError{Code: tea.String("Throttling.Api"), RetryAfter: tea.Int64(1500)}); e.retryAfter != 1500*time.Millisecond {
		t.Errorf("retry after %v", e.retryAfter)
	}
}

func TestRetryPolicyDelay(t *testing.T) {
	p := retryPolicy{attempts: 6, base: 100 * time.Millisecond, max: time.Second}
	for attempt, want := range map[int]time.Duration{1: 100 * time.Millisecond, 2: 200 * time.Millisecond, 4: 800 * time.Millisecond, 5: time.Second, 40: time.Second} {
		for range 20 {
			if d := p.delay(attempt); d < want/2 || d > want {
				t.Fatalf("attempt %d: delay %v outside [%v, %v]", attempt, d, want/2, want)
			}
		}
	}
}

func TestOperations(t *testing.T) {
	ops := Operations()
	names := make([]string, len(ops))
	for i, op := range ops {
		names[i] = op.Name
		_, action, _ := strings.Cut(op.Name, ":")
		if !strings.HasPrefix(action, "Describe") && !strings.HasPrefix(action, "Get") && !strings.HasPrefix(action, "List") {
			t.Errorf("%s is not a read", op.Name)
		}
		if _, ram, _ := strings.Cut(op.RAMAction, ":"); op.RAMAction != "" && ram != action {
			t.Errorf("%s: RAM action %s names another operation", op.Name, op.RAMAction)
		}
		if op.RAMAction == "" && op.Name != "sts:GetCallerIdentity" {
			t.Errorf("%s has no RAM action", op.Name)
		}
	}
	if !slices.IsSorted(names) || len(slices.Compact(slices.Clone(names))) != len(names) {
		t.Errorf("operations not sorted and unique: %v", names)
	}
}
