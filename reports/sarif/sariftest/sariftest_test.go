package sariftest_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/kansa-sec/kansa/reports/internal/reporttest"
	"github.com/kansa-sec/kansa/reports/sarif"
	"github.com/kansa-sec/kansa/reports/sarif/sariftest"
)

// realistic is the writer's log of the realistic fixture, decoded for
// mutation.
func realistic(t *testing.T) map[string]any {
	t.Helper()
	var buf bytes.Buffer
	if err := sarif.Write(&buf, reporttest.Realistic()); err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(buf.Bytes(), &m); err != nil {
		t.Fatal(err)
	}
	return m
}

// Helpers that reach into a decoded log.
func run0(m map[string]any) map[string]any { return m["runs"].([]any)[0].(map[string]any) }
func rules(m map[string]any) []any {
	return run0(m)["tool"].(map[string]any)["driver"].(map[string]any)["rules"].([]any)
}
func rule(m map[string]any, i int) map[string]any { return rules(m)[i].(map[string]any) }
func results(m map[string]any) []any              { return run0(m)["results"].([]any) }
func result(m map[string]any, i int) map[string]any {
	return results(m)[i].(map[string]any)
}
func artifact(m map[string]any, i int) map[string]any {
	loc := result(m, i)["locations"].([]any)[0].(map[string]any)
	return loc["physicalLocation"].(map[string]any)["artifactLocation"].(map[string]any)
}

func TestCheckGitHubAcceptsTheWriter(t *testing.T) {
	// The live fixture needs LiveArtifacts (below); the hostile one holds
	// what no scan produces (a resource without file, address or ARN).
	for _, c := range []reporttest.Case{
		{Name: "empty", Report: reporttest.Empty()},
		{Name: "realistic", Report: reporttest.Realistic()},
		{Name: "passing", Report: reporttest.Passing()},
	} {
		t.Run(c.Name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := sarif.Write(&buf, c.Report); err != nil {
				t.Fatal(err)
			}
			if err := sariftest.CheckGitHub(buf.Bytes()); err != nil {
				t.Error(err)
			}
		})
	}
	var buf bytes.Buffer
	if err := sarif.WriteOptions(&buf, reporttest.Live(), sarif.Options{LiveArtifacts: true}); err != nil {
		t.Fatal(err)
	}
	if err := sariftest.CheckGitHub(buf.Bytes()); err != nil {
		t.Errorf("live with LiveArtifacts: %v", err)
	}
}

// TestCheckGitHubBites breaks one rule at a time and expects the checker
// to name it.
func TestCheckGitHubBites(t *testing.T) {
	tests := []struct {
		name   string
		mutate func(m map[string]any)
		want   string
	}{
		{"too many runs", func(m map[string]any) {
			runs := m["runs"].([]any)
			for len(runs) <= sariftest.MaxRuns {
				runs = append(runs, runs[0])
			}
			m["runs"] = runs
		}, "runs, GitHub accepts at most 20"},
		{"too many results", func(m map[string]any) {
			rs := results(m)
			for len(rs) <= sariftest.MaxResultsPerRun {
				rs = append(rs, rs[0])
			}
			run0(m)["results"] = rs
		}, "results, GitHub accepts at most 25000"},
		{"too many locations", func(m map[string]any) {
			locs := result(m, 0)["locations"].([]any)
			for len(locs) <= sariftest.MaxLocationsPerResult {
				locs = append(locs, locs[0])
			}
			result(m, 0)["locations"] = locs
		}, "locations, GitHub accepts at most 1000"},
		{"too many tags", func(m map[string]any) {
			tags := make([]any, sariftest.MaxTagsPerRule+1)
			for i := range tags {
				tags[i] = "t"
			}
			rule(m, 0)["properties"].(map[string]any)["tags"] = tags
		}, "tags, GitHub accepts at most 20"},
		{"no category", func(m map[string]any) { delete(run0(m), "automationDetails") }, "automationDetails.id is missing"},
		{"duplicate rule", func(m map[string]any) {
			run0(m)["tool"].(map[string]any)["driver"].(map[string]any)["rules"] = append(rules(m), rules(m)[0])
		}, "is declared twice"},
		{"no security-severity", func(m map[string]any) {
			delete(rule(m, 1)["properties"].(map[string]any), "security-severity")
		}, "no security-severity property"},
		{"numeric security-severity", func(m map[string]any) {
			rule(m, 1)["properties"].(map[string]any)["security-severity"] = 9.5
		}, "is not a string"},
		{"security-severity out of range", func(m map[string]any) {
			rule(m, 1)["properties"].(map[string]any)["security-severity"] = "11"
		}, "is not a number from 0 to 10"},
		{"ruleIndex points elsewhere", func(m map[string]any) {
			r := result(m, 0)
			r["ruleIndex"] = float64(len(rules(m)) - 1 - int(r["ruleIndex"].(float64)))
		}, "names rule"},
		{"ruleIndex out of range", func(m map[string]any) { result(m, 0)["ruleIndex"] = float64(len(rules(m))) }, "out of range"},
		{"undeclared ruleId", func(m map[string]any) { result(m, 0)["ruleId"] = "nope" }, "is not among the run's rules"},
		{"no fingerprints", func(m map[string]any) { delete(result(m, 0), "partialFingerprints") }, "no partialFingerprints"},
		{"no message", func(m map[string]any) { result(m, 0)["message"] = map[string]any{"text": " "} }, "no message.text"},
		{"no locations", func(m map[string]any) { result(m, 0)["locations"] = []any{} }, "no locations"},
		{"logical location only", func(m map[string]any) {
			delete(result(m, 0)["locations"].([]any)[0].(map[string]any), "physicalLocation")
		}, "has no physicalLocation.artifactLocation.uri"},
		{"file URI", func(m map[string]any) { artifact(m, 0)["uri"] = "file:///srv/repo/main.tf" }, "is absolute"},
		{"absolute path", func(m map[string]any) { artifact(m, 0)["uri"] = "/srv/repo/main.tf" }, "starts at the file system root"},
		{"backslash", func(m map[string]any) { artifact(m, 0)["uri"] = `modules\net\sg.tf` }, "has a backslash"},
		{"climbs out", func(m map[string]any) { artifact(m, 0)["uri"] = "modules/../../x.tf" }, "climbs out"},
		{"other uriBaseId", func(m map[string]any) { artifact(m, 0)["uriBaseId"] = "PROJECTROOT" }, "GitHub resolves only %SRCROOT%"},
	}
	if err := sariftest.CheckGitHub(mustJSON(t, realistic(t))); err != nil {
		t.Fatalf("the unbroken log fails: %v", err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := realistic(t)
			tt.mutate(m)
			err := sariftest.CheckGitHub(mustJSON(t, m))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got %v, want an error saying %q", err, tt.want)
			}
		})
	}
	// The writer's live log without LiveArtifacts is what GitHub rejects.
	var buf bytes.Buffer
	if err := sarif.Write(&buf, reporttest.Live()); err != nil {
		t.Fatal(err)
	}
	if err := sariftest.CheckGitHub(buf.Bytes()); err == nil || !strings.Contains(err.Error(), "no physicalLocation") {
		t.Errorf("live without LiveArtifacts: %v", err)
	}
}

func TestSchemaAndValidate(t *testing.T) {
	s, err := sariftest.Schema()
	if err != nil {
		t.Fatal(err)
	}
	good := realistic(t)
	if err := sariftest.Validate(s, mustJSON(t, good)); err != nil {
		t.Fatalf("the writer's log: %v", err)
	}
	result(good, 0)["level"] = "critical"
	if err := sariftest.Validate(s, mustJSON(t, good)); err == nil {
		t.Error("a bad level validates")
	}
	if err := sariftest.Validate(s, []byte("{")); err == nil {
		t.Error("broken JSON validates")
	}
}

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
