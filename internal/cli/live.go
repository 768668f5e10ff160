package cli

import (
	"context"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/kansa-sec/kansa/internal/config"
	"github.com/kansa-sec/kansa/internal/scan"
)

// liveFlags are what every live scan command (scan aws, scan alicloud)
// adds to the common scan flags.
type liveFlags struct {
	scanFlags
	// profile is the cloud credentials profile (--profile).
	profile string
	// regions is "all" or a comma-separated list (--regions).
	regions string
	// endpointURL sends every API call to another endpoint (--endpoint-url).
	endpointURL string
	// callTimeout bounds each API call, retries included (--call-timeout).
	callTimeout time.Duration
	// parallel is how many regions are read at once (--parallel).
	parallel int
}

// defaultCallTimeout bounds one API call with its retries.
const defaultCallTimeout = 30 * time.Second

// liveConnect builds a live scanner's collector from the parsed flags. An
// error is a problem with the command line or the credentials (exit 2).
// progress, when not nil, is told of each finished region.
type liveConnect func(ctx context.Context, f *liveFlags, log *slog.Logger, progress func(done, total int, unit string)) (scan.Collector, error)

// liveSpec describes one live scan command.
type liveSpec struct {
	// cloud is the subcommand name and the report target prefix ("aws").
	cloud                string
	short, long, example string
	// regionsDefault is the --regions default ("all").
	regionsDefault string
	// extraFlags registers the cloud's own flags (--role-arn).
	extraFlags func(cmd *cobra.Command)
	connect    liveConnect
}

// liveCommand builds `kansa scan <cloud>` from spec.
func (e *env) liveCommand(spec liveSpec) *cobra.Command {
	f := &liveFlags{scanFlags: scanFlags{live: true}}
	cmd := &cobra.Command{
		Use:     spec.cloud,
		Short:   spec.short,
		Long:    spec.long,
		Example: spec.example,
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return f.runScan(cmd, func(ctx context.Context) error { return e.live(ctx, f, spec) })
		},
	}
	f.register(cmd)
	fl := cmd.Flags()
	fl.StringVar(&f.profile, "profile", "", "credentials `PROFILE` of the cloud's shared config files (default: the SDK's default chain)")
	fl.StringVar(&f.regions, "regions", spec.regionsDefault, "regions to read: all (every region the account has enabled) or a comma-separated `LIST`")
	fl.StringVar(&f.endpointURL, "endpoint-url", "", "send every API call to `URL` instead of the cloud's endpoints (an emulator, a proxy)")
	fl.DurationVar(&f.callTimeout, "call-timeout", defaultCallTimeout, "bound each API call, retries included, to `DURATION`; a call that takes longer leaves what it feeds not evaluated")
	fl.IntVar(&f.parallel, "parallel", 4, "read at most `N` regions at once")
	fl.BoolVar(&f.sarifLiveArtifacts, "sarif-live-artifacts", false, "give every SARIF result a synthetic file location (live/<provider>/<account>/<region>/<type>), which GitHub code scanning needs to accept the upload; the ARN stays the logical location")
	if spec.extraFlags != nil {
		spec.extraFlags(cmd)
	}
	return cmd
}

// live runs a live scan: connect, collect, judge, report.
func (e *env) live(ctx context.Context, f *liveFlags, spec liveSpec) error {
	log, err := e.logger(f.logLevel)
	if err != nil {
		return err
	}
	red := scan.NewRedactor()
	log = slog.New(red.Handler(log.Handler()))
	if f.parallel < 1 {
		return usageError("--parallel %d: want at least 1", f.parallel)
	}
	if f.callTimeout <= 0 {
		return usageError("--call-timeout %s: want a duration > 0", f.callTimeout)
	}
	var cfg *config.File
	if f.configFile != "" {
		if cfg, err = config.Load(f.configFile); err != nil {
			return &exitError{code: ExitError, err: err}
		}
	} else if cfg, err = e.loadConfig("", "."); err != nil {
		return &exitError{code: ExitError, err: err}
	}
	opts := e.scanOptions(&f.scanFlags, cfg, log)
	opts.Redactor = red
	eng, err := e.newEngine(ctx, &f.scanFlags, cfg, log)
	if err != nil {
		return err
	}
	if unknown := scan.UnknownChecks(eng.Rules(), append(slices.Clone(opts.Only), opts.Skip...)); len(unknown) > 0 {
		return usageError("unknown check ID %s (see 'kansa policies list')", strings.Join(unknown, ", "))
	}
	collector, err := spec.connect(ctx, f, log, e.progress(spec.cloud, f.logLevel))
	if err != nil {
		return &exitError{code: ExitError, err: fmt.Errorf("scan %s: %w", spec.cloud, err)}
	}
	res, err := scan.Live(ctx, eng, collector, opts)
	if err != nil {
		return f.scanError(err)
	}
	if e.onResult != nil {
		return e.onResult(res)
	}
	return e.finish(&f.scanFlags, cfg, res)
}

// progress returns a reporter of finished regions on stderr when someone is
// watching (a terminal, or --log-level info or debug); nil otherwise, so CI
// logs stay quiet.
func (e *env) progress(cloud, level string) func(done, total int, unit string) {
	var l slog.Level
	_ = l.UnmarshalText([]byte(level))
	if !e.stderrTTY && l > slog.LevelInfo {
		return nil
	}
	return func(done, total int, unit string) {
		fmt.Fprintf(e.stderr, "kansa: %s: %d/%d read (%s)\n", cloud, done, total, unit)
	}
}
