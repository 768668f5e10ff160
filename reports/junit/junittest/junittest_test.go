package junittest_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/kansa-sec/kansa/reports/internal/reporttest"
	"github.com/kansa-sec/kansa/reports/junit"
	"github.com/kansa-sec/kansa/reports/junit/junittest"
)

func realistic(t *testing.T) string {
	t.Helper()
	var buf bytes.Buffer
	if err := junit.Write(&buf, reporttest.Realistic()); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

func TestCount(t *testing.T) {
	good := realistic(t)
	got, err := junittest.Count([]byte(good))
	if err != nil {
		t.Fatal(err)
	}
	// Recount independently: one <testcase per case, one outcome element each.
	want := junittest.Totals{
		Tests:    strings.Count(good, "<testcase "),
		Failures: strings.Count(good, "<failure "),
		Errors:   strings.Count(good, "<error "),
		Skipped:  strings.Count(good, "<skipped "),
	}
	if got != want || got.Failures == 0 || got.Errors == 0 || got.Skipped == 0 {
		t.Errorf("Count = %+v, want %+v (with some of each outcome)", got, want)
	}

	tests := []struct {
		name, old, new, want string
	}{
		{"suite failures", `tests="3" failures="1"`, `tests="3" failures="2"`, "failures=2, but 1 counted"},
		{"total tests", `<testsuites name="kansa terraform:infra" tests="11"`, `<testsuites name="kansa terraform:infra" tests="12"`, "testsuites: tests=12, but 11 counted"},
		{"not a number", `errors="0" skipped="1"`, `errors="0" skipped="one"`, `skipped="one" is not a count`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			bad := strings.Replace(good, tt.old, tt.new, 1)
			if bad == good {
				t.Fatalf("%q is not in the document", tt.old)
			}
			if _, err := junittest.Count([]byte(bad)); err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got %v, want an error saying %q", err, tt.want)
			}
		})
	}
	if _, err := junittest.Count([]byte("<testsuites")); err == nil {
		t.Error("broken XML counts")
	}
}

func TestValidate(t *testing.T) {
	good := realistic(t)
	err := junittest.Validate(t.Context(), []byte(good))
	if errors.Is(err, junittest.ErrNoXMLLint) {
		if junittest.XMLLintRequired() {
			t.Fatal(err)
		}
		t.Skip(err)
	}
	if err != nil {
		t.Fatal(err)
	}
	bad := strings.Replace(good, "<testsuite ", "<testsuite bogus=\"1\" ", 1)
	if err := junittest.Validate(t.Context(), []byte(bad)); err == nil {
		t.Error("an attribute the XSD does not know validates")
	}
}
