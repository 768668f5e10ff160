package scan

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/kansa-sec/kansa/internal/diag"
	"github.com/kansa-sec/kansa/internal/finding"
	"github.com/kansa-sec/kansa/internal/model"
	"github.com/kansa-sec/kansa/internal/waiver"
	"github.com/kansa-sec/kansa/policies/engine"
	"github.com/kansa-sec/kansa/scanners/terraform"
)

// Options select what a scan judges and how.
type Options struct {
	// Only and Skip filter checks by ID.
	Only, Skip []string
	// RequireAccountChecks judges account-scope checks on code too.
	RequireAccountChecks bool
	// StrictUnknowns reports unresolved values as low-severity unknown findings.
	StrictUnknowns bool
	// Waivers are the suppressions to apply.
	Waivers waiver.Options
	// Tool identifies kansa in the report.
	Tool finding.Tool
	// Logger receives diagnostics and progress; may be nil.
	Logger *slog.Logger
	// Redactor learns the scan's secrets and removes them from findings and
	// diagnostics; the caller may also route its logger through it. Nil: the
	// scan uses its own.
	Redactor *Redactor
}

// TerraformTarget is one directory or file to scan as a root module.
type TerraformTarget struct {
	// Path is the directory or .tf/.tf.json file as the user gave it.
	Path string
}

// Result is a finished scan.
type Result struct {
	// Report holds rules and findings for the writers.
	Report *finding.Report
	// Diagnostics are problems with the input; errors make the exit status 2.
	Diagnostics diag.Diagnostics
}

// Terraform scans each target as a Terraform root module and judges it.
// Problems with one target become diagnostics; the others are still scanned.
func Terraform(ctx context.Context, eng *engine.Engine, targets []TerraformTarget, tf terraform.Options, o Options) (*Result, error) {
	res := &Result{Report: &finding.Report{Tool: o.Tool}}
	o.Redactor = o.redactor()
	tf.Secret = o.Redactor.sink(tf.Secret)
	names := make([]string, 0, len(targets))
	for _, t := range targets {
		names = append(names, t.Path)
		fs, diags, err := terraformTarget(ctx, eng, t, tf, o)
		res.Diagnostics = append(res.Diagnostics, diags...)
		if err != nil {
			return nil, err
		}
		res.Report.Findings = append(res.Report.Findings, fs...)
	}
	if len(targets) == 1 {
		res.Report.Root = targets[0].Path
	}
	res.Report.Target = "terraform:" + strings.Join(names, ",")
	return res.finish(selectRules(eng.Rules(), o, model.ScopeCode), o.Redactor)
}

// finish completes a scan's report: the rules that ran, secrets redacted,
// findings and diagnostics in canonical order.
func (res *Result) finish(rules []finding.Rule, red *Redactor) (*Result, error) {
	res.Report.Rules = rules
	red.findings(res.Report.Findings)
	red.diagnostics(res.Diagnostics)
	finding.Sort(res.Report.Findings)
	res.Diagnostics.Sort()
	res.Report.Diagnostics = toRefs(res.Diagnostics)
	return res, nil
}

// redactor is o.Redactor, or a new one when the caller gave none.
func (o Options) redactor() *Redactor {
	if o.Redactor == nil {
		return NewRedactor()
	}
	return o.Redactor
}

// terraformTarget scans and judges one root module. Input problems are
// returned as diagnostics; err is only for cancellation or a broken engine.
func terraformTarget(ctx context.Context, eng *engine.Engine, t TerraformTarget, tf terraform.Options, o Options) ([]finding.Finding, diag.Diagnostics, error) {
	root, err := resolve(t.Path)
	if err != nil {
		return nil, diag.Diagnostics{{Severity: diag.Error, Summary: err.Error(), File: t.Path}}, nil
	}
	defer root.close()
	tfo, err := root.varFiles(tf)
	if err != nil {
		return nil, diag.Diagnostics{{Severity: diag.Error, Summary: err.Error()}}, nil
	}
	paths := []string{root.scanPath}
	if root.isDir {
		// A directory may hold many root modules (a monorepo of deployments).
		// One module cache for the whole tree: shared modules are parsed once.
		tfo.Modules = terraform.NewModuleCache()
		if paths, err = terraform.Roots(ctx, root.fsys, root.scanPath, tfo); err != nil {
			return nil, diag.Diagnostics{{Severity: diag.Error, Summary: fmt.Sprintf("find root modules in %s: %v", t.Path, err), File: t.Path}}, nil
		}
	}
	// Roots are independent: scan them concurrently, bounded by the CPUs,
	// each into its own slot; the caller sorts the findings canonically.
	type slot struct {
		findings []finding.Finding
		diags    diag.Diagnostics
	}
	slots := make([]slot, len(paths))
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(runtime.GOMAXPROCS(0))
	for i, p := range paths {
		g.Go(func() error {
			fs, diags, err := scanRoot(gctx, eng, root, p, tfo, o)
			slots[i] = slot{fs, diags}
			return err
		})
	}
	if err := g.Wait(); err != nil {
		return nil, nil, err
	}
	var fs []finding.Finding
	var diags diag.Diagnostics
	for _, s := range slots {
		fs = append(fs, s.findings...)
		diags = append(diags, s.diags...)
	}
	diags = append(diags, waiver.Apply(root.fsys, fs, o.Waivers)...)
	diags = relDiags(diags, root.relDir)
	for i := range fs {
		fs[i].Resource.File = relFile(fs[i].Resource.File, root.relDir)
		if s := fs[i].Suppression; s != nil && s.File != "" {
			s.File = relFile(s.File, root.relDir)
		}
	}
	return fs, diags, nil
}

// scanRoot scans and judges one root module at p inside root's fsys. Input
// problems are diagnostics; err is only for cancellation or a broken engine.
func scanRoot(ctx context.Context, eng *engine.Engine, root root, p string, tfo terraform.Options, o Options) ([]finding.Finding, diag.Diagnostics, error) {
	start := time.Now()
	state, diags, err := terraform.Scan(ctx, root.fsys, p, tfo)
	if ctxErr := ctx.Err(); ctxErr != nil {
		// Cancelled or past the deadline: the scan stops, it is not an input problem.
		return nil, diags, fmt.Errorf("scan %s: %w", p, ctxErr)
	}
	if err != nil {
		return nil, append(diags, diag.Diagnostic{Severity: diag.Error, Summary: fmt.Sprintf("scan %s: %v", p, err), File: p}), nil
	}
	fs, err := judge(ctx, eng, state, o)
	if err != nil {
		return nil, diags, err
	}
	if p != root.scanPath {
		// One of several roots under the scanned directory.
		for i := range fs {
			fs[i].Resource.Root = relFile(p, root.relDir)
		}
	}
	o.logger().Info("scanned terraform root", "path", p, "findings", len(fs), "elapsed", time.Since(start).Round(time.Millisecond))
	return fs, diags, nil
}

func (o Options) logger() *slog.Logger {
	if o.Logger == nil {
		return slog.New(slog.DiscardHandler)
	}
	return o.Logger
}

// judge evaluates state and keeps the findings the options ask for: an
// unknown only with --strict-unknowns, and then at low severity.
func judge(ctx context.Context, eng *engine.Engine, state *model.State, o Options) ([]finding.Finding, error) {
	all, err := evaluate(ctx, eng, state, o)
	if err != nil {
		return nil, err
	}
	out := all[:0]
	for _, f := range all {
		if f.Status == finding.StatusUnknown {
			if !o.StrictUnknowns {
				continue
			}
			f.Severity = finding.SeverityLow
		}
		out = append(out, f)
	}
	return out, nil
}

// evaluate returns the findings of the checks o selects for state's scope,
// unknowns included, each at its check's severity.
func evaluate(ctx context.Context, eng *engine.Engine, state *model.State, o Options) ([]finding.Finding, error) {
	all, err := eng.Evaluate(ctx, state)
	if err != nil {
		return nil, fmt.Errorf("evaluate policies: %w", err)
	}
	rules := map[string]bool{}
	for _, r := range selectRules(eng.Rules(), o, state.Scope) {
		rules[r.ID] = true
	}
	out := all[:0]
	for _, f := range all {
		if rules[f.CheckID] {
			out = append(out, f)
		}
	}
	return out, nil
}

// selectRules returns the rules that run under o on a scan of the given scope.
func selectRules(all []finding.Rule, o Options, scope model.Scope) []finding.Rule {
	var out []finding.Rule
	for _, r := range all {
		if len(o.Only) > 0 && !slices.Contains(o.Only, r.ID) {
			continue
		}
		if slices.Contains(o.Skip, r.ID) {
			continue
		}
		if r.Scope == finding.ScopeAccount && scope != model.ScopeAccount && !o.RequireAccountChecks {
			continue
		}
		out = append(out, r)
	}
	return out
}

// UnknownChecks returns the IDs in ids that no rule has, so the CLI can
// reject a typo in --only/--skip.
func UnknownChecks(rules []finding.Rule, ids []string) []string {
	var out []string
	for _, id := range ids {
		if !slices.ContainsFunc(rules, func(r finding.Rule) bool { return r.ID == id }) {
			out = append(out, id)
		}
	}
	return out
}

// root describes where a target lives: fsys is rooted at the working
// directory when the target is inside it (so modules in parent folders of
// the target stay reachable), else at the target's directory.
type root struct {
	base  string // the OS directory fsys is rooted at
	isDir bool   // the target is a directory (it may hold several root modules)
	// fsys is confined to base by os.Root: a symlink in a pull request that
	// points outside the tree (at CI credentials, say) cannot be followed.
	fsys     fs.FS
	osRoot   *os.Root
	scanPath string // the target inside fsys
	relDir   string // the scanned root directory inside fsys; reports are relative to it
}

func resolve(p string) (root, error) {
	info, err := os.Stat(p)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return root{}, fmt.Errorf("%s: no such file or directory", p)
		}
		return root{}, fmt.Errorf("%s: %w", p, err)
	}
	abs, err := filepath.Abs(p)
	if err != nil {
		return root{}, err
	}
	dir := abs
	if !info.IsDir() {
		dir = filepath.Dir(abs)
	}
	base := dir
	if cwd, err := os.Getwd(); err == nil {
		if rel, err := filepath.Rel(cwd, dir); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			base = cwd
		}
	}
	scanPath, _ := filepath.Rel(base, abs)
	relDir, _ := filepath.Rel(base, dir)
	r, err := os.OpenRoot(base)
	if err != nil {
		return root{}, fmt.Errorf("%s: %w", p, err)
	}
	return root{base: base, isDir: info.IsDir(), fsys: r.FS(), osRoot: r, scanPath: filepath.ToSlash(scanPath), relDir: filepath.ToSlash(relDir)}, nil
}

func (r root) close() {
	if r.osRoot != nil {
		_ = r.osRoot.Close()
	}
}

// varFiles turns --var-file OS paths into paths inside the root's fsys.
func (r root) varFiles(tf terraform.Options) (terraform.Options, error) {
	files := make([]string, 0, len(tf.VarFiles))
	for _, vf := range tf.VarFiles {
		abs, err := filepath.Abs(vf)
		if err != nil {
			return tf, fmt.Errorf("--var-file %s: %w", vf, err)
		}
		rel, err := filepath.Rel(r.base, abs)
		if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return tf, fmt.Errorf("--var-file %s is outside %s; run kansa from a directory that contains both", vf, r.base)
		}
		files = append(files, filepath.ToSlash(rel))
	}
	tf.VarFiles = files
	return tf, nil
}

// relFile makes an fsys-relative path relative to the scanned root dir.
func relFile(file, dir string) string {
	if file == "" || dir == "." || dir == "" {
		return file
	}
	if rel, ok := strings.CutPrefix(file, dir+"/"); ok {
		return rel
	}
	// A module outside the scanned root: climb out of dir.
	up := strings.Repeat("../", strings.Count(dir, "/")+1)
	return path.Clean(up + file)
}

func relDiags(ds diag.Diagnostics, dir string) diag.Diagnostics {
	for i := range ds {
		ds[i].File = relFile(ds[i].File, dir)
	}
	return ds
}

func toRefs(ds diag.Diagnostics) []finding.DiagnosticRef {
	out := make([]finding.DiagnosticRef, 0, len(ds))
	for _, d := range ds {
		msg := d.Summary
		if d.Detail != "" {
			msg += ": " + d.Detail
		}
		if d.Resource != "" {
			msg = d.Resource + ": " + msg
		}
		out = append(out, finding.DiagnosticRef{Severity: string(d.Severity), Message: msg, File: d.File, Line: d.Line, Column: d.Column})
	}
	return out
}
