// Package terraform scans Terraform HCL: it loads a root module and its local
// child modules (internal/config), evaluates them with Terraform semantics —
// variables and tfvars precedence, locals, count/for_each, dynamic blocks,
// module inputs and outputs, references and functions (internal/eval) — and
// adapts the evaluated resource instances to the normalized model
// (internal/model), one adapt_<provider>_<service>.go file per service, with
// the provider's documented defaults and every value's source line.
//
// Its neighbours: internal/scan calls Scan and hands the model to the policy
// engine; internal/diag carries input problems (syntax errors, cycles,
// missing modules) back with file:line:col. It knows nothing of Rego or
// report formats.
//
// Hostile input is bounded by Options.Limits (file size, nesting, instances,
// reference depth; docs/limits.md), and the values of variables declared
// sensitive are handed to Options.Secret so the caller can keep them out of
// what it prints; the model itself carries no marking.
package terraform
