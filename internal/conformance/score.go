package conformance

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/kansa-sec/kansa/internal/finding"
)

// Outcome is the score of one case.
type Outcome struct {
	Case Case
	// Pass says whether kansa met the case's expectation.
	Pass bool
	// Why explains a miss.
	Why string
	// TP, FN, FP count resources (Checkov and KICS fail cases).
	TP, FN, FP int
	// ExactLines, LenientLines and ExpectedLines count KICS line hits.
	ExactLines, LenientLines, ExpectedLines int
	// Extra lists failing addresses the case says nothing about.
	Extra []string
	// Errors are scan diagnostics of severity error.
	Errors []string
}

// Score judges the findings of one case's scan against its expectation.
// Only failing findings of the case's check count.
func Score(c Case, fs []finding.Finding) Outcome {
	o := Outcome{Case: c}
	var fails []finding.Finding
	for _, f := range fs {
		if f.CheckID == c.Check && f.Status == finding.StatusFail {
			fails = append(fails, f)
		}
	}
	failed := map[string]bool{}
	for _, f := range fails {
		failed[f.Resource.Identity()] = true
	}
	hit := func(addr string) bool {
		if failed[addr] {
			return true
		}
		for _, alt := range c.AcceptAlso[addr] {
			if failed[alt] {
				return true
			}
		}
		return false
	}
	var misses []string
	switch c.Source {
	case "kics":
		if c.Expect == "pass" {
			o.FP = len(fails)
			o.Pass = len(fails) == 0
			if !o.Pass {
				o.Why = fmt.Sprintf("false positive on %s", strings.Join(addresses(fails), ", "))
			}
			break
		}
		for _, r := range c.ExpectedResources {
			if slices.Contains(c.Ambiguous, r) {
				continue
			}
			if hit(r) {
				o.TP++
			} else {
				o.FN++
				misses = append(misses, r)
			}
		}
		o.ExpectedLines = len(c.ExpectedLines)
		for _, l := range c.ExpectedLines {
			exact, lenient := false, false
			for _, f := range fails {
				start := f.StartLine
				if start == 0 {
					start = f.Resource.StartLine
				}
				end := max(f.EndLine, start)
				exact = exact || start == l
				lenient = lenient || (l >= start && l <= end) || (l >= f.Resource.StartLine && l <= f.Resource.EndLine)
			}
			if exact {
				o.ExactLines++
			}
			if lenient || exact {
				o.LenientLines++
			}
		}
		o.Pass = len(fails) > 0 && o.FN == 0
		switch {
		case len(fails) == 0:
			o.Why = "no failing finding"
		case o.FN > 0:
			o.Why = "missed " + strings.Join(misses, ", ")
		}
	case "checkov":
		for _, r := range c.ExpectFail {
			if hit(r) {
				o.TP++
			} else {
				o.FN++
				misses = append(misses, r)
			}
		}
		var fps []string
		for _, r := range c.ExpectPass {
			if failed[r] {
				o.FP++
				fps = append(fps, r)
			}
		}
		known := slices.Concat(c.ExpectFail, c.ExpectPass, c.Ambiguous, c.ExpectUnknown)
		for _, alts := range c.AcceptAlso {
			known = append(known, alts...)
		}
		for a := range failed {
			if !slices.Contains(known, a) {
				o.Extra = append(o.Extra, a)
			}
		}
		sort.Strings(o.Extra)
		o.Pass = o.FN == 0 && o.FP == 0
		var why []string
		if len(misses) > 0 {
			why = append(why, "missed "+strings.Join(misses, ", "))
		}
		if len(fps) > 0 {
			why = append(why, "false positive on "+strings.Join(fps, ", "))
		}
		o.Why = strings.Join(why, "; ")
	}
	return o
}

func addresses(fs []finding.Finding) []string {
	var out []string
	for _, f := range fs {
		if a := f.Resource.Identity(); !slices.Contains(out, a) {
			out = append(out, a)
		}
	}
	sort.Strings(out)
	return out
}
