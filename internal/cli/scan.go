package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/kansa-sec/kansa/internal/baseline"
	"github.com/kansa-sec/kansa/internal/config"
	"github.com/kansa-sec/kansa/internal/diag"
	"github.com/kansa-sec/kansa/internal/finding"
	"github.com/kansa-sec/kansa/internal/scan"
	"github.com/kansa-sec/kansa/internal/waiver"
	"github.com/kansa-sec/kansa/policies/engine"
	jsonreport "github.com/kansa-sec/kansa/reports/json"
	"github.com/kansa-sec/kansa/reports/junit"
	"github.com/kansa-sec/kansa/reports/markdown"
	"github.com/kansa-sec/kansa/reports/sarif"
	"github.com/kansa-sec/kansa/reports/table"
	"github.com/kansa-sec/kansa/scanners/terraform"
)

// scanFlags are the flags common to every scan command.
type scanFlags struct {
	format               string
	sarifFile            string
	junitFile            string
	jsonFile             string
	failOn               string
	policyDirs           []string
	configFile           string
	only, skip           []string
	requireAccountChecks bool
	strictUnknowns       bool
	noInline             bool
	allowNetwork         bool
	logLevel             string
	baselineFile         string
	profile              string
	sarifRoot            string
	sarifCategory        string
	sarifSynthetic       bool
	timeout              time.Duration
	// live marks a live scan command, whose --profile is the cloud
	// credentials profile (the Go profile is --pprof there).
	live bool
}

// defaultTimeout bounds a whole scan unless --timeout says otherwise.
const defaultTimeout = 10 * time.Minute

var formats = []string{"table", "json", "sarif", "junit", "markdown"}

func (f *scanFlags) register(cmd *cobra.Command) {
	fl := cmd.Flags()
	fl.StringVar(&f.format, "format", "", "report written to stdout: "+strings.Join(formats, "|")+" (default table on a terminal, json otherwise)")
	fl.StringVar(&f.sarifFile, "sarif", "", "also write a SARIF 2.1.0 report to `FILE` (for GitHub code scanning)")
	fl.StringVar(&f.junitFile, "junit", "", "also write a JUnit XML report to `FILE` (for CI test reports)")
	fl.StringVar(&f.jsonFile, "json", "", "also write a JSON report to `FILE`")
	fl.StringVar(&f.failOn, "fail-on", "", "lowest `SEVERITY` that makes the exit status 1: low|medium|high|critical|none (default low)")
	fl.StringArrayVar(&f.policyDirs, "policy", nil, "extra Rego policies from `DIR` (repeatable), same annotations as the built-ins")
	fl.StringVar(&f.configFile, "config", "", "settings `FILE` (default .kansa.yaml in the scanned root, if present)")
	fl.StringArrayVar(&f.only, "only", nil, "run only this check `ID` (repeatable)")
	fl.StringArrayVar(&f.skip, "skip", nil, "do not run this check `ID` (repeatable)")
	fl.BoolVar(&f.requireAccountChecks, "require-account-checks", false, "judge account-scope checks (\"a trail must exist\") on the scanned code too")
	fl.BoolVar(&f.strictUnknowns, "strict-unknowns", false, "report values that could not be resolved as low-severity unknown findings")
	fl.BoolVar(&f.noInline, "no-inline-suppressions", false, "ignore kansa:ignore comments (config-file skips still apply)")
	fl.BoolVar(&f.allowNetwork, "allow-network-builtins", false, "let custom policies use http.send, net.lookup_ip_addr, opa.runtime and the JSON schema built-ins (which load $ref files and URLs)")
	fl.StringVar(&f.logLevel, "log-level", "warn", "diagnostic log level on stderr: debug|info|warn|error")
	fl.StringVar(&f.profile, "pprof", "", "write a Go profile of the scan: cpu=`FILE` or mem=FILE (for bug reports)")
	_ = fl.MarkHidden("pprof")
	if !f.live {
		fl.StringVar(&f.profile, "profile", "", "write a Go profile of the scan: cpu=`FILE` or mem=FILE (for bug reports; also --pprof)")
		_ = fl.MarkHidden("profile")
	}
	fl.StringVar(&f.sarifRoot, "sarif-root", "", "prefix SARIF file paths with `DIR` (the scanned directory relative to the repository root, when scanning a subdirectory)")
	fl.BoolVar(&f.sarifSynthetic, "sarif-synthetic-locations", false, "give SARIF results that have no file (live resources, account-scope checks) a synthetic path live/<provider>/<account>/<region>/<type>, as GitHub code scanning requires of every result")
	fl.StringVar(&f.sarifCategory, "sarif-category", "", "SARIF automationDetails category (default kansa/<target>), so several scans coexist in code scanning")
	fl.StringVar(&f.baselineFile, "baseline", "", "findings recorded in `FILE` (from 'kansa baseline create' or a JSON report) are reported as baseline and do not count")
	fl.DurationVar(&f.timeout, "timeout", defaultTimeout, "stop the whole scan after `DURATION` (exit status 2); 0 means no limit")
}

// withTimeout puts the scan under --timeout; 0 means none.
func (f *scanFlags) withTimeout(ctx context.Context) (context.Context, context.CancelFunc) {
	if f.timeout <= 0 {
		return context.WithCancel(ctx)
	}
	return context.WithTimeout(ctx, f.timeout)
}

// scanError maps an error that ended a scan to exit status 2, saying so
// plainly when the --timeout deadline was the cause.
func (f *scanFlags) scanError(err error) error {
	if errors.Is(err, context.DeadlineExceeded) {
		return &exitError{code: ExitError, err: fmt.Errorf("scan timed out after %s (--timeout): %w", f.timeout, err)}
	}
	return &exitError{code: ExitError, err: err}
}

func (e *env) scanCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "scan",
		Short: "Scan Terraform code, a plan or a live account for missing audit logs and exposed admin ports",
		Long: `Scan a source and judge it with every check: Terraform code (scan terraform),
a Terraform plan (scan plan), or a live AWS or Alibaba Cloud account
(scan aws, scan alicloud).

Exit status: 0 when nothing at or above --fail-on was found, 1 when something
was, 2 when the scan itself failed (bad flag, unreadable file, syntax error,
missing credentials, an API call a check needed that failed).
Findings suppressed with kansa:ignore comments or config-file skips are
reported but never counted.`,
	}
	cmd.AddCommand(e.scanTerraformCommand())
	cmd.AddCommand(e.scanPlanCommand())
	cmd.AddCommand(e.liveCommand(e.awsSpec()))
	cmd.AddCommand(e.liveCommand(e.alicloudSpec()))
	return cmd
}

func (e *env) scanTerraformCommand() *cobra.Command {
	var (
		f        scanFlags
		vars     []string
		varFiles []string
	)
	cmd := &cobra.Command{
		Use:   "terraform [DIR|FILE ...]",
		Short: "Scan Terraform root modules (HCL and .tf.json)",
		Long: `Scan Terraform root modules with Terraform's semantics: variables (defaults,
terraform.tfvars, *.auto.tfvars, --var-file, --var, TF_VAR_*), locals, count,
for_each, dynamic blocks, functions and local modules are evaluated, so a
security group built from a list of rule objects is judged like the plan would
be. Values that cannot be resolved are unknown: they never pass or fail a
check on their own (see --strict-unknowns).

Each argument is a root module directory, or a single .tf file scanned alone.
File paths in reports are relative to the scanned directory.`,
		Example: `  kansa scan terraform .
  kansa scan terraform infra/prod --var-file prod.tfvars --var region=eu-west-1
  kansa scan terraform . --format sarif > kansa.sarif
  kansa scan terraform . --sarif kansa.sarif --junit kansa.xml --json kansa.json --fail-on high`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				args = []string{"."}
			}
			return e.runTerraform(cmd, args, &f, vars, varFiles)
		},
	}
	f.register(cmd)
	cmd.Flags().StringArrayVar(&vars, "var", nil, "set a Terraform input variable: `NAME=VALUE` (repeatable)")
	cmd.Flags().StringArrayVar(&varFiles, "var-file", nil, "read Terraform input variables from `FILE` (repeatable)")
	return cmd
}

// runScan runs a scan command's body under --timeout and --profile.
func (f *scanFlags) runScan(cmd *cobra.Command, body func(ctx context.Context) error) (err error) {
	if f.timeout < 0 {
		return usageError("--timeout %s: want a duration >= 0", f.timeout)
	}
	ctx, cancel := f.withTimeout(cmd.Context())
	defer cancel()
	stopProfile, err := startProfile(f.profile)
	if err != nil {
		return err
	}
	defer func() {
		if perr := stopProfile(); perr != nil && err == nil {
			err = &exitError{code: ExitError, err: perr}
		}
	}()
	return body(ctx)
}

func (e *env) runTerraform(cmd *cobra.Command, args []string, f *scanFlags, vars, varFiles []string) error {
	return f.runScan(cmd, func(ctx context.Context) error { return e.terraform(ctx, args, f, vars, varFiles) })
}

func (e *env) terraform(ctx context.Context, args []string, f *scanFlags, vars, varFiles []string) error {
	log, err := e.logger(f.logLevel)
	if err != nil {
		return err
	}
	red := scan.NewRedactor()
	log = slog.New(red.Handler(log.Handler()))
	for _, v := range vars {
		if !strings.Contains(v, "=") {
			return usageError("--var %q: want NAME=VALUE", v)
		}
	}
	cfg, err := e.loadConfig(f.configFile, args[0])
	if err != nil {
		return &exitError{code: ExitError, err: err}
	}
	opts := e.scanOptions(f, cfg, log)
	opts.Redactor = red
	eng, err := e.newEngine(ctx, f, cfg, log)
	if err != nil {
		return err
	}
	if unknown := scan.UnknownChecks(eng.Rules(), append(slices.Clone(opts.Only), opts.Skip...)); len(unknown) > 0 {
		return usageError("unknown check ID %s (see 'kansa policies list')", strings.Join(unknown, ", "))
	}
	tfo := terraform.Options{Vars: vars, Env: e.environ, Logger: log}
	if cfg != nil {
		tfo.Limits = terraform.Limits(cfg.Limits)
	}
	for _, vf := range varFiles {
		if _, err := os.Stat(vf); err != nil {
			return usageError("--var-file %s: %v", vf, err)
		}
		tfo.VarFiles = append(tfo.VarFiles, vf)
	}
	targets := make([]scan.TerraformTarget, 0, len(args))
	for _, a := range args {
		targets = append(targets, scan.TerraformTarget{Path: a})
	}
	res, err := scan.Terraform(ctx, eng, targets, tfo, opts)
	if err != nil {
		return f.scanError(err)
	}
	if e.onResult != nil {
		return e.onResult(res)
	}
	return e.finish(f, cfg, res)
}

// loadConfig reads --config, or .kansa.yaml in the first scanned directory.
func (e *env) loadConfig(explicit, firstTarget string) (*config.File, error) {
	if explicit != "" {
		return config.Load(explicit)
	}
	dir := firstTarget
	if info, err := os.Stat(dir); err == nil && !info.IsDir() {
		dir = filepath.Dir(dir)
	}
	return config.LoadDefault(os.DirFS(dir), config.DefaultName)
}

func (e *env) scanOptions(f *scanFlags, cfg *config.File, log *slog.Logger) scan.Options {
	o := scan.Options{
		Only:                 f.only,
		Skip:                 f.skip,
		RequireAccountChecks: f.requireAccountChecks,
		StrictUnknowns:       f.strictUnknowns,
		Tool:                 e.tool(),
		Waivers:              waiver.Options{NoInline: f.noInline, Now: e.now()},
		Logger:               log,
	}
	if cfg != nil {
		o.Waivers.Skips = cfg.Skip
		if len(o.Only) == 0 {
			o.Only = cfg.Only
		}
		o.Skip = append(o.Skip, cfg.SkipChecks...)
	}
	return o
}

func (e *env) newEngine(ctx context.Context, f *scanFlags, cfg *config.File, log *slog.Logger) (*engine.Engine, error) {
	dirs := slices.Clone(f.policyDirs)
	var params map[string]any
	if cfg != nil {
		params = cfg.PolicyConfig()
		for _, d := range cfg.Policies {
			if !filepath.IsAbs(d) && cfg.Path != "" {
				d = filepath.Join(filepath.Dir(cfg.Path), d)
			}
			dirs = append(dirs, d)
		}
	}
	for _, d := range dirs {
		if info, err := os.Stat(d); err != nil || !info.IsDir() {
			return nil, usageError("--policy %s: not a directory", d)
		}
	}
	eng, err := engine.New(ctx, engine.Options{Custom: dirs, AllowNetworkBuiltins: f.allowNetwork, Config: params, Logger: log})
	if err != nil {
		return nil, &exitError{code: ExitError, err: fmt.Errorf("load policies: %w", err)}
	}
	return eng, nil
}

// finish writes the reports and decides the exit status.
func (e *env) finish(f *scanFlags, cfg *config.File, res *scan.Result) error {
	failOn := f.failOn
	if failOn == "" && cfg != nil {
		failOn = cfg.FailOn
	}
	if failOn == "" {
		failOn = "low"
	}
	threshold, err := finding.ParseSeverity(failOn)
	if err != nil {
		return usageError("--fail-on: %v", err)
	}
	format := f.format
	if format == "" {
		format = "json"
		if e.stdoutTTY {
			format = "table"
		}
	}
	if !slices.Contains(formats, format) {
		return usageError("--format %q: want one of %s", format, strings.Join(formats, ", "))
	}
	if f.baselineFile != "" {
		base, err := baseline.Load(f.baselineFile)
		if err != nil {
			return &exitError{code: ExitError, err: err}
		}
		base.Apply(res.Report.Findings)
	}
	for _, d := range res.Diagnostics {
		fmt.Fprintln(e.stderr, d.String())
	}
	for _, out := range []struct{ file, format string }{{f.sarifFile, "sarif"}, {f.junitFile, "junit"}, {f.jsonFile, "json"}} {
		if out.file == "" {
			continue
		}
		if err := writeFile(out.file, func(w io.Writer) error { return e.render(w, out.format, res.Report, threshold, f) }); err != nil {
			return &exitError{code: ExitError, err: err}
		}
	}
	if err := e.render(e.stdout, format, res.Report, threshold, f); err != nil {
		return &exitError{code: ExitError, err: err}
	}
	return exitFor(res.Diagnostics, res.Report.Findings, threshold)
}

// exitFor maps diagnostics and findings to the exit status.
func exitFor(diags diag.Diagnostics, fs []finding.Finding, threshold finding.Severity) error {
	if diags.HasErrors() {
		n := 0
		for _, d := range diags {
			if d.Severity == diag.Error {
				n++
			}
		}
		return &exitError{code: ExitError, err: fmt.Errorf("%d error(s) in the input; findings above cover what could be scanned", n)}
	}
	if n := countStatus(fs, finding.StatusError); n > 0 {
		return &exitError{code: ExitError, err: fmt.Errorf("%d check result(s) could not be evaluated (status error); findings above cover what could be read", n)}
	}
	for _, x := range fs {
		if x.Counts(threshold) {
			return &exitError{code: ExitFindings}
		}
	}
	return nil
}

func countStatus(fs []finding.Finding, s finding.Status) int {
	n := 0
	for _, f := range fs {
		if f.Status == s {
			n++
		}
	}
	return n
}

func (e *env) render(w io.Writer, format string, r *finding.Report, failOn finding.Severity, f *scanFlags) error {
	switch format {
	case "markdown":
		o := markdown.DefaultOptions()
		o.FailOn = failOn
		o.LinkBase = e.githubLinkBase(r.Root)
		return markdown.WriteOptions(w, r, o)
	case "sarif":
		return sarif.WriteOptions(w, r, sarif.Options{Root: f.sarifRoot, Category: f.sarifCategory, LiveArtifacts: f.sarifSynthetic})
	case "junit":
		return junit.Write(w, r)
	case "json":
		return jsonreport.Write(w, r)
	default:
		return table.Write(w, r, table.Options{Color: e.stdoutTTY && e.getenv("NO_COLOR") == ""})
	}
}

// writeFile renders into memory first so a failing writer leaves no
// half-written report behind.
func writeFile(name string, render func(io.Writer) error) error {
	var buf bytes.Buffer
	if err := render(&buf); err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	if dir := filepath.Dir(name); dir != "." {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return fmt.Errorf("write %s: %w", name, err)
		}
	}
	if err := os.WriteFile(name, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	return nil
}

// githubLinkBase returns, inside a GitHub Actions run, the blob URL of the
// scanned root at the checked-out commit, so that step-summary links open
// the file: finding paths are relative to the scanned root, which lies
// under the workspace ($GITHUB_WORKSPACE, else the working directory).
// Outside GitHub Actions, with several roots (root ""), or with a root
// outside the workspace it returns "" and links stay relative.
func (e *env) githubLinkBase(root string) string {
	server, repo, sha := e.getenv("GITHUB_SERVER_URL"), e.getenv("GITHUB_REPOSITORY"), e.getenv("GITHUB_SHA")
	if server == "" || repo == "" || sha == "" || root == "" {
		return ""
	}
	workspace := e.getenv("GITHUB_WORKSPACE")
	if workspace == "" {
		workspace = "."
	}
	dir, ok := relativeDir(workspace, root)
	if !ok {
		return ""
	}
	base := strings.TrimSuffix(server, "/") + "/" + repo + "/blob/" + sha + "/"
	if dir == "." {
		return base
	}
	for _, seg := range strings.Split(dir, "/") {
		base += url.PathEscape(seg) + "/"
	}
	return base
}

// relativeDir returns the directory of root (root itself, or the directory
// of a scanned file) relative to workspace, slash-separated, and false when
// it is not inside workspace.
func relativeDir(workspace, root string) (string, bool) {
	if info, err := os.Stat(root); err == nil && !info.IsDir() {
		root = filepath.Dir(root)
	}
	ws, err := realPath(workspace)
	if err != nil {
		return "", false
	}
	dir, err := realPath(root)
	if err != nil {
		return "", false
	}
	rel, err := filepath.Rel(ws, dir)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", false
	}
	return filepath.ToSlash(rel), true
}

// realPath is p made absolute with its symbolic links resolved, or only
// absolute when it cannot be resolved.
func realPath(p string) (string, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	if real, err := filepath.EvalSymlinks(abs); err == nil {
		return real, nil
	}
	return abs, nil
}
