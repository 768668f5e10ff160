package aws

import (
	"context"
	"strings"

	awssdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"

	"github.com/kansa-sec/kansa/internal/model"
)

// logGroups lists the region's log groups. A group's identity (Meta.ID and
// ARN) is its ARN without the ":*" suffix, the form trails and flow logs
// name it by once the suffix is cut. No retention means never expire (0).
func (r *reader) logGroups(ctx context.Context, api logsAPI, region string) []model.LogGroup {
	var out []model.LogGroup
	p := cloudwatchlogs.NewDescribeLogGroupsPaginator(api, &cloudwatchlogs.DescribeLogGroupsInput{Limit: awssdk.Int32(logGroupsPage)})
	if !listPages(ctx, r, region, "logs:DescribeLogGroups", p.HasMorePages, p.NextPage, func(page *cloudwatchlogs.DescribeLogGroupsOutput) {
		for _, g := range page.LogGroups {
			name := awssdk.ToString(g.LogGroupName)
			arn := awssdk.ToString(g.LogGroupArn)
			if arn == "" {
				arn = strings.TrimSuffix(awssdk.ToString(g.Arn), ":*")
			}
			if arn == "" {
				arn = r.arn("logs", region, "", "log-group:"+name)
			}
			days := 0
			if g.RetentionInDays != nil {
				days = int(*g.RetentionInDays)
			}
			out = append(out, model.LogGroup{
				Meta:            r.meta("aws_cloudwatch_log_group", arn, arn, region),
				Name:            g.LogGroupName,
				RetentionInDays: model.Ptr(days),
				FedBy:           []model.Feeder{},
				Tier:            model.TierDefault,
			})
		}
	}, pathLogGroups) {
		return nil
	}
	return out
}
