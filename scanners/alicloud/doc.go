// Package alicloud reads a live Alibaba Cloud account into the model
// (internal/model), for `kansa scan alicloud`. It is a read-only collector:
// every call is a Describe, Get or List operation, and the exact set is
// Operations (a test holds the scanner to it).
//
// It knows the Alibaba Cloud SDKs and nothing about policies or reports:
// scan.Live judges what Collect returns. The products it reads are
// ActionTrail, Cloud Config, VPC, ECS, Log Service (SLS), OSS, RAM, STS,
// Security Center, Cloud Firewall and WAF. RPC-style products go through
// the generic OpenAPI client of darabonba-openapi (kansa decodes the JSON
// into its own small structs instead of linking the large per-product
// packages), Log Service through the same client with the SLS gateway,
// OSS through the OSS v2 SDK. No SDK type leaves this package.
//
// Failures never read as a pass: a list call that fails records a
// model.Gap for the model paths it feeds (its checks become errors for the
// region), a call about one resource marks that attribute unknown with
// Meta.MarkUnknown. Regions are read in parallel (cloudutil.Each), every
// list is paginated, throttled calls are retried with backoff, and each call
// is bounded by the call timeout.
//
// Neighbours: internal/cli builds the collector (scanalicloud.go),
// internal/scan runs it (scan.Live), scanners/internal/cloudutil holds the
// region fan-out and gap record shared with the AWS scanner, and
// scanners/alicloud/emulator is the wire-level Alibaba Cloud emulator the
// tests talk to.
package alicloud
