package eval

import (
	"io/fs"
	"path"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/ext/typeexpr"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"

	"github.com/kansa-sec/kansa/scanners/terraform/internal/config"
)

// VarSources are the places root variable values come from, besides defaults.
type VarSources struct {
	// Vars are -var "k=v" values in command-line order.
	Vars []string
	// VarFiles are -var-file paths (fsys-relative) in command-line order.
	VarFiles []string
	// Env is the environment, read for TF_VAR_name.
	Env []string
	// AutoFiles says whether terraform.tfvars(.json) and *.auto.tfvars(.json)
	// in dir are read (true when a directory is scanned).
	AutoFiles bool
	// Files bound the size and nesting of variable files.
	Files config.Limits
}

// RootVariables computes the raw value of every root variable that has one,
// in Terraform's precedence: default < TF_VAR_ environment < terraform.tfvars
// < terraform.tfvars.json < *.auto.tfvars(.json) in lexical order < -var-file
// < -var (files before single values, each in the given order). Type
// conversion happens when a variable is read.
func RootVariables(fsys fs.FS, dir string, mod *config.Module, src VarSources) (map[string]cty.Value, hcl.Diagnostics) {
	vals := map[string]cty.Value{}
	var diags hcl.Diagnostics
	for name, decl := range mod.Variables {
		if decl.Default == nil {
			continue
		}
		v, ds := decl.Default.Value(nil)
		if ds.HasErrors() {
			diags = append(diags, ds...)
			continue
		}
		vals[name] = v
	}
	for _, kv := range src.Env {
		k, v, ok := strings.Cut(kv, "=")
		if !ok || !strings.HasPrefix(k, "TF_VAR_") {
			continue
		}
		name := strings.TrimPrefix(k, "TF_VAR_")
		if decl, ok := mod.Variables[name]; ok {
			val, ds := parseRawVar(decl, v, "TF_VAR_"+name)
			diags = append(diags, ds...)
			vals[name] = val
		}
	}
	var files []string
	if src.AutoFiles {
		for _, n := range []string{"terraform.tfvars", "terraform.tfvars.json"} {
			if _, err := fs.Stat(fsys, path.Join(dir, n)); err == nil {
				files = append(files, path.Join(dir, n))
			}
		}
		entries, _ := fs.ReadDir(fsys, dir)
		var auto []string
		for _, e := range entries {
			if !e.IsDir() && (strings.HasSuffix(e.Name(), ".auto.tfvars") || strings.HasSuffix(e.Name(), ".auto.tfvars.json")) {
				auto = append(auto, path.Join(dir, e.Name()))
			}
		}
		sort.Strings(auto)
		files = append(files, auto...)
	}
	for _, f := range src.VarFiles {
		files = append(files, path.Clean(strings.TrimPrefix(f, "./")))
	}
	for _, f := range files {
		diags = append(diags, readVarFile(fsys, f, mod, vals, src.Files)...)
	}
	for _, kv := range src.Vars {
		k, v, ok := strings.Cut(kv, "=")
		if !ok {
			diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Invalid -var option", Detail: "expected name=value, got " + kv})
			continue
		}
		decl, ok := mod.Variables[k]
		if !ok {
			diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagWarning, Summary: "Value for undeclared variable", Detail: "-var sets " + k + ", which the root module does not declare"})
			continue
		}
		val, ds := parseRawVar(decl, v, "-var "+k)
		diags = append(diags, ds...)
		vals[k] = val
	}
	return vals, diags
}

// parseRawVar interprets a string from the environment or -var as Terraform
// does: literally for primitive (or absent) types, as an HCL expression otherwise.
func parseRawVar(decl *config.Variable, raw, what string) (cty.Value, hcl.Diagnostics) {
	if decl.TypeExpr != nil {
		ty, diags := typeexpr.TypeConstraint(decl.TypeExpr)
		if !diags.HasErrors() && !ty.IsPrimitiveType() && ty != cty.DynamicPseudoType {
			if _, ok := config.NestingOK([]byte(raw)); !ok {
				return cty.DynamicVal, hcl.Diagnostics{{Severity: hcl.DiagError, Summary: "Value nests too deeply", Detail: what}}
			}
			expr, ds := hclsyntax.ParseExpression([]byte(raw), what, hcl.InitialPos)
			if ds.HasErrors() {
				return cty.DynamicVal, ds
			}
			v, ds := expr.Value(nil)
			if ds.HasErrors() {
				return cty.DynamicVal, ds
			}
			return v, nil
		}
	}
	return cty.StringVal(raw), nil
}

func readVarFile(fsys fs.FS, name string, mod *config.Module, vals map[string]cty.Value, lim config.Limits) hcl.Diagnostics {
	f, diags := config.LoadVarFile(fsys, name, lim)
	if f == nil || diags.HasErrors() {
		return diags
	}
	attrs, ds := f.Body.JustAttributes()
	diags = append(diags, ds...)
	for n, a := range attrs {
		if _, ok := mod.Variables[n]; !ok {
			continue
		}
		v, ds := a.Expr.Value(nil)
		if ds.HasErrors() {
			diags = append(diags, ds...)
			vals[n] = cty.DynamicVal
			continue
		}
		vals[n] = v
	}
	return diags
}
