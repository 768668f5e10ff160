// Package model is the normalized resource model that every scanner fills and
// every policy reads. It is the contract between scanners/* (which adapt a
// source: Terraform HCL, a plan, a live account) and policies/engine (which
// judges it with Rego).
//
// The JSON shape of State is what Rego sees as `input`: field names are the
// snake_case JSON tags below, organised provider → service → resources, e.g.
// input.aws.ec2.security_groups[]. Every resource carries a Meta that locates
// it (file:line or ARN) and records which of its attributes were defaulted by
// the adapter or could not be resolved.
//
// Unknown is a third truth value: a scalar that could not be resolved is nil
// (absent from the JSON) and its attribute name is listed in Meta.Unknown.
// Policies read values through policies/lib so that an unknown never reads as
// false. Adapters apply the provider's documented default when an attribute is
// absent and list it in Meta.Defaulted.
//
// This package imports no scanner, policy or report package, and no hcl, cty,
// OPA or SDK type appears in it.
package model
