// Package gctune paces the Go garbage collector for a short-lived scan.
//
// A scan allocates many times its live heap (parsed files, evaluated
// expressions and policy inputs are garbage as soon as one root module is
// judged), so with the runtime's default pacing (collect when the heap has
// doubled since the last collection) a scan whose live heap is a few tens
// of megabytes spends a fifth of its CPU in the collector. Start lets the
// heap grow to a floor before collecting and paces as the default above it:
// the heap goal after each collection is the larger of the floor and twice
// the live heap. The package is used by cmd/kansa only; the GOGC and
// GOMEMLIMIT environment variables, when set, win over it.
package gctune
