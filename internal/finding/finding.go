// Package finding holds what a scan concludes: the checks (Rule) and their
// results on resources (Finding), with one canonical sort so every report is
// deterministic. The policy engine produces findings; internal/waiver marks
// them suppressed; reports/* render them.
package finding

import (
	"fmt"
	"sort"
	"strings"
)

// Severity is a check's severity. Higher is worse.
type Severity int

// Severities, lowest first. SeverityNone is only used as a --fail-on value
// that never fails.
const (
	SeverityNone Severity = iota
	SeverityLow
	SeverityMedium
	SeverityHigh
	SeverityCritical
)

var severityNames = [...]string{"none", "low", "medium", "high", "critical"}

// String returns the lower-case name ("critical").
func (s Severity) String() string {
	if s < 0 || int(s) >= len(severityNames) {
		return fmt.Sprintf("severity(%d)", int(s))
	}
	return severityNames[s]
}

// ParseSeverity parses a severity name, case-insensitively.
func ParseSeverity(s string) (Severity, error) {
	for i, n := range severityNames {
		if strings.EqualFold(s, n) {
			return Severity(i), nil
		}
	}
	return 0, fmt.Errorf("unknown severity %q (want none, low, medium, high or critical)", s)
}

// MarshalText implements encoding.TextMarshaler.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler.
func (s *Severity) UnmarshalText(b []byte) error {
	v, err := ParseSeverity(string(b))
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// SecuritySeverity is the CVSS-like score GitHub code scanning reads from
// SARIF `properties.security-severity`.
func (s Severity) SecuritySeverity() string {
	switch s {
	case SeverityCritical:
		return "9.5"
	case SeverityHigh:
		return "8.0"
	case SeverityMedium:
		return "5.5"
	default:
		return "3.0"
	}
}

// Status is the outcome of a check on a resource.
type Status string

// Finding statuses.
const (
	// StatusFail: the resource violates the check.
	StatusFail Status = "fail"
	// StatusPass: the check was evaluated on the resource and holds.
	StatusPass Status = "pass"
	// StatusSuppressed: a failure waived inline or in the config file.
	StatusSuppressed Status = "suppressed"
	// StatusUnknown: the check could not be decided (unresolved values); only
	// reported with --strict-unknowns.
	StatusUnknown Status = "unknown"
	// StatusError: the check could not be evaluated (API denied, bad input).
	StatusError Status = "error"
	// StatusBaseline: a failure already recorded in the baseline file.
	StatusBaseline Status = "baseline"
)

// Scope of a check (see model.Scope).
type Scope string

// Check scopes.
const (
	ScopeResource Scope = "resource"
	ScopeAccount  Scope = "account"
)

// Framework maps a check to a control of a compliance framework version.
type Framework struct {
	// Name is the framework ("cis-aws", "cis-alicloud", "pci-dss").
	Name string `json:"name"`
	// Version of the framework ("5.0.0").
	Version string `json:"version"`
	// Controls are the control numbers in that version ("5.3", "5.4").
	Controls []string `json:"controls"`
}

// Rule is a check's metadata, read from its Rego METADATA annotations.
type Rule struct {
	ID          string   `json:"id"`
	Title       string   `json:"title"`
	Description string   `json:"description"`
	Severity    Severity `json:"severity"`
	Scope       Scope    `json:"scope"`
	// Selector is the model path of the resources the check judges
	// ("aws.ec2.security_groups"), so passing resources are known.
	Selector string `json:"selector,omitempty"`
	// Reads are the model paths the check's Rego reads ("aws.ec2.vpcs",
	// "aws.ec2.flow_logs"), its selector included, found in the policy
	// source by the engine. A live scan that could not fill one of them in a
	// region reports the check as an error there.
	Reads      []string    `json:"reads,omitempty"`
	Frameworks []Framework `json:"frameworks,omitempty"`
	// Remediation is Markdown, usually with a Terraform snippet.
	Remediation string   `json:"remediation,omitempty"`
	References  []string `json:"references,omitempty"`
	// Package is the Rego package the check lives in; File its source file.
	Package string `json:"package"`
	File    string `json:"file,omitempty"`
	// Custom is true for policies loaded with --policy.
	Custom bool `json:"custom,omitempty"`
}

// Resource locates the resource a finding is about.
type Resource struct {
	// Root is the root module directory, relative to the scanned directory,
	// when a scan covered several root modules ("envs/prod"); "" otherwise.
	// Two deployments of one module share Terraform addresses; Root keeps
	// their findings apart.
	Root      string `json:"root,omitempty"`
	Address   string `json:"address,omitempty"`
	ARN       string `json:"arn,omitempty"`
	Type      string `json:"type"`
	Provider  string `json:"provider"`
	Source    string `json:"source"`
	File      string `json:"file,omitempty"`
	StartLine int    `json:"start_line,omitempty"`
	EndLine   int    `json:"end_line,omitempty"`
	Region    string `json:"region,omitempty"`
	Account   string `json:"account,omitempty"`
}

// Identity is the resource's address (prefixed by "ROOT:" when the scan
// covered several root modules), else its ARN. Fingerprints, baselines and
// JUnit test cases key on it.
func (r Resource) Identity() string {
	switch {
	case r.Address != "" && r.Root != "":
		return r.Root + ":" + r.Address
	case r.Address != "":
		return r.Address
	}
	return r.ARN
}

// Suppression says why a failure is waived.
type Suppression struct {
	// Kind is "inSource" (inline comment) or "external" (config file), as in SARIF.
	Kind          string `json:"kind"`
	Justification string `json:"justification,omitempty"`
	// Expires is the YYYY-MM-DD date after which the suppression lapses.
	Expires string `json:"expires,omitempty"`
	// File and Line locate an inline suppression comment.
	File string `json:"file,omitempty"`
	Line int    `json:"line,omitempty"`
}

// Finding is the result of one check on one resource.
type Finding struct {
	CheckID  string   `json:"check_id"`
	Severity Severity `json:"severity"`
	Status   Status   `json:"status"`
	Resource Resource `json:"resource"`
	Message  string   `json:"message"`
	// Attribute is the attribute path the policy blamed ("ingress[1]").
	Attribute string `json:"attribute,omitempty"`
	// StartLine/EndLine are the exact lines of the offending attribute or
	// block (falling back to the resource's range).
	StartLine int `json:"start_line,omitempty"`
	EndLine   int `json:"end_line,omitempty"`
	// BlockStartLine and BlockEndLine locate the nested block the finding is
	// about (an inline rule), when there is one.
	BlockStartLine int          `json:"block_start_line,omitempty"`
	BlockEndLine   int          `json:"block_end_line,omitempty"`
	Suppression    *Suppression `json:"suppression,omitempty"`
}

// Counts reports whether the finding counts toward the exit status at or
// above threshold: only unsuppressed failures do.
func (f Finding) Counts(threshold Severity) bool {
	return f.Status == StatusFail && threshold != SeverityNone && f.Severity >= threshold
}

// Sort orders findings canonically: by check ID, resource identity, file,
// line, attribute, message, status. Every report relies on it.
func Sort(fs []Finding) {
	sort.SliceStable(fs, func(i, j int) bool { return Less(fs[i], fs[j]) })
}

// Less is the canonical order of findings.
func Less(a, b Finding) bool {
	if a.CheckID != b.CheckID {
		return a.CheckID < b.CheckID
	}
	if ai, bi := a.Resource.Identity(), b.Resource.Identity(); ai != bi {
		return ai < bi
	}
	if a.Resource.File != b.Resource.File {
		return a.Resource.File < b.Resource.File
	}
	if a.StartLine != b.StartLine {
		return a.StartLine < b.StartLine
	}
	if a.Attribute != b.Attribute {
		return a.Attribute < b.Attribute
	}
	if a.Message != b.Message {
		return a.Message < b.Message
	}
	return a.Status < b.Status
}

// Report is everything a report writer needs: the tool, the checks that
// were evaluated, their findings in canonical order, and diagnostics.
type Report struct {
	Tool Tool `json:"tool"`
	// Target names what was scanned ("terraform:infra", "aws:123456789012").
	Target string `json:"target"`
	// Root is the scanned root; finding file paths are relative to it.
	Root     string    `json:"root,omitempty"`
	Rules    []Rule    `json:"rules"`
	Findings []Finding `json:"findings"`
	// Diagnostics are problems with the input or the scan.
	Diagnostics []DiagnosticRef `json:"diagnostics,omitempty"`
}

// DiagnosticRef is a diagnostic as reports see it (mirrors diag.Diagnostic
// without importing the scanner side).
type DiagnosticRef struct {
	Severity string `json:"severity"`
	Message  string `json:"message"`
	File     string `json:"file,omitempty"`
	Line     int    `json:"line,omitempty"`
	Column   int    `json:"column,omitempty"`
}

// Tool identifies kansa in reports.
type Tool struct {
	Name           string `json:"name"`
	Version        string `json:"version"`
	InformationURI string `json:"information_uri"`
}

// RuleByID returns the rule with the given ID.
func (r *Report) RuleByID(id string) (Rule, bool) {
	for _, x := range r.Rules {
		if x.ID == id {
			return x, true
		}
	}
	return Rule{}, false
}
