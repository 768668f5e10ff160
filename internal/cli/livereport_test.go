package cli

import (
	"github.com/kansa-sec/kansa/internal/golden"

	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kansa-sec/kansa/reports/sarif/sariftest"
)

// checkLiveSARIF validates a live scan's SARIF against the 2.1.0 schema and
// the live contract of cli.md: every result names its resource by a
// logical location (kind "resource") that idPrefix accepts (an ARN, or the
// account object), and has a physical location only when synthetic is set
// (--sarif-synthetic-locations), in which case GitHub's ingestion rules hold.
func checkLiveSARIF(t *testing.T, log []byte, synthetic bool, idPrefixes ...string) {
	t.Helper()
	s, err := sariftest.Schema()
	if err != nil {
		t.Fatal(err)
	}
	if err := sariftest.Validate(s, log); err != nil {
		t.Errorf("SARIF invalid: %v", err)
	}
	if synthetic {
		if err := sariftest.CheckGitHub(log); err != nil {
			t.Errorf("GitHub would not ingest the SARIF file:\n%v", err)
		}
	}
	var l struct {
		Runs []struct {
			Results []struct {
				Locations []struct {
					PhysicalLocation *json.RawMessage `json:"physicalLocation"`
					LogicalLocations []struct {
						FullyQualifiedName string `json:"fullyQualifiedName"`
						Kind               string `json:"kind"`
					} `json:"logicalLocations"`
				} `json:"locations"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(log, &l); err != nil {
		t.Fatal(err)
	}
	if len(l.Runs) != 1 || len(l.Runs[0].Results) == 0 {
		t.Fatalf("want one run with results")
	}
	for _, r := range l.Runs[0].Results {
		loc := r.Locations[0]
		if (loc.PhysicalLocation != nil) != synthetic {
			t.Errorf("physical location present = %v, want %v", loc.PhysicalLocation != nil, synthetic)
		}
		n := loc.LogicalLocations[0]
		ok := false
		for _, p := range idPrefixes {
			ok = ok || strings.HasPrefix(n.FullyQualifiedName, p)
		}
		if n.Kind != "resource" || !ok {
			t.Errorf("logical location %q (%s), want a resource named %v", n.FullyQualifiedName, n.Kind, idPrefixes)
		}
	}
}

// repoRoot is the repository root, resolved before any test changes directory.
var repoRoot = func() string {
	root, err := filepath.Abs("../..")
	if err != nil {
		panic(err)
	}
	return root
}()

// liveFinding is what the tests read of a JSON report's finding.
type liveFinding struct {
	CheckID  string `json:"check_id"`
	Status   string `json:"status"`
	Resource struct {
		ARN    string `json:"arn"`
		Type   string `json:"type"`
		Region string `json:"region"`
		File   string `json:"file"`
	} `json:"resource"`
	Message string `json:"message"`
}

func liveFindings(t *testing.T, report string) []liveFinding {
	t.Helper()
	var r struct {
		Findings []liveFinding `json:"findings"`
	}
	if err := json.Unmarshal([]byte(report), &r); err != nil {
		t.Fatalf("not a JSON report: %v\n%s", err, report)
	}
	return r.Findings
}

// compareGolden compares got with testdata/golden/name, rewriting it with -update.
func compareGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	golden.Compare(t, filepath.Join(repoRoot, "testdata", "golden", name), got, *update)
}
