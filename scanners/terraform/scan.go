package terraform

import (
	"context"
	"fmt"
	"io/fs"
	"log/slog"
	"path"
	"strings"

	"github.com/hashicorp/hcl/v2"

	"github.com/kansa-sec/kansa/internal/diag"
	"github.com/kansa-sec/kansa/internal/model"
	"github.com/kansa-sec/kansa/scanners/terraform/internal/config"
	"github.com/kansa-sec/kansa/scanners/terraform/internal/eval"
)

// Options configure a scan.
type Options struct {
	Vars     []string     // --var values "k=v", in command-line order
	VarFiles []string     // --var-file paths, relative to fsys, in order
	Env      []string     // environment ("KEY=value"), read for TF_VAR_*
	Logger   *slog.Logger // may be nil
	Limits   Limits       // zero fields take the documented defaults
	// Modules, when set, shares parsed module directories with the other
	// Scan calls of one scan of a tree (see Roots and NewModuleCache).
	Modules *ModuleCache
	// Secret, when set, is called with every string value held by a
	// variable declared sensitive (root variables from defaults, variable
	// files, -var and TF_VAR_; child module variables as they are evaluated)
	// or passed to sensitive(), so the caller can keep them out of
	// everything it prints.
	Secret func(value string)
}

// Limits keep hostile or broken input from exhausting a scan. A zero field
// takes its default (the Default* constants); docs/limits.md documents them.
type Limits struct {
	// MaxFileSize is the largest .tf, .tf.json or .tfvars file parsed, in bytes.
	MaxFileSize int64
	// MaxNesting bounds how deeply brackets and unary operators nest in a file.
	MaxNesting int
	// MaxInstances bounds the instances one count or for_each expands to.
	MaxInstances int
	// MaxTotalInstances bounds resource and module instances of the whole scan.
	MaxTotalInstances int
	// MaxEvalDepth bounds how deeply references (locals, variables, outputs) nest.
	MaxEvalDepth int
}

// Default limits.
const (
	DefaultMaxFileSize       = config.MaxFileSize
	DefaultMaxNesting        = config.MaxNesting
	DefaultMaxInstances      = eval.DefaultMaxInstances
	DefaultMaxTotalInstances = eval.DefaultMaxTotalInstances
	DefaultMaxEvalDepth      = eval.DefaultMaxEvalDepth
)

func (l Limits) files() config.Limits {
	return config.Limits{MaxFileSize: l.MaxFileSize, MaxNesting: l.MaxNesting}
}

// Scan loads the root module at path (a directory, or a single .tf / .tf.json
// file which is then the whole root module) inside fsys, evaluates it with
// Terraform semantics and adapts it to the model.
//
// Input problems (syntax errors, cycles, missing module dirs) are returned as
// diagnostics with file:line:col while everything else is still scanned;
// error is only for a failure that prevents any scan (path does not exist /
// not readable). Variable files are applied before --var values.
func Scan(ctx context.Context, fsys fs.FS, p string, opts Options) (*model.State, diag.Diagnostics, error) {
	return scanTypes(ctx, fsys, p, opts, readsType)
}

// scanTypes is Scan evaluating the configuration of the resource types want
// accepts (nil: every type) and of whatever they refer to; tests compare it
// with a scan that evaluates everything.
func scanTypes(ctx context.Context, fsys fs.FS, p string, opts Options, want func(string) bool) (state *model.State, diags diag.Diagnostics, err error) {
	defer func() {
		// Nothing in the user's input may crash the scanner: a bug found by
		// odd input becomes an error instead of a panic.
		if r := recover(); r != nil {
			state, err = nil, fmt.Errorf("scan terraform %s: internal error: %v", p, r)
		}
	}()
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	p = CleanPath(p)
	fi, err := fs.Stat(fsys, p)
	if err != nil {
		return nil, nil, fmt.Errorf("scan terraform %s: %w", p, err)
	}
	var (
		mod    *config.Module
		hdiags hcl.Diagnostics
		dir    = p
	)
	if fi.IsDir() {
		// The root's own directory is called by no other root: take it out
		// of the shared cache rather than keep it for the whole scan.
		mod, hdiags, err = opts.Modules.cache().Take(fsys, p, opts.Limits.files())
	} else {
		dir = path.Dir(p)
		mod, hdiags, err = config.LoadFilesWithLimits(fsys, dir, []string{p}, opts.Limits.files())
	}
	if err != nil {
		return nil, nil, fmt.Errorf("scan terraform %s: %w", p, err)
	}
	if len(mod.Files) == 0 && !hdiags.HasErrors() {
		hdiags = append(hdiags, &hcl.Diagnostic{Severity: hcl.DiagWarning, Summary: "No Terraform files",
			Detail: p + " holds no .tf or .tf.json file", Subject: &hcl.Range{Filename: p}})
	}
	log.Debug("terraform root module loaded", "path", p, "files", len(mod.Files))
	vars, vdiags := eval.RootVariables(fsys, dir, mod, eval.VarSources{
		Vars: opts.Vars, VarFiles: opts.VarFiles, Env: opts.Env, AutoFiles: fi.IsDir(),
		Files: opts.Limits.files(),
	})
	hdiags = append(hdiags, vdiags...)
	if opts.Secret != nil {
		for name, decl := range mod.Variables {
			if v, ok := vars[name]; ok && decl.Sensitive {
				eval.EachString(v, opts.Secret)
			}
		}
	}
	ev := eval.New(ctx, fsys, dir, mod, vars)
	ev.SetModuleCache(opts.Modules.cache())
	if opts.Secret != nil {
		ev.SetSecretHook(opts.Secret)
	}
	ev.SetLimits(eval.Limits{
		MaxEvalDepth: opts.Limits.MaxEvalDepth, MaxInstances: opts.Limits.MaxInstances,
		MaxTotalInstances: opts.Limits.MaxTotalInstances, Files: opts.Limits.files(),
	})
	for _, d := range hdiags {
		ev.AddDiag(d)
	}
	insts := ev.Instances(want)
	log.Debug("terraform evaluated", "instances", len(insts))
	state = adapt(insts, ev.ProviderRegion)
	out := convertDiags(ev.Diagnostics())
	if err := ctx.Err(); err != nil {
		return state, out, fmt.Errorf("scan terraform %s: %w", p, err)
	}
	return state, out, nil
}

// CleanPath normalizes a path inside a scan's fs.FS: forward slashes, no
// "./" prefix, "." for the root. The plan scanner shares it.
func CleanPath(p string) string {
	p = strings.ReplaceAll(p, "\\", "/")
	p = path.Clean(p)
	p = strings.TrimPrefix(p, "./")
	if p == "" || p == "/" {
		return "."
	}
	return p
}

func convertDiags(hd hcl.Diagnostics) diag.Diagnostics {
	out := make(diag.Diagnostics, 0, len(hd))
	for _, d := range hd {
		sev := diag.Warning
		if d.Severity == hcl.DiagError {
			sev = diag.Error
		}
		dd := diag.Diagnostic{Severity: sev, Summary: d.Summary, Detail: d.Detail}
		if d.Subject != nil {
			dd.File = d.Subject.Filename
			dd.Line = d.Subject.Start.Line
			dd.Column = d.Subject.Start.Column
		}
		out = append(out, dd)
	}
	out.Sort()
	return out
}

// ModuleCache shares parsed module directories between the root modules of
// one scan of a tree: each directory is parsed once, however many roots call
// it. It is safe for concurrent use and bound to one file system.
type ModuleCache struct{ c *config.Cache }

// NewModuleCache returns an empty cache for one scan.
func NewModuleCache() *ModuleCache { return &ModuleCache{c: config.NewCache()} }

func (m *ModuleCache) cache() *config.Cache {
	if m == nil {
		return nil
	}
	return m.c
}
