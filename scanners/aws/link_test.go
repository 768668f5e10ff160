package aws

import (
	"testing"

	"github.com/kansa-sec/kansa/internal/model"
)

func TestAssemble(t *testing.T) {
	r := testReader()
	trail := func(name, bucket, prefix, group string) trailSeen {
		arn := "arn:aws:cloudtrail:us-east-1:111122223333:trail/" + name
		return trailSeen{trail: model.Trail{Meta: r.meta("aws_cloudtrail", arn, arn, "us-east-1"), S3BucketName: model.Ptr(bucket),
			CloudWatchLogsGroupARN: model.Ptr(group)}, keyPrefix: prefix}
	}
	bucket := func(name string, expiries ...expiry) bucketData {
		return bucketData{bucket: model.Bucket{Meta: r.meta("aws_s3_bucket", "arn:aws:s3:::"+name, name, "us-east-1"), Name: model.Ptr(name), Receives: []model.Feeder{}},
			expiries: expiries, hasLifecycle: len(expiries) > 0}
	}
	group := func(region, name string) model.LogGroup {
		arn := "arn:aws:logs:" + region + ":111122223333:log-group:" + name
		return model.LogGroup{Meta: r.meta("aws_cloudwatch_log_group", arn, arn, region), Name: model.Ptr(name), FedBy: []model.Feeder{}}
	}
	flow := func(id, dest string) model.FlowLog {
		return model.FlowLog{Meta: r.meta("aws_flow_log", "arn:fl/"+id, id, "eu-west-1"), LogDestinationType: model.Ptr("cloud-watch-logs"), LogDestination: model.Ptr(dest)}
	}
	logs := bucket("logs", expiry{prefix: "trail/", days: 30}, expiry{prefix: "AWSLogs/", days: 400}, expiry{prefix: "", days: 3000})
	access := bucket("access", expiry{prefix: "tmp/", days: 1}, expiry{prefix: "s3/", days: 200})
	access.bucket.Logging, access.bucket.TargetBucket = model.Ptr(false), nil
	logs.bucket.Logging, logs.bucket.TargetBucket, logs.targetPrefix = model.Ptr(true), model.Ptr("access"), "s3/logs/"
	plain := bucket("plain", expiry{prefix: "", days: 10})
	regional := []regionData{
		{region: "us-east-1", logGroups: []model.LogGroup{group("us-east-1", "trail")},
			recorders: []model.ConfigRecorder{{Meta: r.meta("aws_config_configuration_recorder", "arn:rec", "default", "us-east-1"), IncludeGlobalResourceTypes: model.Ptr(false)}},
			channels:  []channelData{{channel: model.DeliveryChannel{Meta: r.meta("aws_config_delivery_channel", "", "default", "us-east-1"), S3BucketName: model.Ptr("logs")}, keyPrefix: "cfg"}}},
		{region: "eu-west-1", logGroups: []model.LogGroup{group("eu-west-1", "flows"), group("eu-west-1", "other")},
			flowLogs: []model.FlowLog{flow("fl-1", "flows"), flow("fl-2", "arn:aws:logs:eu-west-1:111122223333:log-group:other:*")}},
	}
	trails := []trailSeen{trail("main", "logs", "", "arn:aws:logs:us-east-1:111122223333:log-group:trail:*"), trail("elsewhere", "not-mine", "", "")}
	s := model.New(model.SourceAWS, model.ScopeAccount)
	assemble(s, r, trails, regional, []bucketData{access, logs, plain}, model.IAM{}, nil)

	// Trail links.
	byName := map[string]model.Trail{}
	for _, tr := range s.AWS.CloudTrail.Trails {
		byName[tr.Meta.ID[len("arn:aws:cloudtrail:us-east-1:111122223333:trail/"):]] = tr
	}
	equal(t, "main bucket", byName["main"].Bucket, "logs")
	equal(t, "main log group", byName["main"].LogGroup, "arn:aws:logs:us-east-1:111122223333:log-group:trail")
	equal(t, "bucket outside the account", byName["elsewhere"].Bucket, "")

	// Log groups: tiers from feeders.
	tiers := map[string]string{}
	for _, g := range s.AWS.Logs.LogGroups {
		tiers[*g.Name] = g.Tier
	}
	equal(t, "trail group", tiers["trail"], "audit")
	equal(t, "flow group by name", tiers["flows"], "network")
	equal(t, "flow group by ARN", tiers["other"], "network")

	// Buckets: feeders, tiers, expiration under the feeders' prefixes.
	for _, b := range s.AWS.S3.Buckets {
		switch *b.Name {
		case "logs":
			equal(t, "logs feeders", len(b.Receives), 2)
			equal(t, "logs tier", b.Tier, "audit")
			// trail/ does not hold AWSLogs/ nor cfg/AWSLogs/: 400 days.
			equal(t, "logs expiration", ptrText(b.ExpirationDays), 400)
			if b.LifecycleMeta == nil || b.LifecycleMeta.Type != "aws_s3_bucket_lifecycle_configuration" || b.LifecycleMeta.ARN != "arn:aws:s3:::logs" {
				t.Errorf("lifecycle meta = %+v", b.LifecycleMeta)
			}
		case "access":
			equal(t, "access feeder", len(b.Receives), 1)
			equal(t, "access feeder kind", b.Receives[0].Kind, "access_logs")
			equal(t, "access tier", b.Tier, "access")
			// Access logs land under s3/logs/: tmp/ does not expire them.
			equal(t, "access expiration", ptrText(b.ExpirationDays), 200)
		case "plain":
			equal(t, "plain tier", b.Tier, "default")
			equal(t, "plain expiration", ptrText(b.ExpirationDays), 10)
			equal(t, "plain receives unknown", b.Meta.IsUnknown("receives"), false)
		}
	}
	if s.AWS.Config.Recorders[0].Meta.IsUnknown("include_global_resource_types") {
		t.Error("global types unknown with every region read")
	}
}

func TestAssembleAfterFailures(t *testing.T) {
	r := testReader()
	rec := func(region string, global bool) model.ConfigRecorder {
		return model.ConfigRecorder{Meta: r.meta("aws_config_configuration_recorder", "arn:"+region, "default", region), IncludeGlobalResourceTypes: model.Ptr(global)}
	}
	b := bucketData{bucket: model.Bucket{Meta: r.meta("aws_s3_bucket", "arn:aws:s3:::b", "b", "r-1"), Name: model.Ptr("b"), Receives: []model.Feeder{}}}
	for _, tt := range []struct {
		name           string
		regional       []regionData
		receives, glob bool
	}{
		{"trails failed somewhere", []regionData{{region: "r-1", trailsFailed: true, recorders: []model.ConfigRecorder{rec("r-1", false)}}}, true, false},
		{"channels failed somewhere", []regionData{{region: "r-1", channelsFailed: true}}, true, false},
		{"recorders failed, none records global types", []regionData{{region: "r-1", recorders: []model.ConfigRecorder{rec("r-1", false)}}, {region: "r-2", recordersFailed: true}}, false, true},
		{"recorders failed, one records global types", []regionData{{region: "r-1", recorders: []model.ConfigRecorder{rec("r-1", true)}}, {region: "r-2", recordersFailed: true}}, false, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s := model.New(model.SourceAWS, model.ScopeAccount)
			assemble(s, r, nil, tt.regional, []bucketData{b}, model.IAM{}, nil)
			equal(t, "receives unknown", s.AWS.S3.Buckets[0].Meta.IsUnknown("receives"), tt.receives)
			equal(t, "never expires without a lifecycle", ptrText(s.AWS.S3.Buckets[0].ExpirationDays), 0)
			if len(s.AWS.Config.Recorders) > 0 {
				equal(t, "global types unknown", s.AWS.Config.Recorders[0].Meta.IsUnknown("include_global_resource_types"), tt.glob)
			}
		})
	}
}

func TestLogPrefix(t *testing.T) {
	for in, want := range map[string]string{"": "AWSLogs/", "org": "org/AWSLogs/", "/org/": "org/AWSLogs/"} {
		equal(t, in, logPrefix(in), want)
	}
}
