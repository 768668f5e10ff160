// Package policies holds kansa's built-in Rego policies and their unit tests,
// embedded into the binary.
//
// Layout: lib/ (helpers under package kansa.lib...), aws/<service>/ and
// alicloud/<service>/ (one package per check, named kansa.<provider>.<service>.<check>,
// with a _test.rego beside it), and data.json (the default parameters that
// appear as data.kansa.config, so that stock `opa test policies/` works).
//
// This package only ships files. policies/engine loads, compiles and
// evaluates them against internal/model; nothing here knows where the input
// came from or how findings are reported.
package policies
