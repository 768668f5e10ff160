package conformance

import (
	"testing"

	"github.com/kansa-sec/kansa/internal/finding"
)

func TestScore(t *testing.T) {
	fail := func(check, addr string, start, end int) finding.Finding {
		return finding.Finding{CheckID: check, Status: finding.StatusFail, StartLine: start, EndLine: end,
			Resource: finding.Resource{Address: addr, StartLine: start, EndLine: end}}
	}
	tests := []struct {
		name    string
		c       Case
		fs      []finding.Finding
		pass    bool
		tp, fn  int
		fp      int
		exact   int
		lenient int
	}{
		{"kics fail hit", Case{Source: "kics", Check: "c", Expect: "fail", ExpectedResources: []string{"a.x"}, ExpectedLines: []int{3, 5}},
			[]finding.Finding{fail("c", "a.x", 3, 6)}, true, 1, 0, 0, 1, 2},
		{"kics fail via accept_also", Case{Source: "kics", Check: "c", Expect: "fail", ExpectedResources: []string{"a.x"}, AcceptAlso: map[string][]string{"a.x": {"b.y"}}},
			[]finding.Finding{fail("c", "b.y", 1, 1)}, true, 1, 0, 0, 0, 0},
		{"kics fail other check only", Case{Source: "kics", Check: "c", Expect: "fail", ExpectedResources: []string{"a.x"}},
			[]finding.Finding{fail("other", "a.x", 1, 1)}, false, 0, 1, 0, 0, 0},
		{"kics pass with fp", Case{Source: "kics", Check: "c", Expect: "pass"},
			[]finding.Finding{fail("c", "a.x", 1, 1), fail("c", "a.y", 1, 1)}, false, 0, 0, 2, 0, 0},
		{"kics suppressed does not count", Case{Source: "kics", Check: "c", Expect: "pass"},
			[]finding.Finding{{CheckID: "c", Status: finding.StatusSuppressed}}, true, 0, 0, 0, 0, 0},
		{"checkov mixed", Case{Source: "checkov", Check: "c", ExpectFail: []string{"a.f1", "a.f2"}, ExpectPass: []string{"a.p"}},
			[]finding.Finding{fail("c", "a.f1", 1, 1), fail("c", "a.p", 1, 1)}, false, 1, 1, 1, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := Score(tt.c, tt.fs)
			if o.Pass != tt.pass || o.TP != tt.tp || o.FN != tt.fn || o.FP != tt.fp || o.ExactLines != tt.exact || o.LenientLines != tt.lenient {
				t.Fatalf("got %+v", o)
			}
		})
	}
}
