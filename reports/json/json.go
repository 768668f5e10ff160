package json

import (
	"bufio"
	"bytes"
	stdjson "encoding/json"
	"fmt"
	"io"

	"github.com/kansa-sec/kansa/internal/finding"
	"github.com/kansa-sec/kansa/reports/internal/reportutil"
)

// SchemaVersion is the version of the document Write produces. It changes
// only when a field is renamed or removed; adding fields keeps it.
const SchemaVersion = 1

// Document is the JSON report. Field order is output order.
type Document struct {
	SchemaVersion int          `json:"schema_version"`
	Tool          Tool         `json:"tool"`
	Target        string       `json:"target"`
	Summary       Summary      `json:"summary"`
	Checks        []Check      `json:"checks"`
	Findings      []Finding    `json:"findings"`
	Errors        []Diagnostic `json:"errors"`
}

// Tool identifies the kansa build that wrote the document.
type Tool struct {
	Name           string `json:"name"`
	Version        string `json:"version"`
	InformationURI string `json:"information_uri,omitempty"`
}

// Summary counts the findings.
type Summary struct {
	// Checks is the number of checks evaluated; Findings the number of
	// (check, resource) results, passes included.
	Checks   int          `json:"checks"`
	Findings int          `json:"findings"`
	ByStatus StatusCounts `json:"by_status"`
	// FailBySeverity counts unsuppressed failures (status fail) by severity.
	FailBySeverity SeverityCounts `json:"fail_by_severity"`
}

// StatusCounts counts findings by status.
type StatusCounts struct {
	Fail       int `json:"fail"`
	Pass       int `json:"pass"`
	Suppressed int `json:"suppressed"`
	Baseline   int `json:"baseline"`
	Unknown    int `json:"unknown"`
	Error      int `json:"error"`
	// Other counts statuses this version does not know.
	Other int `json:"other,omitempty"`
}

// SeverityCounts counts findings by severity.
type SeverityCounts struct {
	Critical int `json:"critical"`
	High     int `json:"high"`
	Medium   int `json:"medium"`
	Low      int `json:"low"`
}

// Check is the metadata of one evaluated check.
type Check struct {
	ID          string              `json:"id"`
	Title       string              `json:"title"`
	Severity    finding.Severity    `json:"severity"`
	Scope       finding.Scope       `json:"scope,omitempty"`
	Frameworks  []finding.Framework `json:"frameworks"`
	Description string              `json:"description,omitempty"`
	Remediation string              `json:"remediation,omitempty"`
	Custom      bool                `json:"custom,omitempty"`
}

// Finding is one check's result on one resource, with the check's title,
// frameworks and remediation copied in so each finding reads on its own.
type Finding struct {
	CheckID     string               `json:"check_id"`
	Title       string               `json:"title"`
	Severity    finding.Severity     `json:"severity"`
	Status      finding.Status       `json:"status"`
	Resource    Resource             `json:"resource"`
	Message     string               `json:"message"`
	Attribute   string               `json:"attribute,omitempty"`
	StartLine   int                  `json:"start_line,omitempty"`
	EndLine     int                  `json:"end_line,omitempty"`
	Frameworks  []finding.Framework  `json:"frameworks"`
	Remediation string               `json:"remediation,omitempty"`
	Suppression *finding.Suppression `json:"suppression,omitempty"`
}

// Resource locates a finding's resource: a Terraform address with its file
// and lines, or a cloud ARN with region and account.
type Resource struct {
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

// Diagnostic is a problem with the input or the scan.
type Diagnostic struct {
	Severity string `json:"severity"`
	Message  string `json:"message"`
	File     string `json:"file,omitempty"`
	Line     int    `json:"line,omitempty"`
	Column   int    `json:"column,omitempty"`
}

// Write renders r as a JSON document on w, indented by two spaces. A nil
// report is written as an empty document. Invalid UTF-8 in any string
// becomes U+FFFD. The findings are encoded and written one at a time, so a
// report of many thousands of findings is never held in memory as JSON; the
// bytes are those of encoding Build(r) whole.
func Write(w io.Writer, r *finding.Report) error {
	r = reportutil.OrEmpty(r)
	d, convert := build(r)
	var head bytes.Buffer
	if err := encoder(&head, "").Encode(d); err != nil { // Findings is nil: encoded as null
		return fmt.Errorf("write json report: %w", err)
	}
	before, after, ok := bytes.Cut(head.Bytes(), []byte(findingsNull))
	if !ok {
		return fmt.Errorf("write json report: %q not in the encoded document", findingsNull)
	}
	// bufio keeps the first write error and Flush returns it.
	bw := bufio.NewWriterSize(w, 64<<10)
	_, _ = bw.Write(before)
	_, _ = bw.WriteString(findingsKey)
	if len(r.Findings) == 0 {
		_, _ = bw.WriteString("[]")
	} else {
		_, _ = bw.WriteString("[\n")
		var item bytes.Buffer
		enc := encoder(&item, itemIndent)
		for i, f := range r.Findings {
			item.Reset()
			if err := enc.Encode(convert(f)); err != nil {
				return fmt.Errorf("write json report: finding %d: %w", i, err)
			}
			_, _ = bw.WriteString(itemIndent)
			_, _ = bw.Write(bytes.TrimSuffix(item.Bytes(), []byte("\n")))
			if i < len(r.Findings)-1 {
				_, _ = bw.WriteString(",\n")
			} else {
				_, _ = bw.WriteString("\n  ]")
			}
		}
	}
	_, _ = bw.Write(after)
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write json report: %w", err)
	}
	return nil
}

// The findings array in a document encoded with its Findings nil: the
// key at the first level of indentation, so no string can hold it (a
// string's quotes are escaped).
const (
	findingsKey  = "\n  \"findings\": "
	findingsNull = findingsKey + "null"
	itemIndent   = "    "
)

func encoder(w io.Writer, prefix string) *stdjson.Encoder {
	enc := stdjson.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent(prefix, "  ")
	return enc
}

// Build converts r to a Document (what Write encodes).
func Build(r *finding.Report) *Document {
	r = reportutil.OrEmpty(r)
	d, convert := build(r)
	d.Findings = make([]Finding, 0, len(r.Findings))
	for _, f := range r.Findings {
		d.Findings = append(d.Findings, convert(f))
	}
	return d
}

// build returns the document of r (not nil) without its findings
// (Findings is nil) and the conversion of one finding.
func build(r *finding.Report) (*Document, func(finding.Finding) Finding) {
	rules := reportutil.Rules(r)
	index := reportutil.NewIndex(rules)
	d := &Document{
		SchemaVersion: SchemaVersion,
		Tool:          Tool{Name: r.Tool.Name, Version: r.Tool.Version, InformationURI: r.Tool.InformationURI},
		Target:        r.Target,
		Checks:        make([]Check, 0, len(rules)),
		Errors:        make([]Diagnostic, 0, len(r.Diagnostics)),
	}
	for _, x := range rules {
		d.Checks = append(d.Checks, Check{
			ID: x.ID, Title: x.Title, Severity: x.Severity, Scope: x.Scope,
			Frameworks: frameworks(x.Frameworks), Description: x.Description,
			Remediation: x.Remediation, Custom: x.Custom,
		})
	}
	d.Summary.Checks = len(rules)
	d.Summary.Findings = len(r.Findings)
	for _, f := range r.Findings {
		d.Summary.ByStatus.add(f.Status)
		if f.Status == finding.StatusFail {
			d.Summary.FailBySeverity.add(f.Severity)
		}
	}
	for _, x := range r.Diagnostics {
		d.Errors = append(d.Errors, Diagnostic{Severity: x.Severity, Message: x.Message, File: x.File, Line: x.Line, Column: x.Column})
	}
	convert := func(f finding.Finding) Finding {
		x := rules[index.Of(f.CheckID)]
		return Finding{
			CheckID:  f.CheckID,
			Title:    x.Title,
			Severity: f.Severity,
			Status:   f.Status,
			Resource: Resource{
				Root: f.Resource.Root, Address: f.Resource.Address, ARN: f.Resource.ARN, Type: f.Resource.Type,
				Provider: f.Resource.Provider, Source: f.Resource.Source, File: f.Resource.File,
				StartLine: f.Resource.StartLine, EndLine: f.Resource.EndLine,
				Region: f.Resource.Region, Account: f.Resource.Account,
			},
			Message:     f.Message,
			Attribute:   f.Attribute,
			StartLine:   f.StartLine,
			EndLine:     f.EndLine,
			Frameworks:  frameworks(x.Frameworks),
			Remediation: x.Remediation,
			Suppression: f.Suppression,
		}
	}
	return d, convert
}

func frameworks(fs []finding.Framework) []finding.Framework {
	out := make([]finding.Framework, 0, len(fs))
	for _, f := range fs {
		if f.Controls == nil {
			f.Controls = []string{}
		}
		out = append(out, f)
	}
	return out
}

func (c *StatusCounts) add(s finding.Status) {
	switch s {
	case finding.StatusFail:
		c.Fail++
	case finding.StatusPass:
		c.Pass++
	case finding.StatusSuppressed:
		c.Suppressed++
	case finding.StatusBaseline:
		c.Baseline++
	case finding.StatusUnknown:
		c.Unknown++
	case finding.StatusError:
		c.Error++
	default:
		c.Other++
	}
}

func (c *SeverityCounts) add(s finding.Severity) {
	switch {
	case s >= finding.SeverityCritical:
		c.Critical++
	case s == finding.SeverityHigh:
		c.High++
	case s == finding.SeverityMedium:
		c.Medium++
	default:
		c.Low++
	}
}
