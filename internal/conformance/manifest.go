package conformance

import (
	"encoding/json"
	"fmt"
	"os"
)

// Manifest is the corpus index (format kansa-conformance/1).
type Manifest struct {
	Format string `json:"format"`
	Cases  []Case `json:"cases"`
}

// Case is one KICS file or Checkov directory judged by one kansa check.
type Case struct {
	ID     string   `json:"id"`
	Source string   `json:"source"` // kics | checkov
	Check  string   `json:"check"`
	Scan   string   `json:"scan"` // terraform | plan
	File   string   `json:"file"`
	Dir    string   `json:"dir"`
	Tags   []string `json:"tags"`
	Notes  string   `json:"notes"`
	// KICS fields.
	Expect            string              `json:"expect"`
	ExpectedLines     []int               `json:"expected_lines"`
	OptionalLines     []int               `json:"optional_lines"`
	ExpectedResources []string            `json:"expected_resources"`
	AcceptAlso        map[string][]string `json:"accept_also"`
	Ambiguous         []string            `json:"ambiguous_resources"`
	// Checkov fields.
	ExpectFail    []string `json:"expect_fail_resources"`
	ExpectPass    []string `json:"expect_pass_resources"`
	ExpectUnknown []string `json:"expect_unknown_resources"`
	RunFlags      []string `json:"run_flags"`
}

// Load reads the manifest at path.
func Load(path string) (*Manifest, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read manifest: %w", err)
	}
	var m Manifest
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("parse manifest %s: %w", path, err)
	}
	if m.Format != "kansa-conformance/1" {
		return nil, fmt.Errorf("manifest %s: unsupported format %q", path, m.Format)
	}
	return &m, nil
}
