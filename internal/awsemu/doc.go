// Package awsemu is a wire-level emulator of the AWS APIs kansa's live
// scanner calls, for tests only: one net/http handler serves every region
// and service of one account described by a Scenario (JSON fixtures under
// testdata/live/aws), in the protocols the real services speak: awsJson1_1
// (CloudTrail, AWS Config, CloudWatch Logs), ec2Query, awsQuery (IAM, STS)
// and REST-XML (S3, S3 Control). The real SDK serializes, signs, paginates,
// retries and decodes against it.
//
// It pages lists with a tiny page size so paginators run, records every
// call (service, operation, region) so a test can prove the scanner only
// reads, and injects faults per operation, region or bucket: access denied,
// throttling N times then success, an error code, or a call that never
// answers (to exercise timeouts). Signatures are not verified; the
// credential scope of the Authorization header tells the region.
//
// Nothing in kansa's binary imports it.
package awsemu
