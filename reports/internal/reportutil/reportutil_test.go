package reportutil

import (
	"reflect"
	"testing"

	"github.com/kansa-sec/kansa/internal/finding"
)

func TestText(t *testing.T) {
	for in, want := range map[string]string{
		"plain":             "plain",
		"a\r\nb\rc\n\td":    "a\nb\nc\n\td",
		"esc \x1b[31m":      "esc \uFFFD[31m",
		"bad \xff\xfe byte": "bad \uFFFD byte",
		"nul \x00 \u0085":   "nul \uFFFD \uFFFD",
		"nonchar \uFFFE":    "nonchar \uFFFD",
		"監査":                "監査",
	} {
		if got := Text(in); got != want {
			t.Errorf("Text(%q) = %q, want %q", in, got, want)
		}
	}
	if got := Line("  a\n b\t\tc  "); got != "a b c" {
		t.Errorf("Line: %q", got)
	}
}

func TestFrameworkTags(t *testing.T) {
	r := finding.Rule{Frameworks: []finding.Framework{
		{Name: "cis-aws", Version: "5.0.0", Controls: []string{"5.3", "5.4", "5.3"}},
		{Name: "pci-dss", Version: "4.0", Controls: []string{"10.5.1"}},
		{Name: "", Version: "1"},
		{Name: "internal policy", Version: ""},
	}}
	want := []string{"CIS-AWS-5.0.0-5.3", "CIS-AWS-5.0.0-5.4", "PCI-DSS-4.0-10.5.1", "INTERNAL-POLICY"}
	if got := FrameworkTags(r); !reflect.DeepEqual(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestLines(t *testing.T) {
	tests := []struct {
		f          finding.Finding
		start, end int
		ok         bool
	}{
		{finding.Finding{StartLine: 5, EndLine: 9, Resource: finding.Resource{StartLine: 1, EndLine: 20}}, 5, 9, true},
		{finding.Finding{Resource: finding.Resource{StartLine: 3, EndLine: 7}}, 3, 7, true},
		{finding.Finding{StartLine: 5, EndLine: 2}, 5, 5, true},
		{finding.Finding{StartLine: -1, Resource: finding.Resource{StartLine: 0}}, 1, 1, false},
	}
	for i, tt := range tests {
		s, e, ok := Lines(tt.f)
		if s != tt.start || e != tt.end || ok != tt.ok {
			t.Errorf("%d: got %d-%d %v, want %d-%d %v", i, s, e, ok, tt.start, tt.end, tt.ok)
		}
	}
}

func TestRules(t *testing.T) {
	r := &finding.Report{
		Rules: []finding.Rule{{ID: "b"}, {ID: "a"}, {ID: "b", Title: "dup"}},
		Findings: []finding.Finding{
			{CheckID: "z", Severity: finding.SeverityHigh}, {CheckID: "a"}, {CheckID: "y"}, {CheckID: "z"},
		},
	}
	got := Rules(r)
	var ids []string
	for _, x := range got {
		ids = append(ids, x.ID)
	}
	if want := []string{"b", "a", "y", "z"}; !reflect.DeepEqual(ids, want) {
		t.Errorf("rule IDs %q, want %q", ids, want)
	}
	if got[0].Title != "" || got[3].Severity != finding.SeverityHigh {
		t.Errorf("rules: %+v", got)
	}
	if idx := NewIndex(got); idx.Of("z") != 3 || idx.Of("b") != 0 || idx.Of(" ") != NewIndex([]finding.Rule{{ID: ""}}).Of("") {
		t.Errorf("index: %v", idx)
	}
}

func TestIdentityAndMessage(t *testing.T) {
	f := finding.Finding{CheckID: "c", Resource: finding.Resource{File: "main.tf", StartLine: 4}}
	if Identity(f) != "main.tf" || Location(f) != "main.tf:4" || Message(f) != "main.tf does not satisfy c" {
		t.Errorf("got %q %q %q", Identity(f), Location(f), Message(f))
	}
	if Identity(finding.Finding{}) != "(unknown resource)" || Location(finding.Finding{}) != "" {
		t.Error("empty finding")
	}
}
