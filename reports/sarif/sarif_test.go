package sarif_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/kansa-sec/kansa/internal/finding"
	"github.com/kansa-sec/kansa/reports/internal/reporttest"
	"github.com/kansa-sec/kansa/reports/sarif"
	"github.com/kansa-sec/kansa/reports/sarif/sariftest"
)

func schema(t testing.TB) *jsonschema.Schema {
	t.Helper()
	s, err := sariftest.Schema()
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func write(t *testing.T, r *finding.Report) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := sarif.Write(&buf, r); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestGoldenAndSchema(t *testing.T) {
	s := schema(t)
	for _, c := range reporttest.Cases() {
		t.Run(c.Name, func(t *testing.T) {
			got := write(t, c.Report)
			if again := write(t, c.Report); !bytes.Equal(got, again) {
				t.Fatal("output is not deterministic")
			}
			inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(got))
			if err != nil {
				t.Fatalf("output is not JSON: %v", err)
			}
			if err := s.Validate(inst); err != nil {
				t.Fatalf("output does not validate against the SARIF 2.1.0 schema: %v", err)
			}
			reporttest.Golden(t, "sarif", c.Name+".sarif", got)
		})
	}
}

func TestNilReport(t *testing.T) {
	s := schema(t)
	got := write(t, nil)
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(got))
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Validate(inst); err != nil {
		t.Fatal(err)
	}
}

// decoded is the part of a log the assertions below read.
type decoded struct {
	Runs []struct {
		Tool struct {
			Driver struct {
				Rules []struct {
					ID                   string
					DefaultConfiguration struct{ Level string }
					Properties           map[string]any
				}
			}
		}
		Invocations []struct {
			ExecutionSuccessful        bool
			ToolExecutionNotifications []struct{ Level string }
		}
		Results []struct {
			RuleID        string
			RuleIndex     int
			Level         string
			BaselineState string
			Locations     []struct {
				PhysicalLocation *struct {
					ArtifactLocation struct{ URI, URIBaseID string }
					Region           struct{ StartLine, EndLine int }
				}
				LogicalLocations []struct{ FullyQualifiedName, Kind string }
			}
			PartialFingerprints map[string]string
			Suppressions        []struct{ Kind, Justification, Status string }
		}
	}
}

func decode(t *testing.T, b []byte) decoded {
	t.Helper()
	var d decoded
	if err := json.Unmarshal(b, &d); err != nil {
		t.Fatal(err)
	}
	if len(d.Runs) != 1 {
		t.Fatalf("want one run, got %d", len(d.Runs))
	}
	return d
}

func TestRealisticContent(t *testing.T) {
	r := reporttest.Realistic()
	d := decode(t, write(t, r))
	run := d.Runs[0]
	if got, want := len(run.Tool.Driver.Rules), len(r.Rules); got != want {
		t.Errorf("rules: got %d, want %d", got, want)
	}
	for _, res := range run.Results {
		if run.Tool.Driver.Rules[res.RuleIndex].ID != res.RuleID {
			t.Errorf("result %s: ruleIndex %d points at %s", res.RuleID, res.RuleIndex, run.Tool.Driver.Rules[res.RuleIndex].ID)
		}
		if len(res.PartialFingerprints["kansa/v1"]) != 64 {
			t.Errorf("result %s: bad fingerprint %v", res.RuleID, res.PartialFingerprints)
		}
		if res.BaselineState == "" {
			t.Errorf("result %s: baselineState missing although a baseline is in use", res.RuleID)
		}
	}
	// fail 3 + suppressed 2 + baseline 1 + unknown 1; passes are left out.
	if got := len(run.Results); got != 7 {
		t.Errorf("results: got %d, want 7", got)
	}
	var suppressed, inSource int
	for _, res := range run.Results {
		if len(res.Suppressions) > 0 {
			suppressed++
			if res.Suppressions[0].Kind == "inSource" {
				inSource++
				if res.Suppressions[0].Justification != "bastion, restricted by NACL" || res.Suppressions[0].Status != "accepted" {
					t.Errorf("suppression: %+v", res.Suppressions[0])
				}
			}
		}
	}
	if suppressed != 2 || inSource != 1 {
		t.Errorf("suppressed %d (inSource %d), want 2 (1)", suppressed, inSource)
	}
	inv := run.Invocations[0]
	if inv.ExecutionSuccessful {
		t.Error("executionSuccessful with an error diagnostic")
	}
	if len(inv.ToolExecutionNotifications) != 2 {
		t.Errorf("notifications: %+v", inv.ToolExecutionNotifications)
	}
	// The security group finding points at the attribute's lines.
	for _, res := range run.Results {
		if res.RuleID != "aws-sg-no-public-ssh" || len(res.Suppressions) > 0 {
			continue
		}
		loc := res.Locations[0]
		if loc.PhysicalLocation == nil || loc.PhysicalLocation.ArtifactLocation.URI != "modules/net/sg.tf" ||
			loc.PhysicalLocation.ArtifactLocation.URIBaseID != "%SRCROOT%" ||
			loc.PhysicalLocation.Region.StartLine != 19 || loc.PhysicalLocation.Region.EndLine != 24 {
			t.Errorf("location: %+v", loc.PhysicalLocation)
		}
		if loc.LogicalLocations[0].FullyQualifiedName != "module.net.aws_security_group.web[0]" || loc.LogicalLocations[0].Kind != "resource" {
			t.Errorf("logical location: %+v", loc.LogicalLocations)
		}
	}
}

func TestLiveHasNoPhysicalLocation(t *testing.T) {
	d := decode(t, write(t, reporttest.Live()))
	run := d.Runs[0]
	for _, res := range run.Results {
		loc := res.Locations[0]
		if loc.PhysicalLocation != nil {
			t.Errorf("%s: live result has a physical location", res.RuleID)
		}
		if n := loc.LogicalLocations[0].FullyQualifiedName; !strings.HasPrefix(n, "arn:") && !strings.HasPrefix(n, "acs:") {
			t.Errorf("%s: logical location %q is not an ARN", res.RuleID, n)
		}
		if res.BaselineState != "" {
			t.Errorf("baselineState set without a baseline")
		}
	}
	// The check that could not be evaluated is a notification, not a result.
	if got := len(run.Invocations[0].ToolExecutionNotifications); got != 1 {
		t.Errorf("notifications: got %d, want 1", got)
	}
	if !run.Invocations[0].ExecutionSuccessful {
		t.Error("no error diagnostics, yet executionSuccessful is false")
	}
}

func TestFingerprintIgnoresLines(t *testing.T) {
	f := reporttest.Realistic().Findings[0]
	g := f
	g.StartLine, g.EndLine, g.Resource.StartLine, g.Message = 100, 120, 90, "moved"
	if sarif.Fingerprint(f) != sarif.Fingerprint(g) {
		t.Error("fingerprint changed when the finding moved")
	}
	g.Attribute = "ingress[2]"
	if sarif.Fingerprint(f) == sarif.Fingerprint(g) {
		t.Error("fingerprint ignores the attribute")
	}
}

func TestFileURI(t *testing.T) {
	for in, want := range map[string]string{
		"main.tf":             "main.tf",
		"./modules/net/sg.tf": "modules/net/sg.tf",
		"security groups.tf":  "security%20groups.tf",
		"C:/x/y.tf":           "C%3A/x/y.tf",
		`dir\win.tf`:          "dir/win.tf",
		"a#b?c%d.tf":          "a%23b%3Fc%25d.tf",
		"//host/x.tf":         "host/x.tf",
		"/abs/./x.tf":         "abs/./x.tf",
		"":                    "unknown-file",
		"監査/main.tf":          "%E7%9B%A3%E6%9F%BB/main.tf",
	} {
		if got := sarif.FileURI(in); got != want {
			t.Errorf("FileURI(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestLiveArtifacts(t *testing.T) {
	var buf bytes.Buffer
	if err := sarif.WriteOptions(&buf, reporttest.Live(), sarif.Options{LiveArtifacts: true}); err != nil {
		t.Fatal(err)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if err := schema(t).Validate(inst); err != nil {
		t.Fatal(err)
	}
	d := decode(t, buf.Bytes())
	want := map[string]bool{
		"live/alicloud/1234567890123456/cn-hangzhou/alicloud_security_group": true,
		"live/aws/123456789012/-/aws_account":                                true,
		"live/aws/123456789012/ap-northeast-1/aws_cloudtrail":                true,
	}
	for _, res := range d.Runs[0].Results {
		pl := res.Locations[0].PhysicalLocation
		if pl == nil || !want[pl.ArtifactLocation.URI] || pl.Region.StartLine != 1 {
			t.Errorf("%s: physical location %+v", res.RuleID, pl)
		}
		if len(res.Locations[0].LogicalLocations) != 1 {
			t.Errorf("%s: the ARN must stay as the logical location", res.RuleID)
		}
	}
	reporttest.Golden(t, "sarif", "live-artifacts.sarif", buf.Bytes())
}

func TestSeverityMapping(t *testing.T) {
	tests := []struct {
		sev          finding.Severity
		level, score string
	}{
		{finding.SeverityCritical, "error", "9.5"},
		{finding.SeverityHigh, "error", "8.0"},
		{finding.SeverityMedium, "warning", "5.5"},
		{finding.SeverityLow, "note", "3.0"},
	}
	for _, tt := range tests {
		r := &finding.Report{
			Rules:    []finding.Rule{{ID: "c", Title: "t", Severity: tt.sev}},
			Findings: []finding.Finding{{CheckID: "c", Severity: tt.sev, Status: finding.StatusFail, Resource: finding.Resource{Address: "a.b", File: "m.tf"}}},
		}
		run := decode(t, write(t, r)).Runs[0]
		rule := run.Tool.Driver.Rules[0]
		if rule.DefaultConfiguration.Level != tt.level || rule.Properties["security-severity"] != tt.score || rule.Properties["precision"] != "high" {
			t.Errorf("%s: rule %+v", tt.sev, rule)
		}
		if run.Results[0].Level != tt.level {
			t.Errorf("%s: result level %s, want %s", tt.sev, run.Results[0].Level, tt.level)
		}
	}
}

// TestSchemaBites makes sure the validator rejects what GitHub would: a
// check that the schema test above is not vacuous.
func TestSchemaBites(t *testing.T) {
	s := schema(t)
	good := string(write(t, reporttest.Realistic()))
	for name, bad := range map[string]string{
		"bad level":   strings.Replace(good, `"level": "error"`, `"level": "critical"`, 1),
		"line zero":   strings.Replace(good, `"startLine": 19`, `"startLine": 0`, 1),
		"bad version": strings.Replace(good, `"version": "2.1.0"`, `"version": "2.0.0"`, 1),
	} {
		if bad == good {
			t.Fatalf("%s: replacement did not apply", name)
		}
		inst, err := jsonschema.UnmarshalJSON(strings.NewReader(bad))
		if err != nil {
			t.Fatal(err)
		}
		if s.Validate(inst) == nil {
			t.Errorf("%s: the schema accepted it", name)
		}
	}
}
