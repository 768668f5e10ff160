// Package bench holds kansa's Go benchmarks over the generated corpus of
// internal/benchcorpus, one per stage of a Terraform scan and one end to
// end, all through public APIs:
//
//	go test -bench . -run '^$' ./internal/bench/                     # scale 1
//	go test -bench . -run '^$' ./internal/bench/ -benchscale 4       # or KANSA_BENCH_SCALE=4
//
// Stages: HCL parsing (hclsyntax, as scanners/terraform parses each file),
// evaluation and adaptation to the model (scanners/terraform.Scan), policy
// evaluation (policies/engine.Evaluate), every report writer (reports/*), and
// the whole scan (internal/scan.Terraform). Each reports files/s and lines/s
// over the corpus and allocations. The corpus is generated once per run
// into a temporary directory; no network is used.
//
// The package has no non-test code; it imports scanners, engine and reports
// only from its tests, and nothing imports it.
package bench
