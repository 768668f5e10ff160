// Package cli is kansa's command line: an explicitly built cobra tree (no
// init side effects), flags turned into typed options, the config file,
// output selection and exit codes. It writes only to the writers it is given.
// It wires internal/scan, policies/engine and reports/*; it does not parse
// Terraform or judge anything itself.
package cli
