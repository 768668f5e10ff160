package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/kansa-sec/kansa/internal/finding"
	"github.com/kansa-sec/kansa/policies/engine"
)

func (e *env) policiesCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "policies",
		Short: "List and inspect the checks",
	}
	var (
		format     string
		policyDirs []string
	)
	load := func(cmd *cobra.Command) (*engine.Engine, error) {
		eng, err := engine.New(cmd.Context(), engine.Options{Custom: policyDirs})
		if err != nil {
			return nil, &exitError{code: ExitError, err: fmt.Errorf("load policies: %w", err)}
		}
		return eng, nil
	}
	list := &cobra.Command{
		Use:   "list",
		Short: "List every check: ID, severity, scope, frameworks",
		Example: `  kansa policies list
  kansa policies list --format json --policy ./my-policies`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			eng, err := load(cmd)
			if err != nil {
				return err
			}
			switch format {
			case "json":
				return writeJSON(e.stdout, eng.Rules())
			case "table", "":
				return writeRuleTable(e.stdout, eng.Rules())
			default:
				return usageError("--format %q: want table or json", format)
			}
		},
	}
	list.Flags().StringVar(&format, "format", "table", "output format: table|json")
	show := &cobra.Command{
		Use:     "show ID",
		Short:   "Show one check: description, remediation, frameworks and parameters",
		Example: `  kansa policies show aws-sg-no-public-ssh`,
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			eng, err := load(cmd)
			if err != nil {
				return err
			}
			for _, r := range eng.Rules() {
				if r.ID == args[0] {
					return writeRule(e.stdout, r, eng.Config())
				}
			}
			return usageError("no check with ID %q (see 'kansa policies list')", args[0])
		},
	}
	var verbose, coverage bool
	test := &cobra.Command{
		Use:   "test [DIR ...]",
		Short: "Run the Rego unit tests of the built-in policies and of custom policy DIRs",
		Long: `Run every test_* rule of the built-in policies' _test.rego files, and of the
_test.rego files in each DIR (custom policies, loaded like --policy). The exit
status is 1 when a test fails or errors.

With --coverage, also print which lines of each policy file (tests excluded)
the tests evaluated, as ` + "`opa test --coverage`" + ` counts them: the percentage per
file and the line ranges no test reached.`,
		Example: `  kansa policies test
  kansa policies test ./my-policies -v
  kansa policies test --coverage`,
		RunE: func(cmd *cobra.Command, args []string) error {
			policyDirs = append(policyDirs, args...)
			eng, err := load(cmd)
			if err != nil {
				return err
			}
			rep, err := eng.TestWith(cmd.Context(), engine.TestOptions{Coverage: coverage})
			if err != nil {
				return &exitError{code: ExitError, err: err}
			}
			if rep.Coverage != nil {
				writeCoverage(e.stdout, rep.Coverage)
			}
			return writeTestResults(e.stdout, rep.Results, verbose)
		},
	}
	test.Flags().BoolVarP(&verbose, "verbose", "v", false, "list every test, not only failures")
	test.Flags().BoolVar(&coverage, "coverage", false, "report the lines of each policy file the tests evaluate")
	for _, c := range []*cobra.Command{list, show} {
		c.Flags().StringArrayVar(&policyDirs, "policy", nil, "also load custom Rego policies from `DIR` (repeatable)")
	}
	cmd.AddCommand(list, show, test)
	return cmd
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// frameworkColumn is the compact form of a check's frameworks for the list
// table: "cis-aws 5.0.0:3.1 6.0.0:4.1; pci-dss 4.0:10.5.1", or "-".
func frameworkColumn(fw []finding.Framework) string {
	var parts []string
	for i, f := range fw {
		entry := f.Version + ":" + strings.Join(f.Controls, ",")
		if i > 0 && fw[i-1].Name == f.Name {
			parts[len(parts)-1] += " " + entry
			continue
		}
		parts = append(parts, f.Name+" "+entry)
	}
	if len(parts) == 0 {
		return "-"
	}
	return strings.Join(parts, "; ")
}

func writeRuleTable(w io.Writer, rules []finding.Rule) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tSEVERITY\tSCOPE\tFRAMEWORKS\tSOURCE\tTITLE")
	for _, r := range rules {
		id := r.ID
		if r.Custom {
			id += " (custom)"
		}
		src := r.File
		if src == "" {
			src = "-"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", id, r.Severity, r.Scope, frameworkColumn(r.Frameworks), src, r.Title)
	}
	return tw.Flush()
}

// writeCoverage prints the coverage of every policy file and the line
// ranges no test evaluated, then the total.
func writeCoverage(w io.Writer, c *engine.Coverage) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "COVERAGE\tLINES\tFILE\tNOT COVERED")
	for _, f := range c.Files {
		var missed []string
		for _, r := range f.NotCovered {
			if r.Start == r.End {
				missed = append(missed, fmt.Sprintf("%d", r.Start))
			} else {
				missed = append(missed, fmt.Sprintf("%d-%d", r.Start, r.End))
			}
		}
		fmt.Fprintf(tw, "%.1f%%\t%d/%d\t%s\t%s\n", f.Percent, f.CoveredLines, f.CoveredLines+f.NotCoveredLines, f.File, strings.Join(missed, ", "))
	}
	_ = tw.Flush() // a failing writer fails the summary line below too; nothing to add here
	fmt.Fprintf(w, "coverage: %.1f%% (%d of %d lines in %d policy files)\n", c.Percent, c.CoveredLines, c.CoveredLines+c.NotCoveredLines, len(c.Files))
}

func writeRule(w io.Writer, r finding.Rule, cfg map[string]any) error {
	fmt.Fprintf(w, "%s — %s\n\n", r.ID, r.Title)
	judges := "input." + r.Selector
	if r.Selector == "" {
		judges = "the account as a whole (account scope: live scans, or --require-account-checks on code)"
	}
	fmt.Fprintf(w, "Severity:  %s\nScope:     %s\nJudges:    %s\n", r.Severity, r.Scope, judges)
	if len(r.Reads) > 0 {
		// What a live scan must be able to list for the check to be judged.
		fmt.Fprintf(w, "Reads:     input.%s\n", strings.Join(r.Reads, ", input."))
	}
	if r.File != "" {
		fmt.Fprintf(w, "Source:    %s\n", r.File)
	}
	if len(r.Frameworks) > 0 {
		fmt.Fprintln(w, "Frameworks:")
		for _, f := range r.Frameworks {
			fmt.Fprintf(w, "  %s %s: %s\n", f.Name, f.Version, strings.Join(f.Controls, ", "))
		}
	}
	fmt.Fprintf(w, "\n%s\n", strings.TrimSpace(r.Description))
	if r.Remediation != "" {
		fmt.Fprintf(w, "\nRemediation:\n%s\n", strings.TrimSpace(r.Remediation))
	}
	if params := effectiveParams(cfg, r.ID); len(params) > 0 {
		keys := make([]string, 0, len(params))
		for k := range params {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		fmt.Fprintln(w, "\nParameters (data.kansa.config, with this check's overrides from checks."+r.ID+"):")
		for _, k := range keys {
			b, _ := json.Marshal(params[k])
			fmt.Fprintf(w, "  %s: %s\n", k, b)
		}
	}
	return nil
}

// effectiveParams is what lib.setting(id, key) gives a check for every key
// of cfg: the parameter with cfg.checks[id][key] merged over it (objects
// merged key by key, anything else replaced). The checks map itself is left
// out.
func effectiveParams(cfg map[string]any, id string) map[string]any {
	out := map[string]any{}
	for k, v := range cfg {
		if k != "checks" {
			out[k] = v
		}
	}
	checks, _ := cfg["checks"].(map[string]any)
	own, _ := checks[id].(map[string]any)
	for k, v := range own {
		out[k] = mergeParam(out[k], v)
	}
	return out
}

func mergeParam(base, over any) any {
	b, ok1 := base.(map[string]any)
	o, ok2 := over.(map[string]any)
	if !ok1 || !ok2 {
		return over
	}
	m := make(map[string]any, len(b)+len(o))
	for k, v := range b {
		m[k] = v
	}
	for k, v := range o {
		m[k] = mergeParam(m[k], v)
	}
	return m
}

// writeTestResults prints failures (or every test with verbose) and a
// closing "N passed, N failed" line; it returns exit status 1 on failures.
func writeTestResults(w io.Writer, results []engine.TestResult, verbose bool) error {
	counts := map[string]int{}
	for _, r := range results {
		counts[r.Status]++
		if verbose || (r.Status != "pass" && r.Status != "skip") {
			fmt.Fprintf(w, "%-5s %s:%d %s.%s", strings.ToUpper(r.Status), r.File, r.Line, r.Package, r.Name)
			if r.Error != "" {
				fmt.Fprintf(w, ": %s", r.Error)
			}
			fmt.Fprintln(w)
			if r.Output != "" && r.Status != "pass" {
				fmt.Fprintf(w, "      %s\n", strings.ReplaceAll(strings.TrimSpace(r.Output), "\n", "\n      "))
			}
		}
	}
	fmt.Fprintf(w, "%d passed, %d failed, %d errors, %d skipped\n", counts["pass"], counts["fail"], counts["error"], counts["skip"])
	if counts["fail"]+counts["error"] > 0 {
		return &exitError{code: ExitFindings}
	}
	return nil
}
