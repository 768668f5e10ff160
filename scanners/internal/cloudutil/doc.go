// Package cloudutil holds what the live scanners (scanners/aws,
// scanners/alicloud) share and that knows no SDK: parsing the --regions
// flag, a bounded fan-out over regions with results in slots, a
// concurrency-safe record of model.Gaps, and progress reporting. Error
// classification and retries are SDK-specific and stay in each scanner.
package cloudutil
