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
	var verbose bool
	test := &cobra.Command{
		Use:   "test [DIR ...]",
		Short: "Run the Rego unit tests of the built-in policies and of custom policy DIRs",
		Long: `Run every test_* rule of the built-in policies' _test.rego files, and of the
_test.rego files in each DIR (custom policies, loaded like --policy). The exit
status is 1 when a test fails or errors.`,
		Example: `  kansa policies test
  kansa policies test ./my-policies -v`,
		RunE: func(cmd *cobra.Command, args []string) error {
			policyDirs = append(policyDirs, args...)
			eng, err := load(cmd)
			if err != nil {
				return err
			}
			results, err := eng.Test(cmd.Context())
			if err != nil {
				return &exitError{code: ExitError, err: err}
			}
			return writeTestResults(e.stdout, results, verbose)
		},
	}
	test.Flags().BoolVarP(&verbose, "verbose", "v", false, "list every test, not only failures")
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

func writeRuleTable(w io.Writer, rules []finding.Rule) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tSEVERITY\tSCOPE\tTITLE")
	for _, r := range rules {
		id := r.ID
		if r.Custom {
			id += " (custom)"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", id, r.Severity, r.Scope, r.Title)
	}
	return tw.Flush()
}

func writeRule(w io.Writer, r finding.Rule, cfg map[string]any) error {
	fmt.Fprintf(w, "%s — %s\n\n", r.ID, r.Title)
	fmt.Fprintf(w, "Severity:  %s\nScope:     %s\nJudges:    input.%s\n", r.Severity, r.Scope, r.Selector)
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
	if len(cfg) > 0 {
		keys := make([]string, 0, len(cfg))
		for k := range cfg {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		fmt.Fprintln(w, "\nParameters (data.kansa.config):")
		for _, k := range keys {
			b, _ := json.Marshal(cfg[k])
			fmt.Fprintf(w, "  %s: %s\n", k, b)
		}
	}
	return nil
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
