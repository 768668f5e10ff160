// Package config loads Terraform module directories into a schema-less tree
// of declarations (variables, locals, outputs, module calls, resources) with
// their source ranges. It parses HCL native syntax and JSON with hcl/v2 and
// evaluates nothing: that is the job of its neighbour internal/eval. Syntax
// errors become hcl diagnostics and the offending file is skipped.
package config
