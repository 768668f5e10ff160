package sarif

import (
	"testing"

	"github.com/kansa-sec/kansa/internal/finding"
	"github.com/kansa-sec/kansa/reports/internal/reporttest"
)

// TestTooManyResults checks the GitHub results limit with a small limit:
// suppressed results are dropped first and a notification says so.
func TestTooManyResults(t *testing.T) {
	const limit = 20
	r := reporttest.Realistic()
	base := r.Findings[0]
	r.Findings = nil
	for i := 0; i < limit+5; i++ {
		f := base
		f.Attribute = string(rune('a' + i))
		if i < 10 {
			f.Status = finding.StatusSuppressed
		}
		r.Findings = append(r.Findings, f)
	}
	l := build(r, Options{maxResults: limit})
	results := l.Runs[0].Results
	if len(results) != limit {
		t.Fatalf("results: got %d, want %d", len(results), limit)
	}
	suppressed := 0
	for _, res := range results {
		if len(res.Suppressions) > 0 {
			suppressed++
		}
	}
	if suppressed != 5 {
		t.Errorf("kept %d suppressed results, want 5 (suppressed are dropped first)", suppressed)
	}
	notes := l.Runs[0].Invocations[0].Notifications
	if last := notes[len(notes)-1]; last.Level != "warning" || last.Message.Text == "" {
		t.Errorf("no notification about dropped results: %+v", notes)
	}
}
