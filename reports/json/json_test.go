package json_test

import (
	"bytes"
	stdjson "encoding/json"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/kansa-sec/kansa/internal/finding"
	"github.com/kansa-sec/kansa/reports/internal/reporttest"
	kjson "github.com/kansa-sec/kansa/reports/json"
)

func write(t *testing.T, r *finding.Report) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := kjson.Write(&buf, r); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestGolden(t *testing.T) {
	for _, c := range reporttest.Cases() {
		t.Run(c.Name, func(t *testing.T) {
			got := write(t, c.Report)
			if !bytes.Equal(got, write(t, c.Report)) {
				t.Fatal("output is not deterministic")
			}
			if !stdjson.Valid(got) || !utf8.Valid(got) {
				t.Fatal("output is not valid UTF-8 JSON")
			}
			reporttest.Golden(t, "json", c.Name+".json", got)
		})
	}
}

func TestNilReport(t *testing.T) {
	got := write(t, nil)
	var d kjson.Document
	if err := stdjson.Unmarshal(got, &d); err != nil {
		t.Fatal(err)
	}
	if d.SchemaVersion != 1 || d.Findings == nil || d.Errors == nil || d.Checks == nil {
		t.Errorf("empty document: %+v", d)
	}
}

func TestSummary(t *testing.T) {
	d := kjson.Build(reporttest.Realistic())
	want := kjson.Summary{
		Checks:         5,
		Findings:       10,
		ByStatus:       kjson.StatusCounts{Fail: 3, Pass: 3, Suppressed: 2, Baseline: 1, Unknown: 1},
		FailBySeverity: kjson.SeverityCounts{Critical: 2, High: 1},
	}
	if d.Summary != want {
		t.Errorf("summary:\n got %+v\nwant %+v", d.Summary, want)
	}
}

func TestFieldOrder(t *testing.T) {
	got := string(write(t, reporttest.Realistic()))
	keys := []string{`"schema_version"`, `"tool"`, `"target"`, `"summary"`, `"checks"`, `"findings"`, `"errors"`}
	last := -1
	for _, k := range keys {
		i := strings.Index(got, "\n  "+k)
		if i <= last {
			t.Fatalf("top-level key %s out of order", k)
		}
		last = i
	}
}

func TestRoundTrip(t *testing.T) {
	for _, name := range []string{"realistic", "live", "passing", "empty"} {
		var r *finding.Report
		for _, c := range reporttest.Cases() {
			if c.Name == name {
				r = c.Report
			}
		}
		back, err := kjson.Read(bytes.NewReader(write(t, r)))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !reflect.DeepEqual(back.Findings, r.Findings) {
			t.Errorf("%s: findings differ after a round trip", name)
		}
		if !bytes.Equal(write(t, back), write(t, r)) {
			t.Errorf("%s: a round trip changes the document", name)
		}
	}
}

func TestReadRejectsNewerSchema(t *testing.T) {
	if _, err := kjson.Read(strings.NewReader(`{"schema_version": 2}`)); err == nil {
		t.Error("schema_version 2 accepted")
	}
	if _, err := kjson.Read(strings.NewReader(`not json`)); err == nil {
		t.Error("garbage accepted")
	}
}

// TestStreamedEqualsWhole: Write streams the findings one by one, and its
// bytes are those of encoding the whole document at once, for every report
// case (empty, hostile strings, suppressions...) and a nil report.
func TestStreamedEqualsWhole(t *testing.T) {
	cases := reporttest.Cases()
	cases = append(cases, reporttest.Case{Name: "nil"})
	for _, c := range cases {
		t.Run(c.Name, func(t *testing.T) {
			var want bytes.Buffer
			enc := stdjson.NewEncoder(&want)
			enc.SetEscapeHTML(false)
			enc.SetIndent("", "  ")
			if err := enc.Encode(kjson.Build(c.Report)); err != nil {
				t.Fatal(err)
			}
			if got := write(t, c.Report); !bytes.Equal(got, want.Bytes()) {
				t.Errorf("streamed output differs from the whole document:\n%s\nwant\n%s", got, want.Bytes())
			}
		})
	}
}
