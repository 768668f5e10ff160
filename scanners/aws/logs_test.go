package aws

import (
	"context"
	"testing"

	awssdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	logtypes "github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs/types"
)

type fakeLogs struct {
	groups []logtypes.LogGroup
	err    error
}

func (f fakeLogs) DescribeLogGroups(context.Context, *cloudwatchlogs.DescribeLogGroupsInput, ...func(*cloudwatchlogs.Options)) (*cloudwatchlogs.DescribeLogGroupsOutput, error) {
	return &cloudwatchlogs.DescribeLogGroupsOutput{LogGroups: f.groups}, f.err
}

func TestLogGroups(t *testing.T) {
	r := testReader()
	got := r.logGroups(context.Background(), fakeLogs{groups: []logtypes.LogGroup{
		{LogGroupName: awssdk.String("a"), LogGroupArn: awssdk.String("arn:aws:logs:r-1:111122223333:log-group:a"), RetentionInDays: awssdk.Int32(14)},
		{LogGroupName: awssdk.String("b"), Arn: awssdk.String("arn:aws:logs:r-1:111122223333:log-group:b:*")},
		{LogGroupName: awssdk.String("c")},
	}}, "r-1")
	want := []struct {
		id   string
		days int
	}{
		{"arn:aws:logs:r-1:111122223333:log-group:a", 14},
		{"arn:aws:logs:r-1:111122223333:log-group:b", 0},
		{"arn:aws:logs:r-1:111122223333:log-group:c", 0},
	}
	for i, w := range want {
		equal(t, "id", got[i].Meta.ID, w.id)
		equal(t, "arn", got[i].Meta.ARN, w.id)
		equal(t, "retention", *got[i].RetentionInDays, w.days)
		equal(t, "tier before links", got[i].Tier, "default")
	}
	r = testReader()
	equal(t, "groups on failure", len(r.logGroups(context.Background(), fakeLogs{err: denied}, "r-1")), 0)
	equalSlice(t, "gaps", gapPaths(r), []string{"r-1 aws.logs.log_groups"})
}
