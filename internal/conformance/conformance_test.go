package conformance

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/kansa-sec/kansa/internal/scan"
	"github.com/kansa-sec/kansa/internal/waiver"
	"github.com/kansa-sec/kansa/policies/engine"
	"github.com/kansa-sec/kansa/scanners/plan"
	"github.com/kansa-sec/kansa/scanners/terraform"
)

var update = flag.Bool("update", false, "rewrite testdata/conformance/score.md")

// knownGlob matches the files listing cases kansa knowingly does not pass,
// one "case-id<TAB>reason" per line (one file per area keeps edits apart).
const knownGlob = "../../testdata/conformance/known-differences*.txt"

// corpusDir finds ../shared/conformance beside the repository, or
// $KANSA_CONFORMANCE_DIR.
func corpusDir(t *testing.T) string {
	if d := os.Getenv("KANSA_CONFORMANCE_DIR"); d != "" {
		return d
	}
	d, err := filepath.Abs("../../../shared/conformance")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(d, "manifest.json")); err != nil {
		t.Skip("conformance corpus not found (../shared/conformance beside the repository, or set KANSA_CONFORMANCE_DIR); skipping")
	}
	return d
}

// loadKnown reads "case-id<TAB>reason" lines from every file of knownGlob.
func loadKnown(t *testing.T) map[string]string {
	out := map[string]string{}
	files, err := filepath.Glob(knownGlob)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(strings.NewReader(string(b)))
		for sc.Scan() {
			line := strings.TrimSpace(sc.Text())
			if line == "" || strings.HasPrefix(line, "#") {
				continue
			}
			id, reason, ok := strings.Cut(line, "\t")
			if !ok || strings.TrimSpace(reason) == "" {
				t.Fatalf("%s: %q: want case-id<TAB>reason", name, line)
			}
			out[id] = strings.TrimSpace(reason)
		}
	}
	return out
}

func TestConformance(t *testing.T) {
	dir := corpusDir(t)
	m, err := Load(filepath.Join(dir, "manifest.json"))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	eng, err := engine.New(ctx, engine.Options{})
	if err != nil {
		t.Fatal(err)
	}
	have := map[string]bool{}
	for _, r := range eng.Rules() {
		have[r.ID] = true
	}
	known := loadKnown(t)
	var outcomes []Outcome
	notRun := map[string]int{}
	for _, c := range m.Cases {
		if !have[c.Check] || (c.Scan != "terraform" && c.Scan != "plan") {
			notRun[c.Check]++
			continue
		}
		target := c.File
		if c.Source == "checkov" {
			target = c.Dir
		}
		opts := scan.Options{Only: []string{c.Check}, RequireAccountChecks: slices.Contains(c.RunFlags, "--require-account-checks"),
			Waivers: waiver.Options{Now: time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)}}
		var res *scan.Result
		if c.Scan == "plan" {
			res, err = scan.Plan(ctx, eng, filepath.Join(dir, target), plan.Options{}, opts)
		} else {
			res, err = scan.Terraform(ctx, eng, []scan.TerraformTarget{{Path: filepath.Join(dir, target)}}, terraform.Options{}, opts)
		}
		if err != nil {
			t.Errorf("%s: scan: %v", c.ID, err)
			continue
		}
		o := Score(c, res.Report.Findings)
		for _, d := range res.Diagnostics {
			if d.Severity == "error" {
				o.Errors = append(o.Errors, d.String())
			}
		}
		outcomes = append(outcomes, o)
	}
	seen := map[string]bool{}
	for _, o := range outcomes {
		seen[o.Case.ID] = true
		reason, listed := known[o.Case.ID]
		switch {
		case !o.Pass && !listed:
			t.Errorf("%s: %s (notes: %s)", o.Case.ID, o.Why, o.Case.Notes)
		case o.Pass && listed:
			t.Errorf("%s now passes: remove it from %s (was: %s)", o.Case.ID, knownGlob, reason)
		}
		if len(o.Extra) > 0 {
			t.Logf("%s: failing findings on addresses the case does not mention: %v", o.Case.ID, o.Extra)
		}
	}
	for id := range known {
		if !seen[id] {
			t.Logf("%s is listed in %s but was not run", id, knownGlob)
		}
	}
	report := summarize(outcomes, notRun, known)
	t.Log("\n" + report)
	if *update {
		if err := os.WriteFile("../../testdata/conformance/score.md", []byte(report), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// summarize renders per-check scores as Markdown.
func summarize(outcomes []Outcome, notRun map[string]int, known map[string]string) string {
	type agg struct {
		kicsCases, kicsPass, checkovCases, checkovPass int
		tp, fn, fp, exact, lenient, lines              int
	}
	by := map[string]*agg{}
	total, passed := 0, 0
	for _, o := range outcomes {
		a := by[o.Case.Check]
		if a == nil {
			a = &agg{}
			by[o.Case.Check] = a
		}
		total++
		if o.Pass {
			passed++
		}
		if o.Case.Source == "kics" {
			a.kicsCases++
			if o.Pass {
				a.kicsPass++
			}
		} else {
			a.checkovCases++
			if o.Pass {
				a.checkovPass++
			}
		}
		a.tp += o.TP
		a.fn += o.FN
		a.fp += o.FP
		a.exact += o.ExactLines
		a.lenient += o.LenientLines
		a.lines += o.ExpectedLines
	}
	checks := make([]string, 0, len(by))
	for c := range by {
		checks = append(checks, c)
	}
	sort.Strings(checks)
	var b strings.Builder
	fmt.Fprintf(&b, "# Conformance score\n\nGenerated by `go test ./internal/conformance -update` over ../shared/conformance.\n\n")
	fmt.Fprintf(&b, "**%d of %d cases pass** (%d listed as known differences in known-differences.txt).\n\n", passed, total, len(known))
	fmt.Fprintf(&b, "| check | KICS cases passed | Checkov cases passed | resource TP | FN | FP | precision | recall | KICS lines exact | lenient |\n|---|---|---|---|---|---|---|---|---|---|\n")
	for _, c := range checks {
		a := by[c]
		fmt.Fprintf(&b, "| `%s` | %d/%d | %d/%d | %d | %d | %d | %s | %s | %d/%d | %d/%d |\n", c, a.kicsPass, a.kicsCases, a.checkovPass, a.checkovCases,
			a.tp, a.fn, a.fp, ratio(a.tp, a.tp+a.fp), ratio(a.tp, a.tp+a.fn), a.exact, a.lines, a.lenient, a.lines)
	}
	if len(notRun) > 0 {
		ids := make([]string, 0, len(notRun))
		for c := range notRun {
			ids = append(ids, c)
		}
		sort.Strings(ids)
		fmt.Fprintf(&b, "\nNot run yet (check not implemented, or plan JSON input):\n\n")
		for _, c := range ids {
			fmt.Fprintf(&b, "- `%s`: %d case(s)\n", c, notRun[c])
		}
	}
	return b.String()
}

func ratio(a, b int) string {
	if b == 0 {
		return "–"
	}
	return fmt.Sprintf("%.2f", float64(a)/float64(b))
}
