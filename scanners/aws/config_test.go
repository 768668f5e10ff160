package aws

import (
	"context"
	"testing"

	awssdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/configservice"
	cfgtypes "github.com/aws/aws-sdk-go-v2/service/configservice/types"
)

type fakeConfig struct {
	recs      *configservice.DescribeConfigurationRecordersOutput
	recsErr   error
	status    *configservice.DescribeConfigurationRecorderStatusOutput
	statusErr error
	chans     *configservice.DescribeDeliveryChannelsOutput
	chansErr  error
}

func (f *fakeConfig) DescribeConfigurationRecorders(context.Context, *configservice.DescribeConfigurationRecordersInput, ...func(*configservice.Options)) (*configservice.DescribeConfigurationRecordersOutput, error) {
	return f.recs, f.recsErr
}

func (f *fakeConfig) DescribeConfigurationRecorderStatus(context.Context, *configservice.DescribeConfigurationRecorderStatusInput, ...func(*configservice.Options)) (*configservice.DescribeConfigurationRecorderStatusOutput, error) {
	return f.status, f.statusErr
}

func (f *fakeConfig) DescribeDeliveryChannels(context.Context, *configservice.DescribeDeliveryChannelsInput, ...func(*configservice.Options)) (*configservice.DescribeDeliveryChannelsOutput, error) {
	return f.chans, f.chansErr
}

var _ configAPI = (*fakeConfig)(nil)

func TestConfig(t *testing.T) {
	recorder := cfgtypes.ConfigurationRecorder{Name: awssdk.String("default"), RecordingGroup: &cfgtypes.RecordingGroup{AllSupported: true, IncludeGlobalResourceTypes: true}}
	linked := cfgtypes.ConfigurationRecorder{Name: awssdk.String("linked"), ServicePrincipal: awssdk.String("config-conforms.amazonaws.com")}
	recs := &configservice.DescribeConfigurationRecordersOutput{ConfigurationRecorders: []cfgtypes.ConfigurationRecorder{recorder, linked}}
	recording := &configservice.DescribeConfigurationRecorderStatusOutput{ConfigurationRecordersStatus: []cfgtypes.ConfigurationRecorderStatus{{Name: awssdk.String("default"), Recording: true}}}
	chans := &configservice.DescribeDeliveryChannelsOutput{DeliveryChannels: []cfgtypes.DeliveryChannel{{Name: awssdk.String("default"), S3BucketName: awssdk.String("cfg"), S3KeyPrefix: awssdk.String("p")}}}
	tests := []struct {
		name            string
		fake            fakeConfig
		recorders       int
		recording       any
		channels        []string
		unknown         []string
		gaps            []string
		recFail, chFail bool
	}{
		{"recording with a channel", fakeConfig{recs: recs, status: recording, chans: chans}, 1, true, []string{"default"}, nil, nil, false, false},
		{"no channel", fakeConfig{recs: recs, status: recording, chans: &configservice.DescribeDeliveryChannelsOutput{}}, 1, true, []string{}, nil, nil, false, false},
		{"status missing", fakeConfig{recs: recs, status: &configservice.DescribeConfigurationRecorderStatusOutput{}, chans: chans}, 1, "nil", []string{"default"}, []string{"recording"}, nil, false, false},
		{"status denied", fakeConfig{recs: recs, statusErr: denied, chans: chans}, 1, "nil", []string{"default"}, []string{"recording"}, nil, false, false},
		{"channels denied", fakeConfig{recs: recs, status: recording, chansErr: denied}, 1, true, []string{}, []string{"delivery_channels"}, []string{"eu-west-1 aws.config.delivery_channels"}, false, true},
		{"recorders denied", fakeConfig{recsErr: denied, chans: chans}, 0, nil, nil, nil, []string{"eu-west-1 aws.config.recorders"}, true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := testReader()
			got, recFail, ch, chFail := r.config(context.Background(), &tt.fake, "eu-west-1")
			equal(t, "recorders", len(got), tt.recorders)
			equalSlice(t, "gaps", gapPaths(r), tt.gaps)
			equal(t, "recorders failed", recFail, tt.recFail)
			equal(t, "channels failed", chFail, tt.chFail)
			if !chFail && tt.fake.chans != nil {
				equal(t, "channel list", len(ch), len(tt.fake.chans.DeliveryChannels))
			}
			if len(got) == 0 {
				return
			}
			rec := got[0]
			equal(t, "recording", ptrText(rec.Recording), tt.recording)
			equalSlice(t, "delivery channels", rec.DeliveryChannels, tt.channels)
			equalSlice(t, "unknown", unknowns(rec.Meta), tt.unknown)
			equal(t, "arn built", rec.Meta.ARN, "arn:aws:config:eu-west-1:111122223333:configuration-recorder/default")
		})
	}
}

func TestRecorderModel(t *testing.T) {
	tests := []struct {
		name         string
		group        *cfgtypes.RecordingGroup
		all, global  any
		unknownAttrs int
	}{
		{"all supported", &cfgtypes.RecordingGroup{AllSupported: true}, true, false, 0},
		{"strategy all supported", &cfgtypes.RecordingGroup{RecordingStrategy: &cfgtypes.RecordingStrategy{UseOnly: cfgtypes.RecordingStrategyTypeAllSupportedResourceTypes}}, true, false, 0},
		{"some types", &cfgtypes.RecordingGroup{ResourceTypes: []cfgtypes.ResourceType{"AWS::EC2::Instance"}, IncludeGlobalResourceTypes: true}, false, true, 0},
		{"exclusions", &cfgtypes.RecordingGroup{RecordingStrategy: &cfgtypes.RecordingStrategy{UseOnly: cfgtypes.RecordingStrategyTypeExclusionByResourceTypes}}, false, false, 0},
		{"no group", nil, "nil", "nil", 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := testReader().recorderModel(cfgtypes.ConfigurationRecorder{Name: awssdk.String("r"), Arn: awssdk.String("arn:aws:config:us-east-1:1:configuration-recorder/r/x"), RecordingGroup: tt.group}, "us-east-1")
			equal(t, "all_supported", ptrText(rec.AllSupported), tt.all)
			equal(t, "include_global_resource_types", ptrText(rec.IncludeGlobalResourceTypes), tt.global)
			equal(t, "unknown", len(rec.Meta.Unknown), tt.unknownAttrs)
			equal(t, "arn from the API", rec.Meta.ARN, "arn:aws:config:us-east-1:1:configuration-recorder/r/x")
		})
	}
}
