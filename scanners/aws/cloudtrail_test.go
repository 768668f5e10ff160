package aws

import (
	"context"
	"testing"

	awssdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudtrail"
	cttypes "github.com/aws/aws-sdk-go-v2/service/cloudtrail/types"
)

// fakeTrail answers the CloudTrail calls with fixed outputs or errors.
type fakeTrail struct {
	trails    *cloudtrail.DescribeTrailsOutput
	trailsErr error
	status    *cloudtrail.GetTrailStatusOutput
	statusErr error
	sel       *cloudtrail.GetEventSelectorsOutput
	selErr    error
	// names records the trail names asked for.
	names []string
}

func (f *fakeTrail) DescribeTrails(context.Context, *cloudtrail.DescribeTrailsInput, ...func(*cloudtrail.Options)) (*cloudtrail.DescribeTrailsOutput, error) {
	return f.trails, f.trailsErr
}

func (f *fakeTrail) GetTrailStatus(_ context.Context, in *cloudtrail.GetTrailStatusInput, _ ...func(*cloudtrail.Options)) (*cloudtrail.GetTrailStatusOutput, error) {
	f.names = append(f.names, awssdk.ToString(in.Name))
	return f.status, f.statusErr
}

func (f *fakeTrail) GetEventSelectors(_ context.Context, in *cloudtrail.GetEventSelectorsInput, _ ...func(*cloudtrail.Options)) (*cloudtrail.GetEventSelectorsOutput, error) {
	f.names = append(f.names, awssdk.ToString(in.TrailName))
	return f.sel, f.selErr
}

var _ trailAPI = (*fakeTrail)(nil)

func field(name string, equals ...string) cttypes.AdvancedFieldSelector {
	return cttypes.AdvancedFieldSelector{Field: awssdk.String(name), Equals: equals}
}

func TestManagementEvents(t *testing.T) {
	mgmt := field("eventCategory", "Management")
	tests := []struct {
		name        string
		basic       []cttypes.EventSelector
		advanced    []cttypes.AdvancedEventSelector
		read, write bool
	}{
		{"basic all", []cttypes.EventSelector{{ReadWriteType: cttypes.ReadWriteTypeAll, IncludeManagementEvents: awssdk.Bool(true)}}, nil, true, true},
		{"basic defaults", []cttypes.EventSelector{{}}, nil, true, true},
		{"basic write only", []cttypes.EventSelector{{ReadWriteType: cttypes.ReadWriteTypeWriteOnly}}, nil, false, true},
		{"basic read and write selectors", []cttypes.EventSelector{{ReadWriteType: cttypes.ReadWriteTypeReadOnly}, {ReadWriteType: cttypes.ReadWriteTypeWriteOnly}}, nil, true, true},
		{"basic data events only", []cttypes.EventSelector{{ReadWriteType: cttypes.ReadWriteTypeAll, IncludeManagementEvents: awssdk.Bool(false)}}, nil, false, false},
		{"advanced management", nil, []cttypes.AdvancedEventSelector{{FieldSelectors: []cttypes.AdvancedFieldSelector{mgmt}}}, true, true},
		{"advanced writes", nil, []cttypes.AdvancedEventSelector{{FieldSelectors: []cttypes.AdvancedFieldSelector{mgmt, field("readOnly", "false")}}}, false, true},
		{"advanced reads by not-equals", nil, []cttypes.AdvancedEventSelector{{FieldSelectors: []cttypes.AdvancedFieldSelector{mgmt, {Field: awssdk.String("readOnly"), NotEquals: []string{"false"}}}}}, true, false},
		{"advanced data events", nil, []cttypes.AdvancedEventSelector{{FieldSelectors: []cttypes.AdvancedFieldSelector{field("eventCategory", "Data"), field("resources.type", "AWS::S3::Object")}}}, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			read, write := managementEvents(tt.basic, tt.advanced)
			equal(t, "read", read, tt.read)
			equal(t, "write", write, tt.write)
		})
	}
}

func TestTrailState(t *testing.T) {
	all := &cloudtrail.GetEventSelectorsOutput{EventSelectors: []cttypes.EventSelector{{ReadWriteType: cttypes.ReadWriteTypeAll}}}
	tests := []struct {
		name              string
		fake              fakeTrail
		logging, mgmt     any
		unknown, defaults []string
	}{
		{"logging, all events", fakeTrail{status: &cloudtrail.GetTrailStatusOutput{IsLogging: awssdk.Bool(true)}, sel: all}, true, true, nil, nil},
		{"stopped", fakeTrail{status: &cloudtrail.GetTrailStatusOutput{IsLogging: awssdk.Bool(false)}, sel: all}, false, true, nil, nil},
		{"no selectors at all", fakeTrail{status: &cloudtrail.GetTrailStatusOutput{IsLogging: awssdk.Bool(true)}, sel: &cloudtrail.GetEventSelectorsOutput{}}, true, true, nil, []string{"management_events_read_write"}},
		{"status denied", fakeTrail{statusErr: denied, sel: all}, "nil", true, []string{"enable_logging"}, nil},
		{"status silent", fakeTrail{status: &cloudtrail.GetTrailStatusOutput{}, sel: all}, "nil", true, []string{"enable_logging"}, nil},
		{"selectors denied", fakeTrail{status: &cloudtrail.GetTrailStatusOutput{IsLogging: awssdk.Bool(true)}, selErr: apiErr("TrailNotFoundException")}, true, "nil", []string{"management_events_read_write"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := testReader()
			tr := r.trailModel(cttypes.Trail{Name: awssdk.String("t"), TrailARN: awssdk.String("arn:aws:cloudtrail:us-east-1:999988887777:trail/t"), HomeRegion: awssdk.String("us-east-1"),
				IsMultiRegionTrail: awssdk.Bool(true), LogFileValidationEnabled: awssdk.Bool(true), IncludeGlobalServiceEvents: awssdk.Bool(true)}, "eu-west-1")
			r.trailState(context.Background(), &tt.fake, &tr)
			equal(t, "enable_logging", ptrText(tr.EnableLogging), tt.logging)
			equal(t, "management_events_read_write", ptrText(tr.ManagementEventsReadWrite), tt.mgmt)
			equalSlice(t, "unknown", unknowns(tr.Meta), tt.unknown)
			equalSlice(t, "defaulted", tr.Meta.Defaulted, tt.defaults)
			// Shadow and organization trails are found only by ARN.
			for _, n := range tt.fake.names {
				equal(t, "trail asked for", n, tr.Meta.ARN)
			}
			if len(tt.unknown) > 0 && tr.Meta.Reasons[tt.unknown[0]] == "" {
				t.Errorf("no reason for %s", tt.unknown[0])
			}
		})
	}
}

func TestTrailModel(t *testing.T) {
	r := testReader()
	tr := r.trailModel(cttypes.Trail{Name: awssdk.String("t"), TrailARN: awssdk.String("arn:aws:cloudtrail:eu-west-1:111122223333:trail/t"),
		S3BucketName: awssdk.String("b"), CloudWatchLogsLogGroupArn: awssdk.String("arn:aws:logs:eu-west-1:111122223333:log-group:g:*")}, "eu-west-1")
	equal(t, "region (home region missing: where it was seen)", tr.Meta.Region, "eu-west-1")
	equal(t, "id", tr.Meta.ID, tr.Meta.ARN)
	equal(t, "type", tr.Meta.Type, "aws_cloudtrail")
	equal(t, "multi-region default", ptrText(tr.IsMultiRegionTrail), false)
	equal(t, "validation default", ptrText(tr.EnableLogFileValidation), false)
	equal(t, "global events default", ptrText(tr.IncludeGlobalServiceEvents), true)
	equal(t, "kms", *tr.KMSKeyID, "")
	equalSlice(t, "defaulted", tr.Meta.Defaulted, []string{"enable_log_file_validation", "include_global_service_events", "is_multi_region_trail"})
}

func TestDescribeTrailsFailure(t *testing.T) {
	r := testReader()
	seen, failed := r.describeTrails(context.Background(), &fakeTrail{trailsErr: denied}, "eu-west-1")
	equal(t, "failed", failed, true)
	equal(t, "trails", len(seen), 0)
	equalSlice(t, "gaps", gapPaths(r), []string{"eu-west-1 aws.cloudtrail.trails", "eu-west-1 aws.logs.log_groups.fed_by"})
}
