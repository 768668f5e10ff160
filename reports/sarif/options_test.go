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
	}
	tests := []struct {
		name    string
		o       Options
		wantURI string
		wantID  string
	}{
		{"defaults", Options{}, "modules/sg/main.tf", "kansa/terraform:infra/prod/"},
		{"rebased", Options{Root: "infra/prod/", Category: "prod"}, "infra/prod/modules/sg/main.tf", "prod/"},
		{"dot root", Options{Root: ".", Category: "/a/b/"}, "modules/sg/main.tf", "a/b/"},
		{"climbing module path", Options{Root: "infra/prod"}, "infra/prod/modules/sg/main.tf", "kansa/terraform:infra/prod/"},
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
				} `json:"runs"`
			}
			if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
				t.Fatal(err)
			}
			run := doc.Runs[0]
			if got := run.Results[0].Locations[0].PhysicalLocation.ArtifactLocation.URI; got != tt.wantURI {
				t.Errorf("uri %q, want %q", got, tt.wantURI)
			}
			if run.AutomationDetails.ID != tt.wantID {
				t.Errorf("automationDetails.id %q, want %q", run.AutomationDetails.ID, tt.wantID)
			}
		})
	}
}
