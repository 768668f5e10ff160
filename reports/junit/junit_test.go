package junit_test

import (
	"bytes"
	"encoding/xml"
	"errors"
	"testing"

	"github.com/kansa-sec/kansa/internal/finding"
	"github.com/kansa-sec/kansa/reports/internal/reporttest"
	"github.com/kansa-sec/kansa/reports/junit"
	"github.com/kansa-sec/kansa/reports/junit/junittest"
)

func write(t *testing.T, r *finding.Report) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := junit.Write(&buf, r); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// validate checks b against the JUnit XSD with xmllint; without xmllint
// the test is skipped unless KANSA_REQUIRE_XMLLINT=1 (set in CI) makes it
// fail.
func validate(t *testing.T, b []byte) {
	t.Helper()
	err := junittest.Validate(t.Context(), b)
	if errors.Is(err, junittest.ErrNoXMLLint) {
		if junittest.XMLLintRequired() {
			t.Fatalf("%v and KANSA_REQUIRE_XMLLINT=1", err)
		}
		t.Skipf("%v: XSD validation skipped", err)
	}
	if err != nil {
		t.Fatal(err)
	}
}

func TestGolden(t *testing.T) {
	for _, c := range reporttest.Cases() {
		t.Run(c.Name, func(t *testing.T) {
			got := write(t, c.Report)
			if !bytes.Equal(got, write(t, c.Report)) {
				t.Fatal("output is not deterministic")
			}
			reporttest.Golden(t, "junit", c.Name+".xml", got)
			checkCounts(t, got)
		})
	}
}

func TestSchema(t *testing.T) {
	for _, c := range append(reporttest.Cases(), reporttest.Case{Name: "nil"}) {
		t.Run(c.Name, func(t *testing.T) {
			validate(t, write(t, c.Report))
		})
	}
}

// parsed is the document as a reader sees it.
type parsed struct {
	Tests    string `xml:"tests,attr"`
	Failures string `xml:"failures,attr"`
	Errors   string `xml:"errors,attr"`
	Suites   []struct {
		Name     string `xml:"name,attr"`
		Tests    string `xml:"tests,attr"`
		Failures string `xml:"failures,attr"`
		Errors   string `xml:"errors,attr"`
		Skipped  string `xml:"skipped,attr"`
		Cases    []struct {
			Name      string    `xml:"name,attr"`
			ClassName string    `xml:"classname,attr"`
			Failure   []outcome `xml:"failure"`
			Error     []outcome `xml:"error"`
			Skipped   []outcome `xml:"skipped"`
			SystemOut string    `xml:"system-out"`
		} `xml:"testcase"`
	} `xml:"testsuite"`
}

type outcome struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Body    string `xml:",chardata"`
}

func parse(t *testing.T, b []byte) parsed {
	t.Helper()
	var p parsed
	if err := xml.Unmarshal(b, &p); err != nil {
		t.Fatalf("output is not XML: %v", err)
	}
	return p
}

// checkCounts re-counts the test cases and compares with every attribute.
func checkCounts(t *testing.T, b []byte) {
	t.Helper()
	if _, err := junittest.Count(b); err != nil {
		t.Error(err)
	}
}

func TestRealistic(t *testing.T) {
	r := reporttest.Realistic()
	p := parse(t, write(t, r))
	// Five rules plus the diagnostics suite.
	if len(p.Suites) != len(r.Rules)+1 {
		t.Fatalf("suites: got %d", len(p.Suites))
	}
	for i, x := range r.Rules {
		if p.Suites[i].Name != x.ID {
			t.Errorf("suite %d: got %s, want %s (rule order)", i, p.Suites[i].Name, x.ID)
		}
	}
	if p.Tests != "11" || p.Failures != "3" || p.Errors != "1" {
		t.Errorf("totals: tests=%s failures=%s errors=%s, want 11/3/1", p.Tests, p.Failures, p.Errors)
	}
	ssh := p.Suites[0]
	if ssh.Tests != "3" || ssh.Failures != "1" || ssh.Skipped != "1" {
		t.Errorf("ssh suite: %+v", ssh)
	}
	for _, c := range ssh.Cases {
		if c.ClassName != "module.net.aws_security_group.web[0]" {
			continue
		}
		if c.Name != "aws-sg-no-public-ssh" || c.Failure[0].Type != "critical" ||
			c.Failure[0].Body != "modules/net/sg.tf:19: module.net.aws_security_group.web[0] allows 0.0.0.0/0 to port 22 (ingress[1])" {
			t.Errorf("failing case: %+v", c)
		}
	}
	var unknownSeen bool
	for _, c := range p.Suites[2].Cases {
		if c.ClassName == "aws_cloudwatch_log_group.flow" {
			unknownSeen = true
			if len(c.Failure)+len(c.Error)+len(c.Skipped) != 0 || c.SystemOut == "" {
				t.Errorf("unknown must be a plain case with a note: %+v", c)
			}
		}
	}
	if !unknownSeen {
		t.Error("unknown finding has no test case")
	}
	diag := p.Suites[len(p.Suites)-1]
	if diag.Name != "kansa" || diag.Errors != "1" || diag.Cases[0].Name != "broken.tf:7:12" {
		t.Errorf("diagnostics suite: %+v", diag)
	}
}

func TestOneCasePerResource(t *testing.T) {
	r := reporttest.Realistic()
	var f finding.Finding
	for _, x := range r.Findings {
		if x.Resource.Address == "module.net.aws_security_group.web[0]" {
			f = x
		}
	}
	f.Attribute, f.Message, f.StartLine = "ingress[3]", "another open rule", 28
	r.Findings = append(r.Findings, f)
	finding.Sort(r.Findings)
	p := parse(t, write(t, r))
	ssh := p.Suites[0]
	if ssh.Tests != "3" || ssh.Failures != "1" {
		t.Fatalf("two failures on one resource must stay one case: %+v", ssh)
	}
	for _, c := range ssh.Cases {
		if len(c.Failure) == 1 && c.Failure[0].Message != "module.net.aws_security_group.web[0] allows 0.0.0.0/0 to port 22 (ingress[1]) (and 1 more)" {
			t.Errorf("message: %q", c.Failure[0].Message)
		}
	}
}
