package junittest

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
)

// ErrNoXMLLint is returned by Validate when xmllint is not on PATH.
var ErrNoXMLLint = errors.New("xmllint not found on PATH (install libxml2-utils)")

// XMLLintRequired reports whether a missing xmllint must fail the tests
// (KANSA_REQUIRE_XMLLINT=1) instead of skipping the XSD validation.
func XMLLintRequired() bool {
	return os.Getenv("KANSA_REQUIRE_XMLLINT") == "1"
}

// SchemaPath returns the path of the JUnit XSD in this repository
// (testdata/schemas/junit-10.xsd).
func SchemaPath() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "..", "testdata", "schemas", "junit-10.xsd")
}

// Validate checks doc against the JUnit XSD with xmllint, which reads it
// from stdin. It returns ErrNoXMLLint when xmllint is missing.
func Validate(ctx context.Context, doc []byte) error {
	xmllint, err := exec.LookPath("xmllint")
	if err != nil {
		return ErrNoXMLLint
	}
	cmd := exec.CommandContext(ctx, xmllint, "--noout", "--schema", SchemaPath(), "-")
	cmd.Stdin = bytes.NewReader(doc)
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("does not validate against junit-10.xsd: %w\n%s", err, out)
	}
	return nil
}

// Totals are the counts of a document's test cases.
type Totals struct {
	Tests, Failures, Errors, Skipped int
}

// document is what Count reads of a JUnit file.
type document struct {
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
			Failure []struct{} `xml:"failure"`
			Error   []struct{} `xml:"error"`
			Skipped []struct{} `xml:"skipped"`
		} `xml:"testcase"`
	} `xml:"testsuite"`
}

// Count parses doc, counts its test cases by outcome (a case with a
// failure is a failure, else with an error an error, else with skipped
// skipped), and compares the counts with the tests, failures, errors and
// skipped attributes of every suite and of <testsuites>. It returns the
// counted totals, and an error listing every attribute that disagrees.
func Count(doc []byte) (Totals, error) {
	var d document
	if err := xml.Unmarshal(doc, &d); err != nil {
		return Totals{}, fmt.Errorf("not XML: %w", err)
	}
	var all Totals
	var errs []error
	check := func(where, attr, got string, want int) {
		n, err := strconv.Atoi(got)
		switch {
		case err != nil:
			errs = append(errs, fmt.Errorf("%s: %s=%q is not a count", where, attr, got))
		case n != want:
			errs = append(errs, fmt.Errorf("%s: %s=%d, but %d counted", where, attr, n, want))
		}
	}
	for _, s := range d.Suites {
		var t Totals
		t.Tests = len(s.Cases)
		for _, c := range s.Cases {
			switch {
			case len(c.Failure) > 0:
				t.Failures++
			case len(c.Error) > 0:
				t.Errors++
			case len(c.Skipped) > 0:
				t.Skipped++
			}
		}
		where := fmt.Sprintf("testsuite %q", s.Name)
		check(where, "tests", s.Tests, t.Tests)
		check(where, "failures", s.Failures, t.Failures)
		check(where, "errors", s.Errors, t.Errors)
		check(where, "skipped", s.Skipped, t.Skipped)
		all.Tests += t.Tests
		all.Failures += t.Failures
		all.Errors += t.Errors
		all.Skipped += t.Skipped
	}
	check("testsuites", "tests", d.Tests, all.Tests)
	check("testsuites", "failures", d.Failures, all.Failures)
	check("testsuites", "errors", d.Errors, all.Errors)
	return all, errors.Join(errs...)
}
