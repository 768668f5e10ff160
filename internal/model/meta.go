package model

import "slices"

// Source names where a resource was read from.
type Source string

// The sources a scanner can fill the model from.
const (
	SourceTerraform Source = "terraform"
	SourcePlan      Source = "plan"
	SourceAWS       Source = "aws"
	SourceAlicloud  Source = "alicloud"
)

// Scope says how much of an account a scan saw. Account-scope checks ("a
// trail must exist") are judged only when the scope is ScopeAccount, or when
// the user opts in on code.
type Scope string

// The scopes of a scan.
const (
	// ScopeCode is a Terraform directory or plan: a partial view of an account.
	ScopeCode Scope = "code"
	// ScopeAccount is a live scan that listed every resource of an account/region.
	ScopeAccount Scope = "account"
)

// Meta locates a resource and records the provenance of its values.
type Meta struct {
	// Source is the scanner that produced the resource.
	Source Source `json:"source"`
	// Type is the resource type in Terraform's naming (aws_security_group,
	// alicloud_vpc), also for live resources, so reports read the same.
	Type string `json:"type"`
	// Address is the Terraform address (module.net.aws_vpc.this[0]); empty for live resources.
	Address string `json:"address,omitempty"`
	// ARN is the cloud identifier of a live resource (AWS ARN, Alibaba acs: ARN).
	ARN string `json:"arn,omitempty"`
	// ID is the identity used to link resources: the cloud ID for live
	// resources, the literal id when set in code, or a stable placeholder
	// derived from the Terraform address (see Placeholder) otherwise.
	ID string `json:"id,omitempty"`
	// File is the path of the source file, relative to the scan's file-system
	// root, with forward slashes; empty for live resources.
	File string `json:"file,omitempty"`
	// StartLine and EndLine are the 1-based line range of the resource's block.
	StartLine int `json:"start_line,omitempty"`
	EndLine   int `json:"end_line,omitempty"`
	// BlockStartLine and BlockEndLine locate a nested block of the resource
	// (an inline security-group rule) inside StartLine..EndLine; zero for a
	// whole resource. A finding on the block points at these lines.
	BlockStartLine int `json:"block_start_line,omitempty"`
	BlockEndLine   int `json:"block_end_line,omitempty"`
	// Region and Account place the resource; either may be empty in code.
	Region  string `json:"region,omitempty"`
	Account string `json:"account,omitempty"`
	// Attributes maps an attribute path ("cidr_blocks", "ingress[1]",
	// "ingress[1].cidr_blocks") to the line where it is set, so a finding can
	// point at the exact line.
	Attributes map[string]int `json:"attributes,omitempty"`
	// Unknown lists attributes whose value could not be resolved (variable
	// without a value, known only after apply, module not loaded). Sorted.
	Unknown []string `json:"unknown,omitempty"`
	// Defaulted lists attributes the adapter filled with the provider's
	// documented default because the source left them unset. Sorted.
	Defaulted []string `json:"defaulted,omitempty"`
	// Reasons explains, per unknown attribute, why it is unknown.
	Reasons map[string]string `json:"reasons,omitempty"`
}

// MarkUnknown records that attribute attr could not be resolved, and why.
func (m *Meta) MarkUnknown(attr, reason string) {
	if !slices.Contains(m.Unknown, attr) {
		m.Unknown = append(m.Unknown, attr)
		slices.Sort(m.Unknown)
	}
	if reason != "" {
		if m.Reasons == nil {
			m.Reasons = map[string]string{}
		}
		m.Reasons[attr] = reason
	}
}

// MarkDefaulted records that attribute attr holds the provider default.
func (m *Meta) MarkDefaulted(attr string) {
	if !slices.Contains(m.Defaulted, attr) {
		m.Defaulted = append(m.Defaulted, attr)
		slices.Sort(m.Defaulted)
	}
}

// IsUnknown reports whether attr was recorded as unknown.
func (m *Meta) IsUnknown(attr string) bool { return slices.Contains(m.Unknown, attr) }

// SetLine records the line where attribute path attr is set (ignored when line <= 0).
func (m *Meta) SetLine(attr string, line int) {
	if line <= 0 {
		return
	}
	if m.Attributes == nil {
		m.Attributes = map[string]int{}
	}
	m.Attributes[attr] = line
}

// Identity is the key a finding and a baseline use for a resource: the
// Terraform address when there is one, else the ARN, else the ID.
func (m *Meta) Identity() string {
	switch {
	case m.Address != "":
		return m.Address
	case m.ARN != "":
		return m.ARN
	default:
		return m.ID
	}
}

// Provider returns the cloud provider of the resource type ("aws", "alicloud").
func (m *Meta) Provider() string {
	for i := 0; i < len(m.Type); i++ {
		if m.Type[i] == '_' {
			return m.Type[:i]
		}
	}
	return m.Type
}

// Placeholder returns the stable identity of an attribute that is computed by
// the provider (such as id or arn) of the Terraform resource instance at
// address. Two references to the same instance attribute resolve to the same
// placeholder, so links follow Terraform references by identity.
func Placeholder(address, attr string) string {
	return "tf:" + address + "." + attr
}

// IsPlaceholder reports whether s is an identity made by Placeholder.
func IsPlaceholder(s string) bool { return len(s) > 3 && s[:3] == "tf:" }
