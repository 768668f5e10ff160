// Package aws reads a live AWS account into the model (internal/model) for
// the checks of policies/aws: CloudTrail trails, AWS Config recorders, VPCs,
// flow logs, security groups, network ACLs, CloudWatch Logs log groups, S3
// buckets and the account's public access block, and IAM attachments that
// grant full administrator rights.
//
// It makes read-only calls only (Describe, Get, List; the exact set is
// pinned by a test and listed in docs/live-aws.md), every region in
// parallel with a bounded worker pool, every list paginated, throttling
// retried by the SDK, each call under its own timeout. A list call that
// fails (access denied, region not enabled, throttled past the retries,
// timed out) is a model.Gap for the model paths it would have fed; a failed
// call about one resource marks that attribute unknown with the reason. A
// failure never reads as "not configured": only the API's own "no such
// configuration" answers (S3's NoSuch* 404s) do.
//
// Neighbours: internal/scan judges what Collect returns (scan.Collector);
// internal/cli builds the Collector from the flags of 'kansa scan aws';
// scanners/internal/cloudutil holds the region fan-out and gap record
// shared with the Alibaba Cloud collector. No SDK type leaves the package.
package aws
