package scan

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/kansa-sec/kansa/internal/diag"
	"github.com/kansa-sec/kansa/internal/finding"
	"github.com/kansa-sec/kansa/internal/model"
	"github.com/kansa-sec/kansa/internal/waiver"
	"github.com/kansa-sec/kansa/policies/engine"
	"github.com/kansa-sec/kansa/scanners/plan"
)

// Plan scans the Terraform plan JSON at planPath (the output of
// `terraform show -json plan.out`) and judges it. po.SourceDir, when set, is
// an OS path to the root module's .tf files; findings then point at their
// lines and file paths are relative to it (else to the plan's directory).
// A file that is not a readable plan becomes an error diagnostic.
func Plan(ctx context.Context, eng *engine.Engine, planPath string, po plan.Options, o Options) (*Result, error) {
	log := o.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if po.Logger == nil {
		po.Logger = log
	}
	o.Redactor = o.redactor()
	po.Secret = o.Redactor.sink(po.Secret)
	res := &Result{Report: &finding.Report{Tool: o.Tool, Target: "plan:" + planPath}}
	finish := func() (*Result, error) {
		return res.finish(selectRules(eng.Rules(), o, model.ScopeCode), o.Redactor)
	}
	fail := func(file, format string, args ...any) (*Result, error) {
		res.Diagnostics = append(res.Diagnostics, diag.Diagnostic{Severity: diag.Error, Summary: fmt.Sprintf(format, args...), File: file})
		return finish()
	}
	root, err := resolve(planPath)
	if err != nil {
		return fail(planPath, "%v", err)
	}
	defer root.close()
	if info, err := os.Stat(planPath); err == nil && info.IsDir() {
		return fail(planPath, "%s is a directory; want the JSON of `terraform show -json plan.out`", planPath)
	}
	relDir := root.relDir
	res.Report.Root = filepath.ToSlash(filepath.Dir(planPath))
	if po.SourceDir != "" {
		abs, err := filepath.Abs(po.SourceDir)
		if err != nil {
			return fail(po.SourceDir, "--source-dir %s: %v", po.SourceDir, err)
		}
		rel, err := filepath.Rel(root.base, abs)
		if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return fail(po.SourceDir, "--source-dir %s is outside %s; run kansa from a directory that contains both the plan and the source", po.SourceDir, root.base)
		}
		res.Report.Root = po.SourceDir
		po.SourceDir = filepath.ToSlash(rel)
		relDir = po.SourceDir
	}
	start := time.Now()
	state, diags, err := plan.Scan(ctx, root.fsys, root.scanPath, po)
	res.Diagnostics = append(res.Diagnostics, relDiags(diags, relDir)...)
	if err != nil {
		return fail(planPath, "scan %s: %v", planPath, err)
	}
	if state == nil {
		return finish()
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	fs, err := judge(ctx, eng, state, o)
	if err != nil {
		return nil, err
	}
	res.Diagnostics = append(res.Diagnostics, relDiags(waiver.Apply(root.fsys, fs, o.Waivers), relDir)...)
	for i := range fs {
		fs[i].Resource.File = relFile(fs[i].Resource.File, relDir)
		if s := fs[i].Suppression; s != nil && s.File != "" {
			s.File = relFile(s.File, relDir)
		}
	}
	res.Report.Findings = fs
	log.Info("scanned terraform plan", "path", planPath, "findings", len(fs), "elapsed", time.Since(start).Round(time.Millisecond))
	return finish()
}
