package model

import (
	"cmp"
	"slices"
	"strings"
)

// Gap is a part of the model a live scan could not fill: a call that lists
// resources failed (access denied, region not enabled, throttled past the
// retries, timed out). Checks that read Path are not judged on the partial
// data for Region: the scan reports them as errors there instead, so a
// failed call never turns into a pass (or into a "nothing exists" failure).
//
// A call about one resource that fails (the logging status of one bucket) is
// not a gap: the collector marks that attribute unknown with Meta.MarkUnknown
// and the reason, and the check's result on that resource is undecided.
type Gap struct {
	// Path is the model path the call would have fed, as policies read it
	// without "input.": "aws.ec2.flow_logs", "alicloud.sls.logstores". A
	// call that feeds a field of other resources names it too:
	// DescribeFlowLogs feeds "aws.ec2.flow_logs" and the link
	// "aws.ec2.vpcs.flow_logs", so a collector records both.
	Path string `json:"path"`
	// Region is where the call failed; "" for a global service (IAM, RAM,
	// the S3 bucket list), which affects every region.
	Region string `json:"region,omitempty"`
	// Operation names the API call, service:Operation ("ec2:DescribeFlowLogs").
	Operation string `json:"operation"`
	// Reason is the error, without secrets ("AccessDenied: not authorized").
	Reason string `json:"reason"`
}

// Covers reports whether the gap affects a check that reads model path p:
// one of the two paths is the other or a parent of it.
func (g Gap) Covers(p string) bool {
	return within(g.Path, p) || within(p, g.Path)
}

// InRegion reports whether the gap affects a finding placed in region:
// a global gap affects every region, and a finding about the whole account
// (region "") is affected by a gap in any region.
func (g Gap) InRegion(region string) bool {
	return g.Region == "" || region == "" || g.Region == region
}

// within reports whether path p is parent or equal to path q.
func within(p, q string) bool {
	return p == q || strings.HasPrefix(q, p+".")
}

// SortGaps orders gaps by path, region, operation and reason, and removes
// duplicates.
func SortGaps(gs []Gap) []Gap {
	slices.SortFunc(gs, func(a, b Gap) int {
		return cmp.Or(cmp.Compare(a.Path, b.Path), cmp.Compare(a.Region, b.Region),
			cmp.Compare(a.Operation, b.Operation), cmp.Compare(a.Reason, b.Reason))
	})
	return slices.Compact(gs)
}
