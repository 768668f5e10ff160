package sarif

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/kansa-sec/kansa/internal/finding"
)

func TestRootAndCategory(t *testing.T) {
	r := &finding.Report{
		Target: "terraform:infra/prod",
		Rules:  []finding.Rule{{ID: "aws-sg-no-public-ssh", Severity: finding.SeverityCritical}},
		Findings: []finding.Finding{{CheckID: "aws-sg-no-public-ssh", Status: finding.StatusFail, Severity: finding.SeverityCritical,
			Resource: finding.Resource{Address: "aws_security_group.web", File: "modules/sg/main.tf", StartLine: 3, EndLine: 9}, StartLine: 5, EndLine: 5}},
		// A syntax error: its file is relative to the scanned root too.
		Diagnostics: []finding.DiagnosticRef{{Severity: "error", Message: "Invalid expression", File: "modules/sg/broken.tf", Line: 2}},
	}
	tests := []struct {
		name    string
		o       Options
		wantURI string
		wantID  string
		// wantDiagURI is the syntax error's notification location.
		wantDiagURI string
	}{
		{"defaults", Options{}, "modules/sg/main.tf", "kansa/terraform:infra/prod/", "modules/sg/broken.tf"},
		{"rebased", Options{Root: "infra/prod/", Category: "prod"}, "infra/prod/modules/sg/main.tf", "prod/", "infra/prod/modules/sg/broken.tf"},
		{"dot root", Options{Root: ".", Category: "/a/b/"}, "modules/sg/main.tf", "a/b/", "modules/sg/broken.tf"},
		{"climbing module path", Options{Root: "infra/prod"}, "infra/prod/modules/sg/main.tf", "kansa/terraform:infra/prod/", "infra/prod/modules/sg/broken.tf"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := WriteOptions(&buf, r, tt.o); err != nil {
				t.Fatal(err)
			}
			var doc struct {
				Runs []struct {
					AutomationDetails struct{ ID string } `json:"automationDetails"`
					Results           []struct {
						Locations []struct {
							PhysicalLocation struct {
								ArtifactLocation struct{ URI string } `json:"artifactLocation"`
							} `json:"physicalLocation"`
						} `json:"locations"`
					} `json:"results"`
					Invocations []struct {
						ToolExecutionNotifications []struct {
							Locations []struct {
								PhysicalLocation struct {
									ArtifactLocation struct{ URI string } `json:"artifactLocation"`
								} `json:"physicalLocation"`
							} `json:"locations"`
						} `json:"toolExecutionNotifications"`
					} `json:"invocations"`
				} `json:"runs"`
			}
			if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
				t.Fatal(err)
			}
			run := doc.Runs[0]
			if got := run.Results[0].Locations[0].PhysicalLocation.ArtifactLocation.URI; got != tt.wantURI {
				t.Errorf("uri %q, want %q", got, tt.wantURI)
			}
			if got := run.Invocations[0].ToolExecutionNotifications[0].Locations[0].PhysicalLocation.ArtifactLocation.URI; got != tt.wantDiagURI {
				t.Errorf("diagnostic uri %q, want %q", got, tt.wantDiagURI)
			}
			if run.AutomationDetails.ID != tt.wantID {
				t.Errorf("automationDetails.id %q, want %q", run.AutomationDetails.ID, tt.wantID)
			}
		})
	}
}
