package junit

import (
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/kansa-sec/kansa/internal/finding"
	"github.com/kansa-sec/kansa/reports/internal/reportutil"
)

// DiagnosticsSuite names the extra suite that carries scan diagnostics.
const DiagnosticsSuite = "kansa"

// Write renders r as JUnit XML on w. A nil report is written as an empty
// <testsuites>. Counts on every suite and on <testsuites> add up; every
// string is made valid XML 1.0 text.
func Write(w io.Writer, r *finding.Report) error {
	r = reportutil.OrEmpty(r)
	suites := build(r)
	var tests, failures, errors int
	for _, s := range suites {
		tests += s.Tests
		failures += s.Failures
		errors += s.Errors
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return fmt.Errorf("write junit: %w", err)
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	name := "kansa"
	if t := reportutil.Line(r.Target); t != "" {
		name += " " + t
	}
	start := xml.StartElement{Name: xml.Name{Local: "testsuites"}, Attr: []xml.Attr{
		{Name: xml.Name{Local: "name"}, Value: name},
		{Name: xml.Name{Local: "tests"}, Value: strconv.Itoa(tests)},
		{Name: xml.Name{Local: "failures"}, Value: strconv.Itoa(failures)},
		{Name: xml.Name{Local: "errors"}, Value: strconv.Itoa(errors)},
	}}
	if err := enc.EncodeToken(start); err != nil {
		return fmt.Errorf("write junit: %w", err)
	}
	for i := range suites {
		if err := enc.Encode(&suites[i]); err != nil {
			return fmt.Errorf("write junit suite %q: %w", suites[i].Name, err)
		}
	}
	if err := enc.EncodeToken(start.End()); err != nil {
		return fmt.Errorf("write junit: %w", err)
	}
	if err := enc.Close(); err != nil {
		return fmt.Errorf("write junit: %w", err)
	}
	if _, err := io.WriteString(w, "\n"); err != nil {
		return fmt.Errorf("write junit: %w", err)
	}
	return nil
}

// suite is one <testsuite>. Field order is output order.
type suite struct {
	XMLName    xml.Name    `xml:"testsuite"`
	Name       string      `xml:"name,attr"`
	Tests      int         `xml:"tests,attr"`
	Failures   int         `xml:"failures,attr"`
	Errors     int         `xml:"errors,attr"`
	Skipped    int         `xml:"skipped,attr"`
	Properties *properties `xml:"properties,omitempty"`
	Cases      []testCase  `xml:"testcase"`
	SystemOut  *text       `xml:"system-out,omitempty"`
}

type properties struct {
	Property []property `xml:"property"`
}

type property struct {
	Name  string `xml:"name,attr"`
	Value string `xml:"value,attr"`
}

// testCase is one <testcase>: a check on a resource.
type testCase struct {
	Name      string   `xml:"name,attr"`
	ClassName string   `xml:"classname,attr"`
	Failure   *outcome `xml:"failure,omitempty"`
	Error     *outcome `xml:"error,omitempty"`
	Skipped   *outcome `xml:"skipped,omitempty"`
	SystemOut *text    `xml:"system-out,omitempty"`
}

type outcome struct {
	Message string `xml:"message,attr,omitempty"`
	Type    string `xml:"type,attr,omitempty"`
	Body    string `xml:",cdata"`
}

// text is element content written as CDATA, so multi-line bodies stay
// readable; reportutil.Text has removed everything XML 1.0 forbids.
type text struct {
	Body string `xml:",cdata"`
}

func newText(lines []string) *text {
	if len(lines) == 0 {
		return nil
	}
	return &text{Body: reportutil.Text(strings.Join(lines, "\n"))}
}

// build groups r's findings into suites: one per rule in rule order, then
// the diagnostics suite when r has diagnostics.
func build(r *finding.Report) []suite {
	r = reportutil.OrEmpty(r)
	rules := reportutil.Rules(r)
	index := reportutil.NewIndex(rules)

	// Group findings by check, then by resource, keeping first-seen order.
	type group struct {
		id       string
		findings []finding.Finding
	}
	perRule := make([][]*group, len(rules))
	lookup := map[[2]string]*group{}
	for _, f := range r.Findings {
		i := index.Of(f.CheckID)
		key := [2]string{f.CheckID, reportutil.Identity(f)}
		g := lookup[key]
		if g == nil {
			g = &group{id: key[1]}
			lookup[key] = g
			perRule[i] = append(perRule[i], g)
		}
		g.findings = append(g.findings, f)
	}

	suites := make([]suite, 0, len(rules)+1)
	for i, x := range rules {
		s := suite{Name: reportutil.RuleID(x.ID), Properties: ruleProperties(x)}
		for _, g := range perRule[i] {
			c := newTestCase(s.Name, g.id, g.findings)
			s.count(c)
			s.Cases = append(s.Cases, c)
		}
		suites = append(suites, s)
	}
	if len(r.Diagnostics) > 0 {
		suites = append(suites, diagnostics(r.Diagnostics))
	}
	return suites
}

func (s *suite) count(c testCase) {
	s.Tests++
	switch {
	case c.Failure != nil:
		s.Failures++
	case c.Error != nil:
		s.Errors++
	case c.Skipped != nil:
		s.Skipped++
	}
}

func ruleProperties(x finding.Rule) *properties {
	p := &properties{Property: []property{{Name: "severity", Value: x.Severity.String()}}}
	if t := reportutil.Line(x.Title); t != "" {
		p.Property = append(p.Property, property{Name: "title", Value: t})
	}
	for _, t := range reportutil.FrameworkTags(x) {
		p.Property = append(p.Property, property{Name: "framework", Value: t})
	}
	return p
}

// newTestCase turns the findings of one check on one resource into a test
// case. Precedence: any failure fails it; else any error errors it; else
// an unknown leaves it passing with a note (unknown is not a verdict); else
// a suppression or baseline skips it. Findings the outcome does not show
// are listed in <system-out>.
func newTestCase(check, identity string, fs []finding.Finding) testCase {
	c := testCase{Name: check, ClassName: reportutil.Line(identity)}
	const (
		fails = iota
		errs
		unknown
		skips
	)
	var by [4][]finding.Finding
	for _, f := range fs {
		switch f.Status {
		case finding.StatusPass:
		case finding.StatusFail:
			by[fails] = append(by[fails], f)
		case finding.StatusError:
			by[errs] = append(by[errs], f)
		case finding.StatusSuppressed, finding.StatusBaseline:
			by[skips] = append(by[skips], f)
		default:
			by[unknown] = append(by[unknown], f)
		}
	}
	shown := -1
	switch {
	case len(by[fails]) > 0:
		sev := by[fails][0].Severity
		for _, f := range by[fails][1:] {
			sev = max(sev, f.Severity)
		}
		c.Failure = &outcome{Message: summary(by[fails]), Type: sev.String(), Body: body(by[fails])}
		shown = fails
	case len(by[errs]) > 0:
		c.Error = &outcome{Message: summary(by[errs]), Type: "error", Body: body(by[errs])}
		shown = errs
	case len(by[unknown]) > 0:
		// Not a verdict: the test case passes and system-out says why.
	case len(by[skips]) > 0:
		c.Skipped = &outcome{Message: skipMessage(by[skips][0])}
		shown = skips
	}
	var notes []string
	for i, group := range by {
		if i == shown {
			continue
		}
		for _, f := range group {
			notes = append(notes, statusWord(f)+": "+line(f))
		}
	}
	c.SystemOut = newText(notes)
	return c
}

func statusWord(f finding.Finding) string {
	switch f.Status {
	case finding.StatusFail, finding.StatusError, finding.StatusSuppressed, finding.StatusBaseline:
		return string(f.Status)
	}
	return "unknown"
}

// summary is the message attribute: the first message, and how many more.
func summary(fs []finding.Finding) string {
	m := reportutil.Message(fs[0])
	if len(fs) > 1 {
		m += fmt.Sprintf(" (and %d more)", len(fs)-1)
	}
	return m
}

// body lists "file:line: message" (or "ARN: message") per finding.
func body(fs []finding.Finding) string {
	lines := make([]string, 0, len(fs))
	for _, f := range fs {
		lines = append(lines, line(f))
	}
	return reportutil.Text(strings.Join(lines, "\n"))
}

func line(f finding.Finding) string {
	loc := reportutil.Location(f)
	if loc == "" {
		loc = reportutil.Identity(f)
	}
	return reportutil.Line(loc) + ": " + reportutil.Message(f)
}

func skipMessage(f finding.Finding) string {
	if f.Status == finding.StatusBaseline {
		return "baseline: recorded in the baseline file"
	}
	m := "suppressed"
	if f.Suppression != nil {
		if f.Suppression.Kind == "inSource" {
			m += " inline"
		} else {
			m += " in the config file"
		}
		if j := reportutil.Line(f.Suppression.Justification); j != "" {
			m += ": " + j
		}
		if e := reportutil.Line(f.Suppression.Expires); e != "" {
			m += " (until " + e + ")"
		}
	}
	return m
}

// diagnostics makes the suite that reports scan problems: one erroring test
// case per error diagnostic; warnings and notes go to its <system-out>.
func diagnostics(ds []finding.DiagnosticRef) suite {
	s := suite{Name: DiagnosticsSuite}
	var notes []string
	for _, d := range ds {
		loc := diagLocation(d)
		msg := reportutil.Line(d.Message)
		if msg == "" {
			msg = "(no message)"
		}
		if d.Severity != "error" {
			sev := reportutil.Line(d.Severity)
			if sev == "" {
				sev = "note"
			}
			notes = append(notes, strings.TrimPrefix(loc+": ", ": ")+sev+": "+msg)
			continue
		}
		name := loc
		if name == "" {
			name = "scan"
		}
		c := testCase{Name: name, ClassName: DiagnosticsSuite, Error: &outcome{Message: msg, Type: "error", Body: strings.TrimPrefix(loc+": ", ": ") + msg}}
		s.count(c)
		s.Cases = append(s.Cases, c)
	}
	s.SystemOut = newText(notes)
	return s
}

func diagLocation(d finding.DiagnosticRef) string {
	loc := reportutil.Line(d.File)
	if loc == "" {
		return ""
	}
	if d.Line > 0 {
		loc += ":" + strconv.Itoa(d.Line)
		if d.Column > 0 {
			loc += ":" + strconv.Itoa(d.Column)
		}
	}
	return loc
}
