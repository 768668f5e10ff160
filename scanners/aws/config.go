package aws

import (
	"context"

	awssdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/configservice"
	cfgtypes "github.com/aws/aws-sdk-go-v2/service/configservice/types"

	"github.com/kansa-sec/kansa/internal/model"
)

// channelData is a delivery channel with where its files land.
type channelData struct {
	channel   model.DeliveryChannel
	keyPrefix string
}

// config reads the region's customer-managed Config recorder with its
// status, and the delivery channels. A failed recorder list is a gap
// (recordersFailed); a failed status or channel list leaves those
// attributes of the recorders unknown (channelsFailed also says a bucket
// may receive Config files).
func (r *reader) config(ctx context.Context, api configAPI, region string) (recs []model.ConfigRecorder, recordersFailed bool, chans []channelData, channelsFailed bool) {
	out, err := call(ctx, r.timeout, func(ctx context.Context) (*configservice.DescribeConfigurationRecordersOutput, error) {
		return api.DescribeConfigurationRecorders(ctx, &configservice.DescribeConfigurationRecordersInput{})
	})
	if err != nil {
		r.gap(region, "config:DescribeConfigurationRecorders", err, pathRecorders)
		recordersFailed = true
	} else {
		for _, c := range out.ConfigurationRecorders {
			if awssdk.ToString(c.ServicePrincipal) != "" {
				// A service-linked recorder records for one service only;
				// the checks judge the account's own recorder.
				continue
			}
			recs = append(recs, r.recorderModel(c, region))
		}
	}
	if len(recs) > 0 {
		r.recorderStatus(ctx, api, region, recs)
	}
	ch, err := call(ctx, r.timeout, func(ctx context.Context) (*configservice.DescribeDeliveryChannelsOutput, error) {
		return api.DescribeDeliveryChannels(ctx, &configservice.DescribeDeliveryChannelsInput{})
	})
	if err != nil {
		r.gap(region, "config:DescribeDeliveryChannels", err, pathDeliveryChannels)
		for i := range recs {
			r.unknown(&recs[i].Meta, "config:DescribeDeliveryChannels", err, "delivery_channels")
		}
		return recs, recordersFailed, nil, true
	}
	for _, c := range ch.DeliveryChannels {
		name := awssdk.ToString(c.Name)
		d := model.DeliveryChannel{Meta: r.meta("aws_config_delivery_channel", "", name, region), Name: c.Name, S3BucketName: c.S3BucketName}
		chans = append(chans, channelData{channel: d, keyPrefix: awssdk.ToString(c.S3KeyPrefix)})
		for i := range recs {
			recs[i].DeliveryChannels = append(recs[i].DeliveryChannels, name)
		}
	}
	return recs, recordersFailed, chans, false
}

// recorderModel adapts a recorder. Its recording group is all supported
// types when AllSupported is set or the recording strategy says so.
func (r *reader) recorderModel(c cfgtypes.ConfigurationRecorder, region string) model.ConfigRecorder {
	name := awssdk.ToString(c.Name)
	arn := awssdk.ToString(c.Arn)
	if arn == "" {
		arn = r.arn("config", region, "", "configuration-recorder/"+name)
	}
	rec := model.ConfigRecorder{Meta: r.meta("aws_config_configuration_recorder", arn, name, region), Name: c.Name, DeliveryChannels: []string{}}
	if g := c.RecordingGroup; g != nil {
		all := g.AllSupported || (g.RecordingStrategy != nil && g.RecordingStrategy.UseOnly == cfgtypes.RecordingStrategyTypeAllSupportedResourceTypes)
		rec.AllSupported = model.Ptr(all)
		rec.IncludeGlobalResourceTypes = model.Ptr(g.IncludeGlobalResourceTypes)
	} else {
		rec.Meta.MarkUnknown("all_supported", "config:DescribeConfigurationRecorders returned no recording group")
		rec.Meta.MarkUnknown("include_global_resource_types", "config:DescribeConfigurationRecorders returned no recording group")
	}
	return rec
}

// recorderStatus fills whether each recorder is recording.
func (r *reader) recorderStatus(ctx context.Context, api configAPI, region string, recs []model.ConfigRecorder) {
	out, err := call(ctx, r.timeout, func(ctx context.Context) (*configservice.DescribeConfigurationRecorderStatusOutput, error) {
		return api.DescribeConfigurationRecorderStatus(ctx, &configservice.DescribeConfigurationRecorderStatusInput{})
	})
	if err != nil {
		for i := range recs {
			r.unknown(&recs[i].Meta, "config:DescribeConfigurationRecorderStatus", err, "recording")
		}
		return
	}
	for i := range recs {
		found := false
		for _, st := range out.ConfigurationRecordersStatus {
			if awssdk.ToString(st.Name) == awssdk.ToString(recs[i].Name) {
				recs[i].Recording = model.Ptr(st.Recording)
				found = true
			}
		}
		if !found {
			recs[i].Meta.MarkUnknown("recording", "config:DescribeConfigurationRecorderStatus returned no status for it in "+region)
		}
	}
}
