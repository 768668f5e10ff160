package cli

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/kansa-sec/kansa/internal/baseline"
	"github.com/kansa-sec/kansa/internal/scan"
	jsonreport "github.com/kansa-sec/kansa/reports/json"
)

func (e *env) baselineCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "baseline",
		Short: "Record today's findings so pull requests fail only on new ones",
		Long: `A baseline records the findings a repository has today. A scan with
--baseline FILE reports findings recorded there with status "baseline" and
does not count them for the exit status, so adopting kansa on an existing
repository gates only what a pull request adds. Findings match by check ID
and Terraform address (or ARN), not by line: moving code does not resurrect
them, renaming a resource does.`,
	}
	create := e.scanTerraformCommand()
	create.Use = "create --output FILE [DIR|FILE ...]"
	create.Short = "Scan Terraform and write the failing findings as a baseline"
	create.Example = `  kansa baseline create --output .kansa-baseline.json .
  kansa scan terraform . --baseline .kansa-baseline.json --sarif kansa.sarif`
	var output string
	create.Flags().StringVar(&output, "output", "", "write the baseline to `FILE` (required)")
	run := create.RunE
	create.RunE = func(cmd *cobra.Command, args []string) error {
		if output == "" {
			return usageError("baseline create: --output FILE is required")
		}
		e.onResult = func(res *scan.Result) error {
			for _, d := range res.Diagnostics {
				fmt.Fprintln(e.stderr, d.String())
			}
			if res.Diagnostics.HasErrors() {
				return &exitError{code: ExitError, err: fmt.Errorf("not writing a baseline: the scan had errors")}
			}
			b := baseline.Filter(res.Report)
			if err := writeFile(output, func(w io.Writer) error { return jsonreport.Write(w, b) }); err != nil {
				return &exitError{code: ExitError, err: err}
			}
			fmt.Fprintf(e.stderr, "kansa: recorded %d finding(s) in %s\n", len(b.Findings), output)
			return nil
		}
		return run(cmd, args)
	}
	cmd.AddCommand(create)
	return cmd
}
