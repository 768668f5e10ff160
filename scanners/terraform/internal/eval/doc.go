// Package eval evaluates a Terraform module tree loaded by its neighbour
// internal/config with Terraform semantics, lazily and by reference: input
// variables (tfvars precedence and type constraints), locals, outputs,
// resource and data references (with placeholders for computed ids/arns),
// count/for_each instances, dynamic blocks, local module calls, and
// Terraform's function library (file functions confined to the scanned
// fs.FS). Every value it cannot resolve is unknown, never empty or false;
// cycles and depth limits become diagnostics. The parent package adapts the
// resulting instances to the model.
package eval
