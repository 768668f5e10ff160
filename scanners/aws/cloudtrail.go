package aws

import (
	"context"
	"slices"
	"strings"

	awssdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudtrail"
	cttypes "github.com/aws/aws-sdk-go-v2/service/cloudtrail/types"

	"github.com/kansa-sec/kansa/internal/model"
	"github.com/kansa-sec/kansa/scanners/internal/cloudutil"
)

// trailSeen is a trail as DescribeTrails returned it in some region.
type trailSeen struct {
	trail model.Trail
	// keyPrefix is the trail's S3 key prefix (where its logs land in the bucket).
	keyPrefix string
}

// describeTrails lists the trails visible in region: its own, the
// multi-region trails of other regions (shadow trails) and organization
// trails. failed is true when the call failed: a single-region trail of
// the region may be missing, and with it what it feeds.
func (r *reader) describeTrails(ctx context.Context, api trailAPI, region string) (seen []trailSeen, failed bool) {
	out, err := call(ctx, r.timeout, func(ctx context.Context) (*cloudtrail.DescribeTrailsOutput, error) {
		return api.DescribeTrails(ctx, &cloudtrail.DescribeTrailsInput{IncludeShadowTrails: awssdk.Bool(true)})
	})
	if err != nil {
		r.gap(region, "cloudtrail:DescribeTrails", err, pathTrails, pathLogGroupFeeders)
		return nil, true
	}
	for _, t := range out.TrailList {
		if t.TrailARN == nil {
			continue
		}
		seen = append(seen, trailSeen{trail: r.trailModel(t, region), keyPrefix: awssdk.ToString(t.S3KeyPrefix)})
	}
	return seen, false
}

// trailModel adapts a trail. The API states every flag; one it leaves out
// takes the service's default (multi-region and log file validation off,
// global service events on), marked defaulted.
func (r *reader) trailModel(t cttypes.Trail, region string) model.Trail {
	home := awssdk.ToString(t.HomeRegion)
	if home == "" {
		home = region
	}
	arn := awssdk.ToString(t.TrailARN)
	m := model.Trail{Meta: r.meta("aws_cloudtrail", arn, arn, home)}
	m.Name = t.Name
	m.IsMultiRegionTrail = flag(&m.Meta, "is_multi_region_trail", t.IsMultiRegionTrail, false)
	m.EnableLogFileValidation = flag(&m.Meta, "enable_log_file_validation", t.LogFileValidationEnabled, false)
	m.IncludeGlobalServiceEvents = flag(&m.Meta, "include_global_service_events", t.IncludeGlobalServiceEvents, true)
	m.KMSKeyID = model.Ptr(awssdk.ToString(t.KmsKeyId))
	m.CloudWatchLogsGroupARN = model.Ptr(awssdk.ToString(t.CloudWatchLogsLogGroupArn))
	m.S3BucketName = t.S3BucketName
	return m
}

// flag reads a boolean the API may leave out, applying def (marked defaulted).
func flag(m *model.Meta, attr string, v *bool, def bool) *bool {
	if v == nil {
		m.MarkDefaulted(attr)
		return model.Ptr(def)
	}
	return model.Ptr(*v)
}

// trails de-duplicates the trails every region returned (a multi-region
// trail shows in each) by ARN, and reads each one's status and event
// selectors in its home region, where they live.
func (r *reader) trails(ctx context.Context, api clients, regional []regionData) ([]trailSeen, error) {
	byARN := map[string]trailSeen{}
	for _, d := range regional {
		for _, t := range d.trails {
			if _, ok := byARN[t.trail.Meta.ARN]; !ok {
				byARN[t.trail.Meta.ARN] = t
			}
		}
	}
	arns := slices.Sorted(func(yield func(string) bool) {
		for a := range byARN {
			if !yield(a) {
				return
			}
		}
	})
	return cloudutil.Each(ctx, arns, r.parallel, func(ctx context.Context, arn string) (trailSeen, error) {
		t := byARN[arn]
		r.trailState(ctx, api.cloudTrail(t.trail.Meta.Region), &t.trail)
		return t, ctx.Err()
	})
}

// trailState fills whether the trail is logging (GetTrailStatus) and
// whether it records management read and write events (GetEventSelectors).
// Both are asked by ARN, which shadow and organization trails need.
func (r *reader) trailState(ctx context.Context, api trailAPI, t *model.Trail) {
	arn := awssdk.String(t.Meta.ARN)
	st, err := call(ctx, r.timeout, func(ctx context.Context) (*cloudtrail.GetTrailStatusOutput, error) {
		return api.GetTrailStatus(ctx, &cloudtrail.GetTrailStatusInput{Name: arn})
	})
	switch {
	case err != nil:
		r.unknown(&t.Meta, "cloudtrail:GetTrailStatus", err, "enable_logging")
	case st.IsLogging == nil:
		t.Meta.MarkUnknown("enable_logging", "cloudtrail:GetTrailStatus did not say whether the trail is logging")
	default:
		t.EnableLogging = model.Ptr(*st.IsLogging)
	}
	sel, err := call(ctx, r.timeout, func(ctx context.Context) (*cloudtrail.GetEventSelectorsOutput, error) {
		return api.GetEventSelectors(ctx, &cloudtrail.GetEventSelectorsInput{TrailName: arn})
	})
	if err != nil {
		r.unknown(&t.Meta, "cloudtrail:GetEventSelectors", err, "management_events_read_write")
		return
	}
	if len(sel.EventSelectors) == 0 && len(sel.AdvancedEventSelectors) == 0 {
		// A trail without selectors logs all management events.
		t.Meta.MarkDefaulted("management_events_read_write")
		t.ManagementEventsReadWrite = model.Ptr(true)
		return
	}
	read, write := managementEvents(sel.EventSelectors, sel.AdvancedEventSelectors)
	t.ManagementEventsReadWrite = model.Ptr(read && write)
}

// managementEvents says whether the selectors together record management
// read events and management write events. A basic selector records them
// when IncludeManagementEvents is true (the default) for its
// ReadWriteType (All by default); an advanced selector when it has
// eventCategory = Management, for the side its readOnly field allows
// (both when it has none).
func managementEvents(basic []cttypes.EventSelector, advanced []cttypes.AdvancedEventSelector) (read, write bool) {
	for _, s := range basic {
		if s.IncludeManagementEvents != nil && !*s.IncludeManagementEvents {
			continue
		}
		switch s.ReadWriteType {
		case cttypes.ReadWriteTypeReadOnly:
			read = true
		case cttypes.ReadWriteTypeWriteOnly:
			write = true
		default:
			read, write = true, true
		}
	}
	for _, s := range advanced {
		management := false
		r, w := true, true
		for _, f := range s.FieldSelectors {
			switch awssdk.ToString(f.Field) {
			case "eventCategory":
				management = management || containsFold(f.Equals, "Management")
			case "readOnly":
				r = containsFold(f.Equals, "true") || containsFold(f.NotEquals, "false")
				w = containsFold(f.Equals, "false") || containsFold(f.NotEquals, "true")
			}
		}
		if management {
			read, write = read || r, write || w
		}
	}
	return read, write
}

func containsFold(list []string, s string) bool {
	return slices.ContainsFunc(list, func(v string) bool { return strings.EqualFold(v, s) })
}
