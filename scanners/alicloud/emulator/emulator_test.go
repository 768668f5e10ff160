package emulator

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
)

// TestRefusals: the emulator answers reads of known products only, from
// signed requests with the scenario's AccessKey, and counts faults per
// region.
func TestRefusals(t *testing.T) {
	sc := &Scenario{Account: "1", AccessKeyID: "LTAIgood", Regions: []string{"cn-hangzhou"},
		Faults: []Fault{{Op: "vpc:DescribeVpcs", Region: "cn-hangzhou", Times: 1}}}
	s := New(sc)
	defer s.Close()
	tests := []struct {
		name, method, path string
		header             map[string]string
		wantStatus         int
		wantCode           string
	}{
		{"unsigned", "POST", "/?Action=DescribeVpcs&Version=2016-04-28&RegionId=cn-hangzhou", nil, 400, "MissingAuthorization"},
		{"wrong key", "POST", "/?Action=DescribeVpcs&Version=2016-04-28&RegionId=cn-hangzhou",
			map[string]string{"Authorization": "ACS3-HMAC-SHA256 Credential=LTAIbad,SignedHeaders=host,Signature=x"}, 404, "InvalidAccessKeyId.NotFound"},
		{"throttled once", "POST", "/?Action=DescribeVpcs&Version=2016-04-28&RegionId=cn-hangzhou",
			map[string]string{"Authorization": "ACS3-HMAC-SHA256 Credential=LTAIgood,SignedHeaders=host,Signature=x"}, 400, "Throttling.User"},
		{"then answers", "POST", "/?Action=DescribeVpcs&Version=2016-04-28&RegionId=cn-hangzhou",
			map[string]string{"Authorization": "ACS3-HMAC-SHA256 Credential=LTAIgood,SignedHeaders=host,Signature=x"}, 200, ""},
		{"a write", "POST", "/?Action=DeleteVpc&Version=2016-04-28&RegionId=cn-hangzhou",
			map[string]string{"Authorization": "ACS3-HMAC-SHA256 Credential=LTAIgood,SignedHeaders=host,Signature=x"}, 404, "InvalidAction.NotFound"},
		{"unknown product", "POST", "/?Action=DescribeInstances&Version=2099-01-01",
			map[string]string{"Authorization": "ACS3-HMAC-SHA256 Credential=LTAIgood,SignedHeaders=host,Signature=x"}, 400, "InvalidVersion"},
		{"unknown region", "POST", "/?Action=DescribeVpcs&Version=2016-04-28&RegionId=mars-1",
			map[string]string{"Authorization": "ACS3-HMAC-SHA256 Credential=LTAIgood,SignedHeaders=host,Signature=x"}, 400, "InvalidRegionId.NotFound"},
		{"SLS write", "POST", "/logstores",
			map[string]string{"Authorization": "SLS4-HMAC-SHA256 Credential=LTAIgood/20260101/cn-hangzhou/sls/aliyun_v4_request,Signature=x", "x-log-apiversion": "0.6.0"}, 405, "MethodNotAllowed"},
		{"OSS write", "PUT", "/bucket/?acl",
			map[string]string{"Authorization": "OSS4-HMAC-SHA256 Credential=LTAIgood/20260101/cn-hangzhou/oss/aliyun_v4_request,Signature=x"}, 405, "MethodNotAllowed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, err := http.NewRequestWithContext(t.Context(), tt.method, s.URL()+tt.path, strings.NewReader(""))
			if err != nil {
				t.Fatal(err)
			}
			for k, v := range tt.header {
				req.Header.Set(k, v)
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			body, _ := io.ReadAll(resp.Body)
			if resp.StatusCode != tt.wantStatus || !strings.Contains(string(body), tt.wantCode) {
				t.Errorf("%d %s, want %d %s", resp.StatusCode, body, tt.wantStatus, tt.wantCode)
			}
		})
	}
	if n := s.Count("vpc:DescribeVpcs"); n != 5 {
		t.Errorf("DescribeVpcs recorded %d times, want 5", n)
	}
	if ops := s.Operations(); !strings.Contains(strings.Join(ops, " "), "vpc:DeleteVpc") {
		t.Errorf("the refused write is not recorded: %v", ops)
	}
}

// TestFlowLogCountsAreStrings keeps a quirk of DescribeFlowLogs that the
// scanner must cope with.
func TestFlowLogCountsAreStrings(t *testing.T) {
	s := New(&Scenario{Account: "1", Regions: []string{"r1"}, FlowLogs: map[string][]map[string]any{"r1": {{"FlowLogId": "fl-1"}}}})
	defer s.Close()
	body, e := s.describeFlowLogs("r1", map[string][]string{})
	if e != nil {
		t.Fatal(e)
	}
	b, _ := json.Marshal(body)
	if !strings.Contains(string(b), `"TotalCount":"1"`) {
		t.Errorf("TotalCount not a string: %s", b)
	}
}
