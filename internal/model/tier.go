package model

// Feeder kinds: what delivers logs into a log group, bucket or logstore
// (Feeder.Kind). Every scanner links feeders with these names, so the
// retention checks read one vocabulary.
const (
	FeedCloudTrail  = "cloudtrail"
	FeedConfig      = "config"
	FeedFlowLog     = "vpc_flow_log"
	FeedAccessLogs  = "access_logs"
	FeedActionTrail = "actiontrail"
)

// Retention tiers (LogGroup.Tier, Bucket.Tier, Logstore.Tier); their
// minimums are parameters of the retention checks (checks.md).
const (
	TierAudit   = "audit"
	TierAccess  = "access"
	TierNetwork = "network"
	TierDefault = "default"
)

// TierOf derives the retention tier of a log store from what feeds it: the
// strictest tier of its feeders wins; nothing known feeding it is
// TierDefault.
func TierOf(feeders []Feeder) string {
	tier := TierDefault
	for _, f := range feeders {
		if t := tierOfKind(f.Kind); tierRank(t) > tierRank(tier) {
			tier = t
		}
	}
	return tier
}

func tierOfKind(kind string) string {
	switch kind {
	case FeedCloudTrail, FeedConfig, FeedActionTrail:
		return TierAudit
	case FeedAccessLogs:
		return TierAccess
	case FeedFlowLog:
		return TierNetwork
	}
	return TierDefault
}

func tierRank(t string) int {
	switch t {
	case TierAudit:
		return 3
	case TierAccess:
		return 2
	case TierNetwork:
		return 1
	}
	return 0
}
