package engine

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/storage"
	"github.com/open-policy-agent/opa/v1/storage/inmem"
	"github.com/open-policy-agent/opa/v1/topdown/print"

	"github.com/kansa-sec/kansa/internal/finding"
	"github.com/kansa-sec/kansa/policies"
)

// Options configures an Engine.
type Options struct {
	// Custom lists directories (OS paths) with extra .rego policies and their
	// _test.rego tests (--policy). Their packages must be under "kansa.".
	Custom []string
	// AllowNetworkBuiltins lets policies call http.send, net.lookup_ip_addr,
	// opa.runtime, json.verify_schema and json.match_schema
	// (--allow-network-builtins). Off by default so a policy
	// from a pull request cannot send CI secrets out.
	AllowNetworkBuiltins bool
	// Config holds user parameters, deep-merged over DefaultConfig into
	// data.kansa.config.
	Config map[string]any
	// Logger receives debug output (Rego print statements); nil discards it.
	Logger *slog.Logger
}

// Engine holds compiled policies and one prepared query. It is safe for
// concurrent use by several goroutines calling Evaluate.
type Engine struct {
	logger  *slog.Logger
	rules   []finding.Rule
	checks  []check
	query   *rego.PreparedEvalQuery
	config  map[string]any
	modules []module // every loaded module, tests included (for Test)
	caps    *ast.Capabilities
	// allowNetwork is Options.AllowNetworkBuiltins, for the test files
	// checked when Test first parses them (testsOnce, testsErr).
	allowNetwork bool
	testsOnce    sync.Once
	testsErr     error
	// compiler is kept to evaluate custom checks one by one when an
	// evaluation is cancelled (see runaway).
	compiler *ast.Compiler
}

// check is one evaluated check: its rule and the query variables bound to
// its deny and unknown sets ("" when the package defines no such rule).
type check struct {
	rule       finding.Rule
	path       ast.Ref // the package path, data.kansa...
	denyVar    string
	unknownVar string
	custom     bool // from a --policy directory
}

// Package path every policy package must live under.
const rootPackage = "kansa"

// New loads the built-in and custom policies, reads their METADATA, compiles
// them once and prepares the evaluation query once.
func New(ctx context.Context, opts Options) (*Engine, error) {
	start := time.Now()
	logger := opts.Logger
	if logger == nil {
		logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	defaults, err := defaultConfig(policies.FS())
	if err != nil {
		return nil, err
	}
	cfg, err := normalizeJSON(mergeConfig(defaults, opts.Config))
	if err != nil {
		return nil, err
	}
	mods, err := loadBuiltin()
	if err != nil {
		return nil, fmt.Errorf("load built-in policies: %w", err)
	}
	builtinPkgs := packages(mods)
	for _, dir := range opts.Custom {
		cm, err := loadCustom(dir)
		if err != nil {
			return nil, fmt.Errorf("load policies: %w", err)
		}
		for _, m := range cm {
			if m.test {
				continue // checked when the tests are run (Engine.tests)
			}
			if err := checkCustomPackage(m, builtinPkgs); err != nil {
				return nil, fmt.Errorf("load policies: %w", err)
			}
		}
		mods = append(mods, cm...)
	}
	if err := checkDuplicateNames(mods); err != nil {
		return nil, fmt.Errorf("load policies: %w", err)
	}
	e := &Engine{logger: logger, config: cfg, modules: mods, caps: capabilities(opts.AllowNetworkBuiltins), allowNetwork: opts.AllowNetworkBuiltins}
	if !opts.AllowNetworkBuiltins {
		for _, m := range mods {
			if m.test {
				continue
			}
			if err := checkNetworkBuiltins(m); err != nil {
				return nil, fmt.Errorf("load policies: %w", err)
			}
		}
	}
	if e.checks, err = findChecks(mods); err != nil {
		return nil, fmt.Errorf("load policies: %w", err)
	}
	for _, c := range e.checks {
		e.rules = append(e.rules, c.rule)
	}
	sort.Slice(e.rules, func(i, j int) bool { return e.rules[i].ID < e.rules[j].ID })

	compiler, err := e.compile(false)
	if err != nil {
		return nil, err
	}
	e.compiler = compiler
	if len(e.checks) == 0 {
		return e, nil
	}
	body := queryBody(e.checks)
	pq, err := rego.New(
		rego.ParsedQuery(body),
		rego.Compiler(compiler),
		rego.Store(e.store()),
		rego.StrictBuiltinErrors(false),
		rego.EnablePrintStatements(true),
		rego.PrintHook(printHook{logger}),
	).PrepareForEval(ctx)
	if err != nil {
		return nil, fmt.Errorf("prepare policy query: %w", err)
	}
	e.query = &pq
	logger.Debug("policies compiled", "checks", len(e.checks), "modules", len(mods), "custom_dirs", len(opts.Custom), "duration", time.Since(start))
	return e, nil
}

// queryBody binds each check's deny and unknown sets to its query variables.
func queryBody(checks []check) ast.Body {
	var body ast.Body
	for _, c := range checks {
		for _, v := range []struct{ name, rule string }{{c.denyVar, "deny"}, {c.unknownVar, "unknown"}} {
			if v.name == "" {
				continue
			}
			ref := c.path.Copy().Append(ast.StringTerm(v.rule))
			body = append(body, ast.Equality.Expr(ast.VarTerm(v.name), ast.NewTerm(ref)))
		}
	}
	for i, expr := range body {
		expr.Index = i
	}
	return body
}

// compile builds one compiler over every policy module (and the tests when
// withTests), Rego v1, strict, with the engine's capabilities.
func (e *Engine) compile(withTests bool) (*ast.Compiler, error) {
	c := e.newCompiler()
	if c.Compile(e.moduleMap(withTests)); c.Failed() {
		return nil, fmt.Errorf("compile policies: %w", explainCompileErrors(c.Errors))
	}
	return c, nil
}

// newCompiler is an empty compiler configured the one way kansa compiles Rego.
func (e *Engine) newCompiler() *ast.Compiler {
	return ast.NewCompiler().
		WithStrict(true).
		WithCapabilities(e.caps).
		WithEnablePrintStatements(true).
		WithDefaultRegoVersion(ast.RegoV1)
}

// packages returns the package names of the parsed built-in modules.
func packages(mods []module) map[string]bool {
	out := map[string]bool{}
	for _, m := range mods {
		if !m.custom && m.mod != nil {
			out[pkgName(m.mod)] = true
		}
	}
	return out
}

// tests parses the test files, once, and checks them as New checks the
// policies: custom tests in their own packages under kansa, and without
// network built-ins unless allowed.
func (e *Engine) tests() error {
	e.testsOnce.Do(func() {
		for i := range e.modules {
			if m := &e.modules[i]; m.test {
				if e.testsErr = m.parse(); e.testsErr != nil {
					return
				}
			}
		}
		builtin := packages(e.modules)
		for _, m := range e.modules {
			if !m.test {
				continue
			}
			if m.custom {
				if e.testsErr = checkCustomPackage(m, builtin); e.testsErr != nil {
					return
				}
			}
			if !e.allowNetwork {
				if e.testsErr = checkNetworkBuiltins(m); e.testsErr != nil {
					return
				}
			}
		}
	})
	return e.testsErr
}

// moduleMap returns copies of the loaded modules keyed by file name.
func (e *Engine) moduleMap(withTests bool) map[string]*ast.Module {
	in := map[string]*ast.Module{}
	for _, m := range e.modules {
		if m.test && !withTests {
			continue
		}
		in[m.name] = m.mod.Copy()
	}
	return in
}

// explainCompileErrors adds the --allow-network-builtins hint to undefined
// network built-ins (in case one is reached in a form the pre-check missed).
func explainCompileErrors(errs error) error {
	msg := errs.Error()
	for name, what := range networkBuiltins {
		if strings.Contains(msg, "undefined function "+name) {
			return fmt.Errorf("%w (%s %s and is disabled; rerun with --allow-network-builtins to allow it)", errs, name, what)
		}
	}
	return errs
}

func (e *Engine) store() storage.Store {
	return inmem.NewFromObject(map[string]any{rootPackage: map[string]any{"config": e.config}})
}

// Rules returns every check's metadata, sorted by ID.
func (e *Engine) Rules() []finding.Rule {
	out := make([]finding.Rule, len(e.rules))
	copy(out, e.rules)
	return out
}

// Config returns the effective data.kansa.config (a copy).
func (e *Engine) Config() map[string]any {
	c, err := normalizeJSON(e.config)
	if err != nil {
		return map[string]any{}
	}
	return c
}

// checkCustomPackage enforces that custom policies live under "kansa." and
// do not extend a built-in package or shadow data.kansa.config.
func checkCustomPackage(m module, builtin map[string]bool) error {
	name := pkgName(m.mod)
	where := locString(m.name, m.mod.Package.Location)
	path := m.mod.Package.Path
	if len(path) < 3 || path[1].Value.Compare(ast.String(rootPackage)) != 0 {
		return fmt.Errorf("%s: package %s: custom policies must be in a package under %q, e.g. package kansa.custom.my_check", where, name, rootPackage+".")
	}
	if path[2].Value.Compare(ast.String("config")) == 0 {
		return fmt.Errorf("%s: package %s: kansa.config holds the parameters (data.kansa.config); pick another package under kansa", where, name)
	}
	if builtin[name] {
		return fmt.Errorf("%s: package %s is a built-in package; custom policies need their own package, e.g. kansa.custom.my_check", where, name)
	}
	return nil
}

// checkDuplicateNames rejects two files with the same display name (the same
// directory given twice).
func checkDuplicateNames(mods []module) error {
	seen := map[string]bool{}
	for _, m := range mods {
		if seen[m.name] {
			return fmt.Errorf("%s loaded twice (is a --policy directory repeated?)", m.name)
		}
		seen[m.name] = true
	}
	return nil
}

// findChecks finds every package that defines deny or unknown, reads its
// METADATA and assigns query variables. Errors name file:line.
func findChecks(mods []module) ([]check, error) {
	type pkgInfo struct {
		first      module
		ann        *ast.Annotations
		annMod     module
		hasDeny    bool
		hasUnknown bool
	}
	pkgs := map[string]*pkgInfo{}
	var order []string
	for _, m := range mods {
		if m.test {
			continue
		}
		name := pkgName(m.mod)
		p := pkgs[name]
		if p == nil {
			p = &pkgInfo{first: m}
			pkgs[name] = p
			order = append(order, name)
		}
		if a := packageAnnotation(m.mod); a != nil {
			if p.ann != nil {
				return nil, fmt.Errorf("%s: package %s already has METADATA at %s", locString(m.name, a.Location), name, locString(p.annMod.name, p.ann.Location))
			}
			p.ann, p.annMod = a, m
		}
		for _, r := range m.mod.Rules {
			ref := r.Head.Ref()
			if len(ref) == 0 {
				continue
			}
			v, ok := ref[0].Value.(ast.Var)
			if !ok || (v != "deny" && v != "unknown") || len(r.Head.Args) != 0 {
				continue // functions of that name (kansa.lib.unknown) are helpers
			}
			if len(ref) != 1 || r.Head.RuleKind() != ast.MultiValue {
				return nil, fmt.Errorf("%s: %s must be a set of results: `%s contains result if { ... }`", locString(m.name, r.Location), v, v)
			}
			if v == "deny" {
				p.hasDeny = true
			} else {
				p.hasUnknown = true
			}
		}
	}
	var out []check
	byID := map[string]string{}
	for _, name := range order {
		p := pkgs[name]
		if !p.hasDeny && !p.hasUnknown {
			if p.ann != nil && p.ann.Custom["id"] != nil {
				return nil, fmt.Errorf("%s: package %s has custom.id but no deny or unknown rule", locString(p.annMod.name, p.ann.Location), name)
			}
			continue
		}
		if p.ann == nil {
			return nil, fmt.Errorf("%s: package %s defines deny/unknown but has no package METADATA (title, description, custom.id, custom.severity, custom.scope, custom.selector)", locString(p.first.name, p.first.mod.Package.Location), name)
		}
		rule, err := parseRule(p.annMod, p.ann)
		if err != nil {
			return nil, err
		}
		if prev, dup := byID[rule.ID]; dup {
			return nil, fmt.Errorf("%s: check ID %q is already used by %s", locString(p.annMod.name, p.ann.Location), rule.ID, prev)
		}
		byID[rule.ID] = locString(p.annMod.name, p.ann.Location)
		c := check{rule: rule, path: p.first.mod.Package.Path.Copy(), custom: p.first.custom}
		i := len(out)
		if p.hasDeny {
			c.denyVar = fmt.Sprintf("deny%d", i)
		}
		if p.hasUnknown {
			c.unknownVar = fmt.Sprintf("unknown%d", i)
		}
		out = append(out, c)
	}
	if err := validateSelectors(out); err != nil {
		return nil, err
	}
	setReads(out, mods)
	return out, nil
}

// printHook sends Rego print() output to the logger at debug level.
type printHook struct{ logger *slog.Logger }

var _ print.Hook = printHook{}

// Print implements print.Hook.
func (h printHook) Print(pctx print.Context, msg string) error {
	loc := ""
	if pctx.Location != nil {
		loc = pctx.Location.String()
	}
	h.logger.Debug("rego print", "location", loc, "msg", msg)
	return nil
}

// errNoResult means the prepared query was undefined, which a query made
// only of partial-set references cannot be unless OPA changes.
var errNoResult = errors.New("policy query returned no result")
