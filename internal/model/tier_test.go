package model

import "testing"

func TestTierOf(t *testing.T) {
	tests := []struct {
		name  string
		kinds []string
		want  string
	}{
		{"nothing", nil, TierDefault},
		{"unknown kind", []string{"lambda"}, TierDefault},
		{"flow log", []string{FeedFlowLog}, TierNetwork},
		{"access logs beat flow logs", []string{FeedFlowLog, FeedAccessLogs}, TierAccess},
		{"a trail wins", []string{FeedAccessLogs, FeedCloudTrail, FeedFlowLog}, TierAudit},
		{"config", []string{FeedConfig}, TierAudit},
		{"actiontrail", []string{FeedActionTrail}, TierAudit},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var fs []Feeder
			for _, k := range tt.kinds {
				fs = append(fs, Feeder{Kind: k, Resource: "r"})
			}
			if got := TierOf(fs); got != tt.want {
				t.Errorf("TierOf(%v) = %q, want %q", tt.kinds, got, tt.want)
			}
		})
	}
}
