// Package emulator is a wire-level Alibaba Cloud emulator for tests: one
// HTTP server (httptest, on 127.0.0.1) that answers the read operations
// kansa's Alibaba Cloud scanner calls, in the services' own wire formats,
// so the real SDK serialization, signing, pagination and retry paths run
// in tests.
//
//   - RPC-style products (ECS, VPC, ActionTrail, Cloud Config, RAM, STS,
//     Security Center, Cloud Firewall, WAF): JSON, the action in the
//     x-acs-action header or the Action query parameter, the product told
//     by its API version.
//   - Log Service (ROA): JSON with lower-case keys, the project in the Host
//     name ("project.127.0.0.1:PORT"), the region in the V4 signature scope.
//   - OSS: XML, path-style bucket addressing, the region in the V4
//     signature scope.
//
// A Scenario (JSON fixtures under testdata/live/alicloud/) declares the
// account: resources per region, in the services' wire field names, a tiny
// page size so that every paginator turns pages, and faults per operation
// and region (throttle N times then answer; deny always). The server
// records every operation it is asked for, so a test can hold the scanner
// to its read-only allow-list.
//
// It is test support: nothing in kansa's binary imports it.
package emulator
