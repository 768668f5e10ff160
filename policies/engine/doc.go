// Package engine is all of kansa's OPA work: it loads the built-in policies
// (package policies, an fs.FS) and the user's --policy directories, reads each
// check's METADATA annotations into a finding.Rule, compiles every module once
// (Rego v1, strict mode, restricted capabilities), prepares one query that
// returns every check's deny and unknown sets, and evaluates it against an
// internal/model State to produce findings.
//
// Neighbours: it reads internal/model (the input) and writes internal/finding
// (rules and findings). It knows nothing of scanners or report formats; the
// caller (internal/scan) decides which statuses and scopes to show.
//
// The result contract, for built-in and custom policies alike:
//
//	deny contains result if { ...; result := {"resource": r, "msg": "...", "attribute": "cidr_blocks"} }
//	unknown contains result if { ... }   # could not decide: a value is unresolved
//
// where r is a model object with a "meta" member. A result may also name a
// "subject": the object at the check's selector it is about when r is another
// resource (a bucket's incomplete public access block); the subject is then
// not reported as passing. Parameters live in
// data.kansa.config (see DefaultConfig).
//
// Custom policies cannot reach the network, the environment or files
// (capabilities without http.send, net.lookup_ip_addr, opa.runtime and the
// JSON schema built-ins, unless AllowNetworkBuiltins). Evaluation honours the
// caller's context; when it is cancelled, Evaluate names the custom check
// that runs away (RunawayError).
package engine
