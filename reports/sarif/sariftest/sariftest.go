package sariftest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// schemaID is the $id of the SARIF 2.1.0 schema file (errata 01).
const schemaID = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

// GitHub code scanning's hard limits on one uploaded SARIF file: over any
// of them the whole upload is rejected.
const (
	MaxRuns               = 20
	MaxResultsPerRun      = 25000
	MaxRulesPerRun        = 25000
	MaxLocationsPerResult = 1000
	MaxTagsPerRule        = 20
)

// SrcRoot is the only uriBaseId GitHub resolves without help: the root of
// the checked-out repository.
const SrcRoot = "%SRCROOT%"

// SchemaPath returns the path of the SARIF 2.1.0 JSON schema in this
// repository (testdata/schemas/sarif-schema-2.1.0.json).
func SchemaPath() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "..", "testdata", "schemas", "sarif-schema-2.1.0.json")
}

// Schema compiles the SARIF 2.1.0 schema, with format assertions on.
func Schema() (*jsonschema.Schema, error) {
	b, err := os.ReadFile(SchemaPath())
	if err != nil {
		return nil, fmt.Errorf("sarif schema: %w", err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("sarif schema: %w", err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource(schemaID, doc); err != nil {
		return nil, fmt.Errorf("sarif schema: %w", err)
	}
	s, err := c.Compile(schemaID)
	if err != nil {
		return nil, fmt.Errorf("sarif schema: %w", err)
	}
	return s, nil
}

// Validate checks log against the compiled schema s.
func Validate(s *jsonschema.Schema, log []byte) error {
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(log))
	if err != nil {
		return fmt.Errorf("not JSON: %w", err)
	}
	if err := s.Validate(inst); err != nil {
		return fmt.Errorf("not valid SARIF 2.1.0: %w", err)
	}
	return nil
}

// ghLog is the part of a log that GitHub's ingestion rules look at.
type ghLog struct {
	Runs []struct {
		Tool struct {
			Driver struct {
				Name  string
				Rules []struct {
					ID         string
					Properties map[string]json.RawMessage
				}
			}
		}
		AutomationDetails *struct{ ID string }
		Invocations       []struct {
			ToolExecutionNotifications []struct {
				Locations []ghLocation
			}
		}
		Results []struct {
			RuleID              string
			RuleIndex           *int
			Message             struct{ Text string }
			Locations           []ghLocation
			PartialFingerprints map[string]string
		}
	}
}

type ghLocation struct {
	PhysicalLocation *struct {
		ArtifactLocation struct {
			URI       string
			URIBaseID string
		}
	}
}

// CheckGitHub reports every way log breaks the rules GitHub code scanning
// applies to an upload, joined into one error; nil when it meets them all:
//
//   - at most MaxRuns runs, and per run at most MaxRulesPerRun rules and
//     MaxResultsPerRun results;
//   - every run has automationDetails.id (the category that keeps the
//     alerts of different scans apart);
//   - rule ids are set and unique; every rule has a security-severity
//     property that is a number from 0 to 10 written as a string, and at
//     most MaxTagsPerRule tags;
//   - every result has a message, a ruleId declared among the rules, a
//     ruleIndex (when present) pointing at the rule of that id, non-empty
//     partialFingerprints, and 1 to MaxLocationsPerResult locations of
//     which the first has physicalLocation.artifactLocation.uri (GitHub
//     rejects the upload otherwise: "expected artifact location");
//   - every artifact URI, in results and notifications, is a relative
//     reference inside the repository (no scheme such as file://, no
//     leading slash, no backslash, no ".." segment) whose uriBaseId is
//     absent or SrcRoot.
func CheckGitHub(log []byte) error {
	var l ghLog
	if err := json.Unmarshal(log, &l); err != nil {
		return fmt.Errorf("not a SARIF log: %w", err)
	}
	var errs []error
	bad := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }
	if len(l.Runs) > MaxRuns {
		bad("%d runs, GitHub accepts at most %d", len(l.Runs), MaxRuns)
	}
	for i, run := range l.Runs {
		at := fmt.Sprintf("runs[%d]", i)
		if run.AutomationDetails == nil || strings.TrimSpace(run.AutomationDetails.ID) == "" {
			bad("%s: automationDetails.id is missing", at)
		}
		rules := run.Tool.Driver.Rules
		if len(rules) > MaxRulesPerRun {
			bad("%s: %d rules, GitHub accepts at most %d", at, len(rules), MaxRulesPerRun)
		}
		declared := make(map[string]bool, len(rules))
		for j, r := range rules {
			rat := fmt.Sprintf("%s.tool.driver.rules[%d]", at, j)
			if r.ID == "" {
				bad("%s: no id", rat)
			} else if declared[r.ID] {
				bad("%s: id %q is declared twice", rat, r.ID)
			}
			declared[r.ID] = true
			if err := securitySeverity(r.Properties["security-severity"]); err != nil {
				bad("%s (%s): %w", rat, r.ID, err)
			}
			if raw, ok := r.Properties["tags"]; ok {
				var tags []string
				if err := json.Unmarshal(raw, &tags); err != nil {
					bad("%s (%s): tags are not a list of strings: %w", rat, r.ID, err)
				} else if len(tags) > MaxTagsPerRule {
					bad("%s (%s): %d tags, GitHub accepts at most %d", rat, r.ID, len(tags), MaxTagsPerRule)
				}
			}
		}
		if len(run.Results) > MaxResultsPerRun {
			bad("%s: %d results, GitHub accepts at most %d", at, len(run.Results), MaxResultsPerRun)
		}
		for j, res := range run.Results {
			rat := fmt.Sprintf("%s.results[%d]", at, j)
			if strings.TrimSpace(res.Message.Text) == "" {
				bad("%s: no message.text", rat)
			}
			switch {
			case res.RuleID == "":
				bad("%s: no ruleId", rat)
			case !declared[res.RuleID]:
				bad("%s: ruleId %q is not among the run's rules", rat, res.RuleID)
			}
			if res.RuleIndex != nil {
				if k := *res.RuleIndex; k < 0 || k >= len(rules) {
					bad("%s: ruleIndex %d is out of range (%d rules)", rat, k, len(rules))
				} else if rules[k].ID != res.RuleID {
					bad("%s: ruleIndex %d names rule %q, ruleId is %q", rat, k, rules[k].ID, res.RuleID)
				}
			}
			if len(res.PartialFingerprints) == 0 {
				bad("%s: no partialFingerprints", rat)
			}
			for k, v := range res.PartialFingerprints {
				if k == "" || v == "" {
					bad("%s: empty partialFingerprints entry %q: %q", rat, k, v)
				}
			}
			switch n := len(res.Locations); {
			case n == 0:
				bad("%s: no locations", rat)
			case n > MaxLocationsPerResult:
				bad("%s: %d locations, GitHub accepts at most %d", rat, n, MaxLocationsPerResult)
			default:
				if pl := res.Locations[0].PhysicalLocation; pl == nil || pl.ArtifactLocation.URI == "" {
					bad("%s: the first location has no physicalLocation.artifactLocation.uri", rat)
				}
			}
			for k, loc := range res.Locations {
				if err := artifact(loc); err != nil {
					bad("%s.locations[%d]: %w", rat, k, err)
				}
			}
		}
		for j, inv := range run.Invocations {
			for k, n := range inv.ToolExecutionNotifications {
				for m, loc := range n.Locations {
					if err := artifact(loc); err != nil {
						bad("%s.invocations[%d].toolExecutionNotifications[%d].locations[%d]: %w", at, j, k, m, err)
					}
				}
			}
		}
	}
	return errors.Join(errs...)
}

// securitySeverity checks a rule's security-severity property: GitHub
// reads it as a string holding a score from 0.0 to 10.0.
func securitySeverity(raw json.RawMessage) error {
	if raw == nil {
		return errors.New("no security-severity property")
	}
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		return fmt.Errorf("security-severity %s is not a string", raw)
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || v < 0 || v > 10 {
		return fmt.Errorf("security-severity %q is not a number from 0 to 10", s)
	}
	return nil
}

// artifact checks that a location's artifact URI, if any, is a relative
// reference that stays inside the repository.
func artifact(loc ghLocation) error {
	if loc.PhysicalLocation == nil {
		return nil
	}
	a := loc.PhysicalLocation.ArtifactLocation
	if a.URIBaseID != "" && a.URIBaseID != SrcRoot {
		return fmt.Errorf("uriBaseId %q: GitHub resolves only %s", a.URIBaseID, SrcRoot)
	}
	if a.URI == "" {
		return nil
	}
	u, err := url.Parse(a.URI)
	switch {
	case err != nil:
		return fmt.Errorf("uri %q: %w", a.URI, err)
	case u.Scheme != "" || u.Host != "":
		return fmt.Errorf("uri %q is absolute; GitHub wants a path relative to the repository", a.URI)
	case strings.HasPrefix(a.URI, "/"):
		return fmt.Errorf("uri %q starts at the file system root", a.URI)
	case strings.Contains(a.URI, `\`):
		return fmt.Errorf("uri %q has a backslash", a.URI)
	}
	for _, seg := range strings.Split(u.Path, "/") {
		if seg == ".." {
			return fmt.Errorf("uri %q climbs out of the repository", a.URI)
		}
	}
	return nil
}
