package engine

import (
	"context"
	"slices"
	"testing"
)

func TestRuleReads(t *testing.T) {
	eng, err := New(context.Background(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		id   string
		want []string
	}{
		// Cross-resource: the trails and the buckets they write to.
		{"alicloud-actiontrail-oss-not-public", []string{"alicloud.actiontrail.trails", "alicloud.oss.buckets"}},
		// A link the adapter resolves (vpc.flow_logs) is read as part of the
		// VPC list: a collector that could not list flow logs reports a gap
		// at aws.ec2.vpcs.flow_logs.
		{"aws-vpc-flow-logs-enabled", []string{"aws.ec2.vpcs"}},
		// Through a helper package (kansa.aws.cloudtrail.trail_buckets).
		{"aws-cloudtrail-bucket-access-logging", []string{"aws.cloudtrail.trails", "aws.s3.buckets"}},
		// Account scope: the account package's probe of input.aws is not a read.
		{"aws-cloudtrail-enabled", []string{"aws.cloudtrail.trails"}},
		// A flag of the provider rather than a list.
		{"alicloud-waf-log-analysis", []string{"alicloud.waf_instance", "alicloud.waf_log_analysis"}},
		// Standalone rules are read next to the groups.
		{"aws-sg-no-public-ssh", []string{"aws.ec2.security_group_rules", "aws.ec2.security_groups"}},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			for _, r := range eng.Rules() {
				if r.ID != tt.id {
					continue
				}
				for _, w := range tt.want {
					if !slices.Contains(r.Reads, w) {
						t.Errorf("Reads = %v, want it to contain %s", r.Reads, w)
					}
				}
				if r.Selector != "" && !slices.Contains(r.Reads, r.Selector) {
					t.Errorf("Reads = %v lacks the selector %s", r.Reads, r.Selector)
				}
				return
			}
			t.Fatalf("no rule %s", tt.id)
		})
	}
	// Every check reads something: a check that reads nothing could never
	// be withheld for a gap, and would pass on a failed live call.
	for _, r := range eng.Rules() {
		if len(r.Reads) == 0 {
			t.Errorf("%s: no model path found in its policy", r.ID)
		}
		for _, p := range r.Reads {
			if p == "aws" || p == "alicloud" || p == "source" || p == "scope" {
				t.Errorf("%s: Reads has the probe %q", r.ID, p)
			}
		}
	}
}
