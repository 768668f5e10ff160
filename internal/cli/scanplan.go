package cli

import (
	"context"
	"os"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/kansa-sec/kansa/internal/scan"
	"github.com/kansa-sec/kansa/scanners/plan"
)

func (e *env) scanPlanCommand() *cobra.Command {
	var (
		f         scanFlags
		sourceDir string
	)
	cmd := &cobra.Command{
		Use:   "plan PLAN.json",
		Short: "Scan a Terraform plan (terraform show -json plan.out)",
		Long: `Scan the JSON of a Terraform plan, as printed by
'terraform show -json plan.out', with the same checks as 'scan terraform'.

The plan's planned values of every module are judged. A value known only
after apply is unknown (it never passes or fails a check on its own, see
--strict-unknowns), unless the code leaves the attribute unset and the
provider computes it: then it reads as unset, as in the code.

Findings point at the .tf lines when the root module's files are in
--source-dir or next to the plan; otherwise at the plan file.`,
		Example: `  terraform plan -out plan.out && terraform show -json plan.out > plan.json
  kansa scan plan plan.json --source-dir . --sarif kansa.sarif`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return e.runPlan(cmd, args[0], sourceDir, &f)
		},
	}
	f.register(cmd)
	cmd.Flags().StringVar(&sourceDir, "source-dir", "", "root module `DIR` of the plan's .tf files, to point findings at lines (default: the plan's directory when it holds .tf files)")
	return cmd
}

func (e *env) runPlan(cmd *cobra.Command, planPath, sourceDir string, f *scanFlags) error {
	return f.runScan(cmd, func(ctx context.Context) error { return e.plan(ctx, planPath, sourceDir, f) })
}

func (e *env) plan(ctx context.Context, planPath, sourceDir string, f *scanFlags) error {
	log, err := e.logger(f.logLevel)
	if err != nil {
		return err
	}
	if sourceDir != "" {
		if info, err := os.Stat(sourceDir); err != nil || !info.IsDir() {
			return usageError("--source-dir %s: not a directory", sourceDir)
		}
	}
	cfgDir := sourceDir
	if cfgDir == "" {
		cfgDir = planPath
	}
	cfg, err := e.loadConfig(f.configFile, cfgDir)
	if err != nil {
		return &exitError{code: ExitError, err: err}
	}
	opts := e.scanOptions(f, cfg, log)
	eng, err := e.newEngine(ctx, f, cfg, log)
	if err != nil {
		return err
	}
	if unknown := scan.UnknownChecks(eng.Rules(), append(slices.Clone(opts.Only), opts.Skip...)); len(unknown) > 0 {
		return usageError("unknown check ID %s (see 'kansa policies list')", strings.Join(unknown, ", "))
	}
	res, err := scan.Plan(ctx, eng, planPath, plan.Options{SourceDir: sourceDir, Logger: log}, opts)
	if err != nil {
		return f.scanError(err)
	}
	if e.onResult != nil {
		return e.onResult(res)
	}
	return e.finish(f, cfg, res)
}
