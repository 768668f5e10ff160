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
	for _, c := range []*cobra.Command{list, show} {
		c.Flags().StringArrayVar(&policyDirs, "policy", nil, "also load custom Rego policies from `DIR` (repeatable)")
	}
	cmd.AddCommand(list, show)
	return cmd
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

func frameworkSummary(fw []finding.Framework) string {
	var parts []string
	for _, f := range fw {
		parts = append(parts, fmt.Sprintf("%s %s: %s", f.Name, f.Version, strings.Join(f.Controls, ", ")))
	}
	return strings.Join(parts, "; ")
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
