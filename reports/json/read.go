package json

import (
	stdjson "encoding/json"
	"fmt"
	"io"

	"github.com/kansa-sec/kansa/internal/finding"
)

// Read decodes a document written by Write back into a report, for
// `kansa report merge` and `--baseline`. Rules come from "checks" (or,
// when a document has none, from the check metadata copied into its
// findings). A schema_version newer than SchemaVersion is an error.
func Read(rd io.Reader) (*finding.Report, error) {
	var d Document
	dec := stdjson.NewDecoder(rd)
	if err := dec.Decode(&d); err != nil {
		return nil, fmt.Errorf("read json report: %w", err)
	}
	if d.SchemaVersion < 1 || d.SchemaVersion > SchemaVersion {
		return nil, fmt.Errorf("read json report: schema_version %d is not supported (want 1 to %d)", d.SchemaVersion, SchemaVersion)
	}
	r := &finding.Report{
		Tool:   finding.Tool{Name: d.Tool.Name, Version: d.Tool.Version, InformationURI: d.Tool.InformationURI},
		Target: d.Target,
	}
	seen := map[string]bool{}
	for _, c := range d.Checks {
		if seen[c.ID] {
			continue
		}
		seen[c.ID] = true
		r.Rules = append(r.Rules, finding.Rule{
			ID: c.ID, Title: c.Title, Description: c.Description, Severity: c.Severity, Scope: c.Scope,
			Frameworks: c.Frameworks, Remediation: c.Remediation, Custom: c.Custom,
		})
	}
	for _, f := range d.Findings {
		if !seen[f.CheckID] {
			seen[f.CheckID] = true
			r.Rules = append(r.Rules, finding.Rule{ID: f.CheckID, Title: f.Title, Severity: f.Severity, Frameworks: f.Frameworks, Remediation: f.Remediation})
		}
		r.Findings = append(r.Findings, finding.Finding{
			CheckID:  f.CheckID,
			Severity: f.Severity,
			Status:   f.Status,
			Resource: finding.Resource{
				Root: f.Resource.Root, Address: f.Resource.Address, ARN: f.Resource.ARN, Type: f.Resource.Type,
				Provider: f.Resource.Provider, Source: f.Resource.Source, File: f.Resource.File,
				StartLine: f.Resource.StartLine, EndLine: f.Resource.EndLine,
				Region: f.Resource.Region, Account: f.Resource.Account,
			},
			Message:     f.Message,
			Attribute:   f.Attribute,
			StartLine:   f.StartLine,
			EndLine:     f.EndLine,
			Suppression: f.Suppression,
		})
	}
	finding.Sort(r.Findings)
	for _, e := range d.Errors {
		r.Diagnostics = append(r.Diagnostics, finding.DiagnosticRef{Severity: e.Severity, Message: e.Message, File: e.File, Line: e.Line, Column: e.Column})
	}
	return r, nil
}
