package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"runtime/debug"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/kansa-sec/kansa/internal/finding"
	"github.com/kansa-sec/kansa/internal/scan"
)

// Exit statuses, as documented in the README and cli.md.
const (
	// ExitOK: nothing at or above --fail-on.
	ExitOK = 0
	// ExitFindings: at least one unsuppressed finding at or above --fail-on.
	ExitFindings = 1
	// ExitError: the scan itself failed (bad flag, unreadable input, syntax error).
	ExitError = 2
)

// exitError carries an exit status through cobra.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string {
	if e.err == nil {
		return fmt.Sprintf("exit status %d", e.code)
	}
	return e.err.Error()
}

func (e *exitError) Unwrap() error { return e.err }

// usageError marks a problem with the command line (exit 2).
func usageError(format string, args ...any) error {
	return &exitError{code: ExitError, err: fmt.Errorf(format, args...)}
}

// env is what a command needs from its surroundings; tests replace it.
type env struct {
	stdout, stderr io.Writer
	getenv         func(string) string
	environ        []string
	now            func() time.Time
	version        string
	// stdoutTTY says whether stdout is a terminal (table and color by default).
	stdoutTTY bool
	// stderrTTY says whether stderr is a terminal (progress of live scans).
	stderrTTY bool
	// onResult, when set, replaces report writing after a scan (baseline create).
	onResult func(*scan.Result) error
	// awsRetry tunes the retries of 'scan aws' (tests shorten the backoff).
	awsRetry awsRetry
}

// Run executes kansa with args (without the program name) and returns the
// exit status. It is the whole program: main only adds signal handling.
func Run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	e := &env{
		stdout:    stdout,
		stderr:    stderr,
		getenv:    os.Getenv,
		environ:   os.Environ(),
		now:       time.Now,
		version:   version(),
		stdoutTTY: isTerminal(stdout),
		stderrTTY: isTerminal(stderr),
	}
	return e.run(ctx, args)
}

func (e *env) run(ctx context.Context, args []string) int {
	return e.execute(ctx, e.rootCommand(), args)
}

// execute runs root with args and maps its error to an exit status.
func (e *env) execute(ctx context.Context, root *cobra.Command, args []string) int {
	root.SetArgs(args)
	root.SetOut(e.stdout)
	root.SetErr(e.stderr)
	err := root.ExecuteContext(ctx)
	if err == nil {
		return ExitOK
	}
	var xe *exitError
	if errors.As(err, &xe) {
		if xe.err != nil {
			fmt.Fprintln(e.stderr, "kansa: "+xe.err.Error())
		}
		return xe.code
	}
	// cobra's own errors: unknown command or flag, wrong argument count.
	fmt.Fprintln(e.stderr, "kansa: "+err.Error())
	fmt.Fprintln(e.stderr, "Run 'kansa --help' for usage.")
	return ExitError
}

func (e *env) rootCommand() *cobra.Command {
	root := &cobra.Command{
		Use:   "kansa",
		Short: "Check that cloud accounts keep their audit logs and expose no SSH/RDP",
		Long: `kansa (監査, "audit") checks Terraform code, plans and live cloud accounts for
the logs an incident investigation needs — CloudTrail/ActionTrail trails, Config
recorders, VPC flow logs, log retention — and for SSH (22) or RDP (3389) open to
0.0.0.0/0 or ::/0. One set of Rego policies judges every source.

Reports go where you already look: SARIF for GitHub code scanning, JUnit XML for
CI test reports, JSON, and a terminal table.`,
		Example: `  # Check the Terraform root module in the current directory
  kansa scan terraform .

  # Pull-request check: SARIF for code scanning, JUnit for the CI test view,
  # fail only on high and critical findings
  kansa scan terraform infra/ --sarif kansa.sarif --junit kansa.xml --fail-on high

  # Nightly: a live AWS account, every enabled region, read-only
  kansa scan aws --profile audit --sarif aws.sarif --sarif-synthetic-locations

  # See the checks
  kansa policies list`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.CompletionOptions.HiddenDefaultCmd = true
	root.AddCommand(e.scanCommand(), e.policiesCommand(), e.baselineCommand(), e.versionCommand())
	return root
}

func (e *env) versionCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print kansa's version",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			fmt.Fprintf(e.stdout, "kansa %s\n", e.version)
			return nil
		},
	}
}

// tool identifies kansa in reports.
func (e *env) tool() finding.Tool {
	return finding.Tool{Name: "kansa", Version: e.version, InformationURI: "https://github.com/kansa-sec/kansa"}
}

// logger returns the diagnostics logger on stderr at the given level.
func (e *env) logger(level string) (*slog.Logger, error) {
	var l slog.Level
	if err := l.UnmarshalText([]byte(level)); err != nil {
		return nil, usageError("--log-level %q: want debug, info, warn or error", level)
	}
	return slog.New(slog.NewTextHandler(e.stderr, &slog.HandlerOptions{Level: l})), nil
}

func version() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return strings.TrimPrefix(bi.Main.Version, "v")
	}
	return "dev"
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}
