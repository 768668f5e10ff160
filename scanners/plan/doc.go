// Package plan scans a Terraform plan: the JSON that `terraform show -json
// plan.out` prints (or, as a fallback, `terraform show -json` of a state),
// decoded with HashiCorp's terraform-json types.
//
// It reads the planned values of every module instance, marks what
// after_unknown says is known only after apply, and follows the
// configuration's expression references (through count/for_each keys,
// module inputs and outputs) so that links such as a flow log's vpc_id
// resolve to the same identities the HCL scanner gives them. An attribute in
// after_unknown that the configuration does not set is read as unset (the
// provider computes it), so the adapters apply the documented default; only
// values the code sets from something unknown are unresolved.
//
// The values are handed to the Terraform scanner's adapters
// (scanners/terraform.Adapt), so a plan and the HCL it came from yield the
// same model. When the .tf files are available (Options.SourceDir, or the
// plan sits next to them) each resource is mapped back to its block so
// findings point at file:line; otherwise Meta.File is the plan and lines are 0.
//
// Its neighbours: internal/scan calls Scan and hands the model to the policy
// engine; internal/diag carries input problems back. It knows nothing of
// Rego or report formats.
package plan
