// Package baseline records the findings a repository has today so that a
// pull-request check fails only on new ones. A baseline is a kansa JSON
// report (reports/json); findings are matched by check ID and resource
// identity (Terraform address or ARN), never by line, so moving code does
// not resurrect them. internal/cli creates and applies baselines.
package baseline

import (
	"fmt"
	"os"

	"github.com/kansa-sec/kansa/internal/finding"
	jsonreport "github.com/kansa-sec/kansa/reports/json"
)

// Set holds the keys of baselined findings.
type Set struct {
	keys map[string]bool
}

// Key identifies a finding across runs: check ID and resource identity.
func Key(f finding.Finding) string {
	return f.CheckID + "\x00" + f.Resource.Identity()
}

// Recorded reports whether f is one a baseline keeps: failures and
// suppressed failures (a suppression that later expires is still known).
func Recorded(f finding.Finding) bool {
	return f.Status == finding.StatusFail || f.Status == finding.StatusSuppressed || f.Status == finding.StatusBaseline
}

// Load reads a baseline (or any kansa JSON report) from path.
func Load(path string) (*Set, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read baseline: %w", err)
	}
	defer fh.Close() //nolint:errcheck // read-only file; a close error loses nothing
	r, err := jsonreport.Read(fh)
	if err != nil {
		return nil, fmt.Errorf("baseline %s: %w", path, err)
	}
	return FromFindings(r.Findings), nil
}

// FromFindings builds a set from the recorded findings of fs.
func FromFindings(fs []finding.Finding) *Set {
	s := &Set{keys: map[string]bool{}}
	for _, f := range fs {
		if Recorded(f) {
			s.keys[Key(f)] = true
		}
	}
	return s
}

// Len is the number of baselined findings.
func (s *Set) Len() int { return len(s.keys) }

// Apply marks failures present in the baseline with StatusBaseline, so they
// are reported but do not count for the exit status. It returns how many.
func (s *Set) Apply(fs []finding.Finding) int {
	n := 0
	for i := range fs {
		if fs[i].Status == finding.StatusFail && s.keys[Key(fs[i])] {
			fs[i].Status = finding.StatusBaseline
			n++
		}
	}
	return n
}

// Filter returns the findings of r a new baseline records.
func Filter(r *finding.Report) *finding.Report {
	out := *r
	out.Findings = nil
	for _, f := range r.Findings {
		if Recorded(f) {
			out.Findings = append(out.Findings, f)
		}
	}
	return &out
}
